import { Button, Group, Text, Textarea, TextInput } from "@mantine/core";
import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ClientMessage } from "../../../../shared/exchangeLive/protocol.ts";

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

/**
 * The rooms' one-field form: sends the trimmed text, never an empty one, and (with `clear`) starts
 * empty again for the next note, card or takeaway. `size="xs"` fits inside a topic card.
 */
export function SendTextForm({
  label,
  submit,
  initial = "",
  max,
  multiline,
  clear,
  size,
  formLabel,
  onSend,
}: {
  label: string;
  submit: string;
  initial?: string;
  max: number;
  multiline?: boolean;
  clear?: boolean;
  size?: "xs";
  /** Names the form itself (a landmark) where the page has several. */
  formLabel?: string;
  onSend: (text: string) => void;
}) {
  const [text, setText] = useState(initial);
  const Field = multiline ? Textarea : TextInput;
  return (
    <form
      aria-label={formLabel}
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim()) return;
        onSend(text.trim());
        if (clear) setText("");
      }}
    >
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Field
          flex={1}
          miw={size ? 160 : 220}
          size={size}
          label={label}
          maxLength={max}
          value={text}
          onChange={(event: { currentTarget: { value: string } }) => setText(event.currentTarget.value)}
          {...(multiline ? { autosize: true, minRows: 1 } : {})}
        />
        <Button size={size} type="submit" disabled={!text.trim()}>
          {submit}
        </Button>
      </Group>
    </form>
  );
}
