/**
 * `periphery restore FILE`: an archive of backup.ts into an empty database of the same migration set,
 * either engine, in one transaction — the checksum and row counts are checked before the commit, so a
 * damaged or truncated archive writes nothing, and a failure anywhere leaves the database as empty as
 * it was.
 *
 * Speed: rows go in as multi-row inserts as large as the engines' limits on bound parameters allow, and
 * the triggers that keep derived tables (deal totals, insights rollup) are off for the transaction —
 * the archive holds those tables exactly as they were, so firing a trigger per restored row (a plpgsql
 * call on PostgreSQL) only did work that the archived rows then replaced. SQLite's search (FTS)
 * triggers stay on: the FTS tables are not archived and fill from the inserts.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { type Kysely, sql } from "kysely";
import {
  archivedSqliteTables,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupSummary,
  DERIVED_TABLES,
  type Header,
  quote,
  summaryOf,
  type TableHeader,
  type Trailer,
} from "./backupFormat.ts";
import type { Db, Engine } from "./connect.ts";
import type { Database } from "./schema.ts";

/** The reason a restore was refused; the CLI prints the message as it is. */
export class RestoreRefused extends Error {}

/**
 * Bound parameters per insert: under SQLite's 32,766 (SQLITE_MAX_VARIABLE_NUMBER of better-sqlite3's
 * build) and PostgreSQL's 65,535. Rows per insert are this divided by the table's columns.
 */
const PARAMETERS_PER_INSERT = 30_000;
/** More rows per statement stop paying off: the statement's text and plan grow with them. */
const MAX_ROWS_PER_INSERT = 2_000;

/** Restores `file` into `db` (empty, migrated to the archive's migrations). */
export async function restoreDatabase(db: Db, file: string): Promise<BackupSummary> {
  const target = await describeTarget(db.kysely, db.engine);
  const counts: Record<string, number> = {};
  const damaged = (reason: string) =>
    new RestoreRefused(`${file} is damaged or truncated: ${reason}. Nothing was restored.`);
  try {
    await db.kysely.transaction().execute(async (trx) => {
      // Parents come first in the archive; deferring still covers a reference cycle on SQLite.
      if (db.engine === "sqlite") await sql`pragma defer_foreign_keys = on`.execute(trx);
      const restoreTriggers = await switchOffDerivedTriggers(trx, db.engine);
      const hash = createHash("sha256");
      let header: Header | undefined;
      let table: (TableHeader & { batchSize: number }) | undefined;
      let batch: unknown[][] = [];
      let trailer: Trailer | undefined;
      const flush = async () => {
        if (!table || batch.length === 0) return;
        const { columns } = table;
        const rows = batch.map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null])));
        await trx
          .insertInto(table.table as never)
          .values(rows as never)
          .execute();
        batch = [];
      };
      const handle = async (line: string) => {
        if (trailer) throw damaged("data after the end marker");
        const value = parseLine(line);
        if (!header) {
          header = checkHeader(file, value, target);
        } else if (Array.isArray(value)) {
          if (!table) throw damaged("a row before its table");
          if (value.length !== table.columns.length)
            throw damaged(`a row of ${table.table} has the wrong width`);
          batch.push(value);
          counts[table.table] = (counts[table.table] ?? 0) + 1;
          if (batch.length >= table.batchSize) await flush();
        } else if (value && typeof value === "object" && "table" in value) {
          await flush();
          const next = value as TableHeader;
          const problem = tableProblem(next, target, counts);
          if (problem) throw damaged(problem);
          counts[next.table] = 0;
          table = {
            ...next,
            batchSize: Math.max(
              1,
              Math.min(MAX_ROWS_PER_INSERT, Math.floor(PARAMETERS_PER_INSERT / next.columns.length)),
            ),
          };
        } else if (value && typeof value === "object" && "end" in value) {
          await flush();
          trailer = value as Trailer;
          if (trailer.sha256 !== hash.digest("hex")) throw damaged("the checksum does not match");
          for (const name of new Set([...Object.keys(trailer.counts), ...Object.keys(counts)]))
            if ((trailer.counts[name] ?? -1) !== counts[name])
              throw damaged(
                `${name} has ${counts[name] ?? 0} rows, the archive says ${trailer.counts[name] ?? 0}`,
              );
          return;
        } else {
          throw damaged("an unknown line");
        }
        hash.update(`${line}\n`);
      };
      // pipeline reports a failure of its last step as an AbortError; keep the step's own error.
      let failure: unknown;
      await pipeline(createReadStream(file), createGunzip(), async (source: AsyncIterable<Buffer>) => {
        try {
          // A chunk can end inside a character (umlauts are two bytes): the decoder keeps the partial
          // bytes for the next chunk, where decoding each chunk alone broke the checksum.
          const decoder = new StringDecoder("utf8");
          let rest = "";
          for await (const chunk of source) {
            const lines = (rest + decoder.write(chunk)).split("\n");
            rest = lines.pop() as string;
            for (const line of lines) await handle(line);
          }
          if (rest + decoder.end()) throw damaged("it ends in the middle of a line");
        } catch (error) {
          failure ??= error;
          throw error;
        }
      }).catch((error) => {
        throw failure ?? error;
      });
      if (!trailer) throw damaged("it ends before its end marker");
      await restoreTriggers();
      if (db.engine === "postgres") await resetIdentities(trx);
    });
  } catch (error) {
    if (error instanceof RestoreRefused) throw error;
    const code = (error as { code?: string }).code ?? "";
    if (code === "ENOENT") throw new RestoreRefused(`${file} does not exist. Nothing was restored.`);
    if (code.startsWith("Z_") || code === "ERR_STRING_TOO_LONG")
      throw new RestoreRefused(
        `${file} is damaged or truncated (${(error as Error).message}). Nothing was restored.`,
      );
    throw error;
  }
  return summaryOf(file, counts);

  function parseLine(line: string): unknown {
    try {
      return JSON.parse(line);
    } catch {
      throw damaged("a line is not valid JSON");
    }
  }
}

