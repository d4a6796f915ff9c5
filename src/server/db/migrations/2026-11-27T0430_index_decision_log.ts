import { type Kysely, PostgresAdapter } from "kysely";

/**
 * The decision log's search reads one text per decision. On SQLite the log's indexes carry that text
 * (`searchText`), so a search that matches little walks an index instead of fetching every row
 * (measured over 100,000 decisions: a search without a match from about 1 s to about 0.1–0.4 s;
 * bench/decisions.ts). PostgreSQL limits an index entry to a third of a page, and a long problem
 * text would exceed it: there the indexes stay narrow.
 *
 * Also: looking up the links of a page of proposals by `proposalId` must use the primary key; an
 * index starting with `orgId` tempted SQLite's planner into reading every link of the organisation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = db.getExecutor().adapter instanceof PostgresAdapter ? [] : ["searchText"];
  await db.schema.dropIndex("proposalLink_target").execute();
  await db.schema
    .createIndex("proposalLink_target")
    .on("proposalLink")
    .columns(["type", "targetId", "orgId", "proposalId"])
    .execute();
  for (const [name, columns] of [
    ["proposal_org_decided", ["orgId", "decidedAt", "id"]],
    ["proposal_org_kind_decided", ["orgId", "kind", "decidedAt", "id"]],
    ["proposal_org_cell_decided", ["orgId", "cellId", "decidedAt", "id"]],
  ] as const) {
    await db.schema.dropIndex(name).execute();
    await db.schema
      .createIndex(name)
      .on("proposal")
      .columns([...columns, ...text])
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("proposalLink_target").execute();
  await db.schema
    .createIndex("proposalLink_target")
    .on("proposalLink")
    .columns(["orgId", "type", "targetId", "proposalId"])
    .execute();
  for (const [name, columns] of [
    ["proposal_org_decided", ["orgId", "decidedAt", "id"]],
    ["proposal_org_kind_decided", ["orgId", "kind", "decidedAt", "id"]],
    ["proposal_org_cell_decided", ["orgId", "cellId", "decidedAt", "id"]],
  ] as const) {
    await db.schema.dropIndex(name).execute();
    await db.schema
      .createIndex(name)
      .on("proposal")
      .columns([...columns])
      .execute();
  }
}
