/**
 * The demo's "today": midnight UTC of the day the demo is made (the config's clock, so tests move it).
 * Every row is dated relative to it — history before it, open deals and next sessions after it — so
 * a demo made any day reads as current, and the same seed and day give the same rows.
 */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function demoDay(today: Date): number {
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
}

/** The first day of the month `monthsBack` months before `day`'s month, as YYYY-MM-DD. */
export function monthStart(day: number, monthsBack: number): string {
  const date = new Date(day);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsBack, 1))
    .toISOString()
    .slice(0, 10);
}

export const iso = (ms: number) => new Date(ms).toISOString();