function checkHeader(file: string, value: unknown, target: Target): Header {
  const header = value as Header;
  if (header?.format !== BACKUP_FORMAT) throw new RestoreRefused(`${file} is not a Periphery backup.`);
  if (header.version !== BACKUP_VERSION)
    throw new RestoreRefused(
      `${file} is a version ${header.version} backup; this Periphery reads version ${BACKUP_VERSION}.`,
    );
  if (header.migrations.join(",") !== target.migrations.join(","))
    throw new RestoreRefused(
      `${file} was taken at database migration ${header.migrations.at(-1)}; this database is at ` +
        `${target.migrations.at(-1) ?? "none"}. Restore with the Periphery version that took the backup.`,
    );
  if (target.nonEmpty.length)
    throw new RestoreRefused(
      `A backup is restored only into an empty database; this one already holds rows (${target.nonEmpty.join(", ")}).`,
    );
  return header;
}

/** Why a table of the archive cannot go into the target, if it cannot. */
function tableProblem(next: TableHeader, target: Target, counts: Record<string, number>): string | null {
  const columns = target.columns.get(next.table);
  if (!columns) return `this database has no table ${next.table}`;
  const missing = next.columns.filter((c) => !columns.includes(c));
  if (missing.length) return `this database has no column ${missing.join(", ")} in ${next.table}`;
  if (next.table in counts) return `${next.table} appears twice`;
  return null;
}

const writesDerived = (body: string) =>
  DERIVED_TABLES.some((table) => new RegExp(`(^|[^A-Za-z0-9_])${table}([^A-Za-z0-9_]|$)`).test(body));

/**
 * Switches off, inside the restore's transaction, every trigger that writes a derived table, and
 * returns how to switch them on again before the commit. Both are transactional: a failed restore rolls
 * back to the triggers as they were. SQLite has no per-trigger switch, so there the triggers are dropped
 * and re-created from their own stored definition; PostgreSQL disables them on their tables (which
 * takes the tables' owner — the role that ran the migrations).
 */
async function switchOffDerivedTriggers(trx: Kysely<Database>, engine: Engine): Promise<() => Promise<void>> {
  if (engine === "sqlite") {
    const triggers = (
      await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
        where type = 'trigger' order by name`.execute(trx)
    ).rows.filter((t) => writesDerived(t.sql));
    for (const t of triggers) await sql`drop trigger ${sql.id(t.name)}`.execute(trx);
    return async () => {
      for (const t of triggers) await sql.raw(t.sql).execute(trx);
    };
  }
  const triggers = (
    await sql<{ table: string; name: string; body: string }>`select c.relname as "table", t.tgname as name,
        p.prosrc as body from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
      where not t.tgisinternal and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
      order by c.relname, t.tgname`.execute(trx)
  ).rows.filter((t) => writesDerived(t.body));
  const toggle = async (action: "disable" | "enable") => {
    for (const t of triggers)
      await sql.raw(`alter table ${quote(t.table)} ${action} trigger ${quote(t.name)}`).execute(trx);
  };
  await toggle("disable");
  return () => toggle("enable");
}

type Target = { migrations: string[]; columns: Map<string, string[]>; nonEmpty: string[] };

/** The restore target: its migrations, its tables' columns and which of them already hold rows. */
async function describeTarget(kysely: Kysely<Database>, engine: Engine): Promise<Target> {
  const migrations = (
    await sql<{ name: string }>`select name from kysely_migration order by name`.execute(kysely)
  ).rows.map((r) => r.name);
  const columnRows =
    engine === "sqlite"
      ? archivedSqliteTables(
          (
            await sql<{ table: string; column: string; sql: string }>`select m.name as "table",
              c.name as "column", m.sql as sql from sqlite_master m join pragma_table_info(m.name) c
              where m.type = 'table' order by m.name, c.cid`.execute(kysely)
          ).rows.map((r) => ({ ...r, name: r.table })),
        )
      : (
          await sql<{ table: string; column: string }>`select table_name as "table", column_name as "column"
            from information_schema.columns where table_schema = current_schema()
              and table_name not like 'kysely\\_%' order by table_name, ordinal_position`.execute(kysely)
        ).rows;
  const columns = new Map<string, string[]>();
  for (const { table, column } of columnRows) columns.set(table, [...(columns.get(table) ?? []), column]);
  const nonEmpty: string[] = [];
  for (const table of columns.keys()) {
    const any = await sql`select 1 from ${sql.table(table)} limit 1`.execute(kysely);
    if (any.rows.length) nonEmpty.push(table);
  }
  return { migrations, columns, nonEmpty };
}

/** PostgreSQL identity columns (the search tables' `seq`) continue after the restored values. */
async function resetIdentities(trx: Kysely<Database>): Promise<void> {
  const identities = await sql<{ table: string; column: string }>`select table_name as "table",
      column_name as "column" from information_schema.columns
      where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
  for (const { table, column } of identities.rows) {
    await sql`select setval(pg_get_serial_sequence(${quote(table)}, ${column}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
  }
}
