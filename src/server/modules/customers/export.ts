import { Readable } from "node:stream";
import { setImmediate } from "node:timers/promises";
import type { Kysely } from "kysely";
import type { Language } from "../../../shared/common.ts";
import type { CustomersDocument } from "../../../shared/customers/document.ts";
import type { ExportEntity } from "../../../shared/customers/import.ts";
import type { GuardrailFinding, OfferStatus } from "../../../shared/customers/offers.ts";
import { fromQuantityMilli, offerTotals } from "../../../shared/offerMath.ts";
import type { Database } from "../../db/schema.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { serializeRow } from "./csv.ts";
import { selectDeals } from "./dealQueries.ts";
import { fractionDigits } from "./importRows.ts";

/**
 * Export of accounts, contacts, deals and offers as CSV (RFC 4180, UTF-8 with BOM so Excel reads
 * umlauts) or JSON, streamed page by page on the primary key; and the whole customers area as one
 * JSON document that `importCustomersDocument` (documentImport.ts) reads back into any organisation
 * (the round trip).
 * Every export is in the audit log: who exported what (PRODUCT.md, platform).
 */
// Small enough that one page (read and serialised without a pause) holds other requests only briefly.
const PAGE = 250;

type Column = [header: string, value: (row: Record<string, unknown>) => string];

const str = (key: string) => (row: Record<string, unknown>) => String(row[key] ?? "");
const major = (key: string) => (row: Record<string, unknown>) =>
  (Number(row[key]) / 10 ** fractionDigits(String(row.currency))).toFixed(
    fractionDigits(String(row.currency)),
  );

/** Header names the importer's dictionary maps back by itself (importMapping.ts, GENERIC). */
const CSV_COLUMNS: Record<ExportEntity, Column[]> = {
  accounts: [
    ["Name", str("name")],
    ["Industry", str("industry")],
    ["Size", str("size")],
    ["Region", str("region")],
    ["Website", str("website")],
    ["Notes", str("notes")],
    ["Street", str("street")],
    ["Postal code", str("postalCode")],
    ["City", str("city")],
    ["Country", str("country")],
    ["VAT ID", str("vatId")],
    ["Cell", str("cellName")],
    ["Id", str("id")],
  ],
  contacts: [
    ["Name", str("name")],
    ["Role", str("role")],
    ["E-mail", str("email")],
    ["Phone", str("phone")],
    ["Account", str("accountName")],
    ["Id", str("id")],
  ],
  deals: [
    ["Title", str("title")],
    ["Account", str("accountName")],
    ["Amount", major("amount")],
    ["Currency", str("currency")],
    ["Stage", str("stageName")],
    ["Expected close", str("expectedClose")],
    ["Probability (%)", str("probability")],
    ["Source", str("source")],
    ["Lost reason", str("lostReason")],
    ["Cell", str("cellName")],
    ["Id", str("id")],
  ],
  offers: [
    ["Number", str("number")],
    ["Deal", str("dealTitle")],
    ["Account", str("accountName")],
    ["Status", str("status")],
    ["Currency", str("currency")],
    ["Net", major("net")],
    ["Tax", major("tax")],
    ["Gross", major("gross")],
    ["Valid until", str("validUntil")],
    ["Language", str("language")],
    ["Sent at", str("sentAt")],
    ["Id", str("id")],
  ],
};

type Row = Record<string, unknown>;

