import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateGuardrails,
  type GuardrailLimit,
  lineTotal,
  type OfferLineAmounts,
  offerTotals,
} from "./offerMath.ts";

const RUNS = { numRuns: 1000 };

// Within what the server accepts: an offer's gross stays at or below the money limit (10^13).
const lineArb: fc.Arbitrary<OfferLineAmounts> = fc.record({
  quantity: fc.integer({ min: 1, max: 10_000_000 }).map((milli) => milli / 1000),
  unitPrice: fc.integer({ min: 0, max: 1_000_000_000 }),
  unitCost: fc.option(fc.integer({ min: 0, max: 1_000_000_000 }), { nil: null }),
  discountBps: fc.integer({ min: 0, max: 10_000 }),
});
const linesArb = fc.array(lineArb, { minLength: 1, maxLength: 20 });
const taxArb = fc.integer({ min: 0, max: 10_000 });
const guardrailsArb: fc.Arbitrary<GuardrailLimit[]> = fc
  .record({
    discount: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    margin: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    paymentTerms: fc.option(fc.integer({ min: 0, max: 365 }), { nil: null }),
  })
  .map((limits) =>
    Object.entries(limits)
      .filter(([, limitValue]) => limitValue !== null)
      .map(([kind, limitValue]) => ({ kind, limitValue, why: `why ${kind}` }) as GuardrailLimit),
  );

describe("line totals", () => {
  it("rounds half-up to a cent once per line", () => {
    expect(lineTotal({ quantity: 3, unitPrice: 1999, unitCost: null, discountBps: 0 })).toBe(5997);
    // 1.5 × 1.01 € = 1.515 € → 1.52 €
    expect(lineTotal({ quantity: 1.5, unitPrice: 101, unitCost: null, discountBps: 0 })).toBe(152);
    // 10 × 10.00 € with 25 % off
    expect(lineTotal({ quantity: 10, unitPrice: 1000, unitCost: null, discountBps: 2500 })).toBe(7500);
    // 0.333 × 1.00 € with 12.5 % off = 0.2913… → 0.29 €
    expect(lineTotal({ quantity: 0.333, unitPrice: 100, unitCost: null, discountBps: 1250 })).toBe(29);
    expect(
      lineTotal({ quantity: 1_000_000_000, unitPrice: 10_000_000_000_000, unitCost: null, discountBps: 0 }),
    ).toBe(1e22);
  });

  it("computes tax on the net and margin over lines with a known cost", () => {
    const totals = offerTotals(
      [
        { quantity: 2, unitPrice: 10_000, unitCost: 6000, discountBps: 1000 },
        { quantity: 1, unitPrice: 5000, unitCost: null, discountBps: 0 },
      ],
      1900,
    );
    // 18,000 + 5,000 net; margin only over the first line: (18,000 − 12,000) / 18,000
    expect(totals).toEqual({
      subtotal: 25_000,
      net: 23_000,
      discount: 2000,
      tax: 4370,
      gross: 27_370,
      marginBps: 3333,
    });
    expect(
      offerTotals([{ quantity: 1, unitPrice: 100, unitCost: null, discountBps: 0 }], 0).marginBps,
    ).toBeNull();
  });
});

describe("offer totals (properties)", () => {
  it("net is the sum of line totals, gross is net plus tax, nothing is negative", () => {
    fc.assert(
      fc.property(linesArb, taxArb, (lines, taxRateBps) => {
        const totals = offerTotals(lines, taxRateBps);
        expect(totals.net).toBe(lines.reduce((sum, line) => sum + lineTotal(line), 0));
        expect(totals.gross).toBe(totals.net + totals.tax);
        // The letter's order: subtotal − discount = net, net + VAT = gross.
        expect(totals.subtotal - totals.discount).toBe(totals.net);
        for (const figure of [totals.net, totals.discount, totals.tax, totals.gross]) {
          expect(figure).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(figure)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe("guardrail findings (properties)", () => {
  it("never reports a discount within the band", () => {
    fc.assert(
      fc.property(linesArb, fc.integer({ min: 0, max: 10_000 }), (lines, band) => {
        const within = lines.map((line) => ({ ...line, discountBps: Math.min(line.discountBps, band) }));
        const findings = evaluateGuardrails({ lines: within, paymentTermsDays: 30, taxRateBps: 1900 }, [
          { kind: "discount", limitValue: band, why: "" },
        ]);
        expect(findings).toEqual([]);
      }),
      RUNS,
    );
  });

  it("reports each line above the band with its position, and is deterministic", () => {
    fc.assert(
      fc.property(
        linesArb,
        guardrailsArb,
        fc.integer({ min: 0, max: 365 }),
        taxArb,
        (lines, guardrails, paymentTermsDays, taxRateBps) => {
          const offer = { lines, paymentTermsDays, taxRateBps };
          const findings = evaluateGuardrails(offer, guardrails);
          expect(evaluateGuardrails(structuredClone(offer), [...guardrails].reverse())).toEqual(findings);
          const band = guardrails.find((g) => g.kind === "discount");
          const above = band ? lines.flatMap((l, i) => (l.discountBps > band.limitValue ? [i + 1] : [])) : [];
          expect(findings.filter((f) => f.kind === "discount").map((f) => f.line)).toEqual(above);
          const terms = guardrails.find((g) => g.kind === "paymentTerms");
          expect(findings.some((f) => f.kind === "paymentTerms")).toBe(
            terms !== undefined && paymentTermsDays > terms.limitValue,
          );
        },
      ),
      RUNS,
    );
  });

  it("reports a margin below the minimum for the whole offer", () => {
    const lines = [{ quantity: 1, unitPrice: 10_000, unitCost: 9000, discountBps: 0 }];
    const findings = evaluateGuardrails({ lines, paymentTermsDays: 60, taxRateBps: 1900 }, [
      { kind: "margin", limitValue: 2000, why: "we need 20 %" },
      { kind: "paymentTerms", limitValue: 30, why: "cash flow" },
    ]);
    expect(findings).toEqual([
      { kind: "margin", limitValue: 2000, actualValue: 1000, why: "we need 20 %", line: null },
      { kind: "paymentTerms", limitValue: 30, actualValue: 60, why: "cash flow", line: null },
    ]);
  });
});
