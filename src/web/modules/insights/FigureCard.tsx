import { Alert, Card, Group, List, Stack, Tabs, Text, Title } from "@mantine/core";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type {
  Baseline,
  ChangeMarker,
  FigureResult,
  Grain,
  ShownFigure,
} from "../../../shared/insights/figures.ts";
import type { CellKind } from "../../../shared/org.ts";
import { ChartLegend } from "./ChartLegend.tsx";
import { CHART_COLOURS } from "./chartColours.ts";
import { toChartView } from "./chartModel.ts";
import type { XmrInput } from "./echartsCharts.ts";
import { type FigureFormat, formatFigure, formatPeriod } from "./format.ts";
import { LazyChart } from "./LazyChart.tsx";
import { LimitsEditor } from "./LimitsEditor.tsx";
import { PeerBand } from "./PeerBand.tsx";
import { summariseChart } from "./summary.ts";
import { XmrTable } from "./XmrTable.tsx";

type Scope = { cellId: string | null; kind: CellKind | null };

/**
 * One figure of a cell or the organisation: its latest value beside the previous period and the peer
 * median, the cell's band among its peers, and the process behaviour chart with a data table view.
 * A figure the server suppresses says "too few to show" and nothing else.
 */
export function FigureCard({
  result,
  grain,
  minGroupSize,
  scope,
  markers,
  baselines,
}: {
  result: FigureResult;
  grain: Grain;
  minGroupSize: number;
  scope: Scope;
  markers: ChangeMarker[];
  baselines: Baseline[];
}) {
  const { t } = useTranslation("insights");
  const headingId = useId();
  const figureName = t(`insights:figure.${result.figure}`);
  // Money figures come once per currency (the server never converts): the currency names the chart.
  const name =
    result.status === "shown" && result.currency
      ? t("insights:figureInCurrency", { name: figureName, currency: result.currency })
      : figureName;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="md">
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId}>
          {name}
        </Title>
        {result.status === "tooFewToShow" ? (
          <Alert color="gray" variant="light" title={t("insights:reading.tooFew")}>
            {t(`insights:reading.${result.reason === "complementary" ? "complementary" : "tooFewLong"}`, {
              k: minGroupSize,
            })}
          </Alert>
        ) : (
          <ShownFigureBody
            result={result}
            name={name}
            grain={grain}
            scope={scope}
            markers={markers}
            baselines={baselines}
          />
        )}
      </Stack>
    </Card>
  );
}

