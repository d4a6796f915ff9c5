/**
 * The organisation's clock in its own time zone: advice windows end at local midnight, "review due"
 * means the review date has come where the organisation is, and log dates are local days.
 */

const DAY_MS = 86_400_000;

/** Offset of `zone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The local calendar day (YYYY-MM-DD) of an instant in `zone`. */
export function localDate(instant: Date, zone: string): string {
  return new Date(instant.getTime() + offsetAt(instant.getTime(), zone)).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant local midnight starts `date` in `zone` (DST-safe: the offset is checked at the result). */
export function startOfLocalDay(date: string, zone: string): Date {
  const wall = Date.parse(`${date}T00:00:00Z`);
  let instant = wall - offsetAt(wall, zone);
  instant = wall - offsetAt(instant, zone);
  return new Date(instant);
}

/** An advice window of `days` whole days after the day of `proposedAt` closes at the next local midnight. */
export function adviceWindowCloses(proposedAt: Date, days: number, zone: string): Date {
  return startOfLocalDay(addDays(localDate(proposedAt, zone), days + 1), zone);
}
