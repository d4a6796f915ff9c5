import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconHeart, IconHeartFilled } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useParams } from "react-router";
import type { Entry } from "../../../shared/library.ts";
import { api } from "../../api.ts";
import { formatDate, formatList, formatNumber } from "../../ui/format.ts";
import { notifyError, notifySuccess } from "../../ui/notify.tsx";
import { KindBadge, LibraryNav, LinkList, MarkdownBody } from "./LibraryBits.tsx";
import { libraryKeys, useEntry } from "./queries.ts";

/** One entry: its rendered text, "this helped me" with the entry's count, links, freshness. */
export function EntryPage() {
  const { t } = useTranslation("library");
  const { entryId = "" } = useParams();
  const entry = useEntry(entryId);
  if (entry.isPending) return <Loader aria-label={t("common.loading", { ns: "translation" })} />;
  if (entry.isError)
    return (
      <Stack>
        <LibraryNav />
        <Alert color="red">{entry.error.message}</Alert>
      </Stack>
    );
  return <EntryView entry={entry.data} />;
}

function useEntryAction(entry: Entry, path: string, method: "PUT" | "DELETE" | "POST", success?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => {
      const url = `/library/entries/${entry.id}${path}`;
      if (method === "PUT") return api.put<Entry>(url, {});
      if (method === "DELETE") return api.delete<Entry>(url);
      return api.post<Entry>(url, { version: entry.version });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(libraryKeys.entry(entry.id), saved);
      queryClient.invalidateQueries({ queryKey: libraryKeys.search });
      queryClient.invalidateQueries({ queryKey: libraryKeys.reviewDue });
      if (success) notifySuccess(success);
    },
    onError: (error) =>
      notifyError(error, () => queryClient.invalidateQueries({ queryKey: libraryKeys.entry(entry.id) })),
  });
}

function EntryView({ entry }: { entry: Entry }) {
  const { t } = useTranslation("library");
  const mark = useEntryAction(entry, "/helped", "PUT");
  const unmark = useEntryAction(entry, "/helped", "DELETE");
  const review = useEntryAction(entry, "/reviewed", "POST", t("library:entry.reviewed"));
  const helped = entry.helpedByMe ? unmark : mark;
  return (
    <Stack maw={860}>
      <LibraryNav />
      <Group gap="xs" wrap="wrap">
        <KindBadge kind={entry.kind} />
        {entry.outdated && (
          <Badge
            color="orange"
            variant="light"
            tt="none"
            leftSection={<IconAlertTriangle size={14} aria-hidden />}
          >
            {t("library:entry.outdated")}
          </Badge>
        )}
      </Group>
      <Title order={1}>{entry.title}</Title>
      {entry.outdated && entry.careCell && entry.reviewDueAt && (
        <Alert color="orange" variant="light" title={t("library:entry.outdated")}>
          {t("library:entry.outdatedBody", {
            cell: entry.careCell.name,
            date: formatDate(entry.reviewDueAt),
          })}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {[
          entry.authors.length
            ? t("library:entry.authors", { names: formatList(entry.authors.map((a) => a.name)) })
            : t("library:entry.noAuthors"),
          t("library:entry.updated", { date: formatDate(entry.updatedAt) }),
        ].join(" · ")}
      </Text>
      <MarkdownBody html={entry.bodyHtml} />
      <Group gap="sm" wrap="wrap">
        <Button
          variant={entry.helpedByMe ? "filled" : "light"}
          aria-pressed={entry.helpedByMe}
          leftSection={
            entry.helpedByMe ? <IconHeartFilled size={16} aria-hidden /> : <IconHeart size={16} aria-hidden />
          }
          loading={helped.isPending}
          onClick={() => helped.mutate()}
        >
          {t("library:entry.helped")}
        </Button>
        <Text size="sm" aria-live="polite">
          {t("library:entry.helpedCount", {
            count: entry.helpedCount,
            countText: formatNumber(entry.helpedCount),
          })}
        </Text>
        <Button component={RouterLink} to={`/library/entries/${entry.id}/edit`} variant="default">
          {t("library:entry.edit")}
        </Button>
      </Group>
      {entry.tags.length > 0 && (
        <Group gap="xs" aria-label={t("library:entry.tags")}>
          {entry.tags.map((tag) => (
            <Anchor key={tag} component={RouterLink} to={`/library?tag=${encodeURIComponent(tag)}`} size="sm">
              #{tag}
            </Anchor>
          ))}
        </Group>
      )}
      {entry.links.length > 0 && (
        <Stack gap={4}>
          <Title order={2} size="h4">
            {t("library:entry.links")}
          </Title>
          <LinkList links={entry.links} />
        </Stack>
      )}
      {entry.experimentId && (
        <Anchor component={RouterLink} to={`/library/experiments/${entry.experimentId}`}>
          {t("library:entry.experiment")}
        </Anchor>
      )}
      <Stack gap={4}>
        <Text size="sm">
          {entry.careCell
            ? t("library:entry.careCell", {
                cell: entry.careCell.name,
                days: formatNumber(entry.reviewIntervalDays),
              })
            : t("library:entry.noCare")}
        </Text>
        {entry.reviewDueAt && (
          <Text size="sm" c="dimmed">
            {[
              t("library:entry.reviewDue", { date: formatDate(entry.reviewDueAt) }),
              entry.reviewedAt && t("library:entry.reviewedOn", { date: formatDate(entry.reviewedAt) }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        )}
        {entry.canReview && (
          <Button variant="light" w="fit-content" loading={review.isPending} onClick={() => review.mutate()}>
            {t("library:entry.review")}
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
