import type { TFunction } from "i18next";
import { type ChartView, latestShown, RULE_MARK, segmentAt, signalRuns } from "./chartModel.ts";

/**
 * The chart in sentences: the latest value, the limits that apply to it, every signal with its rule,
 * and where limits change. It names the chart image for screen readers and stands under the chart.
 */
export function summariseChart(view: ChartView, t: TFunction, format: (value: number) => string): string {
  const parts: string[] = [];
  const latest = latestShown(view);
  if (latest) {
    parts.push(
      t("insights:chart.summary.latest", {
        value: format(latest.point.value ?? 0),
        period: latest.point.label,
      }),
    );
  } else {
    parts.push(t("insights:chart.summary.noLatest"));
  }
  const segment = segmentAt(view, latest?.index ?? view.points.length - 1) ?? view.segments.at(-1) ?? null;
  if (!segment) parts.push(t("insights:chart.summary.noLimits"));
  else if (segment.lower === null) {
    parts.push(
      t("insights:chart.summary.limitsNoLower", {
        centre: format(segment.centre),
        upper: format(segment.upper),
      }),
    );
  } else {
    parts.push(
      t("insights:chart.summary.limits", {
        centre: format(segment.centre),
        lower: format(segment.lower),
        upper: format(segment.upper),
      }),
    );
  }
  const runs = signalRuns(view);
  if (runs.length === 0) parts.push(t("insights:chart.summary.routine"));
  else {
    const list = runs
      .map((signal) =>
        t("insights:chart.summary.signalAt", {
          mark: RULE_MARK[signal.rule],
          period: view.points[signal.index].label,
        }),
      )
      .join("; ");
    parts.push(t("insights:chart.summary.signals", { count: runs.length, list }));
  }
  if (view.changes.length) {
    parts.push(
      t("insights:chart.summary.changes", {
        count: view.changes.length,
        list: view.changes.map((index) => view.points[index].label).join(", "),
      }),
    );
  }
  return parts.join(" ");
}
