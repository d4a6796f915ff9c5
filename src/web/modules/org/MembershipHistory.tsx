import { Card, Loader, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../ui/format.ts";
import { useMembership } from "./queries.ts";

/**
 * The cell's membership history (issue 13): every join and leave, newest first, for everyone to read —
 * so a join is visible to the cell's members, and the figures' "members for the whole period" can be
 * followed.
 */
export function MembershipHistory({ cellId }: { cellId: string }) {
  const { t } = useTranslation();
  const membership = useMembership(cellId);
  return (
    <Card withBorder component="section" aria-labelledby="cell-history-title">
      <Title order={2} size="h3" id="cell-history-title" mb="xs">
        {t("cells.history")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("cells.historyIntro")}
      </Text>
      {membership.isPending ? (
        <Loader size="sm" aria-label={t("common.loading")} />
      ) : membership.data?.items.length === 0 ? (
        <Text>{t("cells.historyEmpty")}</Text>
      ) : (
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {membership.data?.items.map((stay) => (
            <Text component="li" key={stay.id}>
              {stay.leftAt
                ? t("cells.stayEnded", {
                    name: stay.person.name,
                    from: formatDateTime(stay.joinedAt),
                    to: formatDateTime(stay.leftAt),
                  })
                : t("cells.stayOpen", { name: stay.person.name, from: formatDateTime(stay.joinedAt) })}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}
