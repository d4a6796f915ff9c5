import "./insights.css";
import "./i18n.ts";
import { Navigate, Route, Routes } from "react-router";
import { BetaCheckListPage } from "./BetaCheckListPage.tsx";
import { BetaCheckPage } from "./BetaCheckPage.tsx";
import { InsightsPage } from "./InsightsPage.tsx";
import { MeasuredPage } from "./MeasuredPage.tsx";

/** The insights area below /insights: the organisation's and each cell's figures, the Beta check, and what is measured. */
export function InsightsRoutes() {
  return (
    <Routes>
      <Route index element={<InsightsPage />} />
      <Route path="cells/:cellId" element={<InsightsPage />} />
      <Route path="beta-check" element={<BetaCheckListPage />} />
      <Route path="beta-check/:checkId" element={<BetaCheckPage />} />
      <Route path="measured" element={<MeasuredPage />} />
      <Route path="*" element={<Navigate to="/insights" replace />} />
    </Routes>
  );
}
