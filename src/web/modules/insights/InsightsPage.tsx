import {
  Alert,
  Anchor,
  Group,
  List,
  Loader,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from "react-router";
import type { Grain } from "../../../shared/insights/figures.ts";
import { RULE_MARK, SIGNAL_RULES } from "./chartModel.ts";
import { FigureCard } from "./FigureCard.tsx";
import { useInsightCells, useInsights } from "./queries.ts";

/** The links between the areas of insights, shown on each of its pages. */
export function InsightsNav() {
  const { t } = useTranslation("insights");
  return (
    <Group gap="md" component="nav" aria-label={t("insights:nav.label")}>
      <Anchor component={RouterLink} to="/insights">
        {t("insights:nav.organisation")}
      </Anchor>
      <Anchor component={RouterLink} to="/insights/beta-check">
        {t("insights:nav.betaCheck")}
      </Anchor>
      <Anchor component={RouterLink} to="/insights/measured">
        {t("insights:nav.measured")}
      </Anchor>
    </Group>
  );
}

/** The four rules and the mark each leaves on a chart, once per page rather than under every chart. */
export function RulesLegend() {
  const { t } = useTranslation("insights");
  return (
    <div>
      <Text fw={600} size="sm">
        {t("insights:chart.rules")}
      </Text>
      <List size="sm" spacing={2}>
        {SIGNAL_RULES.map((rule) => (
          <List.Item key={rule}>
            <strong>{t("insights:chart.ruleMark", { mark: RULE_MARK[rule] })}</strong>:{" "}
            {t(`insights:chart.rule.${rule}`)}
          </List.Item>
        ))}
      </List>
    </div>
  );
}

/**
 * The insights page of one cell (/insights/cells/:cellId) or of the organisation (/insights): every
 * figure that applies, each as a process behaviour chart, by week or by month (in the URL, so a view
 * can be shared). Team level only: no figure here is about a person, and no list puts cells in order.
 */
export function InsightsPage() {
  const { t } = useTranslation("insights");
  const { cellId = null } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const grain: Grain = params.get("grain") === "week" ? "week" : "month";
  const cells = useInsightCells();
  const insights = useInsights(cellId, grain);
  const data = insights.data;
  const cellInfo = cells.data?.items.find((cell) => cell.id === cellId);
  const allTooFew =
    !!data?.figures.length && data.figures.every((result) => result.status === "tooFewToShow");
  const title = cellId
    ? t("insights:page.cellTitle", { name: data?.cell?.name ?? cellInfo?.name ?? "…" })
    : t("insights:page.organisationTitle");
  const suffix = grain === "week" ? "?grain=week" : "";

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <InsightsNav />
      <Text maw={860}>{t("insights:page.intro")}</Text>
      <Group align="flex-end" gap="lg" wrap="wrap">
        <NativeSelect
          label={t("insights:page.cell")}
          value={cellId ?? ""}
          onChange={(e) => {
            const next = e.currentTarget.value;
            navigate(next ? `/insights/cells/${next}${suffix}` : `/insights${suffix}`);
          }}
          data={[
            { value: "", label: t("insights:page.organisation") },
            ...(cells.data?.items ?? []).map((cell) => ({
              value: cell.id,
              label: cell.canShow ? cell.name : t("insights:page.cellTooFew", { name: cell.name }),
            })),
          ]}
          miw={260}
        />
        <div>
          <Text component="span" size="sm" fw={500} id="insights-grain-label" display="block" mb={4}>
            {t("insights:page.period")}
          </Text>
          <SegmentedControl
            aria-labelledby="insights-grain-label"
            value={grain}
            onChange={(value) => {
              const next = new URLSearchParams(params);
              if (value === "week") next.set("grain", "week");
              else next.delete("grain");
              setParams(next, { replace: true });
            }}
            data={[
              { value: "month", label: t("insights:page.month") },
              { value: "week", label: t("insights:page.week") },
            ]}
          />
        </div>
      </Group>
      {insights.isPending ? (
        <Group gap="sm">
          <Loader size="sm" aria-label={t("insights:page.loading")} />
          <Text>{t("insights:page.loading")}</Text>
        </Group>
      ) : insights.isError ? (
        <Alert color="red" variant="light">
          {insights.error.message}
        </Alert>
      ) : (
        <>
          <Text size="sm">{t("insights:page.kNote", { k: data?.minGroupSize })}</Text>
          {cellInfo && !cellInfo.canShow && (
            <Alert color="gray" variant="light" title={t("insights:reading.tooFew")}>
              {t("insights:page.tooFewCell", { name: cellInfo.name, k: data?.minGroupSize })}
            </Alert>
          )}
          <RulesLegend />
          {cellId && <Text size="sm">{t("insights:reading.bandHelp")}</Text>}
          {data && data.figures.length === 0 && <Text>{t("insights:page.noFigures")}</Text>}
          {/* Nothing to show at all: said once, with what changes it, not once per figure. */}
          {allTooFew && !(cellInfo && !cellInfo.canShow) && (
            <Alert color="gray" variant="light" title={t("insights:reading.tooFew")}>
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t("insights:page.allTooFew", { k: data?.minGroupSize })}</Text>
                <Anchor component={RouterLink} to="/cells" size="sm">
                  {t("insights:page.toCells")}
                </Anchor>
              </Stack>
            </Alert>
          )}
          {!allTooFew && (
            <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
              {data?.figures.map((result) => (
                <FigureCard
                  key={
                    result.status === "shown" ? `${result.figure} ${result.currency ?? ""}` : result.figure
                  }
                  result={result}
                  grain={data.grain}
                  minGroupSize={data.minGroupSize}
                  scope={{ cellId, kind: data.cell?.kind ?? null }}
                  markers={data.markers}
                  baselines={data.baselines}
                />
              ))}
            </SimpleGrid>
          )}
        </>
      )}
    </Stack>
  );
}
