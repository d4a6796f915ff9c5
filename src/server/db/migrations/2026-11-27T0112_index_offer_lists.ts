import type { Kysely } from "kysely";

/**
 * The organisation-wide offer list reads newest first, optionally by status; keyset pages on
 * (createdAt, id) need both in the index, and the per-deal list needs the id as tie-breaker too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("offer_org_created")
    .on("offer")
    .columns(["orgId", "createdAt", "id"])
    .execute();
  await db.schema
    .createIndex("offer_org_status_created")
    .on("offer")
    .columns(["orgId", "status", "createdAt", "id"])
    .execute();
  await db.schema
    .createIndex("offer_deal_created")
    .on("offer")
    .columns(["dealId", "createdAt", "id"])
    .execute();
  await db.schema.dropIndex("offer_deal").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("offer_deal").on("offer").columns(["dealId", "createdAt"]).execute();
  await db.schema.dropIndex("offer_deal_created").execute();
  await db.schema.dropIndex("offer_org_status_created").execute();
  await db.schema.dropIndex("offer_org_created").execute();
}