function ShownFigureBody({
  result,
  name,
  grain,
  scope,
  markers,
  baselines,
}: {
  result: ShownFigure;
  name: string;
  grain: Grain;
  scope: Scope;
  markers: ChangeMarker[];
  baselines: Baseline[];
}) {
  const { t, i18n } = useTranslation("insights");
  const figureFormat: FigureFormat = { unit: result.unit, currency: result.currency };
  const format = (value: number) => formatFigure(value, figureFormat);
  const granularity = t(`insights:granularity.${grain}`);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the UI language.
  const view = useMemo(
    () => toChartView(result.chart, (period) => formatPeriod(period, grain)),
    [result.chart, grain, i18n.language],
  );
  const summary = summariseChart(view, t, format);
  const { unit, currency } = result;
  const figureMarkers = markers.filter((marker) => marker.figure === null || marker.figure === result.figure);
  const input = useMemo<XmrInput>(
    () => ({
      view,
      texts: {
        values: name,
        centre: t("insights:chart.centre"),
        limits: t("insights:chart.limits"),
        movingRange: t("insights:chart.movingRange"),
        rangeCentre: t("insights:chart.rangeCentre"),
        rangeLimit: t("insights:chart.rangeLimit"),
        signal: t("insights:chart.signal"),
        baseline: t("insights:chart.baseline"),
        limitsChange: t("insights:chart.limitsChange"),
        tooFew: t("insights:reading.noValue"),
      },
      format: (value: number) => formatFigure(value, { unit, currency }, true),
    }),
    [view, name, t, unit, currency],
  );
  const value = (entry: { value: number | null } | null) =>
    entry === null || entry.value === null ? t("insights:reading.noValue") : format(entry.value);

  return (
    <>
      <Group gap="xl" align="flex-start" component="dl" className="insights-readings">
        <div>
          <Text component="dt" size="sm" c="dimmed">
            {t("insights:reading.latest")}
            {result.latest ? ` (${formatPeriod(result.latest.period, grain).label})` : ""}
          </Text>
          <Text component="dd" fw={700} size="xl">
            {value(result.latest)}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm" c="dimmed">
            {t("insights:reading.previous")}
          </Text>
          <Text component="dd" fw={600} size="lg">
            {value(result.previous)}
          </Text>
        </div>
        {scope.cellId && (
          <div>
            <Text component="dt" size="sm" c="dimmed">
              {t("insights:reading.peerMedian")}
            </Text>
            <Text component="dd" fw={600} size="lg">
              {result.peerMedian === null ? t("insights:reading.noValue") : format(result.peerMedian)}
            </Text>
          </div>
        )}
        {scope.cellId && scope.kind && (
          <div>
            <Text component="dt" size="sm" c="dimmed">
              {t("insights:reading.position")}
            </Text>
            <Text component="dd">
              <PeerBand band={result.peerBand} count={result.peerCount + 1} kind={scope.kind} />
            </Text>
          </div>
        )}
      </Group>
      <Tabs defaultValue="chart" keepMounted={false}>
        <Tabs.List aria-label={t("insights:chart.view")}>
          <Tabs.Tab value="chart">{t("insights:chart.chart")}</Tabs.Tab>
          <Tabs.Tab value="table">{t("insights:chart.tableView")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="chart" pt="sm">
          <ChartLegend
            items={[
              { label: name, mark: "series", colour: CHART_COLOURS.value },
              { label: t("insights:chart.centre"), mark: "line", colour: CHART_COLOURS.centre },
              { label: t("insights:chart.limits"), mark: "dashed", colour: CHART_COLOURS.limit },
              { label: t("insights:chart.signal"), mark: "diamond", colour: CHART_COLOURS.signal },
              { label: t("insights:chart.baseline"), mark: "area", colour: CHART_COLOURS.value },
              ...(view.changes.length
                ? [
                    {
                      label: t("insights:chart.limitsChange"),
                      mark: "dotted" as const,
                      colour: CHART_COLOURS.muted,
                    },
                  ]
                : []),
              { label: t("insights:chart.movingRange"), mark: "series", colour: CHART_COLOURS.muted },
              { label: t("insights:chart.rangeLimit"), mark: "dashed", colour: CHART_COLOURS.limit },
            ]}
          />
          <LazyChart
            kind="xmr"
            input={input}
            height={340}
            label={t("insights:chart.label", { figure: name, granularity, summary })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="table" pt="sm">
          <XmrTable
            view={view}
            format={format}
            caption={t("insights:chart.table.caption", { figure: name, granularity })}
          />
        </Tabs.Panel>
      </Tabs>
      <Text size="sm" className="insights-summary">
        {summary}
      </Text>
      {figureMarkers.length > 0 && (
        <List size="sm" spacing={2} aria-label={t("insights:limits.changes")}>
          {figureMarkers.map((marker) => (
            <List.Item key={marker.id}>
              {t("insights:chart.limitsChange")}: {formatPeriod(marker.at, grain).label} — {marker.label}
            </List.Item>
          ))}
        </List>
      )}
      <LimitsEditor
        figure={result.figure}
        grain={grain}
        cellId={scope.cellId}
        periods={result.chart.points.map((point) => point.period)}
        markers={figureMarkers}
        baseline={
          baselines.find((baseline) => baseline.figure === result.figure) ??
          baselines.find((baseline) => baseline.figure === null) ??
          null
        }
      />
    </>
  );
}
