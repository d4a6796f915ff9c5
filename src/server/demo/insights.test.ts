import { describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../test/db.ts";
import { listInsightCells, loadInsights } from "../modules/insights/queries.ts";
import { rebuildRollups, rollupSnapshot } from "../modules/insights/rollups.ts";
import { generateDemo } from "./generate.ts";
import { SIGNAL_CELL, signalFrom } from "./insights.ts";

describe.each(engines)("demo insights on %s", (engine) => {
  it("plants a win-rate signal in Team Nord, hides a cell below k, and keeps the rollup exact", async () => {
    const db = await createTestDb(engine);
    try {
      // Made on a Wednesday in May; read the same day.
      const today = new Date("2027-05-12T07:30:00Z");
      const demo = await generateDemo(db, { size: "small", today });
      const cells = await listInsightCells(db.kysely, demo.orgId, today);
      expect(cells.items.some((c) => !c.canShow)).toBe(true);
      const nord = cells.items.find((c) => c.name === SIGNAL_CELL);
      expect(nord?.canShow).toBe(true);

      const insights = await loadInsights(
        db.kysely,
        demo.orgId,
        nord?.id as string,
        { grain: "month" },
        today,
      );
      const winRate = insights.figures.find((f) => f.figure === "winRate");
      if (winRate?.status !== "shown") throw new Error("Team Nord's win rate is hidden");
      // The chart ends with the last complete month, April; the checklist came nine months before May.
      expect(winRate.chart.points.at(-1)?.period).toBe("2027-04-01");
      expect(signalFrom(today)).toBe("2026-08-01");
      const after = winRate.chart.points.filter((p) => p.period >= signalFrom(today));
      expect(after).toHaveLength(9);
      expect(after.some((p) => p.signals.some((s) => s.side === "above"))).toBe(true);
      expect(insights.baselines.map((b) => b.figure)).toEqual(["winRate"]);

      const checks = await db.kysely
        .selectFrom("betaCheck")
        .select("id")
        .where("orgId", "=", demo.orgId)
        .execute();
      expect(checks).toHaveLength(2);

      // The triggers kept the rollup through the whole generation exactly as a rebuild computes it.
      const kept = await rollupSnapshot(db.kysely, demo.orgId);
      const rebuilt = await db.kysely.transaction().execute(async (tx) => {
        await rebuildRollups(tx, db.engine, demo.orgId);
        return rollupSnapshot(tx, demo.orgId);
      });
      expect(kept.length).toBeGreaterThan(1000);
      expect(kept).toEqual(rebuilt);
    } finally {
      await db.close();
    }
  }, 180_000);
});
