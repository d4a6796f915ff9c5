import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { type CalendarFormat, calendarOf } from "./ics.ts";

const format = (over: Partial<CalendarFormat> = {}): CalendarFormat => ({
  id: "f1",
  name: "Lean Coffee; Preise, Rabatte & mehr — ein sehr langer Name, der gefaltet werden muss, ganz sicher",
  description: "Zeile eins\nZeile zwei",
  cadence: "fortnightly",
  startsOn: "2026-12-01",
  timeOfDay: "09:30",
  timeZone: "Europe/Berlin",
  durationMinutes: 45,
  updatedAt: "2026-11-27T05:00:00.000Z",
  ...over,
});

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  for (const zone of component.getAllSubcomponents("vtimezone"))
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return component;
}

describe("ICS calendar", () => {
  it("is RFC 5545 that ical.js reads back: RRULE, TZID with VTIMEZONE, escaped and folded text", () => {
    const text = calendarOf("Team", [format()], "periphery.example", new Date("2026-11-27T00:00:00Z"));
    expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = parse(text);
    const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent") ?? undefined);
    expect(event.summary).toBe(format().name);
    expect(event.description).toBe("Zeile eins\nZeile zwei");
    expect(event.startDate.zone?.tzid).toBe("Europe/Berlin");
    // 09:30 in Berlin in winter is 08:30 UTC; the second occurrence is two weeks later.
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-12-01T08:30:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-12-01T09:15:00.000Z");
    const it = event.iterator();
    const dates = [it.next(), it.next(), it.next()].map((d) => d?.toJSDate().toISOString());
    expect(dates).toEqual([
      "2026-12-01T08:30:00.000Z",
      "2026-12-15T08:30:00.000Z",
      "2026-12-29T08:30:00.000Z",
    ]);
  });

  it("follows daylight saving time through the VTIMEZONE and repeats monthly on the nth weekday", () => {
    const text = calendarOf(
      "Team",
      [format({ cadence: "monthly", startsOn: "2027-03-09" })], // the 2nd Tuesday
      "periphery.example",
      new Date("2026-11-27T00:00:00Z"),
    );
    const event = new ICAL.Event(parse(text).getFirstSubcomponent("vevent") ?? undefined);
    const it = event.iterator();
    const dates = [it.next(), it.next()].map((d) => d?.toJSDate().toISOString());
    // March: CET (UTC+1); April: CEST (UTC+2), 2nd Tuesday = 13 April.
    expect(dates).toEqual(["2027-03-09T08:30:00.000Z", "2027-04-13T07:30:00.000Z"]);
  });

  it("leaves formats on demand out and handles zones without daylight saving", () => {
    const text = calendarOf(
      "Team",
      [format({ cadence: "onDemand" }), format({ id: "f2", cadence: "weekly", timeZone: "Asia/Kolkata" })],
      "periphery.example",
      new Date("2026-11-27T00:00:00Z"),
    );
    const events = parse(text).getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    expect(new ICAL.Event(events[0]).startDate.toJSDate().toISOString()).toBe("2026-12-01T04:00:00.000Z");
  });
});
