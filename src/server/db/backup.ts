/**
 * `periphery backup FILE` and `periphery restore FILE`: an engine-neutral archive of every table of
 * every module, so a team can move from SQLite to PostgreSQL (or back) and keep a backup that either
 * engine restores.
 *
 * Format (version 1): gzip of JSON lines.
 *   {"format":"periphery-backup","version":1,"engine":…,"createdAt":…,"migrations":[…]}
 *   {"table":"person","columns":["id","orgId",…]}      then one JSON array per row, in column order
 *   …                                                  (tables parents first, derived tables last)
 *   {"end":true,"counts":{"person":12,…},"sha256":"…"} SHA-256 of every byte before this line
 * Values are the portable data conventions of the schema: text ids, ISO text instants, integers, JSON
 * as text. SQLite's FTS tables are not archived: the restore's inserts fill them through their triggers.
 *
 * The backup reads one snapshot on its own connection while the server keeps writing: on SQLite a
 * read transaction (WAL lets it see one snapshot while writers commit), on PostgreSQL a REPEATABLE
 * READ, READ ONLY transaction. Engine differences stay in this folder (STYLE.md habit 6).
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import type { Db, Engine } from "./connect.ts";
import type { Database } from "./schema.ts";

export const BACKUP_FORMAT = "periphery-backup";
export const BACKUP_VERSION = 1;

/**
 * Tables kept by triggers from other tables. Archived as they were (an incremental rollup is not
 * always what a rebuild would give: rows that fell to zero stay), and restored last: the triggers
 * fill them while the other tables are inserted, then the restore replaces their rows with the
 * archived ones.
 */
export const DERIVED_TABLES = ["dealTotal", "insightDealOffer", "insightRollup"];

type Header = { format: string; version: number; engine: Engine; createdAt: string; migrations: string[] };
type TableHeader = { table: string; columns: string[] };
type Trailer = { end: true; counts: Record<string, number>; sha256: string };
export type BackupSummary = { file: string; tables: number; rows: number; counts: Record<string, number> };

