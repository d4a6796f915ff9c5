import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ObstacleStatus, RequestStatus } from "../../../shared/system.ts";

// Dark shades keep 4.5:1 against their light badge backgrounds.
const COLOURS: Record<ObstacleStatus | RequestStatus, string> = {
  raised: "orange.9",
  takenUp: "blue.9",
  changed: "green.9",
  declined: "gray.8",
  requested: "orange.9",
  accepted: "blue.9",
  delivered: "green.9",
};

export function StatusBadge({ status }: { status: ObstacleStatus | RequestStatus }) {
  const { t } = useTranslation("system");
  return (
    <Badge variant="outline" color={COLOURS[status]} tt="none">
      {t(`system:status.${status}`)}
    </Badge>
  );
}
