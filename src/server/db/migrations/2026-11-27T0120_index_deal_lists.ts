import { type Kysely, sql } from "kysely";

/**
 * Indexes for the deal list filtered by cell and sorted by amount, update time or expected close,
 * and a covering index so a board column's count and sum never read the deal rows. Open deals
 * without an expected close sort last on both engines (coalesce to a far date).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("deal_cell_amount")
    .on("deal")
    .columns(["orgId", "cellId", "amount", "id"])
    .execute();
  await db.schema
    .createIndex("deal_cell_updated")
    .on("deal")
    .columns(["orgId", "cellId", "updatedAt", "id"])
    .execute();
  await db.schema
    .createIndex("deal_board_sum")
    .on("deal")
    .columns(["orgId", "cellId", "stageId", "amount"])
    .execute();
  await sql`create index "deal_org_close_last" on "deal" ("orgId", coalesce("expectedClose", '9999-12-31'), "id")`.execute(
    db,
  );
  await sql`create index "deal_cell_close_last" on "deal" ("orgId", "cellId", coalesce("expectedClose", '9999-12-31'), "id")`.execute(
    db,
  );
  await db.schema.dropIndex("deal_org_close").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("deal_org_close")
    .on("deal")
    .columns(["orgId", "expectedClose", "id"])
    .execute();
  for (const name of [
    "deal_cell_close_last",
    "deal_org_close_last",
    "deal_board_sum",
    "deal_cell_updated",
    "deal_cell_amount",
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
