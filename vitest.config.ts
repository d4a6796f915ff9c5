import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The test run in four layers (vitest projects), so the inner loop runs only the fast two:
 * - `unit`: pure tests, no database, no server;
 * - `db`: tests on a real database, through the services or the HTTP API (`buildTestApp`), on every engine
 *   of the run (TEST_ENGINES=sqlite or postgres picks one; test/db.ts);
 * - `e2e`: browser journeys (`test/e2e/*.e2e.test.ts`);
 * - `slow`: `*.slow.test.ts` — large imports, the medium demo, long disconnects, the full fuzz.
 * A test file is a `db` test when it builds a database or an app (what it imports says so), so nobody has
 * to remember a naming rule for the most common kind.
 */
const SLOW = /\.slow\.test\.ts$/;
const E2E = /\.e2e\.test\.ts$/;
const NEEDS_DATABASE =
  /\b(engines|buildTestApp|createTestDb|buildLiveApp|fuzzWriteOperations)\b|from "(better-sqlite3|pg)"|\/(app|db)\.ts"/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".test.ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}

const ordinary = [...testFiles("src"), ...testFiles("test")].filter((f) => !SLOW.test(f) && !E2E.test(f));
const needsDatabase = (file: string) => NEEDS_DATABASE.test(readFileSync(file, "utf8"));

export default defineConfig({
  test: {
    globalSetup: ["test/globalSetup.ts"],
    setupFiles: ["test/fuzzSeed.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: more workers only add contention for SQLite files and PostgreSQL.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ordinary.filter((f) => !needsDatabase(f)) } },
      { extends: true, test: { name: "db", include: ordinary.filter(needsDatabase) } },
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.e2e.test.ts"] } },
      { extends: true, test: { name: "slow", include: ["src/**/*.slow.test.ts", "test/**/*.slow.test.ts"] } },
    ],
  },
});
