import { describe, expect, it, vi } from "vitest";

vi.mock("../../i18n/i18n.ts", () => ({ currentLanguage: () => "en" }));
const { formatInZone, nextOccurrence, zonedInstant } = await import("./schedule.ts");

const at = (iso: string) => Date.parse(iso);

describe("when a format meets next", () => {
  it("reads local times in the format's zone, across a clock change", () => {
    expect(new Date(zonedInstant("2026-12-01", "09:30", "Europe/Berlin")).toISOString()).toBe(
      "2026-12-01T08:30:00.000Z",
    );
    expect(new Date(zonedInstant("2026-07-01", "09:30", "Europe/Berlin")).toISOString()).toBe(
      "2026-07-01T07:30:00.000Z",
    );
    expect(new Date(zonedInstant("2026-12-01", "09:30", "America/New_York")).toISOString()).toBe(
      "2026-12-01T14:30:00.000Z",
    );
  });

  it("repeats weekly and fortnightly on the first date's weekday", () => {
    const weekly = {
      cadence: "weekly" as const,
      startsOn: "2026-10-06",
      timeOfDay: "09:00",
      timeZone: "Europe/Berlin",
    };
    // Friday 27 November 2026 → Tuesday 1 December, 09:00 CET.
    expect(nextOccurrence(weekly, at("2026-11-27T10:00:00Z"))?.toISOString()).toBe(
      "2026-12-01T08:00:00.000Z",
    );
    // On the day, before and after the meeting.
    expect(nextOccurrence(weekly, at("2026-12-01T07:59:00Z"))?.toISOString()).toBe(
      "2026-12-01T08:00:00.000Z",
    );
    expect(nextOccurrence(weekly, at("2026-12-01T08:01:00Z"))?.toISOString()).toBe(
      "2026-12-08T08:00:00.000Z",
    );
    const fortnightly = { ...weekly, cadence: "fortnightly" as const };
    // 6 Oct, 20 Oct, 3 Nov, 17 Nov, 1 Dec.
    expect(nextOccurrence(fortnightly, at("2026-11-18T00:00:00Z"))?.toISOString()).toBe(
      "2026-12-01T08:00:00.000Z",
    );
    // Summer time before the change: 09:00 CEST is 07:00 UTC.
    expect(nextOccurrence(weekly, at("2026-10-07T00:00:00Z"))?.toISOString()).toBe(
      "2026-10-13T07:00:00.000Z",
    );
  });

  it("monthly means the same weekday of the month, a fifth one the last", () => {
    // 2nd Tuesday of October 2026 is the 13th; in December it is the 8th.
    const second = {
      cadence: "monthly" as const,
      startsOn: "2026-10-13",
      timeOfDay: "14:00",
      timeZone: "Europe/Berlin",
    };
    expect(nextOccurrence(second, at("2026-11-27T00:00:00Z"))?.toISOString()).toBe(
      "2026-12-08T13:00:00.000Z",
    );
    // 29 September 2026 is the 5th Tuesday: the last Tuesday of each month after.
    const last = { ...second, startsOn: "2026-09-29" };
    expect(nextOccurrence(last, at("2026-10-01T00:00:00Z"))?.toISOString()).toBe("2026-10-27T13:00:00.000Z");
  });

  it("meets on demand only on its first date, if that is still ahead", () => {
    const once = {
      cadence: "onDemand" as const,
      startsOn: "2026-12-03",
      timeOfDay: "10:00",
      timeZone: "Europe/Berlin",
    };
    expect(nextOccurrence(once, at("2026-11-27T00:00:00Z"))?.toISOString()).toBe("2026-12-03T09:00:00.000Z");
    expect(nextOccurrence(once, at("2026-12-04T00:00:00Z"))).toBeNull();
  });

  it("names the meeting in the format's zone", () => {
    expect(formatInZone(new Date("2026-12-01T08:00:00Z"), "Europe/Berlin")).toMatch(
      /Tuesday,? 1 December 2026(,| at) 09:00 CET/,
    );
  });
});
