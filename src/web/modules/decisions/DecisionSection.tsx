import { Button, Card, Checkbox, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DecisionInput } from "../../../shared/decisions/advice.ts";
import type { Proposal } from "../../../shared/decisions/proposals.ts";
import { DateField } from "../../ui/DateField.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { pageItems } from "../../ui/paged.tsx";
import { formatDay } from "../customers/money.ts";
import { useAdvice } from "./queries.ts";
import { useProposalAction } from "./useProposalAction.ts";

/** The decision record once there is one; before, the decider's form (advice process only). */
export function DecisionSection({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const record = proposal.decision;
  if (record) {
    return (
      <Card withBorder component="section" aria-labelledby="decision-title">
        <Title order={2} size="h3" id="decision-title" mb="xs">
          {proposal.kind === "consent" ? t("decisions:consent.passedTitle") : t("decisions:decision.title")}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t("decisions:decision.decidedBy", {
            name: record.decidedBy.name,
            date: formatDateTime(record.decidedAt),
          })}
        </Text>
        <Stack gap="sm">
          {record.decision && <Text className="decision-text">{record.decision}</Text>}
          {record.adviceUse && (
            <div>
              <Text fw={600}>{t("decisions:decision.howUsed")}</Text>
              <Text className="decision-text">{record.adviceUse}</Text>
            </div>
          )}
          {proposal.reviewDate && (
            <Text size="sm">
              {t("decisions:decision.reviewOn", { date: formatDay(proposal.reviewDate) })}
            </Text>
          )}
        </Stack>
      </Card>
    );
  }
  if (proposal.kind !== "advice" || proposal.status !== "open") return null;
  return (
    <Card withBorder component="section" aria-labelledby="decision-title">
      <Title order={2} size="h3" id="decision-title" mb="xs">
        {t("decisions:decision.record")}
      </Title>
      {proposal.abilities.decide ? (
        <DecisionForm proposal={proposal} />
      ) : (
        <Text size="sm">
          {t("decisions:decision.notYet")}{" "}
          {t("decisions:decision.onlyDecider", { name: proposal.decider.name })}
        </Text>
      )}
    </Card>
  );
}

/**
 * The decision and how the advice was used. Each piece of advice can be marked as not followed with
 * the reason; those reasons join the decider's own words in the record's "how the advice was used".
 */
function DecisionForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const advice = useAdvice(proposal.id);
  const entries = pageItems(advice);
  const [decision, setDecision] = useState("");
  const [howUsed, setHowUsed] = useState("");
  const [notFollowed, setNotFollowed] = useState<Record<string, string>>({});
  const [reviewDate, setReviewDate] = useState("");
  const record = useProposalAction<Omit<DecisionInput, "version">>(proposal, "/decision", {
    success: t("decisions:decision.recorded"),
  });
  const errors = fieldErrors(record.error);
  const adviceUse = [
    howUsed.trim(),
    ...entries
      .filter((entry) => entry.id in notFollowed)
      .map((entry) =>
        t("decisions:decision.notFollowedLine", {
          name: entry.author.name,
          reason: notFollowed[entry.id].trim(),
        }),
      ),
  ]
    .filter(Boolean)
    .join("\n");
  const complete = Object.values(notFollowed).every((reason) => reason.trim() !== "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({ decision, adviceUse, reviewDate: reviewDate || null });
  };

  return (
    <Stack component="form" onSubmit={submit} gap="sm">
      <Text size="sm">{t("decisions:decision.recordIntro")}</Text>
      <Textarea
        label={t("decisions:decision.body")}
        required
        autosize
        minRows={3}
        maxLength={10_000}
        value={decision}
        onChange={(e) => setDecision(e.currentTarget.value)}
        error={errors.decision}
      />
      {entries.length > 0 && (
        <Stack gap="xs" component="fieldset" className="decision-fieldset">
          <Text component="legend" fw={600} size="sm">
            {t("decisions:decision.perAdvice")}
          </Text>
          {entries.map((entry) => {
            const off = entry.id in notFollowed;
            return (
              <Stack key={entry.id} gap={4}>
                <Checkbox
                  label={t("decisions:decision.didNotFollow", { name: entry.author.name })}
                  description={entry.body.length > 160 ? `${entry.body.slice(0, 160)}…` : entry.body}
                  checked={off}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setNotFollowed((current) => {
                      const { [entry.id]: _dropped, ...rest } = current;
                      return checked ? { ...current, [entry.id]: "" } : rest;
                    });
                  }}
                />
                {off && (
                  <Textarea
                    label={t("decisions:decision.reasonFor", { name: entry.author.name })}
                    required
                    autosize
                    minRows={2}
                    maxLength={2000}
                    ml="lg"
                    value={notFollowed[entry.id]}
                    onChange={(e) => {
                      const reason = e.currentTarget.value;
                      setNotFollowed((current) => ({ ...current, [entry.id]: reason }));
                    }}
                  />
                )}
              </Stack>
            );
          })}
        </Stack>
      )}
      <Textarea
        label={t("decisions:decision.howUsed")}
        description={t("decisions:decision.howUsedHelp")}
        autosize
        minRows={2}
        maxLength={8000}
        value={howUsed}
        onChange={(e) => setHowUsed(e.currentTarget.value)}
        error={errors.adviceUse}
      />
      <DateField
        label={t("decisions:proposal.reviewOn")}
        description={t("decisions:decision.reviewHelp")}
        value={reviewDate || null}
        onChange={(iso) => setReviewDate(iso ?? "")}
        error={errors.reviewDate}
        maw={240}
      />
      <Button
        type="submit"
        w="fit-content"
        loading={record.isPending}
        disabled={!decision.trim() || !adviceUse || !complete}
      >
        {t("decisions:decision.submit")}
      </Button>
    </Stack>
  );
}
