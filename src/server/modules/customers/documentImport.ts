import { randomUUID } from "node:crypto";
import type { CustomersDocument } from "../../../shared/customers/document.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError } from "../../platform/errors.ts";
import { createCell } from "../org/cells.ts";
import { domainOf } from "./importRows.ts";

/**
 * Reading a customers document (export.ts writes it) into the caller's organisation in one
 * transaction: cells, stages and products matched by name (created when missing), everything else
 * created anew with fresh ids. The steps below run in order; each maps the document's names or keys
 * to this organisation's ids for the next.
 */
type Counts = Record<"cells" | "stages" | "products" | "accounts" | "contacts" | "deals" | "offers", number>;
type Step = { db: Tx; auth: AuthContext; orgId: string; at: string; now: Date; counts: Counts };
type CellOf = (name: string, kind?: "periphery" | "centre") => Promise<string>;

export async function importCustomersDocument(db: Tx, auth: AuthContext, doc: CustomersDocument, now: Date) {
  assertKeysResolve(doc);
  const counts: Counts = { cells: 0, stages: 0, products: 0, accounts: 0, contacts: 0, deals: 0, offers: 0 };
  const step: Step = { db, auth, orgId: auth.orgId, at: now.toISOString(), now, counts };
  const cellOf = await matchCells(step, doc);
  const stages = await matchStages(step, doc);
  const products = await matchProducts(step, doc);
  const accountIds = await insertAccounts(step, doc, cellOf);
  const dealIds = await insertDeals(step, doc, cellOf, accountIds, stages);
  await insertOffers(step, doc, dealIds, products);
  await recordAudit(db, {
    orgId: step.orgId,
    actorId: auth.person.id,
    action: "customers.imported",
    subjectType: "organisation",
    subjectId: step.orgId,
    details: { format: "json", ...counts },
    at: now,
  });
  return counts;
}

/** Every deal names a document account and every offer a document deal, else nothing is read. */
function assertKeysResolve(doc: CustomersDocument) {
  const accountKeys = new Set(doc.accounts.map((a) => a.key));
  const dealKeys = new Set(doc.deals.map((d) => d.key));
  const fields: Record<string, string> = {};
  doc.deals.forEach((d, i) => {
    if (!accountKeys.has(d.accountKey)) fields[`deals.${i}.accountKey`] = "unknown account";
  });
  doc.offers.forEach((o, i) => {
    if (!dealKeys.has(o.dealKey)) fields[`offers.${i}.dealKey`] = "unknown deal";
  });
  if (Object.keys(fields).length) throw new AppError("VALIDATION", fields);
}

/** Cells by name; a name the organisation lacks becomes a cell (also when only a row names it). */
async function matchCells({ db, auth, orgId, now, counts }: Step, doc: CustomersDocument): Promise<CellOf> {
  const cells = new Map(
    (await selectInOrg(db, "cell", orgId).select(["id", "name"]).execute()).map((c) => [
      c.name.toLowerCase(),
      c.id,
    ]),
  );
  const cellOf: CellOf = async (name, kind = "periphery") => {
    const known = cells.get(name.toLowerCase());
    if (known) return known;
    const id = await createCell(db, auth, { name, kind, purpose: "", marketSlice: "" }, now);
    cells.set(name.toLowerCase(), id);
    counts.cells++;
    return id;
  };
  for (const cell of doc.cells) await cellOf(cell.name, cell.kind);
  return cellOf;
}

/** Stages by name; missing ones are appended after the organisation's own. */
async function matchStages({ db, orgId, at, counts }: Step, doc: CustomersDocument) {
  const existingStages = await selectInOrg(db, "pipelineStage", orgId)
    .select(["id", "name", "position"])
    .execute();
  const stages = new Map(existingStages.map((s) => [s.name.toLowerCase(), s.id]));
  let nextPosition = existingStages.length ? Math.max(...existingStages.map((s) => s.position)) + 1 : null;
  for (const stage of doc.stages) {
    if (stages.has(stage.name.toLowerCase())) continue;
    const id = randomUUID();
    await db
      .insertInto("pipelineStage")
      .values({
        id,
        orgId,
        name: stage.name,
        position: nextPosition ?? stage.position,
        outcome: stage.outcome,
        probability: stage.probability,
        createdAt: at,
        version: 1,
      })
      .execute();
    if (nextPosition !== null) nextPosition++;
    stages.set(stage.name.toLowerCase(), id);
    counts.stages++;
  }
  const missingStage = doc.deals.findIndex((d) => !stages.has(d.stage.toLowerCase()));
  if (missingStage >= 0)
    throw new AppError("VALIDATION", { [`deals.${missingStage}.stage`]: "unknown stage" });
  return stages;
}

