/**
 * iCalendar (RFC 5545) for recurring formats: one VEVENT per format with an RRULE from its cadence,
 * local times with TZID, and a VTIMEZONE per zone built from the zone's real offset changes (Intl),
 * so calendar apps that do not know the zone name still place the meeting right.
 */
import type { Cadence } from "../../../shared/exchange.ts";

export type CalendarFormat = {
  id: string;
  name: string;
  description: string;
  cadence: Cadence;
  startsOn: string;
  timeOfDay: string;
  timeZone: string;
  durationMinutes: number;
  updatedAt: string;
};

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
const escapeText = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const utcStamp = (iso: string) => `${iso.replace(/[-:]/g, "").slice(0, 15)}Z`;
const localStamp = (date: string, time: string) => `${date.replace(/-/g, "")}T${time.replace(":", "")}00`;

function addMinutes(date: string, time: string, minutes: number): { date: string; time: string } {
  const [h, m] = time.split(":").map(Number);
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCMinutes(h * 60 + m + minutes);
  const iso = t.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

/** The cadence as a recurrence rule; monthly means "the same weekday of the month" (e.g. 2nd Tuesday). */
export function rruleOf(cadence: Cadence, startsOn: string): string | null {
  const day = new Date(`${startsOn}T00:00:00Z`);
  const weekday = WEEKDAYS[day.getUTCDay()];
  switch (cadence) {
    case "weekly":
      return `FREQ=WEEKLY;BYDAY=${weekday}`;
    case "fortnightly":
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekday}`;
    case "monthly": {
      const nth = Math.ceil(day.getUTCDate() / 7);
      return `FREQ=MONTHLY;BYDAY=${nth === 5 ? -1 : nth}${weekday}`;
    }
    case "onDemand":
      return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (timeZone: string) => {
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
  return formatter;
};

/** The zone's offset from UTC in minutes at an instant. */
function offsetAt(timeZone: string, at: number): number {
  const parts = formatterOf(timeZone).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
}

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
};

/**
 * VTIMEZONE with every offset change from the year before `fromYear` for ten years: each change as
 * a DAYLIGHT (offset grows) or STANDARD observance listed by RDATE, in local time before the change.
 */
export function vtimezone(timeZone: string, fromYear: number): string[] {
  const start = Date.UTC(fromYear - 1, 0, 1);
  const end = Date.UTC(fromYear + 10, 0, 1);
  const hour = 3_600_000;
  const changes: { at: number; from: number; to: number }[] = [];
  let previous = offsetAt(timeZone, start);
  for (let t = start + 24 * hour; t <= end; t += 24 * hour) {
    const now = offsetAt(timeZone, t);
    if (now === previous) continue;
    // Narrow the change down to the minute within the day before.
    let lo = t - 24 * hour;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(timeZone, mid) === previous) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, from: previous, to: now });
    previous = now;
  }
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`];
  if (changes.length === 0) {
    const offset = offsetText(previous);
    lines.push(
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      `TZOFFSETFROM:${offset}`,
      `TZOFFSETTO:${offset}`,
      "END:STANDARD",
    );
  }
  const local = (c: { at: number; from: number }) =>
    new Date(c.at + c.from * 60_000).toISOString().replace(/[-:]/g, "").slice(0, 15);
  // One observance per (kind, from, to): DTSTART is its first change, RDATEs the later ones.
  const groups = new Map<string, typeof changes>();
  for (const change of changes) {
    const key = `${change.to > change.from ? "DAYLIGHT" : "STANDARD"} ${change.from} ${change.to}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  for (const [key, list] of groups) {
    const kind = key.split(" ")[0];
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${local(list[0])}`,
      ...list.slice(1).map((c) => `RDATE:${local(c)}`),
      `TZOFFSETFROM:${offsetText(list[0].from)}`,
      `TZOFFSETTO:${offsetText(list[0].to)}`,
      `END:${kind}`,
    );
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

/** A whole calendar: formats on demand have no date and are left out. */
export function calendarOf(name: string, formats: CalendarFormat[], host: string, now: Date): string {
  const scheduled = formats.filter((f) => f.cadence !== "onDemand");
  const zones = [...new Set(scheduled.map((f) => f.timeZone))].sort();
  const firstYear = Math.min(now.getUTCFullYear(), ...scheduled.map((f) => Number(f.startsOn.slice(0, 4))));
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Periphery//Exchange formats//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    ...zones.flatMap((zone) => vtimezone(zone, firstYear)),
  ];
  for (const format of scheduled) {
    const end = addMinutes(format.startsOn, format.timeOfDay, format.durationMinutes);
    const rule = rruleOf(format.cadence, format.startsOn);
    lines.push(
      "BEGIN:VEVENT",
      `UID:exchange-format-${format.id}@${host}`,
      `DTSTAMP:${utcStamp(format.updatedAt)}`,
      `DTSTART;TZID=${format.timeZone}:${localStamp(format.startsOn, format.timeOfDay)}`,
      `DTEND;TZID=${format.timeZone}:${localStamp(end.date, end.time)}`,
      ...(rule ? [`RRULE:${rule}`] : []),
      `SUMMARY:${escapeText(format.name)}`,
      ...(format.description ? [`DESCRIPTION:${escapeText(format.description)}`] : []),
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
