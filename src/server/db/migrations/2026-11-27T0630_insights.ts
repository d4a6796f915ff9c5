import { type Kysely, PostgresAdapter, sql } from "kysely";
import { dropTriggers, fill, triggers } from "./frozen/2026-11-27T0630_insights.sql.ts";

/**
 * The insights module: the rollup of team figures (cell × grain × period × figure), kept by triggers in
 * the same transaction as every write that changes it — deals, offers and their lines, pipeline stage
 * outcomes, satisfaction scores, service requests, obstacles, proposals — like the board's `dealTotal`
 * (migration 2026-11-27T0330). Triggers rather than service code because these rows are written by many
 * paths (edits, hand-overs, imports, cascading deletes, the demo generator). The SQL is a frozen copy of
 * what modules/insights/rollupSql.ts wrote on the day (./frozen/), so this migration does the same on
 * every database, whatever that module says later.
 *
 * Also: per-deal offer facts (first offer sent, discount), change markers and fixed baselines of charts,
 * customer satisfaction scores per account, and the Beta check — whose answers are kept only as counts
 * per law and score plus a shuffled list of comments, never as a row per answer (see betaCheck.ts).
 */
const org = (c: any) => c.notNull().references("organisation.id").onDelete("cascade");

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("insightRollup")
    .addColumn("orgId", "text", org)
    .addColumn("cellId", "text", (c) => c.notNull())
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("figure", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("bucket", "integer", (c) => c.notNull())
    .addColumn("count", "bigint", (c) => c.notNull())
    .addColumn("total", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("insightRollup_pk", [
      "orgId",
      "cellId",
      "grain",
      "period",
      "figure",
      "currency",
      "bucket",
    ])
    .execute();
  // Peers of one period: every cell's rows of that period.
  await db.schema
    .createIndex("insightRollup_period")
    .on("insightRollup")
    .columns(["orgId", "grain", "period", "figure"])
    .execute();

  await db.schema
    .createTable("insightDealOffer")
    .addColumn("dealId", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("firstSentAt", "text")
    .addColumn("discountBps", "integer")
    .execute();

  await db.schema
    .createTable("insightMarker")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("cellId", "text", (c) => c.references("cell.id").onDelete("cascade"))
    .addColumn("figure", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("insightMarker_org_cell")
    .on("insightMarker")
    .columns(["orgId", "cellId", "at"])
    .execute();

  await db.schema
    .createTable("insightBaseline")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("cellId", "text", (c) => c.references("cell.id").onDelete("cascade"))
    .addColumn("figure", "text")
    /** `cellId or *` + ":" + `figure or *` — one fixed baseline per cell and figure. */
    .addColumn("scopeKey", "text", (c) => c.notNull())
    .addColumn("from", "text", (c) => c.notNull())
    .addColumn("to", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint("insightBaseline_org_scope", ["orgId", "scopeKey"])
    .execute();

  await db.schema
    .createTable("satisfactionScore")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("accountId", "text", (c) => c.notNull().references("account.id").onDelete("cascade"))
    .addColumn("cellId", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("surveyedOn", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("satisfactionScore_account")
    .on("satisfactionScore")
    .columns(["accountId", "surveyedOn", "id"])
    .execute();

  await db.schema
    .createTable("betaCheck")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("cellId", "text", (c) => c.references("cell.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("opensOn", "text", (c) => c.notNull())
    .addColumn("closesOn", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("betaCheck_org_created")
    .on("betaCheck")
    .columns(["orgId", "createdAt", "id"])
    .execute();
  // Who took part — only to refuse a second answer. No time, no order key, nothing of the answer.
  await db.schema
    .createTable("betaCheckParticipation")
    .addColumn("orgId", "text", org)
    .addColumn("checkId", "text", (c) => c.notNull().references("betaCheck.id").onDelete("cascade"))
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("betaCheckParticipation_pk", ["checkId", "personId"])
    .execute();
  // The answers, as counts: how many gave `score` to `law`. No row per answer exists.
  await db.schema
    .createTable("betaCheckTally")
    .addColumn("orgId", "text", org)
    .addColumn("checkId", "text", (c) => c.notNull().references("betaCheck.id").onDelete("cascade"))
    .addColumn("law", "integer", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("betaCheckTally_pk", ["checkId", "law", "score"])
    .execute();
  // Comments as one JSON list per check; each new comment goes in at a random place.
  await db.schema
    .createTable("betaCheckComments")
    .addColumn("checkId", "text", (c) => c.primaryKey().references("betaCheck.id").onDelete("cascade"))
    .addColumn("orgId", "text", org)
    .addColumn("comments", "text", (c) => c.notNull())
    .execute();

  const dialect = db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
  // Data written before this migration: the set-form SQL `rebuild-rollups` ran on the day.
  const orgs = await db.selectFrom("organisation").select("id").execute();
  for (const { id } of orgs)
    for (const statement of fill[dialect])
      await sql.raw(statement.replaceAll("'__ORG__'", `'${String(id).replaceAll("'", "''")}'`)).execute(db);
  for (const statement of triggers[dialect]) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const dialect = db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
  for (const statement of dropTriggers[dialect]) await sql.raw(statement).execute(db);
  for (const table of [
    "betaCheckComments",
    "betaCheckTally",
    "betaCheckParticipation",
    "betaCheck",
    "satisfactionScore",
    "insightBaseline",
    "insightMarker",
    "insightDealOffer",
    "insightRollup",
  ])
    await db.schema.dropTable(table).execute();
}
