import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { IconArrowsExchange } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TimelineEntry } from "../../../shared/customers/accounts.ts";
import { api } from "../../api.ts";
import { formatDateTime } from "../../ui/format.ts";
import { fieldErrors, notifyError, notifySuccess } from "../../ui/notify.tsx";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { customerKeys, useTimeline } from "./queries.ts";

const KINDS = ["meeting", "call", "note"] as const;
const KIND_COLOURS: Record<TimelineEntry["kind"], string> = {
  meeting: "blue",
  call: "teal",
  note: "gray",
  handover: "violet",
  offer: "orange",
  deal: "cyan",
};

/** What happened with the customer: team memory, never counted per person (PRODUCT.md rule 2). */
export function Timeline({ accountId }: { accountId: string }) {
  const { t } = useTranslation("customers");
  const timeline = useTimeline(accountId);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<(typeof KINDS)[number]>("note");
  const [body, setBody] = useState("");

  const add = useMutation({
    mutationFn: () => api.post<TimelineEntry>(`/accounts/${accountId}/timeline`, { kind, body }),
    onSuccess: () => {
      setBody("");
      queryClient.invalidateQueries({ queryKey: customerKeys.timeline(accountId) });
      notifySuccess(t("customers:timeline.added"));
    },
    onError: (error) => notifyError(error),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const errors = fieldErrors(add.error);
  const entries = pageItems(timeline);

  return (
    <Card withBorder component="section" aria-labelledby="timeline-title">
      <Title order={2} size="h3" id="timeline-title" mb="sm">
        {t("customers:timeline.title")}
      </Title>
      <Stack component="form" gap="xs" onSubmit={submit} mb="md">
        <Group align="flex-end" gap="xs">
          <NativeSelect
            label={t("customers:timeline.kind")}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as (typeof KINDS)[number])}
            data={KINDS.map((k) => ({ value: k, label: t(`customers:timeline.kinds.${k}`) }))}
          />
        </Group>
        <Textarea
          label={t("customers:timeline.body")}
          autosize
          minRows={2}
          maxLength={10_000}
          required
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
        />
        <Button type="submit" loading={add.isPending} disabled={!body.trim()} w="fit-content">
          {t("customers:timeline.add")}
        </Button>
      </Stack>
      {timeline.isError && <Alert color="red">{timeline.error.message}</Alert>}
      {timeline.data && entries.length === 0 && <Text size="sm">{t("customers:timeline.empty")}</Text>}
      <Stack gap="xs" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {entries.map((entry) => (
          <li key={entry.id}>
            <Paper
              withBorder
              p="sm"
              className={entry.kind === "handover" ? "timeline-handover" : undefined}
              bg={entry.kind === "handover" ? "violet.0" : undefined}
            >
              <Group gap="xs" mb={4}>
                {entry.kind === "handover" && <IconArrowsExchange size={16} aria-hidden />}
                <Badge variant="light" color={KIND_COLOURS[entry.kind]}>
                  {t(`customers:timeline.kinds.${entry.kind}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {formatDateTime(entry.occurredAt)}
                  {entry.authorName ? ` · ${entry.authorName}` : ""}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {entry.body}
              </Text>
            </Paper>
          </li>
        ))}
      </Stack>
      <LoadMore read={timeline} variant="subtle" mt="xs" />
    </Card>
  );
}
