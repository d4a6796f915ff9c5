import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";

const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

declare module "vitest" {
  export interface ProvidedContext {
    /** Prefix of this run's PostgreSQL schemas (test/db.ts). */
    testRun: string;
    /** The Chromium the browser journeys launch (test/e2e/browser.ts). */
    chromePath: string;
    /** The seed of every property and fuzz test of this run (test/fuzzSeed.ts). */
    fuzzSeed: number;
  }
}

/**
 * CHROME_PATH, else a system Chromium, else the npm package, so `npm test` needs nothing outside npm. Resolved
 * once here: the npm package unpacks its browser on first use, and two workers unpacking it at once failed
 * with ETXTBSY.
 */
async function chromiumPath(): Promise<string> {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const sparticuz = (await import("@sparticuz/chromium")).default;
  return sparticuz.executablePath();
}

/**
 * Fixed in the quick layer (TEST_QUICK=1), so the inner loop is repeatable; random in the full run, so every
 * run tries new cases. Printed once, and FUZZ_SEED replays it.
 */
function fuzzSeed(): number {
  // Kept in the environment: each project of the run calls this, and all of them share one seed.
  if (!process.env.FUZZ_SEED) {
    const seed = process.env.TEST_QUICK === "1" ? 20261203 : Math.floor(Math.random() * 2 ** 31);
    process.env.FUZZ_SEED = String(seed);
    console.log(`property and fuzz tests: seed ${seed} (replay with FUZZ_SEED=${seed})`);
  }
  return Number(process.env.FUZZ_SEED);
}

/**
 * PostgreSQL schemas of a run are dropped once at its end, not by each test file: Kysely's migrator reads
 * the whole catalogue, and a schema dropped by a parallel file in the middle of that read failed it
 * ("relation … does not exist", seen in CI).
 */
export default async function setup(project: TestProject) {
  const run = randomBytes(4).toString("hex");
  project.provide("testRun", run);
  project.provide("chromePath", await chromiumPath());
  project.provide("fuzzSeed", fuzzSeed());
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
