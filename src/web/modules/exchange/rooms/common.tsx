import { Button, Group, Text } from "@mantine/core";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { ClientMessage } from "../../../../shared/exchangeLive.ts";

/** What every room gets from the session page. */
export type RoomProps<View> = {
  view: View;
  send: (action: ClientMessage) => void;
  me: string;
  nameOf: (id: string) => string;
  /** Pre-fills the harvest form (a takeaway, a card, a note). */
  onHarvest: (text: string) => void;
  /** Takes over facilitation: in the room and on the session. */
  onFacilitate: () => void;
};

/** The phases of a room as an ordered list, the current one marked. */
export const PhaseSteps = memo(function PhaseSteps({
  phases,
  current,
  label,
  textOf,
}: {
  phases: readonly string[];
  current: string;
  label: string;
  textOf: (phase: string) => string;
}) {
  const index = phases.indexOf(current);
  return (
    <ol className="exchange-phases" aria-label={label}>
      {phases.map((phase, i) => (
        <li
          key={phase}
          aria-current={phase === current ? "step" : undefined}
          className={phase === current ? "current" : i < index || current === "closed" ? "done" : undefined}
        >
          {textOf(phase)}
        </li>
      ))}
    </ol>
  );
});

/** Who facilitates the room, and the way for anyone to take it over. */
export const FacilitatorLine = memo(function FacilitatorLine({
  facilitatorId,
  me,
  nameOf,
  onFacilitate,
  closed,
}: {
  facilitatorId: string | null;
  me: string;
  nameOf: (id: string) => string;
  onFacilitate: () => void;
  closed: boolean;
}) {
  const { t } = useTranslation("exchange");
  return (
    <Group gap="sm" wrap="wrap">
      <Text size="sm">
        {facilitatorId === me
          ? t("exchange:live.youFacilitate")
          : facilitatorId
            ? t("exchange:live.facilitatedBy", { name: nameOf(facilitatorId) })
            : t("exchange:live.noFacilitator")}
      </Text>
      {facilitatorId !== me && !closed && (
        <Button size="xs" variant="light" onClick={onFacilitate}>
          {t("exchange:live.facilitate")}
        </Button>
      )}
    </Group>
  );
});
