/**
 * Offer arithmetic shared by the server (what is stored and recorded) and the web editor (what a
 * seller sees while writing), so both show the same cents. Money is in minor units, percentages in
 * basis points, quantities with at most three decimals. All products run in BigInt: a quantity of
 * 10^9 times a price of 10^13 does not fit a double exactly. Guardrails only produce findings —
 * they inform, they never block (PRODUCT.md rule 1).
 */
import type { GuardrailFinding, GuardrailKind, OfferTotals } from "./customers/offers.ts";

export type OfferLineAmounts = {
  quantity: number;
  unitPrice: number;
  unitCost: number | null;
  discountBps: number;
};

export type GuardrailLimit = { kind: GuardrailKind; limitValue: number; why: string };

export type OfferTerms = { lines: OfferLineAmounts[]; paymentTermsDays: number; taxRateBps: number };

const BPS = 10_000n;
const MILLI = 1000n;

/** Quantity in thousandths, exact for any decimal with at most three places. */
export function toQuantityMilli(quantity: number): number {
  return Math.round(quantity * 1000);
}

export function fromQuantityMilli(quantityMilli: number): number {
  return quantityMilli / 1000;
}

/** numerator / denominator rounded half-up (towards +∞ at .5), for any sign of the numerator. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const doubled = 2n * numerator + denominator;
  const divisor = 2n * denominator;
  const quotient = doubled / divisor;
  // BigInt division truncates towards zero; floor it for negative results.
  return doubled % divisor !== 0n && doubled < 0n ? quotient - 1n : quotient;
}

function amountBeforeDiscount(line: OfferLineAmounts, price: number): bigint {
  return divideHalfUp(BigInt(toQuantityMilli(line.quantity)) * BigInt(price), MILLI);
}

/** quantity × unit price × (1 − discount), rounded half-up to a cent once per line. */
export function lineTotal(line: OfferLineAmounts): number {
  const exact =
    BigInt(toQuantityMilli(line.quantity)) * BigInt(line.unitPrice) * (BPS - BigInt(line.discountBps));
  return Number(divideHalfUp(exact, MILLI * BPS));
}

/**
 * Net is the sum of line totals; discount is what the line discounts took off the list amounts;
 * tax is rounded once on the net; margin covers only lines whose cost is known.
 */
export function offerTotals(lines: OfferLineAmounts[], taxRateBps: number): OfferTotals {
  let net = 0n;
  let listAmount = 0n;
  let revenueWithCost = 0n;
  let cost = 0n;
  let hasCost = false;
  for (const line of lines) {
    const total = BigInt(lineTotal(line));
    net += total;
    listAmount += amountBeforeDiscount(line, line.unitPrice);
    if (line.unitCost !== null) {
      hasCost = true;
      revenueWithCost += total;
      cost += amountBeforeDiscount(line, line.unitCost);
    }
  }
  const tax = divideHalfUp(net * BigInt(taxRateBps), BPS);
  // Rounding is monotone, so each line's total is at most its list amount: the discount is never negative.
  const discount = listAmount - net;
  const marginBps =
    hasCost && revenueWithCost > 0n
      ? Number(divideHalfUp((revenueWithCost - cost) * BPS, revenueWithCost))
      : null;
  return {
    subtotal: Number(listAmount),
    net: Number(net),
    discount: Number(discount),
    tax: Number(tax),
    gross: Number(net + tax),
    marginBps,
  };
}

const KIND_ORDER: GuardrailKind[] = ["discount", "margin", "paymentTerms"];

/**
 * Which guardrails the offer leaves: each line whose discount is above the band, the whole offer's
 * margin below the minimum, payment terms above the maximum. Ordered by kind, then line position
 * (1-based), so the same offer always yields the same list.
 */
export function evaluateGuardrails(offer: OfferTerms, guardrails: GuardrailLimit[]): GuardrailFinding[] {
  const findings: GuardrailFinding[] = [];
  for (const kind of KIND_ORDER) {
    const guardrail = guardrails.find((g) => g.kind === kind);
    if (!guardrail) continue;
    const { limitValue, why } = guardrail;
    if (kind === "discount") {
      offer.lines.forEach((line, index) => {
        if (line.discountBps > limitValue)
          findings.push({ kind, limitValue, actualValue: line.discountBps, why, line: index + 1 });
      });
    } else if (kind === "margin") {
      const { marginBps } = offerTotals(offer.lines, offer.taxRateBps);
      if (marginBps !== null && marginBps < limitValue)
        findings.push({ kind, limitValue, actualValue: marginBps, why, line: null });
    } else if (offer.paymentTermsDays > limitValue) {
      findings.push({ kind, limitValue, actualValue: offer.paymentTermsDays, why, line: null });
    }
  }
  return findings;
}
