import "./system.css";
import "./i18n.ts";
import { Anchor, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate, NavLink, Route, Routes } from "react-router";
import { ConditionsPage } from "./ConditionsPage.tsx";
import { ObstacleBoardPage } from "./ObstacleBoardPage.tsx";
import { ObstaclePage } from "./ObstaclePage.tsx";
import { RequestPage } from "./RequestPage.tsx";
import { ServicePage } from "./ServicePage.tsx";
import { ServicesPage } from "./ServicesPage.tsx";

/** The system area below /system: the obstacle board, the service catalogue, the framework conditions. */
export function SystemRoutes() {
  return (
    <Routes>
      <Route index element={<ObstacleBoardPage />} />
      <Route path="obstacles/:obstacleId" element={<ObstaclePage />} />
      <Route path="services" element={<ServicesPage />} />
      <Route path="services/:serviceId" element={<ServicePage />} />
      <Route path="requests/:requestId" element={<RequestPage />} />
      <Route path="conditions" element={<ConditionsPage />} />
      <Route path="*" element={<Navigate to="/system" replace />} />
    </Routes>
  );
}

export function SystemNav() {
  const { t } = useTranslation("system");
  const links = [
    { to: "/system", label: t("system:nav.board"), end: true },
    { to: "/system/services", label: t("system:nav.services"), end: false },
    { to: "/system/conditions", label: t("system:nav.conditions"), end: false },
  ];
  return (
    <Group gap="md" component="nav" aria-label={t("system:nav.label")}>
      {links.map((link) => (
        <Anchor key={link.to} component={NavLink} to={link.to} end={link.end} className="system-nav-link">
          {link.label}
        </Anchor>
      ))}
    </Group>
  );
}