/** One page of rows after `after` (keyset on id), shaped for export; exported for the plan test. */
export async function exportPage(db: Tx, orgId: string, entity: ExportEntity, after: string): Promise<Row[]> {
  if (entity === "accounts") {
    return selectInOrg(db, "account", orgId)
      .innerJoin("cell", "cell.id", "account.cellId")
      .select([
        "account.id",
        "account.cellId",
        "cell.name as cellName",
        "account.name",
        "account.industry",
        "account.size",
        "account.region",
        "account.website",
        "account.domain",
        "account.notes",
        "account.street",
        "account.postalCode",
        "account.city",
        "account.country",
        "account.vatId",
        "account.createdAt",
        "account.updatedAt",
      ])
      .where("account.id", ">", after)
      .orderBy("account.id")
      .limit(PAGE)
      .execute();
  }
  if (entity === "contacts") {
    return selectInOrg(db, "contact", orgId)
      .innerJoin("account", "account.id", "contact.accountId")
      .select([
        "contact.id",
        "contact.accountId",
        "account.name as accountName",
        "contact.name",
        "contact.role",
        "contact.email",
        "contact.phone",
        "contact.createdAt",
        "contact.updatedAt",
      ])
      .where("contact.id", ">", after)
      .orderBy("contact.id")
      .limit(PAGE)
      .execute();
  }
  if (entity === "deals") {
    return selectDeals(db, orgId).where("deal.id", ">", after).orderBy("deal.id").limit(PAGE).execute();
  }
  const offers = await selectInOrg(db, "offer", orgId)
    .innerJoin("deal", "deal.id", "offer.dealId")
    .innerJoin("account", "account.id", "deal.accountId")
    .select([
      "offer.id",
      "offer.dealId",
      "deal.title as dealTitle",
      "deal.accountId",
      "account.name as accountName",
      "offer.number",
      "offer.language",
      "offer.currency",
      "offer.status",
      "offer.validUntil",
      "offer.paymentTermsDays",
      "offer.taxRateBps",
      "offer.createdAt",
      "offer.sentAt",
      "offer.decidedAt",
    ])
    .where("offer.id", ">", after)
    .orderBy("offer.id")
    .limit(PAGE)
    .execute();
  const lines = offers.length
    ? await selectInOrg(db, "offerLine", orgId)
        .select(["offerId", "quantityMilli", "unitPrice", "unitCost", "discountBps"])
        .where(
          "offerId",
          "in",
          offers.map((o) => o.id),
        )
        .execute()
    : [];
  return offers.map((offer) => {
    const own = lines
      .filter((l) => l.offerId === offer.id)
      .map((l) => ({ ...l, quantity: fromQuantityMilli(Number(l.quantityMilli)) }));
    return { ...offer, ...offerTotals(own, offer.taxRateBps) };
  });
}

/**
 * Pages on the primary key: each is one range of the (orgId, id) index (migration
 * 2026-12-03T0340), so the export costs its rows once, not a scan and sort of the organisation per
 * page. Between pages the event loop serves other requests: SQLite answers synchronously, so without
 * this pause a large export would hold the server until the socket pushed back.
 */
async function* exportPages(db: Tx, orgId: string, entity: ExportEntity): AsyncGenerator<Row[]> {
  let after = "";
  for (;;) {
    const page = await exportPage(db, orgId, entity, after);
    if (page.length) yield page;
    if (page.length < PAGE) return;
    after = String(page[page.length - 1].id);
    await setImmediate();
  }
}

/** A page is one chunk of the response: per-row chunks cost a write each. */
async function* csvText(pages: AsyncGenerator<Row[]>, entity: ExportEntity): AsyncGenerator<string> {
  const columns = CSV_COLUMNS[entity];
  yield `\uFEFF${serializeRow(columns.map(([header]) => header))}\r\n`;
  for await (const page of pages)
    yield page.map((row) => `${serializeRow(columns.map(([, value]) => value(row)))}\r\n`).join("");
}

async function* jsonText(pages: AsyncGenerator<Row[]>): AsyncGenerator<string> {
  yield "[";
  let first = true;
  for await (const page of pages) {
    yield page.map((row, i) => `${first && i === 0 ? "" : ","}\n${JSON.stringify(row)}`).join("");
    first = false;
  }
  yield "\n]\n";
}

export async function exportEntity(
  db: Kysely<Database>,
  auth: AuthContext,
  entity: ExportEntity,
  format: "csv" | "json",
  _lang: Language,
  now: Date,
): Promise<Readable> {
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "customers.exported",
    subjectType: "organisation",
    subjectId: auth.orgId,
    details: { entity, format },
    at: now,
  });
  const pages = exportPages(db, auth.orgId, entity);
  return Readable.from(format === "csv" ? csvText(pages, entity) : jsonText(pages));
}

