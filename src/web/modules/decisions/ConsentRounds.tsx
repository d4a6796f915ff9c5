import { Badge, Button, Card, Group, List, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type {
  AmendInput,
  ConsentEntry,
  ConsentEntryInput,
  ConsentEntryKind,
  ConsentPassInput,
  ConsentRound,
} from "../../../shared/decisions/consent.ts";
import type { Proposal } from "../../../shared/decisions/proposals.ts";
import { DateField } from "../../ui/DateField.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { dayAfter } from "./format.ts";
import { GuardrailLimitField } from "./GuardrailLimitField.tsx";
import { ProposalFields } from "./ProposalFields.tsx";
import { GuardrailChangeText } from "./ProposalPage.tsx";
import { useProposalAction } from "./useProposalAction.ts";

/**
 * Consent in rounds (domain brief §3.2): clarifying questions, quick reactions, then each person
 * consents or objects with a reason. The proposer amends until no objection stands; every round
 * stays visible with the proposal as it stood then.
 */
export function ConsentRounds({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const rounds = proposal.rounds;
  const current = rounds.at(-1);
  const open = proposal.status === "open";
  return (
    <Card withBorder component="section" aria-labelledby="consent-title">
      <Title order={2} size="h3" id="consent-title" mb="xs">
        {t("decisions:consent.title")}
      </Title>
      <Stack gap="md">
        {rounds.map((round) => (
          <RoundView key={round.number} round={round} current={open && round === current} />
        ))}
        {open && current && <RoundActions proposal={proposal} round={current} />}
      </Stack>
    </Card>
  );
}

function RoundView({ round, current }: { round: ConsentRound; current: boolean }) {
  const { t } = useTranslation("decisions");
  const byKind = (kinds: ConsentEntryKind[]) => round.entries.filter((entry) => kinds.includes(entry.kind));
  const headingId = `round-${round.number}`;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby={headingId}>
      <Group gap="xs" mb={4}>
        <Title order={3} size="h4" id={headingId}>
          {t("decisions:consent.round", { number: round.number })}
        </Title>
        {current && (
          <Badge variant="light" tt="none">
            {t(`decisions:consent.phase.${round.phase}`)}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t("decisions:consent.startedAt", { date: formatDateTime(round.startedAt) })}
      </Text>
      {round.amendNote && (
        <Text size="sm" mt={4}>
          <strong>{t("decisions:consent.amendNote")}:</strong> {round.amendNote}
        </Text>
      )}
      <Text size="sm" className="decision-text" mt={4}>
        {round.proposal}
      </Text>
      {round.guardrailChange && <GuardrailChangeText proposal={round} />}
      <EntryList title={t("decisions:consent.questions")} entries={byKind(["question"])} />
      <EntryList title={t("decisions:consent.reactions")} entries={byKind(["reaction"])} />
      <EntryList title={t("decisions:consent.positions")} entries={byKind(["consent", "objection"])} />
      <Text size="sm" mt="xs" fw={600}>
        {round.objections > 0
          ? t("decisions:consent.standing", { count: round.objections })
          : t("decisions:consent.noObjection")}{" "}
        {t("decisions:consent.consents", { count: round.consents })}
      </Text>
    </Card>
  );
}

function EntryList({ title, entries }: { title: string; entries: ConsentEntry[] }) {
  const { t } = useTranslation("decisions");
  if (entries.length === 0) return null;
  return (
    <Stack gap={2} mt="xs">
      <Text size="sm" fw={600}>
        {title}
      </Text>
      <List size="sm" spacing={2}>
        {entries.map((entry) => (
          <List.Item key={entry.id} c={entry.standing || !isStand(entry) ? undefined : "dimmed"}>
            {entryText(t, entry)}
            {!entry.standing && isStand(entry) && ` (${t("decisions:consent.replaced")})`}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** Consent and objection are stands; a later stand of the same person replaces an earlier one. */
const isStand = (entry: ConsentEntry) => entry.kind === "consent" || entry.kind === "objection";

function entryText(t: (key: string, options?: Record<string, unknown>) => string, entry: ConsentEntry) {
  const name = entry.author.name;
  switch (entry.kind) {
    case "consent":
      return entry.body
        ? `${t("decisions:consent.consented", { name })}: ${entry.body}`
        : t("decisions:consent.consented", { name });
    case "objection":
      return t("decisions:consent.objected", { name, reason: entry.body });
    default:
      return `${name}: ${entry.body}`;
  }
}

/** What the caller can do in the current round, from the proposal's abilities. */
function RoundActions({ proposal, round }: { proposal: Proposal; round: ConsentRound }) {
  const { t } = useTranslation("decisions");
  const { abilities } = proposal;
  const move = useProposalAction<{ phase: "reactions" | "consent" }>(proposal, "/consent/phase");
  const next = round.phase === "questions" ? "reactions" : round.phase === "reactions" ? "consent" : null;
  return (
    <Stack gap="md">
      {abilities.consentEntry && <EntryForm proposal={proposal} round={round} />}
      {abilities.movePhase && next && (
        <Button
          variant="light"
          w="fit-content"
          loading={move.isPending}
          onClick={() => move.mutate({ phase: next })}
        >
          {t(`decisions:consent.moveTo.${next}`)}
        </Button>
      )}
      {abilities.amend && <AmendForm proposal={proposal} />}
      {abilities.pass && <PassForm proposal={proposal} />}
    </Stack>
  );
}

function EntryForm({ proposal, round }: { proposal: Proposal; round: ConsentRound }) {
  const { t } = useTranslation("decisions");
  const [body, setBody] = useState("");
  const post = useProposalEntry(proposal, () => setBody(""));
  const errors = fieldErrors(post.error);
  const send = (kind: ConsentEntryKind) => (event?: FormEvent) => {
    event?.preventDefault();
    post.mutate({ kind, body });
  };
  if (round.phase !== "consent") {
    const kind = round.phase === "questions" ? "question" : "reaction";
    return (
      <Stack component="form" onSubmit={send(kind)} gap="xs">
        <Textarea
          label={kind === "question" ? t("decisions:consent.ask") : t("decisions:consent.react")}
          required
          autosize
          minRows={2}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
        />
        <Button type="submit" w="fit-content" loading={post.isPending} disabled={!body.trim()}>
          {t("decisions:consent.post")}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack component="form" onSubmit={send("objection")} gap="xs">
      <Text size="sm">{t("decisions:consent.consentHelp")}</Text>
      <Button
        variant="light"
        w="fit-content"
        loading={post.isPending && post.variables?.kind === "consent"}
        onClick={() => post.mutate({ kind: "consent", body: "" })}
      >
        {t("decisions:consent.consent")}
      </Button>
      <Textarea
        label={t("decisions:consent.objectReason")}
        description={t("decisions:consent.objectHelp")}
        autosize
        minRows={2}
        maxLength={5000}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={errors.body}
      />
      <Button
        type="submit"
        variant="outline"
        w="fit-content"
        loading={post.isPending && post.variables?.kind === "objection"}
        disabled={!body.trim()}
      >
        {t("decisions:consent.submitObjection")}
      </Button>
    </Stack>
  );
}

/** Consent entries answer with the entry, not the proposal: refresh the proposal after each. */
function useProposalEntry(proposal: Proposal, onDone: () => void) {
  const { t } = useTranslation("decisions");
  return useProposalAction<ConsentEntryInput>(proposal, "/consent/entries", {
    success: t("decisions:consent.posted"),
    refetch: true,
    onDone,
  });
}

function AmendForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const change = proposal.guardrailChange;
  const [title, setTitle] = useState(proposal.title);
  const [text, setText] = useState(proposal.proposal);
  // Basis points for discount and margin, days for payment terms: the fields pass them on as they are.
  const [limit, setLimit] = useState<number | null>(change ? change.limitValue : null);
  const [note, setNote] = useState("");
  const amend = useProposalAction<Omit<AmendInput, "version">>(proposal, "/amend", {
    success: t("decisions:proposal.amended"),
    onDone: () => setNote(""),
  });
  const errors = fieldErrors(amend.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    amend.mutate({
      title,
      proposal: text,
      note,
      ...(change && limit !== null ? { guardrailChange: { ...change, limitValue: limit } } : {}),
    });
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs" aria-labelledby="amend-title">
      <Title order={3} size="h4" id="amend-title">
        {t("decisions:proposal.amend")}
      </Title>
      <ProposalFields
        title={{ value: title, onChange: setTitle }}
        proposal={{ value: text, onChange: setText }}
        errors={errors}
      />
      {change && (
        <GuardrailLimitField
          kind={change.kind}
          label={t("decisions:proposal.guardrailLimit", {
            kind: t(`customers:guardrail.kind.${change.kind}`),
          })}
          description={t(`customers:guardrail.limitLabel.${change.kind}`)}
          value={limit}
          onChange={setLimit}
          error={errors["guardrailChange.limitValue"]}
        />
      )}
      <Textarea
        label={t("decisions:consent.amendNote")}
        description={t("decisions:consent.amendHelp")}
        required
        autosize
        minRows={2}
        maxLength={5000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
      />
      <Button
        type="submit"
        w="fit-content"
        loading={amend.isPending}
        disabled={!note.trim() || !text.trim() || !title.trim()}
      >
        {t("decisions:proposal.saveAmendment")}
      </Button>
    </Stack>
  );
}

/** No objection stands: the decider closes the round with a review date ("safe enough to try"). */
function PassForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const [reviewDate, setReviewDate] = useState(dayAfter(90));
  const [decision, setDecision] = useState("");
  const pass = useProposalAction<Omit<ConsentPassInput, "version">>(proposal, "/consent/pass", {
    success: t("decisions:consent.passedNotice"),
  });
  const errors = fieldErrors(pass.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    pass.mutate({ reviewDate, decision });
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs" aria-labelledby="pass-title">
      <Title order={3} size="h4" id="pass-title">
        {t("decisions:consent.passTitle")}
      </Title>
      <Text size="sm">{t("decisions:consent.passIntro")}</Text>
      <Textarea
        label={t("decisions:consent.agreement")}
        autosize
        minRows={2}
        maxLength={10_000}
        value={decision}
        onChange={(e) => setDecision(e.currentTarget.value)}
        error={errors.decision}
      />
      <DateField
        label={t("decisions:proposal.reviewOn")}
        description={t("decisions:proposal.reviewHelp")}
        required
        maw={240}
        value={reviewDate || null}
        onChange={(iso) => setReviewDate(iso ?? "")}
        error={errors.reviewDate}
      />
      <Button type="submit" w="fit-content" loading={pass.isPending} disabled={!reviewDate}>
        {t("decisions:consent.pass")}
      </Button>
    </Stack>
  );
}
