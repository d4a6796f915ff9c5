import { type Kysely, PostgresAdapter, sql } from "kysely";
import {
  DEAL,
  type Dialect,
  OBSTACLE,
  PROPOSAL,
  refreshDealOffer,
  rowStatements,
  SATISFACTION,
  SERVICE_REQUEST,
  setStatements,
} from "../../modules/insights/rollupSql.ts";
import { rebuildRollups } from "../../modules/insights/rollups.ts";
import type { Database } from "../schema.ts";

/**
 * The insights module: the rollup of team figures (cell × grain × period × figure), kept by triggers in
 * the same transaction as every write that changes it — deals, offers and their lines, pipeline stage
 * outcomes, satisfaction scores, service requests, obstacles, proposals — like the board's `dealTotal`
 * (migration 2026-11-27T0330). Triggers rather than service code because these rows are written by many
 * paths (edits, hand-overs, imports, cascading deletes, the demo generator). The SQL itself lives in
 * modules/insights/rollupSql.ts, shared with `rebuild-rollups`.
 *
 * Also: per-deal offer facts (first offer sent, discount), change markers and fixed baselines of charts,
 * customer satisfaction scores per account, and the Beta check — whose answers are kept only as counts
 * per law and score plus a shuffled list of comments, never as a row per answer (see betaCheck.ts).
 */
const org = (c: any) => c.notNull().references("organisation.id").onDelete("cascade");

type TriggerSpec = {
  table: string;
  watched: string[];
  insert: string[];
  remove: string[];
  /** Extra statements after a delete. */
  afterDelete?: string[];
  /** SQLite WHEN condition for every event (row alias placeholder `$row`). */
  when?: string;
};

function specs(dialect: Dialect): TriggerSpec[] {
  return [
    {
      table: "deal",
      watched: ["cellId", "stageId", "currency", "amount", "createdAt", "closedAt"],
      insert: rowStatements(dialect, DEAL, "$row", 1),
      remove: rowStatements(dialect, DEAL, "$row", -1),
      afterDelete: [`delete from "insightDealOffer" where "dealId" = $row."id"`],
    },
    {
      table: "offer",
      watched: ["sentAt", "dealId"],
      insert: refreshDealOffer(dialect, `$row."dealId"`),
      remove: refreshDealOffer(dialect, `$row."dealId"`),
    },
    {
      table: "offerLine",
      watched: ["quantityMilli", "unitPrice", "discountBps", "offerId"],
      insert: refreshDealOffer(dialect, `(select "dealId" from "offer" where "id" = $row."offerId")`),
      remove: refreshDealOffer(dialect, `(select "dealId" from "offer" where "id" = $row."offerId")`),
      // Draft lines change often and count for nothing until the offer is sent.
      when: `(select "sentAt" from "offer" where "id" = $row."offerId") is not null`,
    },
    {
      table: "satisfactionScore",
      watched: ["cellId", "score", "surveyedOn"],
      insert: rowStatements(dialect, SATISFACTION, "$row", 1),
      remove: rowStatements(dialect, SATISFACTION, "$row", -1),
    },
    {
      table: "serviceRequest",
      watched: ["servingCellId", "deliveredAt", "leadDays", "rating"],
      insert: rowStatements(dialect, SERVICE_REQUEST, "$row", 1),
      remove: rowStatements(dialect, SERVICE_REQUEST, "$row", -1),
    },
    {
      table: "obstacle",
      watched: ["endedAt", "leadDays"],
      insert: rowStatements(dialect, OBSTACLE, "$row", 1),
      remove: rowStatements(dialect, OBSTACLE, "$row", -1),
    },
    {
      table: "proposal",
      watched: ["kind", "decidedAt", "createdAt"],
      insert: rowStatements(dialect, PROPOSAL, "$row", 1),
      remove: rowStatements(dialect, PROPOSAL, "$row", -1),
    },
  ];
}

const body = (statements: string[], row: string) =>
  statements.map((s) => `${s.replaceAll("$row", row)};`).join("\n");

