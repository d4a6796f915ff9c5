/**
 * Lead-time and rating figures with k-suppression (PRODUCT.md rule 2): a figure is shown only when
 * at least k distinct people are behind it — otherwise it is the marker `{ tooFewToShow: true }` and
 * carries no number at all (not even a count, which could be differenced against another figure).
 */
import type { HistogramBin, LeadTime, RatingFigure } from "../../../shared/system.ts";

export type Sample = { days: number; personId: string | null };

const DAY_MS = 86_400_000;

/** Days between two instants, to a tenth of a day. */
export const daysBetween = (from: string, to: Date) =>
  Math.max(0, Math.round(((to.getTime() - Date.parse(from)) / DAY_MS) * 10) / 10);

export const enoughPeople = (personIds: (string | null)[], k: number) =>
  new Set(personIds.filter((p): p is string => p !== null)).size >= k;

/** Linear interpolation between the closest ranks (the common "type 7" quantile). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const value = sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
  return Math.round(value * 10) / 10;
}

const BIN_WIDTHS = [1, 2, 5, 7, 14, 30, 60, 90, 180, 365];

/** At most twelve bins of a readable width (days, a week, a month…) starting at zero. */
export function histogram(sorted: number[]): HistogramBin[] {
  if (sorted.length === 0) return [];
  const max = sorted[sorted.length - 1];
  const width = BIN_WIDTHS.find((w) => max / w < 12) ?? Math.ceil(max / 12);
  const count = Math.max(1, Math.floor(max / width) + 1);
  const bins = Array.from({ length: count }, (_, i) => ({
    fromDays: i * width,
    toDays: (i + 1) * width,
    count: 0,
  }));
  for (const days of sorted) bins[Math.min(count - 1, Math.floor(days / width))].count++;
  return bins;
}

export function leadTimeFigure(samples: Sample[], k: number): LeadTime {
  if (
    samples.length === 0 ||
    !enoughPeople(
      samples.map((s) => s.personId),
      k,
    )
  )
    return { tooFewToShow: true };
  const sorted = samples.map((s) => s.days).sort((a, b) => a - b);
  return {
    tooFewToShow: false,
    count: sorted.length,
    medianDays: quantile(sorted, 0.5),
    p25Days: quantile(sorted, 0.25),
    p75Days: quantile(sorted, 0.75),
    minDays: sorted[0],
    maxDays: sorted[sorted.length - 1],
    histogram: histogram(sorted),
  };
}

export function ratingFigure(
  ratings: { rating: number; personId: string | null }[],
  k: number,
): RatingFigure {
  if (
    ratings.length === 0 ||
    !enoughPeople(
      ratings.map((r) => r.personId),
      k,
    )
  )
    return { tooFewToShow: true };
  const distribution = [0, 0, 0, 0, 0];
  for (const r of ratings) distribution[r.rating - 1]++;
  const mean = ratings.reduce((sum, r) => sum + r.rating, 0) / ratings.length;
  return { tooFewToShow: false, count: ratings.length, mean: Math.round(mean * 10) / 10, distribution };
}
