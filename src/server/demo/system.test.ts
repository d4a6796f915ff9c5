import { describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../test/db.ts";
import { requestFlows } from "../modules/system/serviceQueries.ts";
import { generateDemo } from "./generate.ts";
import { SYSTEM_SIZES } from "./system.ts";

describe.each(engines)("demo system on %s", (engine) => {
  it("small: obstacles in every state with lead times, Recht's contract review, rated requests, the register", async () => {
    const db = await createTestDb(engine);
    try {
      const today = new Date("2027-05-12T07:30:00Z");
      const demo = await generateDemo(db, { size: "small", today });
      const k = db.kysely;
      const obstacles = await k.selectFrom("obstacle").selectAll().where("orgId", "=", demo.orgId).execute();
      expect(obstacles).toHaveLength(SYSTEM_SIZES.small.obstacles);
      expect(new Set(obstacles.map((o) => o.status))).toEqual(
        new Set(["raised", "takenUp", "changed", "declined"]),
      );
      for (const o of obstacles) expect(o.leadDays === null).toBe(o.endedAt === null);
      const recht = await k
        .selectFrom("service")
        .innerJoin("cell", "cell.id", "service.cellId")
        .select(["service.id", "service.name"])
        .where("cell.name", "=", "Recht")
        .execute();
      expect(recht.map((s) => s.name)).toContain("Vertragsprüfung");
      const requests = await k.selectFrom("serviceRequest").selectAll().execute();
      expect(requests).toHaveLength(SYSTEM_SIZES.small.requests);
      expect(requests.some((r) => r.serviceId === recht[0].id && r.rating !== null)).toBe(true);
      // Ratings come from the requesting cell, and only after delivery.
      for (const r of requests.filter((r) => r.rating !== null)) expect(r.status).toBe("delivered");
      const cellKinds = new Map(
        (await k.selectFrom("cell").select(["id", "kind"]).execute()).map((c) => [c.id, c.kind]),
      );
      for (const r of requests) {
        expect(cellKinds.get(r.requestingCellId)).toBe("periphery");
        expect(cellKinds.get(r.servingCellId)).toBe("centre");
      }
      expect(await k.selectFrom("frameworkCondition").select("id").execute()).not.toHaveLength(0);
      // Nothing happens after today: no request is delivered, declined or rated in the future.
      const end = today.toISOString();
      for (const r of requests)
        for (const at of [r.createdAt, r.acceptedAt, r.deliveredAt, r.declinedAt, r.ratedAt])
          expect(at === null || at < end).toBe(true);
      // The cell map's flows of the last 90 days: the demo made today has them.
      const flows = await requestFlows(k, demo.orgId, 90, today);
      expect(flows.flows.length).toBeGreaterThan(0);
      for (const flow of flows.flows) expect(cellKinds.get(flow.fromCellId)).toBe("periphery");
    } finally {
      await db.close();
    }
  }, 120_000);
});
