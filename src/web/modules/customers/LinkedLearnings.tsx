import { Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Page } from "../../../shared/common.ts";
import type { EntrySummary } from "../../../shared/library.ts";
import { api, query } from "../../api.ts";
import "../library/i18n.ts";

/**
 * The library entries linked to an account or a deal, newest first: what colleagues learned with
 * this customer, where the next person working on it looks (the library's own read, in its texts).
 */
export function LinkedLearnings({ type, id }: { type: "account" | "deal"; id: string }) {
  const { t } = useTranslation("library");
  const titleId = useId();
  const entries = useInfiniteQuery({
    queryKey: ["library", "linked", type, id],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<Page<EntrySummary>>(`/${type}s/${id}/learnings${query({ cursor: pageParam, limit: 10 })}`),
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mb="xs">
        {t("library:linked.title")}
      </Title>
      {entries.isPending ? (
        <Loader size="sm" aria-label={t("common.loading", { ns: "translation" })} />
      ) : entries.isError ? (
        <Text c="red" size="sm">
          {entries.error.message}
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("library:linked.empty")}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {items.map((entry) => (
            <li key={entry.id}>
              <Group gap="xs" wrap="wrap">
                <Anchor component={Link} to={`/library/entries/${entry.id}`}>
                  {entry.title}
                </Anchor>
                <Badge variant="light" size="sm">
                  {t(`kind.${entry.kind}`)}
                </Badge>
                {entry.outdated && (
                  <Badge variant="light" color="yellow" size="sm">
                    {t("library:linked.outdated")}
                  </Badge>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {entries.hasNextPage && (
        <Button
          variant="subtle"
          size="xs"
          mt="xs"
          loading={entries.isFetchingNextPage}
          onClick={() => entries.fetchNextPage()}
        >
          {t("library:linked.more")}
        </Button>
      )}
    </Card>
  );
}
