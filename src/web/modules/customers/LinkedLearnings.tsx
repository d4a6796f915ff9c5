import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { EntrySummary } from "../../../shared/library.ts";
import { usePages } from "../../ui/paged.tsx";
import "../library/i18n.ts";
import { LoadMore, pageItems } from "../../ui/paged.tsx";

/**
 * The library entries linked to an account or a deal, newest first: what colleagues learned with
 * this customer, where the next person working on it looks (the library's own read, in its texts).
 */
export function LinkedLearnings({ type, id }: { type: "account" | "deal"; id: string }) {
  const { t } = useTranslation("library");
  const titleId = useId();
  const entries = usePages<EntrySummary>(
    ["library", "linked", type, id],
    `/${type}s/${id}/learnings`,
    {},
    10,
  );
  const items = pageItems(entries);

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
      <LoadMore read={entries} label={t("library:linked.more")} variant="subtle" size="xs" mt="xs" />
    </Card>
  );
}
