import { Alert, Button, Card, Loader, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AdviceEntry } from "../../../shared/decisions/advice.ts";
import type { Proposal } from "../../../shared/decisions/proposals.ts";
import { api } from "../../api.ts";
import { formatDateTime, formatList, formatNumber } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { decisionKeys, useAdvice } from "./queries.ts";

/** The advice given on a proposal, oldest first and a page at a time, and the form to advise. */
export function AdviceThread({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const advice = useAdvice(proposal.id);
  const entries = pageItems(advice);
  return (
    <Card withBorder component="section" aria-labelledby="advice-title">
      <Title order={2} size="h3" id="advice-title" mb="xs">
        {t("decisions:advice.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("decisions:advice.count", {
          count: proposal.adviceCount,
          countText: formatNumber(proposal.adviceCount),
        })}
      </Text>
      {advice.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {advice.isError && <Alert color="red">{advice.error.message}</Alert>}
      {advice.data && entries.length === 0 && <Text size="sm">{t("decisions:advice.none")}</Text>}
      {entries.length > 0 && (
        <Stack gap="sm" component="ol" className="decision-links" aria-label={t("decisions:advice.title")}>
          {entries.map((entry) => (
            <AdviceItem key={entry.id} entry={entry} />
          ))}
        </Stack>
      )}
      <LoadMore read={advice} label={t("decisions:advice.loadMore")} mt="sm" />
      {proposal.abilities.advise && <AdviseForm proposal={proposal} />}
    </Card>
  );
}

function AdviceItem({ entry }: { entry: AdviceEntry }) {
  const { t } = useTranslation("decisions");
  return (
    <Card component="li" withBorder padding="sm" bg="var(--mantine-color-gray-0)">
      <Text size="sm" fw={600}>
        {t("decisions:advice.by", { name: entry.author.name, date: formatDateTime(entry.createdAt) })}
        {entry.forCells.length > 0 &&
          ` · ${t("decisions:advice.forCell", { cell: formatList(entry.forCells.map((c) => c.name)) })}`}
      </Text>
      <Text size="sm" className="decision-text">
        {entry.body}
      </Text>
    </Card>
  );
}

function AdviseForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation("decisions");
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const give = useMutation({
    mutationFn: () => api.post<AdviceEntry>(`/proposals/${proposal.id}/advice`, { body }),
    onSuccess: () => {
      setBody("");
      notifySuccess(t("decisions:advice.given"));
      queryClient.invalidateQueries({ queryKey: decisionKeys.proposal(proposal.id) });
    },
    onError: (error) => notifyError(error),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    give.mutate();
  };
  return (
    <Stack component="form" onSubmit={submit} gap="xs" mt="md">
      <Textarea
        label={t("decisions:advice.give")}
        description={t("decisions:advice.giveHelp")}
        required
        autosize
        minRows={3}
        maxLength={10_000}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={fieldErrors(give.error).body}
      />
      <Button type="submit" w="fit-content" loading={give.isPending} disabled={!body.trim()}>
        {t("decisions:advice.submit")}
      </Button>
    </Stack>
  );
}
