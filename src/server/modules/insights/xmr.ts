/**
 * XmR (individuals and moving range) process behaviour charts — a pure module, no I/O.
 *
 * Computation (Wheeler, "Understanding Variation", 2nd ed. 2000, ch. 5; domain brief §5.1):
 *   centre line  X̄  = mean of the baseline values
 *   moving range mRᵢ = |xᵢ − xᵢ₋₁|, i = 2…n;  m̄R = mean of the baseline's moving ranges
 *   natural process limits  X̄ ± 2.66 · m̄R      (2.66 = 3 / d₂, d₂ = 1.128 for subgroups of 2)
 *   upper range limit       URL = 3.268 · m̄R     (D₄ for n = 2; no lower range limit)
 *
 * Detection rules (Wheeler's three rules for XmR charts, as in Wheeler & Chambers, "Understanding
 * Statistical Process Control", and domain brief §5.2), plus the range rule:
 *   beyondLimit      a value strictly outside a natural process limit (on the limit does not count);
 *   threeOfFour      three out of four successive values closer to the same limit than to the centre
 *                    line, i.e. beyond X̄ ± 1.5 σ on the same side, where σ = m̄R / d₂ = m̄R / 1.128
 *                    (so the line sits at X̄ ± 1.5 · m̄R / 1.128 = X̄ ± 1.3298 · m̄R — "halfway to the
 *                    limit", Wheeler's own description: the midpoint between X̄ and X̄ + 2.66 m̄R is 1.33 m̄R);
 *   runOfEight       eight successive values on the same side of the centre line (a value exactly on
 *                    the centre line breaks the run);
 *   rangeBeyondLimit a moving range strictly above the URL.
 * Runs and rules are evaluated within one segment; points of a later segment never complete a run
 * begun before a change.
 *
 * Baseline: the limits of a segment come from its first `baselinePoints` values (default 20; Wheeler:
 * useful limits from 5–6 values, firming up with ~20), or from the values inside a fixed baseline
 * period the cell chose. A "limits change here" marker starts a new segment with its own baseline.
 */

export const E2 = 2.66;
export const D4 = 3.268;
export const D2 = 1.128;
/** Distance of the three-of-four line from the centre, in average moving ranges: 1.5 σ = 1.5 / d₂. */
export const ZONE = 1.5 / D2;

export type Rule = "beyondLimit" | "threeOfFour" | "runOfEight" | "rangeBeyondLimit";
export type Side = "above" | "below";
export type XmrSignal = { rule: Rule; side: Side };

export type Limits = {
  centre: number;
  averageMovingRange: number;
  upperLimit: number;
  lowerLimit: number;
  rangeUpperLimit: number;
};

export type XmrInputPoint = {
  /** Sortable key of the period (YYYY-MM-DD). */
  period: string;
  value: number | null;
  n: number;
};

export type XmrPoint = XmrInputPoint & {
  movingRange: number | null;
  signals: XmrSignal[];
  inBaseline: boolean;
};

export type XmrSegment = Limits & {
  from: string;
  to: string;
  baselineFrom: string;
  baselineTo: string;
  baselinePoints: number;
  hasLowerLimit: boolean;
  limitsKnown: boolean;
};

export type XmrOptions = {
  /** Periods at which a new segment starts ("limits change here"); a period key or any key ≤ it. */
  changes?: readonly string[];
  /** A fixed baseline period [from, to] (inclusive, compared as keys). */
  baseline?: { from: string; to: string } | null;
  /** Default baseline length when none is fixed. */
  baselinePoints?: number;
  /** Smallest possible value of the figure (0 for counts, money, rates): no lower limit below it. */
  floor?: number | null;
};

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** Limits from a sequence of baseline values (at least two). */
export function limitsOf(values: readonly number[]): Limits {
  if (values.length < 2) throw new Error("XmR limits need at least two values");
  const centre = mean(values);
  const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]));
  const averageMovingRange = mean(ranges);
  return {
    centre,
    averageMovingRange,
    upperLimit: centre + E2 * averageMovingRange,
    lowerLimit: centre - E2 * averageMovingRange,
    rangeUpperLimit: D4 * averageMovingRange,
  };
}

