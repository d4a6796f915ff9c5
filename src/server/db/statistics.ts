import { type Kysely, PostgresAdapter, sql } from "kysely";
import type { Database } from "./schema.ts";

/**
 * PostgreSQL plans from table statistics that autovacuum refreshes only after a while; right after a
 * bulk write (the demo generator, a large import) the planner would guess row counts and pick scans
 * (issue 15: a manual ANALYZE doubled the board's throughput). SQLite keeps its plans without
 * statistics on purpose: the indexes are written for its planner's default choices.
 */
export async function refreshStatistics(db: Kysely<Database>, tables?: readonly (keyof Database)[]) {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  if (!tables) await sql`analyze`.execute(db);
  else await sql`analyze ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
}

/** Inserted rows from which an import refreshes the statistics of the tables it wrote. */
export const LARGE_WRITE_ROWS = 10_000;
