import { Alert, Anchor, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { LoadMore, pageItems } from "../../ui/paged.tsx";
import { formatDay } from "../customers/money.ts";
import { DecisionsNav } from "./DecisionLogPage.tsx";
import { KindBadge, StatusBadge } from "./ProposalBits.tsx";
import { useReviewDue } from "./queries.ts";

/** Decisions whose review date has come and that nobody has looked back on yet. */
export function ReviewsDuePage() {
  const { t } = useTranslation("decisions");
  const due = useReviewDue();
  const items = pageItems(due);
  return (
    <Stack maw={960}>
      <Title order={1}>{t("decisions:review.dueTitle")}</Title>
      <DecisionsNav />
      <Text>{t("decisions:review.dueIntro")}</Text>
      {due.isPending && <Loader aria-label={t("common.loading", { ns: "translation" })} />}
      {due.isError && <Alert color="red">{due.error.message}</Alert>}
      {due.data && items.length === 0 && <Alert color="gray">{t("decisions:review.noneDue")}</Alert>}
      {items.length > 0 && (
        <Stack gap="sm" component="ul" className="decision-links" aria-label={t("decisions:review.dueTitle")}>
          {items.map((item) => (
            <Card key={item.id} withBorder component="li" padding="sm">
              <Group gap="xs">
                <Anchor component={RouterLink} to={`/decisions/${item.id}`} fw={600}>
                  {item.title}
                </Anchor>
                <StatusBadge kind={item.kind} status={item.status} />
                <KindBadge kind={item.kind} />
              </Group>
              <Text size="sm" c="dimmed">
                {[
                  t("decisions:log.decider", { name: item.decider.name }),
                  item.reviewDate && t("decisions:review.due", { date: formatDay(item.reviewDate) }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore read={due} label={t("decisions:log.loadMore")} />
    </Stack>
  );
}