const byText =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Everything of the customers area as one document, in an order that does not depend on ids. */
export async function exportCustomersDocument(
  db: Kysely<Database>,
  auth: AuthContext,
  now: Date,
): Promise<CustomersDocument> {
  const orgId = auth.orgId;
  const org = await db
    .selectFrom("organisation")
    .select("currency")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  const cells = await selectInOrg(db, "cell", orgId).select(["id", "name", "kind"]).orderBy("name").execute();
  const cellName = new Map(cells.map((c) => [c.id, c.name]));
  const stages = await selectInOrg(db, "pipelineStage", orgId).selectAll().orderBy("position").execute();
  const stageName = new Map(stages.map((s) => [s.id, s.name]));
  const products = await selectInOrg(db, "product", orgId)
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  const productName = new Map(products.map((p) => [p.id, p.name]));
  const accounts = await selectInOrg(db, "account", orgId)
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  const contacts = await selectInOrg(db, "contact", orgId).selectAll().execute();
  const timeline = await selectInOrg(db, "timelineEntry", orgId).selectAll().execute();
  const deals = await selectInOrg(db, "deal", orgId).selectAll().execute();
  const offers = await selectInOrg(db, "offer", orgId).selectAll().orderBy("number").execute();
  const lines = await selectInOrg(db, "offerLine", orgId).selectAll().orderBy("position").execute();
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));

  await recordAudit(db, {
    orgId,
    actorId: auth.person.id,
    action: "customers.exported",
    subjectType: "organisation",
    subjectId: orgId,
    details: { entity: "customers", format: "json" },
    at: now,
  });
  return {
    format: "periphery.customers",
    version: 1,
    currency: org.currency as CustomersDocument["currency"],
    cells: cells.map((c) => ({ name: c.name, kind: c.kind as "periphery" | "centre" })),
    stages: stages.map((s) => ({
      name: s.name,
      position: s.position,
      outcome: s.outcome as "open",
      probability: s.probability,
    })),
    products: products.map((p) => ({
      name: p.name,
      unit: p.unit,
      unitPrice: Number(p.unitPrice),
      unitCost: p.unitCost === null ? null : Number(p.unitCost),
      currency: p.currency as CustomersDocument["currency"],
      active: p.active === 1,
    })),
    accounts: accounts.map((a) => ({
      key: a.id,
      cell: cellName.get(a.cellId) ?? "",
      name: a.name,
      industry: a.industry,
      size: a.size as CustomersDocument["accounts"][number]["size"],
      region: a.region,
      website: a.website,
      notes: a.notes,
      street: a.street,
      postalCode: a.postalCode,
      city: a.city,
      country: a.country,
      vatId: a.vatId,
      contacts: contacts
        .filter((c) => c.accountId === a.id)
        .map((c) => ({ name: c.name, role: c.role, email: c.email, phone: c.phone }))
        .sort(byText((c) => `${c.name}\u0000${c.email}\u0000${c.role}\u0000${c.phone}`)),
      timeline: timeline
        .filter((t) => t.accountId === a.id)
        .map((t) => ({ kind: t.kind as "note", body: t.body, occurredAt: t.occurredAt }))
        .sort(byText((t) => `${t.occurredAt}\u0000${t.kind}\u0000${t.body}`)),
    })),
    deals: deals
      .map((d) => ({
        key: d.id,
        accountKey: d.accountId,
        cell: cellName.get(d.cellId) ?? "",
        title: d.title,
        amount: Number(d.amount),
        currency: d.currency as CustomersDocument["currency"],
        stage: stageName.get(d.stageId) ?? "",
        expectedClose: d.expectedClose,
        probability: d.probability,
        source: d.source,
        lostReason: d.lostReason,
        closedAt: d.closedAt,
      }))
      .sort(
        byText((d) => `${accountName.get(d.accountKey)}\u0000${d.title}\u0000${d.amount}\u0000${d.stage}`),
      ),
    offers: offers.map((o) => ({
      dealKey: o.dealId,
      number: o.number,
      language: o.language as "de",
      currency: o.currency as CustomersDocument["currency"],
      status: o.status as OfferStatus,
      validUntil: o.validUntil,
      paymentTermsDays: o.paymentTermsDays,
      terms: o.terms,
      taxRateBps: o.taxRateBps,
      adviceNote: o.adviceNote,
      declineReason: o.declineReason,
      recordedFindings: JSON.parse(o.guardrailFindings) as GuardrailFinding[],
      sentAt: o.sentAt,
      decidedAt: o.decidedAt,
      lines: lines
        .filter((l) => l.offerId === o.id)
        .map((l) => ({
          product: l.productId ? (productName.get(l.productId) ?? null) : null,
          description: l.description,
          quantityMilli: Number(l.quantityMilli),
          unitPrice: Number(l.unitPrice),
          unitCost: l.unitCost === null ? null : Number(l.unitCost),
          discountBps: l.discountBps,
        })),
    })),
  };
}
