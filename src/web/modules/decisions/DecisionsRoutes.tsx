import "./decisions.css";
import "./i18n.ts";
import { Navigate, Route, Routes } from "react-router";
import { DecisionLogPage } from "./DecisionLogPage.tsx";
import { DecisionSettingsPage } from "./DecisionSettingsPage.tsx";
import { NewProposalPage } from "./NewProposalPage.tsx";
import { ProposalPage } from "./ProposalPage.tsx";
import { ReviewsDuePage } from "./ReviewsDuePage.tsx";

/** The decisions area below /decisions: the open log, a new proposal, one proposal, reviews due. */
export function DecisionsRoutes() {
  return (
    <Routes>
      <Route index element={<DecisionLogPage />} />
      <Route path="new" element={<NewProposalPage />} />
      <Route path="reviews" element={<ReviewsDuePage />} />
      <Route path="settings" element={<DecisionSettingsPage />} />
      <Route path=":proposalId" element={<ProposalPage />} />
      <Route path="*" element={<Navigate to="/decisions" replace />} />
    </Routes>
  );
}
