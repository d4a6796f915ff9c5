import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ObstacleStatus, RequestStatus } from "../../../shared/system.ts";

// Outline badges print their text in this colour on white: each shade keeps at least 4.5:1.
const COLOURS: Record<ObstacleStatus | RequestStatus, string> = {
  raised: "red.9",
  takenUp: "blue.9",
  changed: "teal.9",
  declined: "gray.8",
  requested: "red.9",
  accepted: "blue.9",
  delivered: "teal.9",
};

export function StatusBadge({ status }: { status: ObstacleStatus | RequestStatus }) {
  const { t } = useTranslation("system");
  return (
    <Badge variant="outline" color={COLOURS[status]} tt="none">
      {t(`system:status.${status}`)}
    </Badge>
  );
}
