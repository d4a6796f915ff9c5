/**
 * Offers on a deal: draft → sent → accepted | declined (expired is derived from the validity date).
 * Any member writes, edits and sends offers (decided policy: trust; versions detect conflicts).
 * PRODUCT.md rule 1: guardrails never block — sending an offer outside them records which it left,
 * on the offer and on the account's timeline, and the seller may add advice notes at any time.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Language } from "../../../shared/common.ts";
import type {
  GuardrailFinding,
  OfferInputSchema,
  OfferLineInput,
  OfferLineValues,
  OfferPatchSchema,
} from "../../../shared/customers/offers.ts";
import { evaluateGuardrails, offerTotals, toQuantityMilli } from "../../../shared/offerMath.ts";
import { isUniqueViolation } from "../../db/connect.ts";
import { deleteInOrg, selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound, staleVersion } from "../../platform/errors.ts";
import { guardrailLimits } from "./guardrails.ts";
import { dayOf, getOfferRow, type OfferTable } from "./offerQueries.ts";
import { getProductRow } from "./products.ts";

export type OfferCreate = Omit<z.infer<typeof OfferInputSchema>, "language"> & { language?: Language };
export type OfferPatch = z.infer<typeof OfferPatchSchema>;

/** The money limit (shared MoneySchema): an offer's gross above it could not be stored exactly. */
const MAX_GROSS = 10_000_000_000_000;

