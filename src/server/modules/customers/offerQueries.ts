/**
 * Reads of offers, shaped for the pages. Totals and findings are computed on read with the same
 * arithmetic the web editor uses (shared/offerMath.ts). `expired` is derived here from the validity
 * date and the app's clock, never written by a read.
 */

import type { Selectable } from "kysely";
import type { GuardrailFinding, Offer, OfferStatus } from "../../../shared/customers/offers.ts";
import {
  evaluateGuardrails,
  fromQuantityMilli,
  type GuardrailLimit,
  lineTotal,
  offerTotals,
} from "../../../shared/offerMath.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import type { OfferTable as OfferColumns, OfferLineTable } from "../../db/schema.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { notFound } from "../../platform/errors.ts";
import { guardrailLimits } from "./guardrails.ts";

/** An offer row as read (the table type's defaults resolved). */
export type OfferTable = Selectable<OfferColumns>;

export type OfferListQuery = { cursor?: string; limit: number; status?: OfferStatus };

/** The UTC calendar day of an instant, as the validity dates are written. */
export const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/** A sent offer whose validity date lies before today is expired. */
export function isExpired(row: Pick<OfferTable, "status" | "validUntil">, today: string): boolean {
  return row.status === "sent" && row.validUntil < today;
}

export function statusOf(row: Pick<OfferTable, "status" | "validUntil">, today: string): OfferStatus {
  return isExpired(row, today) ? "expired" : (row.status as OfferStatus);
}

export async function getOfferRow(db: Tx, orgId: string, offerId: string): Promise<OfferTable> {
  const row = await selectInOrg(db, "offer", orgId).selectAll().where("id", "=", offerId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getOfferLineRows(db: Tx, orgId: string, offerIds: string[]): Promise<OfferLineTable[]> {
  if (offerIds.length === 0) return [];
  return selectInOrg(db, "offerLine", orgId)
    .selectAll()
    .where("offerId", "in", offerIds)
    .orderBy("offerId")
    .orderBy("position")
    .execute();
}

/**
 * Offers with their deal, the account's name and postal address and the contact person — what the
 * lists, the printed offer and the PDF letter show. The address is the account's current one: a letter
 * printed again after the customer moved goes to where they are now.
 */
function selectOffers(db: Tx, orgId: string) {
  return selectInOrg(db, "offer", orgId)
    .innerJoin("deal", "deal.id", "offer.dealId")
    .innerJoin("account", "account.id", "deal.accountId")
    .leftJoin("contact", "contact.id", "offer.contactId")
    .selectAll("offer")
    .select([
      "deal.title as dealTitle",
      "deal.accountId",
      "deal.cellId",
      "deal.keepOpenOnAcceptance",
      "account.name as accountName",
      "account.street",
      "account.postalCode",
      "account.city",
      "account.country",
      "account.vatId",
      "contact.name as contactName",
      "contact.role as contactRole",
      "contact.email as contactEmail",
      "contact.phone as contactPhone",
    ]);
}

type OfferRow = Awaited<ReturnType<ReturnType<typeof selectOffers>["executeTakeFirstOrThrow"]>>;

function toLine(row: OfferLineTable) {
  const line = {
    productId: row.productId,
    description: row.description,
    quantity: fromQuantityMilli(Number(row.quantityMilli)),
    unitPrice: Number(row.unitPrice),
    unitCost: row.unitCost === null ? null : Number(row.unitCost),
    discountBps: row.discountBps,
  };
  return { ...line, position: row.position, total: lineTotal(line) };
}

function toOffer(
  row: OfferRow,
  lineRows: OfferLineTable[],
  guardrails: GuardrailLimit[],
  today: string,
): Offer {
  const lines = lineRows.map(toLine);
  const terms = { lines, paymentTermsDays: row.paymentTermsDays, taxRateBps: row.taxRateBps };
  return {
    id: row.id,
    dealId: row.dealId,
    dealTitle: row.dealTitle,
    accountId: row.accountId,
    accountName: row.accountName,
    cellId: row.cellId,
    number: row.number,
    recipient: {
      street: row.street,
      postalCode: row.postalCode,
      city: row.city,
      country: row.country,
      vatId: row.vatId,
    },
    contact:
      row.contactId && row.contactName !== null
        ? {
            id: row.contactId,
            name: row.contactName,
            role: row.contactRole ?? "",
            email: row.contactEmail ?? "",
            phone: row.contactPhone ?? "",
          }
        : null,
    dealKeepsOpenOnAcceptance: row.keepOpenOnAcceptance === 1,
    language: row.language as Offer["language"],
    currency: row.currency as Offer["currency"],
    status: statusOf(row, today),
    validUntil: row.validUntil,
    paymentTermsDays: row.paymentTermsDays,
    terms: row.terms,
    taxRateBps: row.taxRateBps,
    lines,
    totals: offerTotals(lines, row.taxRateBps),
    findings: evaluateGuardrails(terms, guardrails),
    recordedFindings: JSON.parse(row.guardrailFindings) as GuardrailFinding[],
    adviceNote: row.adviceNote,
    declineReason: row.declineReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sentAt: row.sentAt,
    decidedAt: row.decidedAt,
    version: row.version,
  };
}

export async function getOffer(db: Tx, orgId: string, offerId: string, now: Date): Promise<Offer> {
  const row = await selectOffers(db, orgId).where("offer.id", "=", offerId).executeTakeFirst();
  if (!row) throw notFound();
  const lines = await getOfferLineRows(db, orgId, [row.id]);
  return toOffer(row, lines, await guardrailLimits(db, orgId), dayOf(now));
}

/**
 * Newest first, keyset on (createdAt, id): `offer_org_created` / `offer_org_status_created` for the
 * organisation, `offer_deal_created` for one deal. `sent` and `expired` split the stored `sent` rows
 * by validity date.
 */
export async function listOffers(
  db: Tx,
  orgId: string,
  query: OfferListQuery & { dealId?: string },
  now: Date,
): Promise<{ items: Omit<Offer, "lines">[]; nextCursor: string | null }> {
  const today = dayOf(now);
  let select = selectOffers(db, orgId);
  if (query.dealId) select = select.where("offer.dealId", "=", query.dealId);
  if (query.status === "expired") {
    select = select.where("offer.status", "=", "sent").where("offer.validUntil", "<", today);
  } else if (query.status === "sent") {
    select = select.where("offer.status", "=", "sent").where("offer.validUntil", ">=", today);
  } else if (query.status) {
    select = select.where("offer.status", "=", query.status);
  }
  const rows = await keysetQuery(select, query, {
    key: "offer.createdAt",
    id: "offer.id",
    dir: "desc",
  }).execute();
  const lines = await getOfferLineRows(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  const byOffer = new Map<string, OfferLineTable[]>();
  for (const line of lines) byOffer.set(line.offerId, [...(byOffer.get(line.offerId) ?? []), line]);
  const guardrails = await guardrailLimits(db, orgId);
  return toPage(
    rows,
    query.limit,
    (row) => {
      const { lines: _lines, ...offer } = toOffer(row, byOffer.get(row.id) ?? [], guardrails, today);
      return offer;
    },
    (row) => [row.createdAt, row.id],
  );
}
