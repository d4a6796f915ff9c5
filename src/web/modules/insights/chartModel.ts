/**
 * What an XmR chart shows, in the shape the chart, its data table and its text summary all read:
 * one point per period (or "too few to show"), the limits per segment (a "limits change here"
 * marker starts a new segment), the baseline the limits were computed from, and the rules that fired.
 * Pure, so the three views cannot disagree and the module that loads ECharts stays a separate chunk.
 */

import type { XmrChart, XmrRule } from "../../../shared/insights/figures.ts";

/** Wheeler's three detection rules for XmR charts plus the moving-range rule (domain.md §5.2). */
export const SIGNAL_RULES = ["beyondLimit", "threeOfFour", "runOfEight", "rangeBeyondLimit"] as const;
export type SignalRule = XmrRule;

/** The short mark a signal carries on the chart; the legend and the table spell it out. */
export const RULE_MARK: Record<SignalRule, string> = {
  beyondLimit: "1",
  threeOfFour: "2",
  runOfEight: "3",
  rangeBeyondLimit: "R",
};

export type ChartPoint = {
  /** First day of the period, YYYY-MM-DD. */
  period: string;
  /** The period as people read it ("March 2026", "week of 2 Mar 2026"), and shortly for an axis. */
  label: string;
  shortLabel: string;
  /** null when the period holds nothing to measure (no deal closed → no win rate). */
  value: number | null;
  movingRange: number | null;
  /** Rules that fired on the individual value (1, 2, 3). */
  signals: SignalRule[];
  /** The moving-range rule fired on this point's moving range. */
  rangeSignal: boolean;
  /** One of the values its segment's limits were computed from. */
  inBaseline: boolean;
};

export type ChartSegment = {
  /** Index of the first and last point the limits apply to (inclusive). */
  start: number;
  end: number;
  centre: number;
  upper: number;
  /** null when the lower limit would fall below what the figure can be (e.g. a negative count). */
  lower: number | null;
  mrCentre: number;
  mrUpper: number;
  /** Points this segment's limits were computed from (inclusive). */
  baselineStart: number;
  baselineEnd: number;
};

export type ChartView = {
  points: ChartPoint[];
  /** Segments with known limits (a segment with fewer than two values has none and is left out). */
  segments: ChartSegment[];
  /** Indices where a "limits change here" marker starts new limits. */
  changes: number[];
};

/** First index whose period is on or after `day`, and last whose period is on or before it (ISO dates sort as text). */
const firstFrom = (periods: string[], day: string) => {
  const index = periods.findIndex((period) => period >= day);
  return index === -1 ? periods.length : index;
};
const lastUntil = (periods: string[], day: string) => {
  for (let index = periods.length - 1; index >= 0; index--) if (periods[index] <= day) return index;
  return -1;
};

/** The server's chart in the shape the three views read; `label` names a period for people. */
export function toChartView(
  chart: XmrChart,
  label: (period: string) => { label: string; shortLabel: string },
): ChartView {
  const periods = chart.points.map((point) => point.period);
  const points = chart.points.map((point) => ({
    period: point.period,
    ...label(point.period),
    value: point.value,
    movingRange: point.movingRange,
    signals: point.signals.map((signal) => signal.rule).filter((rule) => rule !== "rangeBeyondLimit"),
    rangeSignal: point.signals.some((signal) => signal.rule === "rangeBeyondLimit"),
    inBaseline: point.inBaseline,
  }));
  const segments = chart.segments.flatMap((segment) => {
    const start = firstFrom(periods, segment.from);
    const end = lastUntil(periods, segment.to);
    if (!segment.limitsKnown || end < start) return [];
    return [
      {
        start,
        end,
        centre: segment.centre,
        upper: segment.upperLimit,
        lower: segment.hasLowerLimit ? segment.lowerLimit : null,
        mrCentre: segment.averageMovingRange,
        mrUpper: segment.rangeUpperLimit,
        baselineStart: Math.max(start, firstFrom(periods, segment.baselineFrom)),
        baselineEnd: Math.min(end, lastUntil(periods, segment.baselineTo)),
      },
    ];
  });
  const changes = chart.segments
    .slice(1)
    .map((segment) => firstFrom(periods, segment.from))
    .filter((index) => index > 0 && index < periods.length);
  return { points, segments, changes };
}

/** The segment whose limits apply at a point, if any. */
export function segmentAt(view: ChartView, index: number): ChartSegment | null {
  return view.segments.find((segment) => index >= segment.start && index <= segment.end) ?? null;
}

export type SignalAt = { index: number; rule: SignalRule };

/** Every signal in time order, the range rule after the value rules of the same point. */
export function signalsOf(view: ChartView): SignalAt[] {
  return view.points.flatMap((point, index) => [
    ...point.signals.map((rule) => ({ index, rule })),
    ...(point.rangeSignal ? [{ index, rule: "rangeBeyondLimit" as const }] : []),
  ]);
}

/**
 * Signals of one rule that fire on a run of consecutive points (rule 2 and 3 mark every point of the
 * run) are told as one, at the run's last point, so a summary does not read "rule 3" eight times.
 */
export function signalRuns(view: ChartView): SignalAt[] {
  const all = signalsOf(view);
  return all.filter(
    (signal) => !all.some((other) => other.rule === signal.rule && other.index === signal.index + 1),
  );
}

/** The newest point that has a value. */
export function latestShown(view: ChartView): { point: ChartPoint; index: number } | null {
  for (let index = view.points.length - 1; index >= 0; index--) {
    const point = view.points[index];
    if (point.value !== null) return { point, index };
  }
  return null;
}

/**
 * The limits as lines the chart draws: one array per segment with values only inside it, so the
 * line breaks where new limits start instead of sloping from the old level to the new one.
 */
export function segmentLines(
  view: ChartView,
  pick: (segment: ChartSegment) => number | null,
): (number | null)[][] {
  return view.segments.map((segment) =>
    view.points.map((_, index) => (index >= segment.start && index <= segment.end ? pick(segment) : null)),
  );
}
