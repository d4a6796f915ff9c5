import { sql } from "kysely";
import type { Db } from "./connect.ts";

/**
 * After rows whose history must not outlive them were deleted (the Beta check's folded answers): leave
 * no readable trace in the database files. SQLite: the deleted cells are zeroed already
 * (`secure_delete`, set in connect.ts); a TRUNCATE checkpoint moves the WAL's pages into the database
 * and empties the WAL, whose frames would otherwise replay every commit. PostgreSQL: VACUUM removes the
 * dead row versions (with their xmin/xmax) — it cannot run inside a transaction, so it runs after the
 * writing one. Returns false when SQLite could not checkpoint everything (a reader still holds old pages).
 */
export async function scrubDeleted(db: Db, tables: readonly string[]): Promise<boolean> {
  if (db.engine === "sqlite") {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db.kysely);
    return rows[0]?.busy === 0;
  }
  await sql`vacuum ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db.kysely);
  return true;
}
