import "./customers.css";
import "./i18n.ts";
import { Navigate, Route, Routes } from "react-router";
import { AccountPage } from "./AccountPage.tsx";
import { AccountsPage } from "./AccountsPage.tsx";
import { BoardPage } from "./BoardPage.tsx";
import { CustomerSettingsPage } from "./CustomerSettingsPage.tsx";
import { DealPage } from "./DealPage.tsx";
import { DealsPage } from "./DealsPage.tsx";
import { ExportPage } from "./export/ExportPage.tsx";
import { ImportPage } from "./ImportPage.tsx";
import { OfferEditorPage } from "./OfferEditorPage.tsx";
import { OfferPrintPage } from "./OfferPrintPage.tsx";

/** The customers area below /customers: board, lists, account, deal, offer, settings, import, export. */
export function CustomersRoutes() {
  return (
    <Routes>
      <Route index element={<BoardPage />} />
      <Route path="deals" element={<DealsPage />} />
      <Route path="deals/:dealId" element={<DealPage />} />
      <Route path="accounts" element={<AccountsPage />} />
      <Route path="accounts/:accountId" element={<AccountPage />} />
      <Route path="offers/:offerId" element={<OfferEditorPage />} />
      <Route path="offers/:offerId/print" element={<OfferPrintPage />} />
      <Route path="settings" element={<CustomerSettingsPage />} />
      <Route path="import" element={<ImportPage />} />
      <Route path="export" element={<ExportPage />} />
      <Route path="*" element={<Navigate to="/customers" replace />} />
    </Routes>
  );
}
