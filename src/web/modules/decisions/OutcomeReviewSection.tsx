import { Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OutcomeReviewInput } from "../../../shared/decisions/log.ts";
import type { Proposal } from "../../../shared/decisions/proposals.ts";
import { DateField } from "../../ui/DateField.tsx";
import { formatDateTime } from "../../ui/format.ts";
import { fieldErrors } from "../../ui/notify.tsx";
import { formatDay } from "../customers/money.ts";
import { useProposalAction } from "./useProposalAction.ts";

/**
 * The later look back on a decided proposal: what happened, what we learned. Prompted on the review
 * date (the bell and the "reviews due" list); the review date can be moved until then.
 */
export function OutcomeReviewSection({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const review = proposal.outcomeReview;
  const { abilities } = proposal;
  // Before the decision, its review date is set with the decision itself (or when consent passes).
  if (proposal.status !== "decided" && proposal.status !== "passed") return null;
  if (!review && !abilities.reviewOutcome && !abilities.setReviewDate) return null;
  return (
    <Card withBorder component="section" aria-labelledby="review-title">
      <Title order={2} size="h3" id="review-title" mb="xs">
        {t("decisions:review.title")}
      </Title>
      {review ? (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("decisions:review.by", {
              name: review.reviewedBy.name,
              date: formatDateTime(review.reviewedAt),
            })}
          </Text>
          <div>
            <Text fw={600}>{t("decisions:review.happened")}</Text>
            <Text className="decision-text">{review.whatHappened}</Text>
          </div>
          <div>
            <Text fw={600}>{t("decisions:review.learned")}</Text>
            <Text className="decision-text">{review.whatWeLearned}</Text>
          </div>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">{t("decisions:review.intro")}</Text>
          {proposal.reviewDate && (
            <Text size="sm">{t("decisions:review.due", { date: formatDay(proposal.reviewDate) })}</Text>
          )}
          {abilities.setReviewDate && <ReviewDateForm proposal={proposal} />}
          {abilities.reviewOutcome && <ReviewForm proposal={proposal} />}
        </Stack>
      )}
    </Card>
  );
}

function ReviewDateForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const [reviewDate, setReviewDate] = useState(proposal.reviewDate ?? "");
  const save = useProposalAction<{ reviewDate: string | null }>(proposal, "/review-date", {
    method: "PUT",
    success: t("decisions:review.dateSaved"),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ reviewDate: reviewDate || null });
  };
  return (
    <Group component="form" onSubmit={submit} align="flex-end" gap="xs">
      <DateField
        label={t("decisions:proposal.reviewOn")}
        value={reviewDate || null}
        onChange={(iso) => setReviewDate(iso ?? "")}
        error={fieldErrors(save.error).reviewDate}
      />
      <Button type="submit" variant="light" loading={save.isPending}>
        {t("decisions:review.saveDate")}
      </Button>
    </Group>
  );
}

function ReviewForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const [whatHappened, setWhatHappened] = useState("");
  const [whatWeLearned, setWhatWeLearned] = useState("");
  const save = useProposalAction<Omit<OutcomeReviewInput, "version">>(proposal, "/outcome-review", {
    success: t("decisions:review.recorded"),
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ whatHappened, whatWeLearned });
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs">
      <Textarea
        label={t("decisions:review.happened")}
        required
        autosize
        minRows={3}
        maxLength={10_000}
        value={whatHappened}
        onChange={(e) => setWhatHappened(e.currentTarget.value)}
        error={errors.whatHappened}
      />
      <Textarea
        label={t("decisions:review.learned")}
        required
        autosize
        minRows={3}
        maxLength={10_000}
        value={whatWeLearned}
        onChange={(e) => setWhatWeLearned(e.currentTarget.value)}
        error={errors.whatWeLearned}
      />
      <Button
        type="submit"
        w="fit-content"
        loading={save.isPending}
        disabled={!whatHappened.trim() || !whatWeLearned.trim()}
      >
        {t("decisions:review.submit")}
      </Button>
    </Stack>
  );
}
