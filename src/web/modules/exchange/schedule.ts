import type { Cadence } from "../../../shared/exchange.ts";
import { currentLanguage } from "../../i18n/i18n.ts";

/**
 * When a format meets next, the way its calendar feed (server ics.ts) repeats it: weekly and
 * fortnightly on the first date's weekday, monthly on the same weekday of the month (2nd Tuesday;
 * a 5th one means the last), all at the local time of the format's time zone.
 */
export type Schedule = { cadence: Cadence; startsOn: string; timeOfDay: string; timeZone: string };

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in minutes at an instant. */
function offsetAt(timeZone: string, at: number): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/** The instant of a local date and time in a zone (the later one when a clock change repeats it). */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min);
  const first = wall - offsetAt(timeZone, wall) * 60_000;
  const second = wall - offsetAt(timeZone, first) * 60_000;
  return second;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The local dates of the series from `startsOn`, beginning near `from` (an instant). */
function* datesFrom(schedule: Schedule, from: number): Generator<string> {
  const start = Date.parse(`${schedule.startsOn}T00:00:00Z`);
  if (schedule.cadence === "weekly" || schedule.cadence === "fortnightly") {
    const step = (schedule.cadence === "weekly" ? 7 : 14) * DAY_MS;
    // Two steps before `from` leaves room for any zone offset.
    let k = Math.max(0, Math.floor((from - start) / step) - 2);
    for (;;) yield isoDate(start + k++ * step);
  }
  if (schedule.cadence === "monthly") {
    const first = new Date(start);
    const weekday = first.getUTCDay();
    const nth = Math.ceil(first.getUTCDate() / 7);
    const origin = first.getUTCFullYear() * 12 + first.getUTCMonth();
    const fromDate = new Date(from);
    let month = Math.max(origin, fromDate.getUTCFullYear() * 12 + fromDate.getUTCMonth() - 1);
    for (;;) {
      const y = Math.floor(month / 12);
      const mo = month % 12;
      month++;
      const firstWeekday = (weekday - new Date(Date.UTC(y, mo, 1)).getUTCDay() + 7) % 7;
      let day = 1 + firstWeekday + (nth === 5 ? 0 : (nth - 1) * 7);
      const days = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
      if (nth === 5) while (day + 7 <= days) day += 7;
      if (day > days) continue;
      const date = isoDate(Date.UTC(y, mo, day));
      if (date >= schedule.startsOn) yield date;
    }
  }
}

/** The next meeting at or after `now`, or null for a format that meets on demand or met once. */
export function nextOccurrence(schedule: Schedule, now = Date.now()): Date | null {
  if (schedule.cadence === "onDemand") {
    const at = zonedInstant(schedule.startsOn, schedule.timeOfDay, schedule.timeZone);
    return at >= now ? new Date(at) : null;
  }
  let tries = 0;
  for (const date of datesFrom(schedule, now)) {
    const at = zonedInstant(date, schedule.timeOfDay, schedule.timeZone);
    if (at >= now) return new Date(at);
    if (++tries > 60) return null;
  }
  return null;
}

/** A meeting's date and time in the format's own time zone, named, in the UI language. */
export function formatInZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(currentLanguage() === "de" ? "de-DE" : "en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(at);
}
