import { Alert, Group, Stack, Table, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LeadTime, RatingFigure } from "../../../shared/system.ts";
import { formatNumber } from "../../ui/format.ts";
import type { HistogramHandle, HistogramInput } from "./histogramChart.ts";

export function useDays() {
  const { t } = useTranslation("system");
  return (days: number) =>
    t("system:figure.days", { count: days, formatted: formatNumber(days, { maximumFractionDigits: 1 }) });
}

/** The marker of a suppressed figure, in words: the number is not there, not even as a count. */
export function TooFew({ k }: { k: number }) {
  const { t } = useTranslation("system");
  return (
    <Stack gap={2}>
      <Text fw={600}>{t("system:figure.tooFew")}</Text>
      <Text size="sm" c="gray.7">
        {t("system:figure.tooFewHelp", { k })}
      </Text>
    </Stack>
  );
}

/** A lead-time distribution: median and quartiles in words, the histogram, and a table of the same bins. */
export function LeadTimeFigure({ figure, k, title }: { figure: LeadTime; k: number; title: string }) {
  const { t } = useTranslation("system");
  const days = useDays();
  if (figure.tooFewToShow) return <TooFew k={k} />;
  const labels = figure.histogram.map((b) =>
    t("system:figure.binRange", { from: formatNumber(b.fromDays), to: formatNumber(b.toDays) }),
  );
  const summary = `${t("system:figure.median")} ${days(figure.medianDays)}, ${t("system:figure.count")} ${formatNumber(figure.count)}`;
  return (
    <Stack gap="xs">
      <Group gap="lg">
        <Text>
          <strong>{t("system:figure.median")}:</strong> {days(figure.medianDays)}
        </Text>
        <Text>
          <strong>{t("system:figure.p75")}:</strong> {days(figure.p75Days)}
        </Text>
        <Text>
          <strong>{t("system:figure.range")}:</strong> {days(figure.minDays)} – {days(figure.maxDays)}
        </Text>
        <Text>
          <strong>{t("system:figure.count")}:</strong> {formatNumber(figure.count)}
        </Text>
      </Group>
      <div className="system-figure">
        <Histogram
          input={{ labels, counts: figure.histogram.map((b) => b.count), axisName: t("system:figure.bin") }}
          label={t("system:figure.chartLabel", { summary })}
        />
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{`${title}: ${t("system:figure.table")}`}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("system:figure.bin")}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("system:figure.inBin")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {figure.histogram.map((bin, i) => (
              <Table.Tr key={bin.fromDays}>
                <Table.Td>{labels[i]}</Table.Td>
                <Table.Td ta="right">{formatNumber(bin.count)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

export function RatingText({ figure, k }: { figure: RatingFigure; k: number }) {
  const { t } = useTranslation("system");
  if (figure.tooFewToShow) return <TooFew k={k} />;
  return (
    <Text>
      {t("system:figure.ratingMean", {
        mean: formatNumber(figure.mean, { maximumFractionDigits: 1 }),
        count: formatNumber(figure.count),
      })}
    </Text>
  );
}

function Histogram({ input, label }: { input: HistogramInput; label: string }) {
  const { t } = useTranslation("system");
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<HistogramHandle | null>(null);
  const latest = useRef(input);
  latest.current = input;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const target = element.current;
    if (!target) return;
    import("./histogramChart.ts")
      .then((charts) => {
        if (!cancelled) chart.current = charts.drawHistogram(target, latest.current);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(target);
    return () => {
      cancelled = true;
      observer.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  const signature = JSON.stringify(input);
  // biome-ignore lint/correctness/useExhaustiveDependencies: redraw when the numbers change, not the object.
  useEffect(() => {
    chart.current?.update(latest.current);
  }, [signature]);

  if (failed)
    return (
      <Alert color="orange" variant="light">
        {t("system:figure.chartFailed")}
      </Alert>
    );
  return <div ref={element} role="img" aria-label={label} className="system-chart" />;
}
