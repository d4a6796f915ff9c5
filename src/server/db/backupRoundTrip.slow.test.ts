import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../test/db.ts";
import { fingerprint } from "../../../test/factories.ts";
import { generateDemo } from "../demo/generate.ts";
import { backupDatabase, restoreDatabase } from "./backup.ts";
import type { Db } from "./connect.ts";

const dir = mkdtempSync(join(tmpdir(), "periphery-roundtrip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Per table: its row count and a hash of its sorted rows — the archived tables only, plus the SQLite
 * search index (FTS) where both sides have it. Small enough to compare and print when it differs.
 */
async function tableHashes(db: Db, tables: string[]) {
  const print = await fingerprint(db);
  return Object.fromEntries(
    Object.entries(print)
      .filter(([table]) => tables.includes(table) || table.endsWith("Fts"))
      .map(([table, rows]) => [
        table,
        { rows: rows.length, sha256: createHash("sha256").update(rows.join("\n")).digest("hex") },
      ]),
  );
}

describe("moving the medium demo between engines (issue 14, acceptance 2)", () => {
  it("goes SQLite → PostgreSQL → SQLite with every table's rows and content unchanged", async () => {
    const source = await createTestDb("sqlite", dir);
    // PostgreSQL in the middle when this run has it (REQUIRE_POSTGRES=1 makes sure it does).
    const middle = await createTestDb(engines.includes("postgres") ? "postgres" : "sqlite", dir);
    const back = await createTestDb("sqlite", dir);
    try {
      await generateDemo(source, { size: "medium", seed: 1, today: new Date("2026-11-30T12:00:00Z") });
      const first = join(dir, "first.jsonl.gz");
      const summary = await backupDatabase(source, first);
      expect(await restoreDatabase(middle, first)).toMatchObject({ rows: summary.rows });
      const second = join(dir, "second.jsonl.gz");
      expect(await backupDatabase(middle, second)).toMatchObject({ counts: summary.counts });
      await restoreDatabase(back, second);

      const tables = Object.keys(summary.counts);
      expect(summary.counts.deal).toBeGreaterThan(1000);
      const original = await tableHashes(source, tables);
      expect(Object.keys(original).length).toBeGreaterThan(tables.length);
      // The middle has no FTS tables (PostgreSQL's search lives in archived tables).
      const archivedOnly = (hashes: typeof original) =>
        Object.fromEntries(Object.entries(hashes).filter(([table]) => tables.includes(table)));
      expect(archivedOnly(await tableHashes(middle, tables))).toEqual(archivedOnly(original));
      expect(await tableHashes(back, tables)).toEqual(original);
    } finally {
      await source.close();
      await middle.close();
      await back.close();
    }
  }, 1_800_000);
});
