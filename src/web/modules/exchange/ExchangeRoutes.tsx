import "./exchange.css";
import "./i18n.ts";
import { Navigate, Route, Routes } from "react-router";
import { EditFormatPage, NewFormatPage } from "./FormatFormPage.tsx";
import { FormatPage } from "./FormatPage.tsx";
import { FormatsPage } from "./FormatsPage.tsx";
import { SessionPage } from "./SessionPage.tsx";

/** The exchange area below /exchange: formats, one format, its sessions' live rooms. */
export function ExchangeRoutes() {
  return (
    <Routes>
      <Route index element={<FormatsPage />} />
      <Route path="new" element={<NewFormatPage />} />
      <Route path="formats/:formatId" element={<FormatPage />} />
      <Route path="formats/:formatId/edit" element={<EditFormatPage />} />
      <Route path="sessions/:sessionId" element={<SessionPage />} />
      <Route path="*" element={<Navigate to="/exchange" replace />} />
    </Routes>
  );
}
