import { Card, SimpleGrid, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Deal } from "../../../shared/customers/deals.ts";
import { formatDate, formatDay, formatMinorUnits } from "../../ui/format.ts";

/**
 * The deal as read, not as edited: amount, stage and outcome, dates, type and the multi-line
 * description — what an import brought over from the CRM, in the person's number and date format.
 */
export function DealOverview({ deal }: { deal: Deal }) {
  const { t } = useTranslation("customers");
  const outcome = t(`customers:outcome.${deal.outcome}`);
  // "Angebot (Offen)", but "Gewonnen" alone where the stage's name already says its outcome.
  const stageText =
    deal.stageName.toLowerCase() === outcome.toLowerCase()
      ? deal.stageName
      : t("customers:deal.stageOutcome", { stage: deal.stageName, outcome });
  const entries: [string, string][] = [
    [t("customers:deal.account"), deal.accountName],
    [t("customers:deal.amount"), formatMinorUnits(deal.amount, deal.currency)],
    [t("customers:deal.stage"), stageText],
    [t("customers:deal.expectedClose"), deal.expectedClose ? formatDay(deal.expectedClose) : "–"],
    [t("customers:deal.type"), deal.type || "–"],
    [t("customers:deal.createdAt"), formatDate(deal.createdAt)],
    ...(deal.closedAt ? [[t("customers:deal.closedAt"), formatDate(deal.closedAt)] as [string, string]] : []),
  ];
  return (
    <Card withBorder component="section" aria-labelledby="deal-overview-title">
      <Title order={2} size="h3" id="deal-overview-title" mb="sm">
        {t("customers:deal.overview")}
      </Title>
      <SimpleGrid
        component="dl"
        cols={{ base: 1, xs: 2 }}
        spacing="xs"
        verticalSpacing={4}
        m={0}
        aria-label={t("customers:deal.overviewLabel")}
      >
        {entries.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" c="dimmed">
              {label}
            </Text>
            <Text component="dd" m={0}>
              {value}
            </Text>
          </div>
        ))}
        {/* The description keeps its line breaks and spans the card. */}
        <div style={{ gridColumn: "1 / -1" }}>
          <Text component="dt" size="sm" c="dimmed">
            {t("customers:deal.description")}
          </Text>
          <Text component="dd" m={0} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {deal.description || t("customers:deal.noDescription")}
          </Text>
        </div>
      </SimpleGrid>
    </Card>
  );
}
