import { describe, expect, it } from "vitest";
import type { XmrChart } from "../../../shared/insights/figures.ts";
import { latestShown, segmentAt, segmentLines, signalRuns, toChartView } from "./chartModel.ts";

const label = (period: string) => ({ label: `L${period}`, shortLabel: period.slice(5) });

const point = (period: string, value: number | null, rules: XmrChart["points"][number]["signals"] = []) => ({
  period,
  value,
  n: 10,
  movingRange: null,
  signals: rules,
  inBaseline: false,
});

const segment = (from: string, to: string, centre: number, limitsKnown = true) => ({
  from,
  to,
  baselineFrom: from,
  baselineTo: to,
  baselinePoints: 3,
  centre,
  averageMovingRange: 1,
  upperLimit: centre + 2.66,
  lowerLimit: centre - 2.66,
  hasLowerLimit: centre > 2.66,
  rangeUpperLimit: 3.268,
  limitsKnown,
});

describe("the chart view of an XmR chart", () => {
  const chart: XmrChart = {
    points: [
      point("2026-01-01", 10),
      point("2026-02-01", 11),
      point("2026-03-01", null),
      point("2026-04-01", 20, [
        { rule: "beyondLimit", side: "above" },
        { rule: "rangeBeyondLimit", side: "above" },
      ]),
      point("2026-05-01", 21),
    ],
    segments: [segment("2026-01-01", "2026-03-31", 10.5), segment("2026-04-01", "2026-05-31", 2)],
  };
  const view = toChartView(chart, label);

  it("places each segment on the points it covers and marks where limits change", () => {
    expect(view.segments.map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [3, 4],
    ]);
    expect(view.changes).toEqual([3]);
    expect(segmentAt(view, 4)?.centre).toBe(2);
    // No lower limit where it would fall below what the figure can be.
    expect(view.segments[1].lower).toBeNull();
    expect(view.segments[0].lower).toBeCloseTo(7.84);
  });

  it("keeps the range rule apart from the value rules", () => {
    expect(view.points[3].signals).toEqual(["beyondLimit"]);
    expect(view.points[3].rangeSignal).toBe(true);
    expect(signalRuns(view)).toEqual([
      { index: 3, rule: "beyondLimit" },
      { index: 3, rule: "rangeBeyondLimit" },
    ]);
  });

  it("breaks the limit lines between segments instead of joining them", () => {
    expect(segmentLines(view, (s) => s.centre)).toEqual([
      [10.5, 10.5, 10.5, null, null],
      [null, null, null, 2, 2],
    ]);
  });

  it("tells a run of one rule once, at its last point", () => {
    const run = toChartView(
      {
        points: [1, 2, 3, 4].map((n) =>
          point(`2026-0${n}-01`, n, n > 1 ? [{ rule: "threeOfFour", side: "above" }] : []),
        ),
        segments: [],
      },
      label,
    );
    expect(signalRuns(run)).toEqual([{ index: 3, rule: "threeOfFour" }]);
    expect(run.segments).toEqual([]);
  });

  it("leaves out segments whose limits are not known and finds the newest value", () => {
    const sparse = toChartView(
      {
        points: [point("2026-01-01", 4), point("2026-02-01", null)],
        segments: [segment("2026-01-01", "2026-02-28", 4, false)],
      },
      label,
    );
    expect(sparse.segments).toEqual([]);
    expect(latestShown(sparse)?.index).toBe(0);
  });
});
