import { type Kysely, sql } from "kysely";

/**
 * Indexes for the deal list: filtered by cell or stage, sorted by amount, update time or expected
 * close. `stageId` rides at the end of the cell indexes so an outcome filter (a set of stages) is
 * checked inside the index without reading rows; measured on 1.1 M deals: 8–11 ms → 1 ms, and a
 * stage filter sorted by expected close 5.2 s → 1 ms. A covering index gives a board column's count
 * and sum without reading the deals. Open deals without an expected close sort last on both engines
 * (coalesce to a far date).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const close = sql.raw(`coalesce("expectedClose", '9999-12-31')`);
  await db.schema.dropIndex("deal_org_close").execute();
  await db.schema.dropIndex("deal_org_amount").execute();
  await db.schema.dropIndex("deal_org_updated").execute();
  await db.schema
    .createIndex("deal_org_amount")
    .on("deal")
    .columns(["orgId", "amount", "id", "stageId"])
    .execute();
  await db.schema
    .createIndex("deal_org_updated")
    .on("deal")
    .columns(["orgId", "updatedAt", "id", "stageId"])
    .execute();
  await sql`create index "deal_org_close_last" on "deal" ("orgId", ${close}, "id", "stageId")`.execute(db);
  await db.schema
    .createIndex("deal_cell_amount")
    .on("deal")
    .columns(["orgId", "cellId", "amount", "id", "stageId"])
    .execute();
  await db.schema
    .createIndex("deal_cell_updated")
    .on("deal")
    .columns(["orgId", "cellId", "updatedAt", "id", "stageId"])
    .execute();
  await sql`create index "deal_cell_close_last" on "deal" ("orgId", "cellId", ${close}, "id", "stageId")`.execute(
    db,
  );
  await db.schema
    .createIndex("deal_stage_amount")
    .on("deal")
    .columns(["orgId", "stageId", "amount", "id"])
    .execute();
  await sql`create index "deal_stage_close_last" on "deal" ("orgId", "stageId", ${close}, "id")`.execute(db);
  await db.schema
    .createIndex("deal_board_sum")
    .on("deal")
    .columns(["orgId", "cellId", "stageId", "amount"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    "deal_board_sum",
    "deal_stage_close_last",
    "deal_stage_amount",
    "deal_cell_close_last",
    "deal_cell_updated",
    "deal_cell_amount",
    "deal_org_close_last",
    "deal_org_updated",
    "deal_org_amount",
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.createIndex("deal_org_amount").on("deal").columns(["orgId", "amount", "id"]).execute();
  await db.schema.createIndex("deal_org_updated").on("deal").columns(["orgId", "updatedAt", "id"]).execute();
  await db.schema
    .createIndex("deal_org_close")
    .on("deal")
    .columns(["orgId", "expectedClose", "id"])
    .execute();
}