async function matchProducts({ db, orgId, at, counts }: Step, doc: CustomersDocument) {
  const products = new Map(
    (await selectInOrg(db, "product", orgId).select(["id", "name"]).execute()).map((p) => [
      p.name.toLowerCase(),
      p.id,
    ]),
  );
  for (const product of doc.products) {
    if (products.has(product.name.toLowerCase())) continue;
    const id = randomUUID();
    await db
      .insertInto("product")
      .values({ id, orgId, ...product, active: product.active ? 1 : 0, createdAt: at, version: 1 })
      .execute();
    products.set(product.name.toLowerCase(), id);
    counts.products++;
  }
  return products;
}

/** Accounts with their contacts and timelines; returns the document's account keys → new ids. */
async function insertAccounts({ db, orgId, at, counts }: Step, doc: CustomersDocument, cellOf: CellOf) {
  const accountIds = new Map<string, string>();
  for (const account of doc.accounts) {
    const id = randomUUID();
    accountIds.set(account.key, id);
    const { key: _key, cell, contacts, timeline, ...values } = account;
    await db
      .insertInto("account")
      .values({
        id,
        orgId,
        cellId: await cellOf(cell),
        ...values,
        domain: domainOf(values.website),
        createdAt: at,
        updatedAt: at,
        importJobId: null,
        version: 1,
      })
      .execute();
    counts.accounts++;
    for (const contact of contacts) {
      await db
        .insertInto("contact")
        .values({
          id: randomUUID(),
          orgId,
          accountId: id,
          ...contact,
          createdAt: at,
          updatedAt: at,
          importJobId: null,
          version: 1,
        })
        .execute();
      counts.contacts++;
    }
    for (const entry of timeline) {
      await db
        .insertInto("timelineEntry")
        .values({ id: randomUUID(), orgId, accountId: id, ...entry, authorId: null, createdAt: at })
        .execute();
    }
  }
  return accountIds;
}

async function insertDeals(
  { db, orgId, at, counts }: Step,
  doc: CustomersDocument,
  cellOf: CellOf,
  accountIds: Map<string, string>,
  stages: Map<string, string>,
) {
  const dealIds = new Map<string, string>();
  for (const deal of doc.deals) {
    const id = randomUUID();
    dealIds.set(deal.key, id);
    const { key: _key, accountKey, cell, stage, ...values } = deal;
    await db
      .insertInto("deal")
      .values({
        id,
        orgId,
        cellId: await cellOf(cell),
        accountId: accountIds.get(accountKey) ?? "",
        stageId: stages.get(stage.toLowerCase()) ?? "",
        ...values,
        createdAt: at,
        updatedAt: at,
        importJobId: null,
        version: 1,
      })
      .execute();
    counts.deals++;
  }
  return dealIds;
}

/** Offers with their lines; an offer number the organisation already has is a conflict (409). */
async function insertOffers(
  { db, orgId, at, counts }: Step,
  doc: CustomersDocument,
  dealIds: Map<string, string>,
  products: Map<string, string>,
) {
  const numbers = new Set(
    (await selectInOrg(db, "offer", orgId).select("number").execute()).map((o) => o.number),
  );
  for (const offer of doc.offers) {
    if (numbers.has(offer.number)) throw new AppError("CONFLICT", { number: offer.number });
    const id = randomUUID();
    const { dealKey, lines, recordedFindings, ...values } = offer;
    await db
      .insertInto("offer")
      .values({
        id,
        orgId,
        dealId: dealIds.get(dealKey) ?? "",
        ...values,
        guardrailFindings: JSON.stringify(recordedFindings),
        createdAt: at,
        updatedAt: at,
        version: 1,
      })
      .execute();
    for (const [position, line] of lines.entries()) {
      const { product, ...amounts } = line;
      await db
        .insertInto("offerLine")
        .values({
          id: randomUUID(),
          orgId,
          offerId: id,
          position,
          productId: product ? (products.get(product.toLowerCase()) ?? null) : null,
          ...amounts,
        })
        .execute();
    }
    counts.offers++;
  }
}
