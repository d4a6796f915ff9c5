import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDate, readDecimal, readTime, writeDate, writeDecimal } from "./localeInput.ts";

const money = { scale: 2, maxUnits: 10_000_000_000_000 };
const units = (text: string, language: "de" | "en", rules = money) => {
  const reading = readDecimal(text, language, rules);
  return reading.kind === "value" ? reading.units : reading.kind;
};

describe("readDecimal in German", () => {
  it("reads 1.234,56 and 1234,56 as 123456 cents", () => {
    expect(readDecimal("1.234,56", "de", money)).toEqual({ kind: "value", units: 123456, ambiguous: false });
    expect(readDecimal("1234,56", "de", money)).toEqual({ kind: "value", units: 123456, ambiguous: false });
  });

  it("reads the ambiguous 1.234 as one thousand two hundred and thirty-four, and says so", () => {
    expect(readDecimal("1.234", "de", money)).toEqual({ kind: "value", units: 123400, ambiguous: true });
    expect(readDecimal("1.234.567", "de", money)).toEqual({
      kind: "value",
      units: 123456700,
      ambiguous: false,
    });
  });

  it("rejects a point that cannot be a thousands separator instead of guessing", () => {
    expect(units("1.5", "de")).toBe("invalid");
    expect(units("12.34", "de")).toBe("invalid");
    expect(units("1234.56", "de")).toBe("invalid");
    expect(units("1,234.56", "de")).toBe("invalid");
  });

  it("rejects more decimals than the field holds, even zeros", () => {
    expect(readDecimal("1,234", "de", money)).toEqual({ kind: "invalid", reason: "decimals" });
    expect(readDecimal("1,500", "de", money)).toEqual({ kind: "invalid", reason: "decimals" });
    expect(readDecimal("1,5", "de", { scale: 0 })).toEqual({ kind: "invalid", reason: "decimals" });
  });

  it("ignores spaces, currency and percent signs; reads ,5 and 12, while typing", () => {
    expect(units(" 1 234,50 € ", "de")).toBe(123450);
    expect(units("1.234,56\u00a0€", "de")).toBe(123456);
    expect(units("12,5 %", "de", { scale: 2, maxUnits: 10_000 })).toBe(1250);
    expect(units(",5", "de")).toBe(50);
    expect(units("12,", "de")).toBe(1200);
  });

  it("rejects garbage, negatives where none are allowed and amounts too large to store", () => {
    expect(readDecimal("abc", "de", money)).toEqual({ kind: "invalid", reason: "format" });
    expect(readDecimal("12a", "de", money)).toEqual({ kind: "invalid", reason: "format" });
    expect(readDecimal("1,2,3", "de", money)).toEqual({ kind: "invalid", reason: "format" });
    expect(readDecimal(",", "de", money)).toEqual({ kind: "invalid", reason: "format" });
    expect(readDecimal("-5", "de", money)).toEqual({ kind: "invalid", reason: "negative" });
    expect(readDecimal("-5", "de", { scale: 0, allowNegative: true })).toEqual({
      kind: "value",
      units: -5,
      ambiguous: false,
    });
    expect(readDecimal("100.000.000.001", "de", money)).toEqual({ kind: "invalid", reason: "tooLarge" });
    expect(readDecimal("   ", "de", money)).toEqual({ kind: "empty" });
  });
});

describe("readDecimal in English", () => {
  it("reads 1,234.56 and 1234.56; 1,234 is ambiguous and read as thousands", () => {
    expect(units("1,234.56", "en")).toBe(123456);
    expect(units("1234.56", "en")).toBe(123456);
    expect(readDecimal("1,234", "en", money)).toEqual({ kind: "value", units: 123400, ambiguous: true });
  });

  it("rejects the German form instead of reading it a hundred times too large", () => {
    expect(units("1234,56", "en")).toBe("invalid");
    expect(units("1.234,56", "en")).toBe("invalid");
  });

  it("adds 0.1 and 0.2 as decimals, not as binary floats", () => {
    expect(units("0.1", "en") as number).toBe(10);
    expect((units("0.1", "en") as number) + (units("0.2", "en") as number)).toBe(30);
    expect(writeDecimal(30, 2, "en", { fixed: true })).toBe("0.30");
  });
});

