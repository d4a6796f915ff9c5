/**
 * Figures from rollup rows — pure: period lists, values per period (sums, rates, means, histogram
 * medians), peer median and band. The reads in queries.ts feed it.
 */
import type { Figure, FigureUnit, Grain, PeerBand } from "../../../shared/insights/figures.ts";
import type { CellKind } from "../../../shared/org.ts";
import { bucketWidth } from "./rollupSql.ts";

export type Row = {
  period: string;
  figure: string;
  currency: string;
  bucket: number;
  count: number;
  total: number;
};

export const UNIT: Record<Figure, FigureUnit> = {
  wonValue: "money",
  winRate: "percent",
  salesCycleDays: "days",
  offerLeadTimeDays: "days",
  pipelineCreated: "money",
  averageDiscount: "percent",
  customerSatisfaction: "score",
  requestLeadTimeDays: "days",
  requestRating: "score",
  adviceLeadTimeDays: "days",
  obstacleLeadTimeDays: "days",
};

/** Which figures a level shows, in FIGURES order. */
export function figuresFor(level: "cell" | "organisation", kind: CellKind | null): Figure[] {
  const sales: Figure[] = [
    "wonValue",
    "winRate",
    "salesCycleDays",
    "offerLeadTimeDays",
    "pipelineCreated",
    "averageDiscount",
    "customerSatisfaction",
  ];
  const centre: Figure[] = ["requestLeadTimeDays", "requestRating"];
  if (level === "organisation") return [...sales, ...centre, "adviceLeadTimeDays", "obstacleLeadTimeDays"];
  return kind === "centre" ? centre : sales;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** First day of the period containing `day` (UTC). */
export function periodStart(grain: Grain, day: Date): Date {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  if (grain === "month") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000);
}

/** The last `count` complete periods before the one running at `now`, oldest first. */
export function completePeriods(grain: Grain, now: Date, count: number): string[] {
  const out: string[] = [];
  let start = periodStart(grain, now);
  for (let i = 0; i < count; i++) {
    start =
      grain === "month"
        ? new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1))
        : new Date(start.getTime() - 7 * 86_400_000);
    out.unshift(iso(start));
  }
  return out;
}

/** The median of a duration histogram, interpolated inside its bucket; null without values. */
export function histogramMedian(buckets: { bucket: number; count: number }[]): number | null {
  const sorted = buckets.filter((b) => b.count > 0).sort((a, b) => a.bucket - b.bucket);
  const n = sorted.reduce((sum, b) => sum + b.count, 0);
  if (n === 0) return null;
  const half = n / 2;
  let before = 0;
  for (const b of sorted) {
    if (before + b.count >= half) return b.bucket + bucketWidth(b.bucket) * ((half - before) / b.count);
    before += b.count;
  }
  return sorted[sorted.length - 1].bucket;
}

/** The rollup rows each money figure sums. */
const MONEY_SOURCE: Partial<Record<Figure, string>> = { wonValue: "won", pipelineCreated: "created" };

/**
 * The currencies a figure is charted in: none for figures without money; for money figures the
 * organisation's currency first (also without deals), then every other currency with deals in `rows`,
 * alphabetically — one chart each. Amounts are never converted: the organisation keeps no exchange
 * rates, and a rate picked by the product would move a team's chart with the market, not its work.
 */
export function chartCurrencies(
  figure: Figure,
  rows: readonly Row[],
  orgCurrency: string,
): (string | null)[] {
  const source = MONEY_SOURCE[figure];
  if (!source) return [null];
  const others = rows
    .filter((r) => r.figure === source && r.count !== 0 && r.currency !== orgCurrency)
    .map((r) => r.currency);
  return [orgCurrency, ...[...new Set(others)].sort()];
}

/** One figure's value and event count in one period, from that period's rows. */
export function figureValue(
  figure: Figure,
  rows: readonly Row[],
  currency: string,
): { value: number | null; n: number } {
  const of = (name: string) => rows.filter((r) => r.figure === name && r.count !== 0);
  const sum = (list: Row[], key: "count" | "total") => list.reduce((s, r) => s + r[key], 0);
  const money = (name: string) => {
    const list = of(name).filter((r) => r.currency === currency);
    return { value: sum(list, "total"), n: sum(list, "count") };
  };
  const median = (name: string) => {
    const list = of(name);
    return { value: histogramMedian(list), n: sum(list, "count") };
  };
  const mean = (name: string, scale = 1) => {
    const list = of(name);
    const n = sum(list, "count");
    return { value: n === 0 ? null : sum(list, "total") / n / scale, n };
  };
  switch (figure) {
    case "wonValue":
      return money("won");
    case "pipelineCreated":
      return money("created");
    case "winRate": {
      const won = sum(of("won"), "count");
      const n = won + sum(of("lost"), "count");
      return { value: n === 0 ? null : (100 * won) / n, n };
    }
    case "salesCycleDays":
      return median("cycle");
    case "offerLeadTimeDays":
      return median("offerLead");
    case "averageDiscount":
      return mean("discount", 100);
    case "customerSatisfaction":
      return mean("satisfaction");
    case "requestLeadTimeDays":
      return median("requestLead");
    case "requestRating":
      return mean("requestRating");
    case "adviceLeadTimeDays":
      return median("adviceLead");
    case "obstacleLeadTimeDays":
      return median("obstacleLead");
  }
}

/** Middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Where `own` sits among itself and its peers, as a third — never a rank. Ties count in the cell's
 * favour of the middle: the position is the share of peers strictly below plus half of those equal.
 * Needs at least 3 values in all.
 */
export function bandOf(own: number, peers: readonly number[]): PeerBand | null {
  if (peers.length + 1 < 3) return null;
  const below = peers.filter((p) => p < own).length;
  const equal = peers.filter((p) => p === own).length;
  const position = (below + equal / 2) / peers.length;
  return position < 1 / 3 ? "lower" : position > 2 / 3 ? "upper" : "middle";
}
