/**
 * The customer's answer to a sent offer, as a seller records it. Accepting moves the offer's deal to
 * won with the offer's net amount, unless the deal says otherwise (`keepOpenOnAcceptance`: a cell that
 * closes deals by hand, e.g. when the purchase order arrives); declining keeps the customer's reason on
 * the offer and on the account's timeline. Each is one transaction with its audit entry: the offer, the
 * deal and the timeline change together or not at all, and a concurrent edit of either the offer or the
 * deal answers 409. The deal's stage change fires the same rollup triggers as a move on the board, so a
 * win by acceptance counts in the cell's figures like any other win.
 */
import type { Language } from "../../../shared/common.ts";
import { offerTotals } from "../../../shared/offerMath.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, staleVersion } from "../../platform/errors.ts";
import { addTimelineEntry } from "./accounts.ts";
import { getDealRow } from "./dealQueries.ts";
import { dayOf, getOfferLineRows, getOfferRow, isExpired, type OfferTable } from "./offerQueries.ts";
import { recordOnTimeline, writeOffer } from "./offers.ts";
import { getStage } from "./stages.ts";

/** Only a sent offer within its validity can be answered. */
async function getAnswerableRow(db: Tx, orgId: string, offerId: string, now: Date): Promise<OfferTable> {
  const row = await getOfferRow(db, orgId, offerId);
  if (row.status !== "sent") throw new AppError("OFFER_NOT_SENT");
  if (isExpired(row, dayOf(now))) throw new AppError("OFFER_EXPIRED");
  return row;
}

/** The offer's net: what the customer pays before VAT, which is what a deal's amount means. */
async function netOf(db: Tx, orgId: string, offer: OfferTable): Promise<number> {
  const lines = await getOfferLineRows(db, orgId, [offer.id]);
  const amounts = lines.map((line) => ({
    quantity: Number(line.quantityMilli) / 1000,
    unitPrice: Number(line.unitPrice),
    unitCost: line.unitCost === null ? null : Number(line.unitCost),
    discountBps: line.discountBps,
  }));
  return offerTotals(amounts, offer.taxRateBps).net;
}

export type AcceptResult = { dealWon: boolean };

export async function acceptOffer(
  db: Tx,
  auth: AuthContext,
  offerId: string,
  version: number,
  now: Date,
): Promise<AcceptResult> {
  const row = await getAnswerableRow(db, auth.orgId, offerId, now);
  const at = now.toISOString();
  await writeOffer(db, auth.orgId, row, version, { status: "accepted", decidedAt: at, updatedAt: at });
  await recordOnTimeline(db, auth, row, (language) => acceptedText(row.number, language), at);
  const dealWon = await winDeal(db, auth, row, now);
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "offer.accepted",
    subjectType: "offer",
    subjectId: row.id,
    details: { number: row.number, dealId: row.dealId, dealWon },
    at: now,
  });
  return { dealWon };
}

/**
 * The deal goes to won with the offer's net and currency: into the first won stage, or it stays in
 * its won stage when it is in one already (a second accepted offer updates the amount). Without a won
 * stage in the pipeline, or when the deal keeps open on acceptance, the deal is left as it is.
 */
async function winDeal(db: Tx, auth: AuthContext, offer: OfferTable, now: Date): Promise<boolean> {
  const deal = await getDealRow(db, auth.orgId, offer.dealId);
  if (deal.keepOpenOnAcceptance === 1) return false;
  const current = await getStage(db, auth.orgId, deal.stageId);
  const stage =
    current.outcome === "won"
      ? current
      : await selectInOrg(db, "pipelineStage", auth.orgId)
          .select(["id", "name", "probability"])
          .where("outcome", "=", "won")
          .orderBy("position")
          .limit(1)
          .executeTakeFirst();
  if (!stage) return false;
  const result = await updateInOrg(db, "deal", auth.orgId)
    .set({
      stageId: stage.id,
      probability: stage.probability,
      amount: await netOf(db, auth.orgId, offer),
      currency: offer.currency,
      closedAt: current.outcome === "won" && deal.closedAt ? deal.closedAt : now.toISOString(),
      updatedAt: now.toISOString(),
      version: deal.version + 1,
    })
    .where("id", "=", deal.id)
    .where("version", "=", deal.version)
    .executeTakeFirst();
  // Someone moved or edited the deal between our read and this write: the whole answer rolls back.
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  if (current.id !== stage.id) {
    await addTimelineEntry(
      db,
      auth.orgId,
      deal.accountId,
      { kind: "deal", body: `${deal.title} → ${stage.name}` },
      auth.person.id,
      now,
    );
  }
  return true;
}

export async function declineOffer(
  db: Tx,
  auth: AuthContext,
  offerId: string,
  input: { version: number; reason: string },
  now: Date,
): Promise<void> {
  const row = await getAnswerableRow(db, auth.orgId, offerId, now);
  const at = now.toISOString();
  await writeOffer(db, auth.orgId, row, input.version, {
    status: "declined",
    declineReason: input.reason,
    decidedAt: at,
    updatedAt: at,
  });
  await recordOnTimeline(db, auth, row, (language) => declinedText(row.number, input.reason, language), at);
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "offer.declined",
    subjectType: "offer",
    subjectId: row.id,
    details: { number: row.number, dealId: row.dealId },
    at: now,
  });
}

/** "Angebot ANG-2026-0001 angenommen". */
export function acceptedText(number: string, language: Language): string {
  return language === "de" ? `Angebot ${number} angenommen` : `Offer ${number} accepted`;
}

/** "Angebot ANG-2026-0001 abgelehnt: Budget erst im nächsten Jahr". */
export function declinedText(number: string, reason: string, language: Language): string {
  return language === "de" ? `Angebot ${number} abgelehnt: ${reason}` : `Offer ${number} declined: ${reason}`;
}