describe("writeDecimal", () => {
  it("writes money with all its decimals and thousands groups", () => {
    expect(writeDecimal(123456, 2, "de", { fixed: true })).toBe("1.234,56");
    expect(writeDecimal(123400, 2, "de", { fixed: true })).toBe("1.234,00");
    expect(writeDecimal(123456, 2, "en", { fixed: true })).toBe("1,234.56");
    expect(writeDecimal(5, 2, "de", { fixed: true })).toBe("0,05");
    expect(writeDecimal(1234, 0, "de", { fixed: true })).toBe("1.234");
  });

  it("drops trailing zeros of quantities and percentages", () => {
    expect(writeDecimal(1500, 3, "de")).toBe("1,5");
    expect(writeDecimal(2500, 2, "en")).toBe("25");
    expect(writeDecimal(-1250, 2, "de")).toBe("-12,5");
    expect(writeDecimal(1234567, 0, "en", { grouping: false })).toBe("1234567");
  });

  it("writes what Intl writes for the same amount", () => {
    expect(writeDecimal(123456789, 2, "de", { fixed: true })).toBe(
      new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2 }).format(1234567.89),
    );
    expect(writeDecimal(123456789, 2, "en", { fixed: true })).toBe(
      new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2 }).format(1234567.89),
    );
  });
});

describe("round trips", () => {
  const languages = fc.constantFrom("de" as const, "en" as const);

  it("reads back every amount it writes, in both languages, with or without groups and decimals", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000_000 }),
        fc.constantFrom(0, 2, 3),
        languages,
        fc.boolean(),
        fc.boolean(),
        (amount, scale, language, fixed, grouping) => {
          const text = writeDecimal(amount, scale, language, { fixed, grouping });
          const reading = readDecimal(text, language, { scale, maxUnits: 10_000_000_000_000 });
          expect(reading).toMatchObject({ kind: "value", units: amount });
        },
      ),
    );
  });

  it("never reads a written amount at another magnitude in the other language", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), languages, (amount, language) => {
        const text = writeDecimal(amount, 2, language, { fixed: true });
        const other = language === "de" ? "en" : "de";
        const reading = readDecimal(text, other, { scale: 2, maxUnits: 10_000_000_000_000 });
        // Either the same amount (no separator at all) or an error — never a silent 100× or 1/100.
        if (reading.kind === "value") expect(reading.units).toBe(amount);
        else expect(reading.kind).toBe("invalid");
      }),
    );
  });

  it("reads back every date it writes, and every ISO date", () => {
    const iso = fc
      .date({
        min: new Date("1900-01-01T00:00:00Z"),
        max: new Date("2999-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(iso, languages, (day, language) => {
        expect(readDate(writeDate(day, language))).toEqual({ kind: "value", iso: day });
        expect(readDate(day)).toEqual({ kind: "value", iso: day });
      }),
    );
  });
});

describe("readDate", () => {
  it("reads a German date as ISO", () => {
    expect(readDate("26.11.2026")).toEqual({ kind: "value", iso: "2026-11-26" });
    expect(readDate("1.2.2027")).toEqual({ kind: "value", iso: "2027-02-01" });
    expect(readDate("26/11/2026")).toEqual({ kind: "value", iso: "2026-11-26" });
    expect(writeDate("2026-11-26", "de")).toBe("26.11.2026");
    expect(writeDate("2026-11-26", "en")).toBe("26/11/2026");
  });

  it("rejects dates that do not exist, two-digit years and month-first American dates past the 12th", () => {
    expect(readDate("31.02.2026")).toEqual({ kind: "invalid" });
    expect(readDate("26.11.26")).toEqual({ kind: "invalid" });
    expect(readDate("11/26/2026")).toEqual({ kind: "invalid" });
    expect(readDate("tomorrow")).toEqual({ kind: "invalid" });
    expect(readDate("")).toEqual({ kind: "empty" });
  });
});

describe("readTime", () => {
  it("reads 24-hour times", () => {
    expect(readTime("9:05")).toEqual({ kind: "value", time: "09:05" });
    expect(readTime("18.30")).toEqual({ kind: "value", time: "18:30" });
    expect(readTime("24:00")).toEqual({ kind: "invalid" });
    expect(readTime("6 pm")).toEqual({ kind: "invalid" });
  });
});
