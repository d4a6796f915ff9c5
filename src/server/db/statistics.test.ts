import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../test/db.ts";
import { refreshStatistics } from "./statistics.ts";

describe.skipIf(!engines.includes("postgres"))("statistics after bulk writes (PostgreSQL)", () => {
  it("the planner knows the row count right after the write", async () => {
    const db = await createTestDb("postgres");
    try {
      const rows = Array.from({ length: 500 }, (_, i) => ({ key: `k${i}`, value: String(i) }));
      await db.kysely.insertInto("instanceSetting").values(rows).execute();
      const estimate = async () =>
        (
          await sql<{ reltuples: number }>`select reltuples::int as reltuples from pg_class
            where oid = ${`"${db.pgSchema}"."instanceSetting"`}::regclass`.execute(db.kysely)
        ).rows[0].reltuples;
      // Never analysed: PostgreSQL reports -1 (unknown) until autovacuum comes by.
      expect(await estimate()).toBeLessThan(500);
      await refreshStatistics(db.kysely, ["instanceSetting"]);
      expect(await estimate()).toBeGreaterThanOrEqual(500);
    } finally {
      await db.close();
    }
  });
});