/** A stage that changes its outcome moves its deals' won/lost/cycle contributions. */
const stageOutcome = (dialect: Dialect, oldRow: string, newRow: string) => [
  ...setStatements(dialect, DEAL, `from "deal" r`, `r."stageId" = ${newRow}."id"`, -1, `${oldRow}."outcome"`),
  ...setStatements(dialect, DEAL, `from "deal" r`, `r."stageId" = ${newRow}."id"`, 1, `${newRow}."outcome"`),
];

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

  const dialect: Dialect = db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
  // Data written before this migration: the same set-form SQL `rebuild-rollups` runs.
  const orgs = await db.selectFrom("organisation").select("id").execute();
  for (const { id } of orgs)
    await rebuildRollups(db as Kysely<Database>, dialect === "postgres" ? "postgres" : "sqlite", id);
  await createRollupTriggers(db, dialect);
}

/**
 * The rollup triggers from the SQL in rollupSql.ts. Exported so a database made before a change of that
 * SQL (bench/.data) can get the current triggers: drop them (`dropRollupTriggers`), then create them.
 */
export async function createRollupTriggers(db: Kysely<any>, dialect: Dialect): Promise<void> {
  for (const spec of specs(dialect)) {
    const name = `insight_${spec.table}`;
    const watched = spec.watched.map((c) => `"${c}"`).join(", ");
    if (dialect === "postgres") {
      const guard = spec.when ? (row: string) => `(${spec.when?.replaceAll("$row", row)})` : () => "true";
      await sql
        .raw(
          `create function "${name}_apply"() returns trigger language plpgsql as $$
           begin
             if tg_op in ('UPDATE', 'DELETE') and ${guard("OLD")} then ${body(spec.remove, "OLD")} end if;
             if tg_op = 'DELETE' then ${body(spec.afterDelete ?? [], "OLD")} end if;
             if tg_op in ('INSERT', 'UPDATE') and ${guard("NEW")} then ${body(spec.insert, "NEW")} end if;
             return null;
           end $$`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger "${name}" after insert or delete or update of ${watched} on "${spec.table}"
           for each row execute function "${name}_apply"()`,
        )
        .execute(db);
      continue;
    }
    const when = (row: string) => (spec.when ? `when ${spec.when.replaceAll("$row", row)}` : "");
    await sql
      .raw(
        `create trigger "${name}_insert" after insert on "${spec.table}" ${when("new")} begin ${body(spec.insert, "new")} end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger "${name}_delete" after delete on "${spec.table}" ${when("old")}
         begin ${body(spec.remove, "old")} ${body(spec.afterDelete ?? [], "old")} end`,
      )
      .execute(db);
    // An update is a removal of the old row's contributions and an addition of the new one's.
    await sql
      .raw(
        `create trigger "${name}_update" after update of ${watched} on "${spec.table}" ${when("new")}
         begin ${body(spec.remove, "old")} ${body(spec.insert, "new")} end`,
      )
      .execute(db);
  }
  if (dialect === "postgres") {
    await sql
      .raw(
        `create function "insight_stage_apply"() returns trigger language plpgsql as $$
         begin
           if OLD."outcome" is distinct from NEW."outcome" then ${body(stageOutcome(dialect, "OLD", "NEW"), "NEW")} end if;
           return null;
         end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger "insight_stage" after update of "outcome" on "pipelineStage"
         for each row execute function "insight_stage_apply"()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger "insight_stage_update" after update of "outcome" on "pipelineStage"
         when old."outcome" <> new."outcome" begin ${body(stageOutcome(dialect, "old", "new"), "new")} end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropRollupTriggers(db, db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite");
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

export async function dropRollupTriggers(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const postgres = dialect === "postgres";
  const tables = [
    "deal",
    "offer",
    "offerLine",
    "satisfactionScore",
    "serviceRequest",
    "obstacle",
    "proposal",
  ];
  if (postgres) {
    for (const table of tables) {
      await sql.raw(`drop trigger "insight_${table}" on "${table}"`).execute(db);
      await sql.raw(`drop function "insight_${table}_apply"()`).execute(db);
    }
    await sql.raw(`drop trigger "insight_stage" on "pipelineStage"`).execute(db);
    await sql.raw(`drop function "insight_stage_apply"()`).execute(db);
  } else {
    for (const table of tables)
      for (const event of ["insert", "delete", "update"])
        await sql.raw(`drop trigger "insight_${table}_${event}"`).execute(db);
    await sql.raw(`drop trigger "insight_stage_update"`).execute(db);
  }
}
