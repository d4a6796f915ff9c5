import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type MigrationResultSet, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { migrations } from "./migrations/index.ts";
import type { Database } from "./schema.ts";
import { WriteLog } from "./writeLog.ts";

export { WriteLog } from "./writeLog.ts";

export type Engine = "sqlite" | "postgres";

export type Db = {
  engine: Engine;
  kysely: Kysely<Database>;
  /** Which tables this process has written, per organisation (read cache, db/writeLog.ts). */
  writes: WriteLog;
  /** The PostgreSQL schema this connection works in (tests use one schema each). */
  pgSchema?: string;
  /** PostgreSQL only: how to open a dedicated connection outside the pool (LISTEN for the event bus). */
  pgClientConfig?: pg.ClientConfig;
  /** The SQLite file, for backups and for tests that remove their database. */
  sqliteFile?: string;
  /** PostgreSQL when serving: the limits its connections were opened with. */
  timeouts?: DbTimeouts;
  close(): Promise<void>;
};

// Engine differences live only in this folder (STYLE.md habit 6).

// PostgreSQL returns int8/numeric as strings by default; counts and sums are safe as numbers here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Limits for serving requests on PostgreSQL. The CLI's bulk commands (demo, rebuild, migrations) run
 * without them: a rollup rebuild of the large demo is one long statement by design.
 */
export type DbTimeouts = {
  /** `statement_timeout` and `idle_in_transaction_session_timeout` on the server. */
  statementMs: number;
  /** How long the client waits for any answer: a frozen network never answers, so the server's own timeout cannot help. */
  queryMs: number;
};

/** `sqlite:./data/x.db`, `sqlite::memory:`, or `postgres://…[?schema=name]`. */
export function createDb(databaseUrl: string, timeouts?: DbTimeouts): Db {
  if (databaseUrl.startsWith("postgres://") || databaseUrl.startsWith("postgresql://")) {
    return createPostgres(databaseUrl, timeouts);
  }
  if (databaseUrl.startsWith("sqlite:")) return createSqlite(databaseUrl.slice("sqlite:".length));
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${databaseUrl.split(":")[0]}:…)`);
}

function createSqlite(file: string): Db {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file, { timeout: 5000 });
  // Set on every open: better-sqlite3 silently reopens an existing WAL file with synchronous=NORMAL.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  // Deleted content is overwritten with zeros, not left in free space: the Beta check's folded answers
  // must not be readable from the file after their rows are gone (scrub.ts, issue 13).
  database.pragma("secure_delete = ON");
  // 64 MiB of page cache instead of SQLite's 2 MiB: a large organisation's deal indexes stay in memory
  // (an import of 100,000 deals touches ten indexes per row).
  database.pragma("cache_size = -65536");
  // SQLite's lower() folds ASCII only; PostgreSQL's folds Unicode. Make "Öffentlich" match on both.
  database.function("lower", { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? value.toLowerCase() : value,
  );
  const writes = new WriteLog();
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: reusingStatements(database, writes) }),
  });
  return {
    engine: "sqlite",
    kysely,
    writes,
    sqliteFile: file === ":memory:" ? undefined : file,
    close: () => kysely.destroy(),
  };
}

/**
 * Kysely prepares every query anew; preparing costs as much as running a short indexed read. Queries
 * are built from a fixed set of shapes, so their SQL repeats: keep the most recent prepared statements.
 * Safe because better-sqlite3 runs one statement at a time and nothing here streams rows (a statement
 * being iterated could not be reused). SQLite re-prepares a cached statement itself after a schema change.
 */
function reusingStatements(database: SQLite.Database, writes: WriteLog, capacity = 500) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      if (!statement.reader) writes.record(sql);
      return statement;
    },
  };
}

function createPostgres(databaseUrl: string, timeouts?: DbTimeouts): Db {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  const settings = [
    schema ? `-c search_path=${schema}` : "",
    timeouts ? `-c statement_timeout=${timeouts.statementMs}` : "",
    timeouts ? `-c idle_in_transaction_session_timeout=${timeouts.statementMs}` : "",
  ].filter(Boolean);
  const pgClientConfig: pg.ClientConfig = {
    connectionString: url.toString(),
    // pg waits forever for a connection by default; answer 503 quickly instead (ARCHITECTURE.md).
    connectionTimeoutMillis: 3000,
    // A peer that vanished without a FIN (failover, cut cable) is noticed by the kernel, not only by a timeout.
    keepAlive: true,
    options: settings.length ? settings.join(" ") : undefined,
  };
  const pool = new pg.Pool({ ...pgClientConfig, max: 10, query_timeout: timeouts?.queryMs });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  const writes = new WriteLog();
  pool.on("connect", (client) => {
    followWrites(client, writes);
    // pg emits "error" on a client whose connection drops while it is checked out (a terminated
    // backend, a failover); without a listener that error would end the process. The query in
    // flight fails on its own and the pool discards the client when it is released.
    client.on("error", () => {});
    if (timeouts) abandonTimedOutConnections(client);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: "postgres",
    kysely,
    writes,
    pgSchema: schema,
    pgClientConfig,
    timeouts,
    close: () => kysely.destroy(),
  };
}

/** Tells the write log about every statement this connection sends (see WriteLog.connection). */
function followWrites(client: pg.PoolClient, writes: WriteLog): void {
  const connection = writes.connection();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const after = typeof args[0] === "string" ? connection.before(args[0]) : undefined;
    const result = query(...args);
    if (after && result instanceof Promise) return result.finally(after);
    after?.();
    return result;
  };
}

/**
 * pg's client-side `query_timeout` answers the caller but leaves the query on the connection, and every
 * later query would queue behind it. A connection whose query timed out is therefore closed: the pool
 * then discards it on release and opens a fresh one for the next request.
 */
function abandonTimedOutConnections(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        if ((error as Error)?.message === QUERY_READ_TIMEOUT)
          (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
        throw error;
      });
    }
    return result;
  };
}

const QUERY_READ_TIMEOUT = "Query read timeout";

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  if (db.pgSchema) await db.kysely.schema.createSchema(db.pgSchema).ifNotExists().execute();
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: db.pgSchema,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/**
 * Is the error a lost, unreachable or too slow database (so the client gets 503, not 500)? 57014 is a
 * statement cancelled by `statement_timeout`, 25P03 a transaction left idle too long, 57P0x an
 * administrator or a failover ending the backend.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (e?.code && UNAVAILABLE_CODES.has(e.code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error|Client was closed/i.test(
    e?.message ?? "",
  );
}

const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "57014",
  "25P03",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08003",
  "08006",
  "08001",
]);

/** Is the error a unique-constraint violation on either engine? */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return (
    e?.code === "23505" ||
    e?.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e?.code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

/** Text PostgreSQL cannot store (NUL, invalid encoding) — the client's input, so a 400, not a 500. */
export function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === "22021" || code === "22P05";
}
