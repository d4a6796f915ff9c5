import { sql } from "kysely";
import type { Db, Engine } from "../../db/connect.ts";
import { inOrg, orgIsText, type Tx } from "../../db/scope.ts";
import {
  DEAL,
  type Dialect,
  dealOfferFacts,
  OBSTACLE,
  PROPOSAL,
  SATISFACTION,
  SERVICE_REQUEST,
  setStatements,
} from "./rollupSql.ts";
import "./tables.ts";

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
export const dialectOf = (engine: Engine): Dialect => (engine === "postgres" ? "postgres" : "sqlite");

/**
 * Recomputes an organisation's rollup from its source rows (the `rebuild-rollups` command): throws the
 * rollup and the per-deal offer facts away and builds them again with the same expressions the
 * triggers use, in set form. One transaction, so readers see the old or the new rollup, never half.
 */
export async function rebuildRollups(tx: Tx, engine: Engine, orgId: string): Promise<void> {
  const dialect = dialectOf(engine);
  const org = literal(orgId);
  await tx.deleteFrom("insightRollup").where(inOrg(orgId)).execute();
  await tx.deleteFrom("insightDealOffer").where(inOrg(orgId)).execute();
  const statements = [
    dealOfferFacts(dialect, orgIsText(org, "d")),
    ...setStatements(dialect, DEAL, `from "deal" r`, orgIsText(org, "r")),
    ...setStatements(dialect, SATISFACTION, `from "satisfactionScore" r`, orgIsText(org, "r")),
    ...setStatements(dialect, SERVICE_REQUEST, `from "serviceRequest" r`, orgIsText(org, "r")),
    ...setStatements(dialect, OBSTACLE, `from "obstacle" r`, orgIsText(org, "r")),
    ...setStatements(dialect, PROPOSAL, `from "proposal" r`, orgIsText(org, "r")),
  ];
  for (const statement of statements) await sql.raw(statement).execute(tx);
}

/** Every organisation, one transaction each. */
export async function rebuildAllRollups(db: Db): Promise<number> {
  const orgs = await db.kysely.selectFrom("organisation").select("id").execute();
  for (const { id } of orgs) await db.kysely.transaction().execute((tx) => rebuildRollups(tx, db.engine, id));
  return orgs.length;
}

export type RollupRow = {
  cellId: string;
  grain: string;
  period: string;
  figure: string;
  currency: string;
  bucket: number;
  count: number;
  total: number;
};

/** The rollup's non-empty rows of an organisation, sorted — for comparing the kept and the rebuilt one. */
export async function rollupSnapshot(db: Tx, orgId: string): Promise<RollupRow[]> {
  const rows = await db
    .selectFrom("insightRollup")
    .select(["cellId", "grain", "period", "figure", "currency", "bucket", "count", "total"])
    .where(inOrg(orgId))
    .execute();
  return rows
    .map((r) => ({ ...r, bucket: Number(r.bucket), count: Number(r.count), total: Number(r.total) }))
    .filter((r) => r.count !== 0 || r.total !== 0)
    .sort((a, b) =>
      [a.cellId, a.grain, a.period, a.figure, a.currency, String(a.bucket).padStart(4, "0")]
        .join("|")
        .localeCompare(
          [b.cellId, b.grain, b.period, b.figure, b.currency, String(b.bucket).padStart(4, "0")].join("|"),
        ),
    );
}

/** The PostgreSQL rollup triggers (migration 2026-11-27T0630) and the tables they sit on. */
const PG_TRIGGERS: [table: string, trigger: string][] = [
  ...["deal", "offer", "offerLine", "satisfactionScore", "serviceRequest", "obstacle", "proposal"].map(
    (table): [string, string] => [table, `insight_${table}`],
  ),
  ["pipelineStage", "insight_stage"],
];

/**
 * A bulk write of one organisation (the demo generator): on PostgreSQL every row's trigger is a plpgsql
 * call with its own statements — the medium demo took almost four minutes that way — so there the
 * triggers are disabled for this transaction's writes and the organisation's rollup is rebuilt once at
 * the end, in the same transaction. `ALTER TABLE … DISABLE TRIGGER` is transactional (a failure rolls it
 * back) and holds a lock that makes other writers to these tables wait until the commit, so no write of
 * another transaction slips past the rollup. SQLite's triggers run in-process and stay on.
 */
export async function withRollupRebuiltAfter<T>(
  tx: Tx,
  engine: Engine,
  orgId: string,
  write: () => Promise<T>,
): Promise<T> {
  if (engine !== "postgres") return write();
  const toggle = async (action: "disable" | "enable") => {
    for (const [table, trigger] of PG_TRIGGERS)
      await sql.raw(`alter table "${table}" ${action} trigger "${trigger}"`).execute(tx);
  };
  await toggle("disable");
  const result = await write();
  await toggle("enable");
  await rebuildRollups(tx, engine, orgId);
  return result;
}