/** Signals on a sequence of values judged against one set of limits; index-aligned with `values`. */
export function signalsOf(values: readonly number[], limits: Limits): XmrSignal[][] {
  const out: XmrSignal[][] = values.map(() => []);
  const add = (i: number, signal: XmrSignal) => {
    if (!out[i].some((s) => s.rule === signal.rule && s.side === signal.side)) out[i].push(signal);
  };
  const zone = ZONE * limits.averageMovingRange;
  const sideOf = (v: number): Side | null =>
    v > limits.centre ? "above" : v < limits.centre ? "below" : null;

  values.forEach((v, i) => {
    if (v > limits.upperLimit) add(i, { rule: "beyondLimit", side: "above" });
    if (v < limits.lowerLimit) add(i, { rule: "beyondLimit", side: "below" });
    if (i > 0) {
      const range = Math.abs(v - values[i - 1]);
      if (range > limits.rangeUpperLimit)
        add(i, { rule: "rangeBeyondLimit", side: v > values[i - 1] ? "above" : "below" });
    }
  });

  // Three of four successive values beyond the 1.5-sigma line on the same side.
  for (let i = 3; i < values.length; i++) {
    const window = values.slice(i - 3, i + 1);
    for (const side of ["above", "below"] as const) {
      const beyond = window.map((v) =>
        side === "above" ? v > limits.centre + zone : v < limits.centre - zone,
      );
      if (beyond.filter(Boolean).length >= 3) {
        beyond.forEach((b, j) => {
          if (b) add(i - 3 + j, { rule: "threeOfFour", side });
        });
      }
    }
  }

  // Eight successive values on the same side of the centre line.
  let run = 0;
  let runSide: Side | null = null;
  values.forEach((v, i) => {
    const side = sideOf(v);
    if (side === null) {
      run = 0;
      runSide = null;
      return;
    }
    run = side === runSide ? run + 1 : 1;
    runSide = side;
    if (run >= 8) for (let j = i - run + 1; j <= i; j++) add(j, { rule: "runOfEight", side });
  });
  return out;
}

/**
 * The whole chart: points (nulls kept in place but skipped by every computation), segments split at
 * the change markers, each with its limits and signals.
 */
export function xmrChart(
  input: readonly XmrInputPoint[],
  options: XmrOptions = {},
): { points: XmrPoint[]; segments: XmrSegment[] } {
  const baselinePoints = Math.max(2, options.baselinePoints ?? 20);
  const changes = [...(options.changes ?? [])].sort();
  const points: XmrPoint[] = input.map((p) => ({ ...p, movingRange: null, signals: [], inBaseline: false }));
  const segments: XmrSegment[] = [];
  if (points.length === 0) return { points, segments };

  // Split indices: a segment starts at the first point whose period is ≥ a change's key.
  const starts = new Set<number>([0]);
  for (const change of changes) {
    const index = points.findIndex((p) => p.period >= change);
    if (index > 0) starts.add(index);
  }
  const bounds = [...starts].sort((a, b) => a - b);
  bounds.forEach((start, k) => {
    const end = k + 1 < bounds.length ? bounds[k + 1] : points.length;
    const segment = points.slice(start, end);
    const charted = segment.filter((p) => p.value !== null) as (XmrPoint & { value: number })[];
    charted.forEach((p, i) => {
      p.movingRange = i === 0 ? null : Math.abs(p.value - charted[i - 1].value);
    });
    const fixed = options.baseline
      ? charted.filter(
          (p) =>
            p.period >= (options.baseline as { from: string }).from &&
            p.period <= (options.baseline as { to: string }).to,
        )
      : [];
    const base = fixed.length >= 2 ? fixed : charted.slice(0, baselinePoints);
    for (const p of base) p.inBaseline = true;
    const first = segment[0].period;
    const last = segment[segment.length - 1].period;
    if (base.length < 2) {
      segments.push({
        from: first,
        to: last,
        baselineFrom: base[0]?.period ?? first,
        baselineTo: base[base.length - 1]?.period ?? first,
        baselinePoints: base.length,
        centre: base[0]?.value ?? 0,
        averageMovingRange: 0,
        upperLimit: base[0]?.value ?? 0,
        lowerLimit: base[0]?.value ?? 0,
        rangeUpperLimit: 0,
        hasLowerLimit: false,
        limitsKnown: false,
      });
      return;
    }
    const limits = limitsOf(base.map((p) => p.value));
    const signals = signalsOf(
      charted.map((p) => p.value),
      limits,
    );
    charted.forEach((p, i) => {
      p.signals = signals[i];
    });
    const floor = options.floor ?? null;
    const hasLowerLimit = floor === null || limits.lowerLimit > floor;
    if (!hasLowerLimit) {
      // No lower limit below the smallest possible value: a value can't fall beyond it.
      for (const p of charted)
        p.signals = p.signals.filter((s) => !(s.rule === "beyondLimit" && s.side === "below"));
    }
    segments.push({
      from: first,
      to: last,
      baselineFrom: base[0].period,
      baselineTo: base[base.length - 1].period,
      baselinePoints: base.length,
      ...limits,
      hasLowerLimit,
      limitsKnown: true,
    });
  });
  return { points, segments };
}
