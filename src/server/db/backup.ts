/**
 * `periphery backup FILE` and `periphery restore FILE`: an engine-neutral archive of every table of
 * every module, so a team can move from SQLite to PostgreSQL (or back) and keep a backup that either
 * engine restores. The format is in backupFormat.ts, the restore in backupRestore.ts.
 *
 * The backup reads one snapshot on its own connection while the server keeps writing: on SQLite a
 * read transaction (WAL lets it see one snapshot while writers commit), on PostgreSQL a REPEATABLE
 * READ, READ ONLY transaction. Engine differences stay in this folder (STYLE.md habit 6).
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import SQLite from "better-sqlite3";
import pg from "pg";
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
import type { Db } from "./connect.ts";

export { RestoreRefused, restoreDatabase } from "./backupRestore.ts";

/** A read snapshot on a connection of its own. */
type Snapshot = {
  migrations(): Promise<string[]>;
  tables(): Promise<{ name: string; columns: string[]; parents: string[] }[]>;
  rows(table: string, columns: string[]): AsyncIterable<unknown[][]>;
  close(): Promise<void>;
};

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
  return summaryOf(file, counts);
}

function requireFile(db: Db): string {
  if (!db.sqliteFile) throw new Error("An in-memory SQLite database cannot be backed up.");
  return db.sqliteFile;
}
