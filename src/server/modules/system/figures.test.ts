import { describe, expect, it } from "vitest";
import { daysBetween, histogram, leadTimeFigure, quantile, ratingFigure } from "./figures.ts";

describe("lead-time and rating figures", () => {
  it("interpolates quantiles between the closest ranks", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.8);
    expect(quantile([7], 0.75)).toBe(7);
  });

  it("bins days in readable widths, at most twelve bins, the maximum in the last one", () => {
    expect(histogram([0, 0.5, 1, 3])).toEqual([
      { fromDays: 0, toDays: 1, count: 2 },
      { fromDays: 1, toDays: 2, count: 1 },
      { fromDays: 2, toDays: 3, count: 0 },
      { fromDays: 3, toDays: 4, count: 1 },
    ]);
    const wide = histogram([0, 40, 100]);
    expect(wide.length).toBeLessThanOrEqual(12);
    expect(wide[0].toDays - wide[0].fromDays).toBe(14);
    expect(wide.reduce((n, b) => n + b.count, 0)).toBe(3);
  });

  it("suppresses a figure with fewer than k distinct people behind it, however many samples", () => {
    const samples = [1, 2, 3, 4, 5].map((days) => ({ days, personId: days % 2 ? "a" : "b" }));
    expect(leadTimeFigure(samples, 3)).toEqual({ tooFewToShow: true });
    expect(leadTimeFigure([...samples, { days: 9, personId: "c" }], 3)).toMatchObject({
      tooFewToShow: false,
      count: 6,
      medianDays: 3.5,
    });
    expect(leadTimeFigure([], 1)).toEqual({ tooFewToShow: true });
    // People who left (null) count for nobody.
    expect(ratingFigure([{ rating: 5, personId: null }], 1)).toEqual({ tooFewToShow: true });
  });

  it("counts days to a tenth, never negative", () => {
    expect(daysBetween("2026-11-01T00:00:00Z", new Date("2026-11-03T12:00:00Z"))).toBe(2.5);
    expect(daysBetween("2026-11-03T00:00:00Z", new Date("2026-11-01T00:00:00Z"))).toBe(0);
  });
});
