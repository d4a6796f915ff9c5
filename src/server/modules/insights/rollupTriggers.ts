import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
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
} from "./rollupSql.ts";

/**
 * The rollup triggers as the current rollupSql.ts writes them. Migrations never call this: each keeps a
 * frozen copy of the statements it ran (src/server/db/migrations/frozen/), and a change of the SQL ships as
 * a new migration with its own copy — `frozenMigrations.test.ts` fails while a freshly migrated database's
 * triggers differ from these. bench/insights.ts re-creates them on a reused database.
 */
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

/** The statements that create every rollup trigger (and, on PostgreSQL, its function). */
export function rollupTriggerStatements(dialect: Dialect): string[] {
  const statements: string[] = [];
  for (const spec of specs(dialect)) {
    const name = `insight_${spec.table}`;
    const watched = spec.watched.map((c) => `"${c}"`).join(", ");
    if (dialect === "postgres") {
      const guard = spec.when ? (row: string) => `(${spec.when?.replaceAll("$row", row)})` : () => "true";
      statements.push(
        `create function "${name}_apply"() returns trigger language plpgsql as $$
           begin
             if tg_op in ('UPDATE', 'DELETE') and ${guard("OLD")} then ${body(spec.remove, "OLD")} end if;
             if tg_op = 'DELETE' then ${body(spec.afterDelete ?? [], "OLD")} end if;
             if tg_op in ('INSERT', 'UPDATE') and ${guard("NEW")} then ${body(spec.insert, "NEW")} end if;
             return null;
           end $$`,
        `create trigger "${name}" after insert or delete or update of ${watched} on "${spec.table}"
           for each row execute function "${name}_apply"()`,
      );
      continue;
    }
    const when = (row: string) => (spec.when ? `when ${spec.when.replaceAll("$row", row)}` : "");
    statements.push(
      `create trigger "${name}_insert" after insert on "${spec.table}" ${when("new")} begin ${body(spec.insert, "new")} end`,
      `create trigger "${name}_delete" after delete on "${spec.table}" ${when("old")}
         begin ${body(spec.remove, "old")} ${body(spec.afterDelete ?? [], "old")} end`,
      // An update is a removal of the old row's contributions and an addition of the new one's.
      `create trigger "${name}_update" after update of ${watched} on "${spec.table}" ${when("new")}
         begin ${body(spec.remove, "old")} ${body(spec.insert, "new")} end`,
    );
  }
  if (dialect === "postgres") {
    statements.push(
      `create function "insight_stage_apply"() returns trigger language plpgsql as $$
         begin
           if OLD."outcome" is distinct from NEW."outcome" then ${body(stageOutcome(dialect, "OLD", "NEW"), "NEW")} end if;
           return null;
         end $$`,
      `create trigger "insight_stage" after update of "outcome" on "pipelineStage"
         for each row execute function "insight_stage_apply"()`,
    );
  } else {
    statements.push(
      `create trigger "insight_stage_update" after update of "outcome" on "pipelineStage"
         when old."outcome" <> new."outcome" begin ${body(stageOutcome(dialect, "old", "new"), "new")} end`,
    );
  }
  return statements;
}

const TABLES = ["deal", "offer", "offerLine", "satisfactionScore", "serviceRequest", "obstacle", "proposal"];

/** The statements that drop every rollup trigger. */
export function dropRollupTriggerStatements(dialect: Dialect): string[] {
  if (dialect === "postgres")
    return [
      ...TABLES.flatMap((table) => [
        `drop trigger "insight_${table}" on "${table}"`,
        `drop function "insight_${table}_apply"()`,
      ]),
      `drop trigger "insight_stage" on "pipelineStage"`,
      `drop function "insight_stage_apply"()`,
    ];
  return [
    ...TABLES.flatMap((table) =>
      ["insert", "delete", "update"].map((event) => `drop trigger "insight_${table}_${event}"`),
    ),
    `drop trigger "insight_stage_update"`,
  ];
}

/** Replaces the rollup triggers by the current SQL's (a reused benchmark database). */
export async function recreateRollupTriggers(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  for (const statement of [...dropRollupTriggerStatements(dialect), ...rollupTriggerStatements(dialect)])
    await sql.raw(statement).execute(db);
}