/** A read snapshot on a connection of its own. */
type Snapshot = {
  migrations(): Promise<string[]>;
  tables(): Promise<{ name: string; columns: string[]; parents: string[] }[]>;
  rows(table: string, columns: string[]): AsyncIterable<unknown[][]>;
  close(): Promise<void>;
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function sqliteSnapshot(file: string): Snapshot {
  const database = new SQLite(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  // The first read after BEGIN fixes the snapshot; every later read of this transaction sees it.
  database.exec("BEGIN");
  return {
    async migrations() {
      return (
        database.prepare(`select name from kysely_migration order by name`).all() as { name: string }[]
      ).map((r) => r.name);
    },
    async tables() {
      const all = database
        .prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
        .all() as { name: string; sql: string }[];
      return archivedSqliteTables(all).map((t) => ({
        name: t.name,
        columns: (
          database.prepare(`select name from pragma_table_info(?) order by cid`).all(t.name) as {
            name: string;
          }[]
        ).map((c) => c.name),
        parents: (
          database.prepare(`select "table" from pragma_foreign_key_list(?)`).all(t.name) as {
            table: string;
          }[]
        ).map((f) => f.table),
      }));
    },
    async *rows(table, columns) {
      const statement = database
        .prepare(`select ${columns.map(quote).join(", ")} from ${quote(table)}`)
        .raw(true);
      let batch: unknown[][] = [];
      for (const row of statement.iterate() as IterableIterator<unknown[]>) {
        batch.push(row);
        if (batch.length === 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    },
    async close() {
      database.exec("ROLLBACK");
      database.close();
    },
  };
}

/** SQLite's tables without Kysely's bookkeeping and without FTS tables (virtual, and their shadow tables). */
function archivedSqliteTables<T extends { name: string; sql: string }>(all: T[]): T[] {
  const virtual = all.filter((t) => /^create\s+virtual/i.test(t.sql)).map((t) => t.name);
  return all
    .filter((t) => !t.name.startsWith("kysely_") && !t.name.startsWith("sqlite_"))
    .filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
}

async function postgresSnapshot(config: pg.ClientConfig): Promise<Snapshot> {
  const client = new pg.Client(config);
  await client.connect();
  // REPEATABLE READ: the first query fixes the snapshot for the whole transaction.
  await client.query("begin isolation level repeatable read read only");
  return {
    async migrations() {
      const result = await client.query<{ name: string }>(`select name from kysely_migration order by name`);
      return result.rows.map((r) => r.name);
    },
    async tables() {
      const tables = await client.query<{ name: string }>(
        `select table_name as name from information_schema.tables
         where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely\\_%'`,
      );
      const columns = await client.query<{ table: string; name: string }>(
        `select table_name as "table", column_name as name from information_schema.columns
         where table_schema = current_schema() order by table_name, ordinal_position`,
      );
      const keys = await client.query<{ child: string; parent: string }>(
        `select c.relname as child, p.relname as parent from pg_constraint k
         join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
         where k.contype = 'f' and k.connamespace = (select oid from pg_namespace where nspname = current_schema())`,
      );
      return tables.rows.map((t) => ({
        name: t.name,
        columns: columns.rows.filter((c) => c.table === t.name).map((c) => c.name),
        parents: keys.rows.filter((k) => k.child === t.name).map((k) => k.parent),
      }));
    },
    async *rows(table, columns) {
      await client.query(
        `declare backup_rows no scroll cursor for select ${columns.map(quote).join(", ")} from ${quote(table)}`,
      );
      for (;;) {
        const result = await client.query({ text: "fetch 1000 from backup_rows", rowMode: "array" });
        if (result.rows.length === 0) break;
        yield result.rows as unknown[][];
      }
      await client.query("close backup_rows");
    },
    async close() {
      await client.query("rollback").catch(() => {});
      await client.end();
    },
  };
}

/** Parents before children (foreign keys), derived tables last; ties by name, so archives compare. */
export function restoreOrder(tables: { name: string; parents: string[] }[]): string[] {
  const derived = new Set(DERIVED_TABLES);
  const pending = new Map(
    tables
      .filter((t) => !derived.has(t.name))
      .map((t) => [t.name, new Set(t.parents.filter((p) => p !== t.name && !derived.has(p)))]),
  );
  const order: string[] = [];
  while (pending.size) {
    const ready = [...pending].filter(([, parents]) => [...parents].every((p) => !pending.has(p)));
    // A cycle (none in the schema today) falls back to name order; SQLite defers the check anyway.
    const next = ready.length
      ? ready.map(([name]) => name).sort()
      : [[...pending.keys()].sort()[0] as string];
    for (const name of next) {
      order.push(name);
      pending.delete(name);
    }
  }
  return [
    ...order,
    ...tables
      .map((t) => t.name)
      .filter((n) => derived.has(n))
      .sort(),
  ];
}

/** Writes a consistent archive of the whole database to `file` (via a temporary file, renamed at the end). */
export async function backupDatabase(db: Db, file: string, now = new Date()): Promise<BackupSummary> {
  const snapshot =
    db.engine === "sqlite"
      ? sqliteSnapshot(requireFile(db))
      : await postgresSnapshot(db.pgClientConfig as pg.ClientConfig);
  const counts: Record<string, number> = {};
  const temporary = `${file}.partial`;
  try {
    const migrations = await snapshot.migrations();
    const tables = await snapshot.tables();
    const byName = new Map(tables.map((t) => [t.name, t]));
    const order = restoreOrder(tables);
    const hash = createHash("sha256");
    async function* lines(): AsyncGenerator<string> {
      let chunk = "";
      const add = (line: string) => {
        chunk += `${line}\n`;
      };
      const header: Header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        engine: db.engine,
        createdAt: now.toISOString(),
        migrations,
      };
      add(JSON.stringify(header));
      for (const name of order) {
        const { columns } = byName.get(name) as { columns: string[] };
        add(JSON.stringify({ table: name, columns } satisfies TableHeader));
        counts[name] = 0;
        for await (const batch of snapshot.rows(name, columns)) {
          for (const row of batch) add(JSON.stringify(row));
          counts[name] += batch.length;
          if (chunk.length > 1 << 16) {
            hash.update(chunk);
            yield chunk;
            chunk = "";
          }
        }
      }
      hash.update(chunk);
      yield `${chunk}${JSON.stringify({ end: true, counts, sha256: hash.digest("hex") } satisfies Trailer)}\n`;
    }
    await pipeline(lines, createGzip(), createWriteStream(temporary));
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await snapshot.close();
  }
  return {
    file,
    tables: Object.keys(counts).length,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
  };
}

function requireFile(db: Db): string {
  if (!db.sqliteFile) throw new Error("An in-memory SQLite database cannot be backed up.");
  return db.sqliteFile;
}

/** The reason a restore was refused; the CLI prints the message as it is. */
export class RestoreRefused extends Error {}

/**
 * Restores an archive into an empty database migrated to the same migration set, in one transaction:
 * the checksum and row counts are checked before the commit, so a damaged or truncated archive writes
 * nothing.
 */
export async function restoreDatabase(db: Db, file: string): Promise<BackupSummary> {
  const target = await describeTarget(db.kysely, db.engine);
  const counts: Record<string, number> = {};
  try {
    await db.kysely.transaction().execute(async (trx) => {
      // Parents come first in the archive; deferring still covers a reference cycle on SQLite.
      if (db.engine === "sqlite") await sql`pragma defer_foreign_keys = on`.execute(trx);
      const hash = createHash("sha256");
      let header: Header | undefined;
      let table: (TableHeader & { batchSize: number }) | undefined;
      let batch: unknown[][] = [];
      let trailer: Trailer | undefined;
      let derivedCleared = false;
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
          header = checkHeader(value, target);
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
          checkTable(next, target);
          if (DERIVED_TABLES.includes(next.table) && !derivedCleared) {
            // The triggers filled these while the other tables were inserted; the archive holds them exactly.
            for (const derived of DERIVED_TABLES)
              if (target.columns.has(derived)) await trx.deleteFrom(derived as never).execute();
            derivedCleared = true;
          }
          counts[next.table] = 0;
          // Within the engines' limits on bound parameters (SQLite 32,766, PostgreSQL 65,535).
          table = {
            ...next,
            batchSize: Math.max(1, Math.min(500, Math.floor(30_000 / next.columns.length))),
          };
        } else if (value && typeof value === "object" && "end" in value) {
          await flush();
          trailer = value as Trailer;
          const digest = hash.digest("hex");
          if (trailer.sha256 !== digest) throw damaged("the checksum does not match");
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
          let rest = "";
          for await (const chunk of source) {
            const lines = (rest + chunk.toString("utf8")).split("\n");
            rest = lines.pop() as string;
            for (const line of lines) await handle(line);
          }
          if (rest) throw damaged("it ends in the middle of a line");
        } catch (error) {
          failure ??= error;
          throw error;
        }
      }).catch((error) => {
        throw failure ?? error;
      });
      if (!trailer) throw damaged("it ends before its end marker");
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
  return {
    file,
    tables: Object.keys(counts).length,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
  };

  function damaged(reason: string) {
    return new RestoreRefused(`${file} is damaged or truncated: ${reason}. Nothing was restored.`);
  }
  function parseLine(line: string): unknown {
    try {
      return JSON.parse(line);
    } catch {
      throw damaged("a line is not valid JSON");
    }
  }
  function checkHeader(value: unknown, target: Target): Header {
    const header = value as Header;
    if (header?.format !== BACKUP_FORMAT) throw new RestoreRefused(`${file} is not a Periphery backup.`);
    if (header.version !== BACKUP_VERSION)
      throw new RestoreRefused(
        `${file} is a version ${header.version} backup; this Periphery reads version ${BACKUP_VERSION}.`,
      );
    const theirs = header.migrations.join(",");
    if (theirs !== target.migrations.join(","))
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
  function checkTable(next: TableHeader, target: Target) {
    const columns = target.columns.get(next.table);
    if (!columns) throw damaged(`this database has no table ${next.table}`);
    const missing = next.columns.filter((c) => !columns.includes(c));
    if (missing.length) throw damaged(`this database has no column ${missing.join(", ")} in ${next.table}`);
    if (next.table in counts) throw damaged(`${next.table} appears twice`);
  }
}

type Target = { migrations: string[]; columns: Map<string, string[]>; nonEmpty: string[] };

/** The restore target: its migrations, its tables' columns and which of them already hold rows. */
async function describeTarget(kysely: Kysely<Database>, engine: Engine): Promise<Target> {
  const migrations = (
    await sql<{ name: string }>`select name from kysely_migration order by name`.execute(kysely)
  ).rows.map((r) => r.name);
  const columnRows =
    engine === "sqlite"
      ? {
          rows: archivedSqliteTables(
            (
              await sql<{
                table: string;
                name: string;
                sql: string;
              }>`select m.name as "table", c.name as name,
                m.sql as sql from sqlite_master m join pragma_table_info(m.name) c
                where m.type = 'table' order by m.name, c.cid`.execute(kysely)
            ).rows.map((r) => ({ ...r, name: r.table, column: r.name })),
          ).map((r) => ({ table: r.table, name: r.column })),
        }
      : await sql<{ table: string; name: string }>`select table_name as "table", column_name as name
          from information_schema.columns where table_schema = current_schema()
            and table_name not like 'kysely\\_%' order by table_name, ordinal_position`.execute(kysely);
  const columns = new Map<string, string[]>();
  for (const { table, name } of columnRows.rows) columns.set(table, [...(columns.get(table) ?? []), name]);
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
