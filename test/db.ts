import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db, type Engine, migrateToLatest } from "../src/server/db/connect.ts";

export const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The engines this run tests on: SQLite always, PostgreSQL when reachable. With REQUIRE_POSTGRES=1
 * (CI) an unreachable PostgreSQL fails the run instead of skipping it. TEST_ENGINES=sqlite (or postgres)
 * picks one engine, as `npm run test:quick` does.
 */
async function availableEngines(): Promise<Engine[]> {
  const chosen = process.env.TEST_ENGINES;
  if (chosen === "sqlite") return ["sqlite"];
  if (chosen === "postgres") {
    if (await isPostgresReachable()) return ["postgres"];
    throw new Error(`TEST_ENGINES=postgres but PostgreSQL is not reachable at ${PG_URL}`);
  }
  if (chosen) throw new Error(`TEST_ENGINES is "${chosen}"; it takes sqlite or postgres`);
  if (await isPostgresReachable()) return ["sqlite", "postgres"];
  if (process.env.REQUIRE_POSTGRES === "1") {
    throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL is not reachable at ${PG_URL}`);
  }
  console.log(`PostgreSQL not reachable at ${PG_URL}: skipping the PostgreSQL run of these tests.`);
  return ["sqlite"];
}

export const engines: Engine[] = await availableEngines();

/** The database URL for a fresh test database: a private SQLite file or a private PostgreSQL schema. */
export function freshDatabaseUrl(engine: Engine, dir: string): string {
  const name = `t_${inject("testRun")}_${randomBytes(6).toString("hex")}`;
  if (engine === "sqlite") return `sqlite:${dir}/${name}.db`;
  const url = new URL(PG_URL);
  url.searchParams.set("schema", name);
  return url.toString();
}

/**
 * A migrated, empty database. `close` removes a SQLite file; PostgreSQL schemas are dropped together at
 * the end of the run (test/globalSetup.ts), never while other test files may be reading the catalogue.
 */
export async function createTestDb(engine: Engine, dir = "/tmp"): Promise<Db> {
  const db = createDb(freshDatabaseUrl(engine, dir));
  await migrateToLatest(db);
  const close = db.close;
  return {
    ...db,
    close: async () => {
      await close();
      if (db.sqliteFile)
        for (const suffix of ["", "-wal", "-shm"]) await rm(`${db.sqliteFile}${suffix}`, { force: true });
    },
  };
}

/** A migrated, empty database for the length of `use` (its own schema on PostgreSQL), dropped afterwards. */
export async function withFreshDb<T>(engine: Engine, use: (db: Db) => Promise<T>): Promise<T> {
  const db = await createTestDb(engine);
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}
