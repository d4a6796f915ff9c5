import "./platform/zodWithoutEval.ts";
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./ui/app.css";
import "./i18n/i18n.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
