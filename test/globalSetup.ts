import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";

const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

declare module "vitest" {
  export interface ProvidedContext {
    /** Prefix of this run's PostgreSQL schemas (test/db.ts). */
    testRun: string;
  }
}

/**
 * PostgreSQL schemas of a run are dropped once at its end, not by each test file: Kysely's migrator reads
 * the whole catalogue, and a schema dropped by a parallel file in the middle of that read failed it
 * ("relation … does not exist", seen in CI).
 */
export default function setup(project: TestProject) {
  const run = randomBytes(4).toString("hex");
  project.provide("testRun", run);
  return async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
    } catch {
      return; // no PostgreSQL, no schemas
    }
    try {
      const { rows } = await client.query<{ name: string }>(
        "select nspname as name from pg_namespace where nspname like $1",
        [`t\\_${run}\\_%`],
      );
      for (const { name } of rows) await client.query(`drop schema if exists "${name}" cascade`);
    } finally {
      await client.end();
    }
  };
}
