import { describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../test/db.ts";
import { searchDecisionLog } from "../modules/decisions/decisionLog.ts";
import { DECISION_SIZES } from "./decisions.ts";
import { generateDemo } from "./generate.ts";

describe.each(engines)("demo decisions on %s", (engine) => {
  it("small: decided advice and consent decisions in the log, a few open proposals, the same for the same seed", async () => {
    const dumps = [];
    for (const _ of [1, 2]) {
      const db = await createTestDb(engine);
      try {
        const demo = await generateDemo(db, { size: "small", today: new Date("2027-05-12T07:30:00Z") });
        const k = db.kysely;
        const proposals = await k.selectFrom("proposal").selectAll().orderBy("id").execute();
        const shape = DECISION_SIZES.small;
        expect(proposals).toHaveLength(shape.decided + shape.open);
        expect(proposals.filter((p) => p.status === "open")).toHaveLength(shape.open);
        expect(new Set(proposals.map((p) => p.kind))).toEqual(new Set(["advice", "consent"]));
        // Consent passes only with a review date; every decision says what was decided.
        for (const p of proposals.filter((p) => p.status === "passed")) expect(p.reviewDate).not.toBeNull();
        for (const p of proposals.filter((p) => p.decidedAt)) expect(p.decision).toMatch(/\S/);
        const links = await k.selectFrom("proposalLink").selectAll().execute();
        const accounts = new Set((await k.selectFrom("account").select("id").execute()).map((a) => a.id));
        for (const link of links.filter((l) => l.type === "account"))
          expect(accounts.has(link.targetId)).toBe(true);
        const advice = await k.selectFrom("advice").select(["proposalId"]).execute();
        for (const p of proposals)
          expect(advice.filter((a) => a.proposalId === p.id)).toHaveLength(p.adviceCount);

        const log = await searchDecisionLog(k, demo.orgId, { q: "rabatt", limit: 50 });
        expect(log.items.length).toBeGreaterThan(0);
        expect(log.items.every((i) => /rabatt/i.test(`${i.title}\n${i.problem}\n${i.decision}`))).toBe(true);
        dumps.push({ proposals, links });
      } finally {
        await db.close();
      }
    }
    expect(dumps[1]).toEqual(dumps[0]);
  }, 60_000);
});
