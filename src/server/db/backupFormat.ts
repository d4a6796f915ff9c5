/**
 * What `periphery backup` writes and `periphery restore` reads (backup.ts, backupRestore.ts).
 *
 * Format (version 1): gzip of JSON lines.
 *   {"format":"periphery-backup","version":1,"engine":…,"createdAt":…,"migrations":[…]}
 *   {"table":"person","columns":["id","orgId",…]}      then one JSON array per row, in column order
 *   …                                                  (tables parents first, derived tables last)
 *   {"end":true,"counts":{"person":12,…},"sha256":"…"} SHA-256 of every byte before this line
 * Values are the portable data conventions of the schema: text ids, ISO text instants, integers, JSON
 * as text. SQLite's FTS tables are not archived: the restore's inserts fill them through their triggers.
 */
import type { Engine } from "./connect.ts";

export const BACKUP_FORMAT = "periphery-backup";
export const BACKUP_VERSION = 1;

/**
 * Tables kept by triggers from other tables. Archived as they were (an incremental rollup is not
 * always what a rebuild would give: rows that fell to zero stay) and restored from the archive; the
 * restore switches their triggers off meanwhile, so no row is counted twice.
 */
export const DERIVED_TABLES = ["dealTotal", "insightDealOffer", "insightRollup"];

export type Header = {
  format: string;
  version: number;
  engine: Engine;
  createdAt: string;
  migrations: string[];
};
export type TableHeader = { table: string; columns: string[] };
export type Trailer = { end: true; counts: Record<string, number>; sha256: string };
export type BackupSummary = { file: string; tables: number; rows: number; counts: Record<string, number> };

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** SQLite's tables without Kysely's bookkeeping and without FTS tables (virtual, and their shadow tables). */
export function archivedSqliteTables<T extends { name: string; sql: string }>(all: T[]): T[] {
  const virtual = all.filter((t) => /^create\s+virtual/i.test(t.sql)).map((t) => t.name);
  return all
    .filter((t) => !t.name.startsWith("kysely_") && !t.name.startsWith("sqlite_"))
    .filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
}

export function summaryOf(file: string, counts: Record<string, number>): BackupSummary {
  return {
    file,
    tables: Object.keys(counts).length,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
  };
}
