import { Center, Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes } from "react-router";
import { CustomersRoutes } from "./modules/customers/CustomersRoutes.tsx";
import { DecisionsRoutes } from "./modules/decisions/DecisionsRoutes.tsx";
import { ExchangeRoutes } from "./modules/exchange/ExchangeRoutes.tsx";
import { InsightsRoutes } from "./modules/insights/InsightsRoutes.tsx";
import { LibraryRoutes } from "./modules/library/LibraryRoutes.tsx";
import { AuditPage } from "./modules/org/AuditPage.tsx";
import { CellDetailPage } from "./modules/org/CellDetailPage.tsx";
import { CellMapPage } from "./modules/org/CellMapPage.tsx";
import { CellsPage } from "./modules/org/CellsPage.tsx";
import { PeoplePage } from "./modules/org/PeoplePage.tsx";
import { PersonPage, ProfileRedirect } from "./modules/org/PersonPage.tsx";
import { SettingsPage } from "./modules/org/SettingsPage.tsx";
import { SystemRoutes } from "./modules/system/SystemRoutes.tsx";
import { AcceptInvitationPage } from "./platform/AcceptInvitationPage.tsx";
import { ConfirmResetPage, RequestResetPage } from "./platform/ResetPasswordPages.tsx";
import { StartPage } from "./platform/StartPage.tsx";
import { ServerUnavailable } from "./ui/ServerUnavailable.tsx";
import { Shell } from "./ui/Shell.tsx";
import { useSessionQuery } from "./ui/session.tsx";

export function AppRoutes() {
  const session = useSessionQuery();
  const { t } = useTranslation();

  if (session.isPending) {
    return (
      <Center h="100vh" component="main">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (session.isError) return <ServerUnavailable error={session.error} onRetry={() => session.refetch()} />;

  return (
    <Routes>
      <Route path="/invite/:token" element={<AcceptInvitationPage />} />
      <Route path="/reset-password" element={<RequestResetPage />} />
      <Route path="/reset-password/:token" element={<ConfirmResetPage />} />
      {session.data ? (
        <Route element={<Shell />}>
          <Route index element={<CellMapPage />} />
          <Route path="map" element={<CellMapPage />} />
          <Route path="people" element={<PeoplePage />} />
          <Route path="people/:personId" element={<PersonPage />} />
          <Route path="profile" element={<ProfileRedirect />} />
          <Route path="cells" element={<CellsPage />} />
          <Route path="cells/:cellId" element={<CellDetailPage />} />
          <Route path="customers/*" element={<CustomersRoutes />} />
          <Route path="decisions/*" element={<DecisionsRoutes />} />
          <Route path="exchange/*" element={<ExchangeRoutes />} />
          <Route path="insights/*" element={<InsightsRoutes />} />
          <Route path="library/*" element={<LibraryRoutes />} />
          <Route path="system/*" element={<SystemRoutes />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      ) : (
        <>
          <Route path="/sign-in" element={<StartPage signIn />} />
          <Route path="*" element={<StartPage />} />
        </>
      )}
    </Routes>
  );
}
