import type { Kysely } from "kysely";

/**
 * The customers module: accounts owned by cells, contacts, the account timeline, pipeline stages,
 * deals, products, guardrails, offers with lines, hand-overs and import jobs.
 * Money is in minor units (cents) as bigint; percentages in basis points (1 % = 100) as integers;
 * quantities in thousandths as bigint — exact arithmetic on both engines. `importJobId` marks rows
 * written by a chunked import, so an interrupted import can be removed as a whole.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("pipelineStage")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("probability", "integer", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("pipelineStage_org_position")
    .on("pipelineStage")
    .columns(["orgId", "position"])
    .execute();

  await db.schema
    .createTable("account")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("cellId", "text", (c) => c.notNull().references("cell.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("industry", "text", (c) => c.notNull())
    .addColumn("size", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("website", "text", (c) => c.notNull())
    .addColumn("domain", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("importJobId", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("account_org_name").on("account").columns(["orgId", "name", "id"]).execute();
  await db.schema
    .createIndex("account_org_cell_name")
    .on("account")
    .columns(["orgId", "cellId", "name", "id"])
    .execute();
  await db.schema.createIndex("account_org_domain").on("account").columns(["orgId", "domain"]).execute();

  await db.schema
    .createTable("contact")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("accountId", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("importJobId", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("contact_account").on("contact").columns(["accountId", "name", "id"]).execute();
  await db.schema.createIndex("contact_org_email").on("contact").columns(["orgId", "email"]).execute();

  await db.schema
    .createTable("timelineEntry")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("accountId", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("occurredAt", "text", (c) => c.notNull())
    .addColumn("authorId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("timelineEntry_account_occurred")
    .on("timelineEntry")
    .columns(["accountId", "occurredAt", "id"])
    .execute();

  await db.schema
    .createTable("deal")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("cellId", "text", (c) => c.notNull().references("cell.id"))
    .addColumn("accountId", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("amount", "bigint", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("stageId", "text", (c) => c.notNull().references("pipelineStage.id"))
    .addColumn("expectedClose", "text")
    .addColumn("probability", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("lostReason", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("closedAt", "text")
    .addColumn("importJobId", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // The board reads one cell's deals stage by stage, most recently moved first.
  await db.schema
    .createIndex("deal_board")
    .on("deal")
    .columns(["orgId", "cellId", "stageId", "updatedAt", "id"])
    .execute();
  await db.schema.createIndex("deal_org_updated").on("deal").columns(["orgId", "updatedAt", "id"]).execute();
  await db.schema
    .createIndex("deal_org_close")
    .on("deal")
    .columns(["orgId", "expectedClose", "id"])
    .execute();
  await db.schema.createIndex("deal_org_amount").on("deal").columns(["orgId", "amount", "id"]).execute();
  await db.schema
    .createIndex("deal_org_stage")
    .on("deal")
    .columns(["orgId", "stageId", "updatedAt", "id"])
    .execute();
  await db.schema.createIndex("deal_account").on("deal").columns(["accountId"]).execute();

  await db.schema
    .createTable("dealPerson")
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("dealId", "text", (c) => c.notNull().references("deal.id").onDelete("cascade"))
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("dealPerson_pk", ["dealId", "personId"])
    .execute();

  await db.schema
    .createTable("product")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("unitPrice", "bigint", (c) => c.notNull())
    .addColumn("unitCost", "bigint")
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("product_org_name").on("product").columns(["orgId", "name", "id"]).execute();

  await db.schema
    .createTable("guardrail")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("limitValue", "integer", (c) => c.notNull())
    .addColumn("why", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("guardrail_org_kind", ["orgId", "kind"])
    .execute();

  await db.schema
    .createTable("letterhead")
    .addColumn("orgId", "text", (c) => c.primaryKey().references("organisation.id").onDelete("cascade"))
    .addColumn("companyName", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("vatId", "text", (c) => c.notNull())
    .addColumn("bankDetails", "text", (c) => c.notNull())
    .addColumn("footer", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("offer")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("dealId", "text", (c) => c.notNull().references("deal.id").onDelete("cascade"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("validUntil", "text", (c) => c.notNull())
    .addColumn("paymentTermsDays", "integer", (c) => c.notNull())
    .addColumn("terms", "text", (c) => c.notNull())
    .addColumn("taxRateBps", "integer", (c) => c.notNull())
    .addColumn("adviceNote", "text", (c) => c.notNull())
    // The guardrails the offer left when it was sent, kept as a visible record (JSON list).
    .addColumn("guardrailFindings", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("sentAt", "text")
    .addColumn("decidedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("offer_org_number", ["orgId", "number"])
    .execute();
  await db.schema.createIndex("offer_deal").on("offer").columns(["dealId", "createdAt"]).execute();
  await db.schema
    .createIndex("offer_org_status_valid")
    .on("offer")
    .columns(["orgId", "status", "validUntil"])
    .execute();

  await db.schema
    .createTable("offerLine")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("offerId", "text", (c) => c.notNull().references("offer.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("productId", "text", (c) => c.references("product.id").onDelete("set null"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("quantityMilli", "bigint", (c) => c.notNull())
    .addColumn("unitPrice", "bigint", (c) => c.notNull())
    .addColumn("unitCost", "bigint")
    .addColumn("discountBps", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("offerLine_offer").on("offerLine").columns(["offerId", "position"]).execute();

  await db.schema
    .createTable("handover")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("accountId", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("dealId", "text", (c) => c.references("deal.id").onDelete("cascade"))
    .addColumn("fromCellId", "text", (c) => c.notNull())
    .addColumn("toCellId", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("byPersonId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("handover_account").on("handover").columns(["accountId", "at"]).execute();

  await db.schema
    .createTable("importJob")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("byPersonId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("totalRows", "integer", (c) => c.notNull())
    .addColumn("processedRows", "integer", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("finishedAt", "text")
    .execute();
  await db.schema
    .createIndex("importJob_org_created")
    .on("importJob")
    .columns(["orgId", "createdAt"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "importJob",
    "handover",
    "offerLine",
    "offer",
    "letterhead",
    "guardrail",
    "product",
    "dealPerson",
    "deal",
    "timelineEntry",
    "contact",
    "account",
    "pipelineStage",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
