import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { limitsOf, signalsOf, xmrChart } from "./xmr.ts";

const series = (values: (number | null)[]) =>
  values.map((value, i) => ({ period: `2026-01-${String(i + 1).padStart(2, "0")}`, value, n: 1 }));

describe("XmR limits reproduce hand-checked worked examples", () => {
  it("Montgomery's aircraft-primer viscosity example (individuals chart)", () => {
    /*
     * Source: D. C. Montgomery, "Introduction to Statistical Quality Control" (6th ed., Wiley 2009),
     * Example 6.5 / Table 6.6: viscosity of 15 batches of aircraft primer paint. The book reports
     * x̄ = 33.52, MR̄ = 0.48, UCL = 34.80, LCL = 32.24 (with 3/d₂ = 2.66). Arithmetic by hand:
     *   Σx = 33.75+33.05+34.00+33.81+33.46+34.02+33.68+33.27+33.49+33.20+33.62+33.00+33.54+33.12+33.84
     *      = 502.85;  x̄ = 502.85 / 15 = 33.523333…
     *   moving ranges: 0.70 0.95 0.19 0.35 0.56 0.34 0.41 0.22 0.29 0.42 0.62 0.54 0.42 0.72
     *      Σ = 6.73;  m̄R = 6.73 / 14 = 0.480714…
     *   UNPL = 33.523333 + 2.66 × 0.480714 = 33.523333 + 1.278700 = 34.802033
     *   LNPL = 33.523333 − 1.278700 = 32.244633
     *   URL  = 3.268 × 0.480714 = 1.570974
     * Every value lies inside 32.24…34.80 and every moving range below 1.571: no beyondLimit or
     * rangeBeyondLimit signal.
     */
    const data = [
      33.75, 33.05, 34.0, 33.81, 33.46, 34.02, 33.68, 33.27, 33.49, 33.2, 33.62, 33.0, 33.54, 33.12, 33.84,
    ];
    const limits = limitsOf(data);
    expect(limits.centre).toBeCloseTo(33.523333, 5);
    expect(limits.averageMovingRange).toBeCloseTo(0.480714, 5);
    expect(limits.upperLimit).toBeCloseTo(34.802033, 5);
    expect(limits.lowerLimit).toBeCloseTo(32.244633, 5);
    expect(limits.rangeUpperLimit).toBeCloseTo(1.570974, 5);
    const signals = signalsOf(data, limits).flat();
    expect(signals.filter((s) => s.rule === "beyondLimit" || s.rule === "rangeBeyondLimit")).toEqual([]);
  });

  it("a constructed weekly count with a jump: every rule by hand", () => {
    /*
     * Constructed example (no external source), baseline = the first 10 values:
     *   10 12 11 13 12 11 12 13 11 12 | 16 17 16 30
     *   baseline Σ = 117, x̄ = 11.7
     *   baseline moving ranges: 2 1 2 1 1 1 1 2 1 → Σ = 12, m̄R = 12 / 9 = 1.333333
     *   UNPL = 11.7 + 2.66 × 1.333333 = 11.7 + 3.546667 = 15.246667
     *   LNPL = 11.7 − 3.546667 = 8.153333;  URL = 3.268 × 1.333333 = 4.357333
     *   1.5-sigma line: 1.5 / 1.128 × 1.333333 = 1.773050 → 13.473050
     * Signals: 16, 17, 16, 30 are above 15.2467 → beyondLimit at indices 10–13;
     *   mR 12→16 = 4 (< 4.357, no), 16→30 = 14 > 4.357 → rangeBeyondLimit at index 13;
     *   indices 10–13 are four successive values beyond 13.473 → threeOfFour at 10–13;
     *   runOfEight: values above 11.7 from index 9 on are 12 16 17 16 30 — five, not eight → none.
     */
    const data = [10, 12, 11, 13, 12, 11, 12, 13, 11, 12, 16, 17, 16, 30];
    const chart = xmrChart(series(data), { baselinePoints: 10, floor: 0 });
    const [segment] = chart.segments;
    expect(segment.centre).toBeCloseTo(11.7, 6);
    expect(segment.averageMovingRange).toBeCloseTo(1.333333, 5);
    expect(segment.upperLimit).toBeCloseTo(15.246667, 5);
    expect(segment.lowerLimit).toBeCloseTo(8.153333, 5);
    expect(segment.rangeUpperLimit).toBeCloseTo(4.357333, 5);
    const rules = (i: number) => chart.points[i].signals.map((s) => s.rule).sort();
    for (let i = 0; i < 10; i++) expect(rules(i)).toEqual([]);
    expect(rules(10)).toEqual(["beyondLimit", "threeOfFour"]);
    expect(rules(13)).toEqual(["beyondLimit", "rangeBeyondLimit", "threeOfFour"]);
    expect(chart.points.filter((p) => p.inBaseline)).toHaveLength(10);
  });

  it("eight successive values on one side form a run; a value on the centre line breaks it", () => {
    /*
     * Baseline (first 6): 5 7 5 7 5 7 → x̄ = 6, mR all 2 → m̄R = 2, limits 6 ± 5.32 = 0.68 … 11.32,
     * 1.5-sigma line 6 ± 2.659574 → 8.659574 / 3.340426.
     * Then 6.5 × 7 (run of 7 above) — no run yet; 6 (on the line) breaks; then 6.5 × 8 → runOfEight on
     * those eight points. 6.5 is inside the 1.5-sigma line: no threeOfFour; no point beyond the limits.
     */
    const data = [5, 7, 5, 7, 5, 7, ...Array(7).fill(6.5), 6, ...Array(8).fill(6.5)];
    const chart = xmrChart(series(data), { baselinePoints: 6 });
    const runs = chart.points.map((p) => p.signals.some((s) => s.rule === "runOfEight"));
    // Index 5 (7, above) + indices 6–12 (6.5) make 8 successive values above the centre line.
    expect(runs.slice(0, 5).some(Boolean)).toBe(false);
    expect(runs.slice(5, 13).every(Boolean)).toBe(true);
    expect(runs[13]).toBe(false);
    expect(runs.slice(14).every(Boolean)).toBe(true);
    expect(chart.points.flatMap((p) => p.signals).every((s) => s.rule === "runOfEight")).toBe(true);
  });

  it("three of four beyond the 1.5-sigma line on the same side", () => {
    // Baseline 5 7 5 7 5 7: line at 8.659574. Then 9, 6, 9, 9 → three of four beyond → marked on the 9s.
    const data = [5, 7, 5, 7, 5, 7, 9, 6, 9, 9];
    const chart = xmrChart(series(data), { baselinePoints: 6 });
    const marked = chart.points.map((p) => p.signals.some((s) => s.rule === "threeOfFour"));
    expect(marked).toEqual([false, false, false, false, false, false, true, false, true, true]);
  });

  it("a change marker starts a new segment with its own limits; nulls are skipped", () => {
    const data = [10, 12, 10, 12, null, 20, 22, 20, 22];
    const chart = xmrChart(series(data), { changes: ["2026-01-05"] });
    expect(chart.segments).toHaveLength(2);
    expect(chart.segments[0].centre).toBe(11);
    expect(chart.segments[1].centre).toBe(21);
    expect(chart.segments[1].from).toBe("2026-01-05");
    expect(chart.points[5].movingRange).toBeNull();
    expect(chart.points.flatMap((p) => p.signals)).toEqual([]);
  });

  it("a fixed baseline period gives the limits; a lower limit below the floor does not exist", () => {
    const data = [1, 3, 1, 3, 1, 3, 9, 9];
    const chart = xmrChart(series(data), { baseline: { from: "2026-01-01", to: "2026-01-04" }, floor: 0 });
    const [segment] = chart.segments;
    // 1 3 1 3 → x̄ = 2, m̄R = 2 → limits 2 ± 5.32 → lower −3.32 < 0: no lower limit.
    expect(segment.baselinePoints).toBe(4);
    expect(segment.upperLimit).toBeCloseTo(7.32, 6);
    expect(segment.hasLowerLimit).toBe(false);
    expect(chart.points[6].signals.map((s) => s.rule)).toContain("beyondLimit");
  });
});

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 });
const close = (a: number, b: number, scale = 1) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(scale));

