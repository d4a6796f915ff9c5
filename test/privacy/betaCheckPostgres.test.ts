import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldBetaChecks } from "../../src/server/modules/insights/betaCheckFold.ts";
import { PADDED_BYTES } from "../../src/server/modules/insights/betaCheckSeal.ts";
import { loadDataKey, unseal } from "../../src/server/platform/dataKey.ts";
import { apiAs } from "../app.ts";
import { engines } from "../db.ts";
import { answerOf, DAY, expectedDistribution, K, type Probe, setUpProbe } from "./betaCheckKit.ts";

/**
 * Issue 13's PostgreSQL probes, repeated: (1) every result counter's `xmin` was the `xmin` of the
 * participation row of the last person who raised it — after folding, no counter's `xmin` is any
 * participation's; (2) a pending answer read straight from the table is ciphertext, nothing else.
 */
describe.each(engines.filter((engine) => engine === "postgres"))(
  "Beta check on %s, read by its operator",
  (engine) => {
    let probe: Probe;
    let checkId: string;
    const xminsOf = async (table: "betaCheckTally" | "betaCheckParticipation") => {
      const { rows } = await sql<{
        xmin: string;
      }>`select xmin::text as xmin from ${sql.table(table)} where "checkId" = ${checkId}`.execute(
        probe.t.db.kysely,
      );
      return rows.map((r) => r.xmin);
    };
    const expectNoCounterSharesAnXmin = async () => {
      const participations = new Set(await xminsOf("betaCheckParticipation"));
      const counters = await xminsOf("betaCheckTally");
      expect(participations.size).toBeGreaterThan(0);
      expect(counters.filter((xmin) => participations.has(xmin))).toEqual([]);
    };

    beforeAll(async () => {
      probe = await setUpProbe(engine, 8);
      const check = await apiAs<{ id: string }>(probe.t.app, probe.people[1], "POST", "/api/beta-checks", {
        cellId: probe.cellId,
        closesOn: "2026-11-30",
      });
      checkId = check.id;
    });
    afterAll(() => probe?.close());

    it("keeps pending answers as ciphertext of one size that only the key outside the database opens", async () => {
      // People 0 and 3 write a comment, the others do not.
      for (const i of [0, 1, 2, 3, 4])
        await apiAs(probe.t.app, probe.people[i], "POST", `/api/beta-checks/${checkId}/answers`, answerOf(i));
      const { rows } = await sql<
        Record<string, string>
      >`select * from "betaCheckPool" where "checkId" = ${checkId}`.execute(probe.t.db.kysely);
      expect(rows).toHaveLength(5);
      expect(Object.keys(rows[0]).sort()).toEqual(["checkId", "id", "keyId", "orgId", "sealed"]);
      const sizes = new Set(rows.map((r) => Buffer.from(r.sealed, "base64").length));
      // Nonce + padded answer + tag: with or without a comment, every answer is exactly as long.
      expect([...sizes]).toEqual([12 + PADDED_BYTES + 16]);
      for (const row of rows) {
        const text = Buffer.from(row.sealed, "base64").toString("latin1");
        expect(text).not.toContain("decisions still wait");
        expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
        // A different key opens nothing; the one the server holds (outside the database) does.
        expect(
          unseal(
            loadDataKey({ dataKey: Buffer.alloc(32, 7).toString("base64"), dataKeyFile: "" }),
            row.sealed,
          ),
        ).toBeNull();
      }
      const key = loadDataKey(probe.t.config);
      const opened = rows.map((r) => unseal(key, r.sealed));
      expect(opened.every((plain) => plain?.length === PADDED_BYTES)).toBe(true);
      // Nothing is counted yet: every counter is still the row made with the check.
      const tally = await probe.t.db.kysely
        .selectFrom("betaCheckTally")
        .select((eb) => eb.fn.sum<number>("count").as("n"))
        .where("checkId", "=", checkId)
        .executeTakeFirstOrThrow();
      expect(Number(tally.n)).toBe(0);
    });

    it("folds at 2k answers in a transaction of its own: no counter carries a participation's xmin", async () => {
      const key = loadDataKey(probe.t.config);
      expect(await foldBetaChecks(probe.t.db, key, probe.t.clock.now())).toMatchObject({ folded: 0 });
      await apiAs(probe.t.app, probe.people[5], "POST", `/api/beta-checks/${checkId}/answers`, answerOf(5));
      // 2k = 6 pooled: all but k folded, k held back for the fold at close.
      expect(await foldBetaChecks(probe.t.db, key, probe.t.clock.now())).toMatchObject({ folded: 6 - K });
      await expectNoCounterSharesAnXmin();
      const check = await apiAs<{ participants: number }>(
        probe.t.app,
        probe.people[0],
        "GET",
        `/api/beta-checks/${checkId}`,
      );
      expect(check.participants).toBe(6);
    });

    it("folds the rest at close, keeps no pending row, and the results are every answer's sum", async () => {
      await apiAs(probe.t.app, probe.people[6], "POST", `/api/beta-checks/${checkId}/answers`, answerOf(6));
      probe.t.clock.advance(5 * DAY);
      const results = await apiAs<{
        status: string;
        participants: number;
        laws: { distribution: number[] }[];
        comments: string[];
      }>(probe.t.app, probe.people[7], "GET", `/api/beta-checks/${checkId}/results`);
      expect(results.status).toBe("shown");
      expect(results.participants).toBe(7);
      expect(results.laws.map((l) => l.distribution)).toEqual(expectedDistribution([0, 1, 2, 3, 4, 5, 6]));
      expect([...results.comments].sort()).toEqual(
        [answerOf(0).comment, answerOf(3).comment, answerOf(6).comment].sort(),
      );
      await expectNoCounterSharesAnXmin();
      const pending = await probe.t.db.kysely.selectFrom("betaCheckPool").select("id").execute();
      expect(pending).toEqual([]);
      // The comment list too was written by a fold, never beside a participation.
      const { rows } = await sql<{
        xmin: string;
      }>`select xmin::text as xmin from "betaCheckComments" where "checkId" = ${checkId}`.execute(
        probe.t.db.kysely,
      );
      expect(new Set(await xminsOf("betaCheckParticipation")).has(rows[0].xmin)).toBe(false);
    });
  },
);
