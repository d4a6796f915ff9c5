import { Badge, Button, Card, Checkbox, Group, List, MultiSelect, Stack, Text, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AskInput, Proposal } from "../../../shared/decisions/proposals.ts";
import { pageItems } from "../../ui/paged.tsx";
import { useAllCells, usePeople } from "../org/queries.ts";
import { formatInZone } from "./format.ts";
import { useDecisionSettings, useSuggestions } from "./queries.ts";
import { useProposalAction } from "./useProposalAction.ts";

/** When the advice window closes, in the organisation's time zone, and whether the decider may decide. */
export function AdviceWindow({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const settings = useDecisionSettings();
  const when = formatInZone(proposal.adviceWindowClosesAt, settings.data?.timeZone);
  const mayDecide = !proposal.windowOpen || proposal.allAnswered;
  return (
    <Card withBorder component="section" aria-labelledby="advice-window">
      <Title order={2} size="h3" id="advice-window" mb="xs">
        {t("decisions:window.title")}
      </Title>
      <Text>
        {proposal.windowOpen
          ? t("decisions:window.open", { date: when })
          : t("decisions:window.closed", { date: when })}
      </Text>
      <Text size="sm" mt={4}>
        {mayDecide ? t("decisions:window.canDecide") : t("decisions:window.waits")}
      </Text>
    </Card>
  );
}

/** Who was asked and whether they answered; the decider asks more people and cells here. */
export function AskedCard({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const { people, cells } = proposal.asked;
  const answered = (done: boolean) => (
    <Badge size="sm" variant="light" color={done ? "teal" : "gray"} tt="none">
      {done ? t("decisions:asked.answered") : t("decisions:asked.waiting")}
    </Badge>
  );
  return (
    <Card withBorder component="section" aria-labelledby="asked-title">
      <Title order={2} size="h3" id="asked-title" mb="xs">
        {t("decisions:asked.title")}
      </Title>
      {people.length + cells.length === 0 ? (
        <Text size="sm">{t("decisions:asked.none")}</Text>
      ) : (
        <List spacing={4} size="sm" aria-label={t("decisions:asked.title")}>
          {people.map((person) => (
            <List.Item key={person.id}>
              <Group gap="xs" component="span">
                {person.name} {answered(person.answered)}
              </Group>
            </List.Item>
          ))}
          {cells.map((cell) => (
            <List.Item key={cell.id}>
              <Group gap="xs" component="span">
                {t("decisions:asked.cellNamed", { name: cell.name })} {answered(cell.answered)}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {proposal.abilities.ask && <AskForm proposal={proposal} />}
    </Card>
  );
}

function AskForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const suggestions = useSuggestions(proposal.id, true);
  const everyone = usePeople({}, 500);
  const allCells = useAllCells();
  const [personIds, setPersonIds] = useState<string[]>([]);
  const [cellIds, setCellIds] = useState<string[]>([]);
  const askedPeople = new Set(proposal.asked.people.map((p) => p.id));
  const askedCells = new Set(proposal.asked.cells.map((c) => c.id));
  const ask = useProposalAction<Omit<AskInput, "version">>(proposal, "/asked", {
    success: t("decisions:asked.requested", { count: personIds.length + cellIds.length }),
    onDone: () => {
      setPersonIds([]);
      setCellIds([]);
    },
  });
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((value) => value !== id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate({ personIds, cellIds });
  };
  const suggestedPeople = (suggestions.data?.people ?? []).filter((p) => !askedPeople.has(p.id));
  const suggestedCells = (suggestions.data?.cells ?? []).filter((c) => !askedCells.has(c.id));
  // The server names reasons as "affected", "cell:<name>" or "skill:<skill>".
  const reasonText = (reasons: string[]) =>
    reasons
      .map((reason) => {
        if (reason.startsWith("cell:"))
          return t("decisions:asked.suggestionMember", { cell: reason.slice(5) });
        if (reason.startsWith("skill:"))
          return t("decisions:asked.suggestionSkill", { skill: reason.slice(6) });
        return t("decisions:asked.suggestionAffected");
      })
      .join(", ");

  return (
    <Stack component="form" onSubmit={submit} gap="sm" mt="md">
      <Title order={3} size="h4">
        {t("decisions:asked.suggestions")}
      </Title>
      {suggestedPeople.length + suggestedCells.length === 0 ? (
        <Text size="sm">{t("decisions:asked.noSuggestions")}</Text>
      ) : (
        <Stack gap={6}>
          {suggestedCells.map((cell) => (
            <Checkbox
              key={cell.id}
              label={t("decisions:asked.cellNamed", { name: cell.name })}
              description={reasonText(cell.reasons)}
              checked={cellIds.includes(cell.id)}
              onChange={(e) => setCellIds(toggle(cellIds, cell.id, e.currentTarget.checked))}
            />
          ))}
          {suggestedPeople.map((person) => (
            <Checkbox
              key={person.id}
              label={person.name}
              description={reasonText(person.reasons)}
              checked={personIds.includes(person.id)}
              onChange={(e) => setPersonIds(toggle(personIds, person.id, e.currentTarget.checked))}
            />
          ))}
        </Stack>
      )}
      <Group grow align="flex-start" wrap="wrap">
        <MultiSelect
          label={t("decisions:asked.people")}
          searchable
          miw={220}
          value={personIds}
          onChange={setPersonIds}
          data={pageItems(everyone)
            .filter((person) => !askedPeople.has(person.id) && person.id !== proposal.decider.id)
            .map((person) => ({ value: person.id, label: person.name }))}
          nothingFoundMessage={t("decisions:proposal.noPeople")}
        />
        <MultiSelect
          label={t("decisions:asked.cells")}
          searchable
          miw={220}
          value={cellIds}
          onChange={setCellIds}
          data={(allCells.data ?? [])
            .filter((cell) => !askedCells.has(cell.id))
            .map((cell) => ({ value: cell.id, label: cell.name }))}
          nothingFoundMessage={t("decisions:proposal.nothingFound")}
        />
      </Group>
      <Button
        type="submit"
        w="fit-content"
        loading={ask.isPending}
        disabled={personIds.length + cellIds.length === 0}
      >
        {t("decisions:asked.askSelected")}
      </Button>
    </Stack>
  );
}