async function getDealRow(db: Tx, orgId: string, dealId: string) {
  const row = await selectInOrg(db, "deal", orgId)
    .select(["id", "accountId", "currency"])
    .where("id", "=", dealId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** A deal of the organisation (404 otherwise), for the per-deal offer list. */
export async function assertDealInOrg(db: Tx, orgId: string, dealId: string): Promise<void> {
  await getDealRow(db, orgId, dealId);
}

/**
 * A line naming a product must name one of the organisation's (404 otherwise). The product's price
 * and cost fill in when the seller gives none; the seller's always win, so negotiating needs no
 * detour through the price list. A list price in another currency than the offer's is not taken.
 */
async function resolveLines(
  db: Tx,
  orgId: string,
  currency: string,
  lines: OfferLineInput[],
): Promise<OfferLineValues[]> {
  const resolved: OfferLineValues[] = [];
  for (const [index, { unitPrice, ...line }] of lines.entries()) {
    const field = `lines.${index}.unitPrice`;
    if (line.productId === null) {
      if (unitPrice === undefined)
        throw new AppError("VALIDATION", { [field]: "required without a product" });
      resolved.push({ ...line, unitPrice });
      continue;
    }
    const product = await getProductRow(db, orgId, line.productId);
    if (unitPrice === undefined && product.currency !== currency)
      throw new AppError("VALIDATION", { [field]: `product priced in ${product.currency}` });
    resolved.push({
      ...line,
      unitPrice: unitPrice ?? Number(product.unitPrice),
      unitCost: line.unitCost ?? (product.unitCost === null ? null : Number(product.unitCost)),
    });
  }
  return resolved;
}

function assertStorableTotals(lines: OfferLineValues[], taxRateBps: number): void {
  if (offerTotals(lines, taxRateBps).gross > MAX_GROSS)
    throw new AppError("VALIDATION", { lines: "too large" });
}

/**
 * The letter's contact person must be one of the deal's account's contacts — a field error otherwise
 * (also for another organisation's contact: it is simply not one of this account's).
 */
async function assertContactOfAccount(db: Tx, orgId: string, accountId: string, contactId: string | null) {
  if (contactId === null) return;
  const contact = await selectInOrg(db, "contact", orgId)
    .select("id")
    .where("id", "=", contactId)
    .where("accountId", "=", accountId)
    .executeTakeFirst();
  if (!contact) throw new AppError("VALIDATION", { contactId: "notAContactOfAccount" });
}

async function insertLines(db: Tx, orgId: string, offerId: string, lines: OfferLineValues[]) {
  await db
    .insertInto("offerLine")
    .values(
      lines.map((line, index) => ({
        id: randomUUID(),
        orgId,
        offerId,
        position: index + 1,
        productId: line.productId,
        description: line.description,
        quantityMilli: toQuantityMilli(line.quantity),
        unitPrice: line.unitPrice,
        unitCost: line.unitCost,
        discountBps: line.discountBps,
      })),
    )
    .execute();
}

/**
 * The next number of the organisation's year, `ANG-2026-0001`. Two creates at the same moment may
 * pick the same one; the unique index refuses the second and `retryOnNumberClash` runs it again.
 */
async function nextOfferNumber(db: Tx, orgId: string, now: Date): Promise<string> {
  const prefix = `ANG-${now.getUTCFullYear()}-`;
  // A range on the unique (orgId, number) index; longer numbers sort after shorter ones past 9999.
  const last = await selectInOrg(db, "offer", orgId)
    .select("number")
    .where("number", ">=", prefix)
    .where("number", "<", `${prefix.slice(0, -1)}.`)
    .orderBy((eb) => eb.fn("length", ["number"]), "desc")
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst();
  const sequence = last ? Number(last.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(sequence).padStart(4, "0")}`;
}

/** Runs a whole create transaction again when its offer number was taken meanwhile. */
export async function retryOnNumberClash<T>(run: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= attempts) throw error;
    }
  }
}

export async function createOffer(
  db: Tx,
  auth: AuthContext,
  dealId: string,
  input: OfferCreate,
  now: Date,
): Promise<string> {
  const deal = await getDealRow(db, auth.orgId, dealId);
  await assertContactOfAccount(db, auth.orgId, deal.accountId, input.contactId);
  const lines = await resolveLines(db, auth.orgId, deal.currency, input.lines);
  assertStorableTotals(lines, input.taxRateBps);
  const language = input.language ?? (await defaultLanguage(db, auth.orgId));
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("offer")
    .values({
      id,
      orgId: auth.orgId,
      dealId,
      number: await nextOfferNumber(db, auth.orgId, now),
      language,
      currency: deal.currency,
      status: "draft",
      validUntil: input.validUntil,
      paymentTermsDays: input.paymentTermsDays,
      terms: input.terms,
      taxRateBps: input.taxRateBps,
      adviceNote: "",
      guardrailFindings: "[]",
      contactId: input.contactId,
      createdAt: at,
      updatedAt: at,
      sentAt: null,
      decidedAt: null,
      version: 1,
    })
    .execute();
  await insertLines(db, auth.orgId, id, lines);
  return id;
}

export async function defaultLanguage(db: Tx, orgId: string): Promise<Language> {
  const org = await db
    .selectFrom("organisation")
    .select("defaultLanguage")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return org.defaultLanguage as Language;
}

async function getDraftRow(db: Tx, orgId: string, offerId: string): Promise<OfferTable> {
  const row = await getOfferRow(db, orgId, offerId);
  if (row.status !== "draft") throw new AppError("OFFER_NOT_DRAFT");
  return row;
}

/** Bumps the version only if nobody else did meanwhile (409 STALE_VERSION otherwise). */
export async function writeOffer(
  db: Tx,
  orgId: string,
  row: OfferTable,
  version: number,
  fields: Partial<OfferTable>,
) {
  if (row.version !== version) throw staleVersion();
  const result = await updateInOrg(db, "offer", orgId)
    .set({ ...fields, version: version + 1 })
    .where("id", "=", row.id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

/** Drafts only; lines, when given, replace the old ones as a whole. */
export async function updateOffer(db: Tx, auth: AuthContext, offerId: string, patch: OfferPatch, now: Date) {
  const row = await getDraftRow(db, auth.orgId, offerId);
  const { version, lines, ...fields } = patch;
  if (fields.contactId !== undefined) {
    const deal = await getDealRow(db, auth.orgId, row.dealId);
    await assertContactOfAccount(db, auth.orgId, deal.accountId, fields.contactId);
  }
  await writeOffer(db, auth.orgId, row, version, { ...fields, updatedAt: now.toISOString() });
  if (lines) {
    const resolved = await resolveLines(db, auth.orgId, row.currency, lines);
    assertStorableTotals(resolved, fields.taxRateBps ?? row.taxRateBps);
    await deleteInOrg(db, "offerLine", auth.orgId).where("offerId", "=", offerId).execute();
    await insertLines(db, auth.orgId, offerId, resolved);
  } else if (fields.taxRateBps !== undefined) {
    assertStorableTotals(await currentLines(db, auth.orgId, offerId), fields.taxRateBps);
  }
}

async function currentLines(db: Tx, orgId: string, offerId: string): Promise<OfferLineValues[]> {
  const rows = await selectInOrg(db, "offerLine", orgId)
    .selectAll()
    .where("offerId", "=", offerId)
    .orderBy("position")
    .execute();
  return rows.map((row) => ({
    productId: row.productId,
    description: row.description,
    quantity: Number(row.quantityMilli) / 1000,
    unitPrice: Number(row.unitPrice),
    unitCost: row.unitCost === null ? null : Number(row.unitCost),
    discountBps: row.discountBps,
  }));
}

/**
 * Sends a draft — never refused for leaving a guardrail (PRODUCT.md rule 1). The findings of this
 * moment are recorded on the offer and on the account's timeline (team memory, not an audit entry),
 * so later changes to the guardrails do not rewrite what was known when it went out.
 */
export async function sendOffer(db: Tx, auth: AuthContext, offerId: string, version: number, now: Date) {
  const row = await getDraftRow(db, auth.orgId, offerId);
  if (row.validUntil < dayOf(now)) throw new AppError("OFFER_EXPIRED");
  const lines = await currentLines(db, auth.orgId, offerId);
  const findings = evaluateGuardrails(
    { lines, paymentTermsDays: row.paymentTermsDays, taxRateBps: row.taxRateBps },
    await guardrailLimits(db, auth.orgId),
  );
  const at = now.toISOString();
  await writeOffer(db, auth.orgId, row, version, {
    status: "sent",
    sentAt: at,
    updatedAt: at,
    guardrailFindings: JSON.stringify(findings),
  });
  await recordOnTimeline(db, auth, row, (language) => sentText(row.number, findings, language), at);
}

/** What happened to an offer, on its account's timeline in the organisation's language (team memory). */
export async function recordOnTimeline(
  db: Tx,
  auth: AuthContext,
  offer: OfferTable,
  text: (language: Language) => string,
  at: string,
) {
  const deal = await getDealRow(db, auth.orgId, offer.dealId);
  await db
    .insertInto("timelineEntry")
    .values({
      id: randomUUID(),
      orgId: auth.orgId,
      accountId: deal.accountId,
      kind: "offer",
      body: text(await defaultLanguage(db, auth.orgId)),
      occurredAt: at,
      authorId: auth.person.id,
      createdAt: at,
    })
    .execute();
}

/** "Ask for advice" until the decisions module exists: a dated, signed note, in any status. */
export async function addAdviceNote(
  db: Tx,
  auth: AuthContext,
  offerId: string,
  input: { note: string; version: number },
  now: Date,
) {
  const row = await getOfferRow(db, auth.orgId, offerId);
  const entry = `${dayOf(now)} · ${auth.person.name}: ${input.note}`;
  const adviceNote = row.adviceNote ? `${row.adviceNote}\n\n${entry}` : entry;
  await writeOffer(db, auth.orgId, row, input.version, { adviceNote, updatedAt: now.toISOString() });
}

export async function deleteOffer(db: Tx, auth: AuthContext, offerId: string) {
  await getDraftRow(db, auth.orgId, offerId);
  await deleteInOrg(db, "offerLine", auth.orgId).where("offerId", "=", offerId).execute();
  await deleteInOrg(db, "offer", auth.orgId).where("id", "=", offerId).execute();
}

const KIND_WORDS: Record<Language, Record<GuardrailFinding["kind"], string>> = {
  de: { discount: "Rabatt", margin: "Marge", paymentTerms: "Zahlungsziel" },
  en: { discount: "discount", margin: "margin", paymentTerms: "payment terms" },
};

function percent(bps: number, language: Language): string {
  return `${(bps / 100).toLocaleString(language, { maximumFractionDigits: 2 })} %`;
}

function findingText(finding: GuardrailFinding, language: Language): string {
  const word = KIND_WORDS[language][finding.kind];
  if (finding.kind === "paymentTerms") {
    const days = language === "de" ? "Tage" : "days";
    return `${word} ${finding.actualValue} ${days} > ${finding.limitValue} ${days}`;
  }
  const relation = finding.kind === "margin" ? "<" : ">";
  return `${word} ${percent(finding.actualValue, language)} ${relation} ${percent(finding.limitValue, language)}`;
}

/** "Angebot ANG-2026-0001 versendet (außerhalb der Leitplanke: Rabatt 25 % > 15 %)". */
export function sentText(number: string, findings: GuardrailFinding[], language: Language): string {
  const sent = language === "de" ? `Angebot ${number} versendet` : `Offer ${number} sent`;
  if (findings.length === 0) return sent;
  const outside = language === "de" ? "außerhalb der Leitplanke" : "outside the guardrail";
  return `${sent} (${outside}: ${findings.map((f) => findingText(f, language)).join("; ")})`;
}