describe("XmR properties", () => {
  it("limits are symmetric about the mean", () => {
    fc.assert(
      fc.property(values, (xs) => {
        const l = limitsOf(xs);
        const scale = Math.max(...xs.map(Math.abs));
        return close(l.upperLimit - l.centre, l.centre - l.lowerLimit, scale);
      }),
    );
  });

  it("adding a constant shifts centre and limits by it and leaves the ranges alone", () => {
    fc.assert(
      fc.property(values, fc.double({ min: -1e6, max: 1e6, noNaN: true }), (xs, c) => {
        const a = limitsOf(xs);
        const b = limitsOf(xs.map((x) => x + c));
        const scale = Math.max(...xs.map(Math.abs), Math.abs(c));
        return (
          close(b.centre, a.centre + c, scale) &&
          close(b.upperLimit, a.upperLimit + c, scale) &&
          close(b.lowerLimit, a.lowerLimit + c, scale) &&
          close(b.averageMovingRange, a.averageMovingRange, scale)
        );
      }),
    );
  });

  it("scaling by c > 0 scales centre, limits and ranges", () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0.001, max: 1000, noNaN: true }), (xs, c) => {
        const a = limitsOf(xs);
        const b = limitsOf(xs.map((x) => x * c));
        const scale = Math.max(...xs.map(Math.abs)) * c;
        return (
          close(b.centre, a.centre * c, scale) &&
          close(b.upperLimit, a.upperLimit * c, scale) &&
          close(b.lowerLimit, a.lowerLimit * c, scale) &&
          close(b.rangeUpperLimit, a.rangeUpperLimit * c, scale)
        );
      }),
    );
  });

  it("rule 1 never fires for data inside the limits", () => {
    fc.assert(
      fc.property(values, values, (baseline, later) => {
        const limits = limitsOf(baseline);
        const inside = later.filter((x) => x <= limits.upperLimit && x >= limits.lowerLimit);
        return signalsOf(inside, limits)
          .flat()
          .every((s) => s.rule !== "beyondLimit");
      }),
    );
  });

  it("the baseline's own values never all lie beyond the limits and the chart keeps every point", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 1000 })), { maxLength: 60 }), (xs) => {
        const chart = xmrChart(series(xs), { floor: 0 });
        return chart.points.length === xs.length && chart.points.every((p, i) => p.value === xs[i]);
      }),
    );
  });
});
