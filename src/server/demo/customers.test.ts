import { describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../test/db.ts";
import { ACCOUNT_SIZES } from "../../shared/customers/accounts.ts";
import { GuardrailFindingSchema } from "../../shared/customers/offers.ts";
import type { Db, Engine } from "../db/connect.ts";
import { generateDemo } from "./generate.ts";

/** The day the demos here are made: a Wednesday in May. */
const TODAY = new Date("2027-05-12T07:30:00Z");

async function withDemo<T>(engine: Engine, seed: number, use: (db: Db) => Promise<T>): Promise<T> {
  const db = await createTestDb(engine);
  try {
    await generateDemo(db, { size: "small", seed, today: TODAY });
    return await use(db);
  } finally {
    await db.close();
  }
}

async function dumpCustomers(db: Db) {
  const k = db.kysely;
  return {
    pipelineStage: await k.selectFrom("pipelineStage").selectAll().orderBy("id").execute(),
    product: await k.selectFrom("product").selectAll().orderBy("id").execute(),
    guardrail: await k.selectFrom("guardrail").selectAll().orderBy("id").execute(),
    letterhead: await k.selectFrom("letterhead").selectAll().execute(),
    account: await k.selectFrom("account").selectAll().orderBy("id").execute(),
    contact: await k.selectFrom("contact").selectAll().orderBy("id").execute(),
    timelineEntry: await k.selectFrom("timelineEntry").selectAll().orderBy("id").execute(),
    deal: await k.selectFrom("deal").selectAll().orderBy("id").execute(),
    dealPerson: await k.selectFrom("dealPerson").selectAll().orderBy("dealId").orderBy("personId").execute(),
    offer: await k.selectFrom("offer").selectAll().orderBy("id").execute(),
    offerLine: await k.selectFrom("offerLine").selectAll().orderBy("id").execute(),
  };
}

describe.each(engines)("demo customers on %s", (engine) => {
  it("gives exactly the same customers for the same size and seed", async () => {
    const first = await withDemo(engine, 5, dumpCustomers);
    const second = await withDemo(engine, 5, dumpCustomers);
    expect(second).toEqual(first);
    expect(first.account.length).toBe(300);
    expect(first.deal.length).toBeGreaterThan(1200);
    expect(first.deal.length).toBeLessThan(2000);
  });

  it("small: German stages, accounts of periphery cells, 24 months of closed and open deals", async () => {
    await withDemo(engine, 1, async (db) => {
      const k = db.kysely;
      const stages = await k.selectFrom("pipelineStage").selectAll().orderBy("position").execute();
      expect(stages.map((s) => [s.name, s.outcome, s.probability])).toEqual([
        ["Qualifizierung", "open", 10],
        ["Bedarf geklärt", "open", 25],
        ["Angebot", "open", 50],
        ["Verhandlung", "open", 75],
        ["Gewonnen", "won", 100],
        ["Verloren", "lost", 0],
      ]);
      const outcomeOf = new Map(stages.map((s) => [s.id, s.outcome]));

      const periphery = new Set(
        (await k.selectFrom("cell").select("id").where("kind", "=", "periphery").execute()).map((c) => c.id),
      );
      const accounts = await k.selectFrom("account").selectAll().execute();
      expect(accounts.every((a) => periphery.has(a.cellId))).toBe(true);
      expect(accounts.every((a) => (ACCOUNT_SIZES as readonly string[]).includes(a.size))).toBe(true);
      expect(accounts.every((a) => a.website === `https://www.${a.domain}` && a.name.length > 0)).toBe(true);
      const contactsPerAccount = await k
        .selectFrom("contact")
        .select(["accountId", k.fn.countAll<number>().as("n")])
        .groupBy("accountId")
        .execute();
      expect(contactsPerAccount).toHaveLength(accounts.length);
      expect(contactsPerAccount.every((c) => Number(c.n) >= 1 && Number(c.n) <= 3)).toBe(true);
      const kinds = await k.selectFrom("timelineEntry").select("kind").distinct().execute();
      expect(kinds.map((e) => e.kind).sort()).toEqual(["call", "meeting", "note"]);

      const deals = await k.selectFrom("deal").selectAll().execute();
      expect(deals.every((d) => periphery.has(d.cellId))).toBe(true);
      expect(deals.every((d) => Number.isInteger(Number(d.amount)) && Number(d.amount) > 0)).toBe(true);
      // 24 months before the day the demo is made, and nothing after it.
      expect(deals.every((d) => d.createdAt >= "2025-05-12" && d.createdAt < "2027-05-12")).toBe(true);
      expect(deals.every((d) => (d.closedAt ?? "") < "2027-05-12")).toBe(true);
      const closed = deals.filter((d) => outcomeOf.get(d.stageId) !== "open");
      expect(closed.every((d) => d.closedAt !== null && d.closedAt >= d.createdAt)).toBe(true);
      expect(deals.filter((d) => outcomeOf.get(d.stageId) === "open").every((d) => d.closedAt === null)).toBe(
        true,
      );
      expect(closed.length / deals.length).toBeGreaterThan(0.7);
      const lost = deals.filter((d) => outcomeOf.get(d.stageId) === "lost");
      expect(lost.every((d) => d.lostReason.length > 0)).toBe(true);
      const openStages = new Set(deals.filter((d) => d.closedAt === null).map((d) => d.stageId));
      expect(openStages.size).toBe(4);
      // Open deals close in the days and weeks ahead, many within the next six weeks.
      const open = deals.filter((d) => d.closedAt === null);
      expect(open.every((d) => (d.expectedClose ?? "") > "2027-05-12")).toBe(true);
      expect(open.filter((d) => (d.expectedClose ?? "") < "2027-06-23").length).toBeGreaterThan(
        open.length / 4,
      );

      // Everyone involved in a deal sits in the deal's cell.
      const outsiders = await k
        .selectFrom("dealPerson")
        .innerJoin("deal", "deal.id", "dealPerson.dealId")
        .leftJoin("cellMember", (join) =>
          join
            .onRef("cellMember.cellId", "=", "deal.cellId")
            .onRef("cellMember.personId", "=", "dealPerson.personId"),
        )
        .select("dealPerson.dealId")
        .where("cellMember.personId", "is", null)
        .execute();
      expect(outsiders).toEqual([]);
    });
  });

  it("small: win rates differ by cell", async () => {
    await withDemo(engine, 1, async (db) => {
      const rows = await db.kysely
        .selectFrom("deal")
        .innerJoin("pipelineStage", "pipelineStage.id", "deal.stageId")
        .select(["deal.cellId", "pipelineStage.outcome", db.kysely.fn.countAll<number>().as("n")])
        .where("pipelineStage.outcome", "!=", "open")
        .groupBy(["deal.cellId", "pipelineStage.outcome"])
        .execute();
      const byCell = new Map<string, { won: number; lost: number }>();
      for (const row of rows) {
        const entry = byCell.get(row.cellId) ?? { won: 0, lost: 0 };
        entry[row.outcome as "won" | "lost"] += Number(row.n);
        byCell.set(row.cellId, entry);
      }
      const rates = [...byCell.values()].map(({ won, lost }) => won / (won + lost));
      expect(rates.length).toBeGreaterThanOrEqual(5);
      expect(Math.min(...rates)).toBeGreaterThan(0.1);
      expect(Math.max(...rates)).toBeLessThan(0.6);
      expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.08);
    });
  });

  it("small: products, guardrails, letterhead and offers, some recorded outside the guardrails", async () => {
    await withDemo(engine, 1, async (db) => {
      const k = db.kysely;
      const products = await k.selectFrom("product").selectAll().execute();
      expect(products.length).toBeGreaterThanOrEqual(10);
      expect(products.every((p) => Number(p.unitPrice) > 0 && p.currency === "EUR")).toBe(true);
      const guardrails = await k
        .selectFrom("guardrail")
        .select(["kind", "limitValue"])
        .orderBy("kind")
        .execute();
      expect(guardrails).toEqual([
        { kind: "discount", limitValue: 1500 },
        { kind: "margin", limitValue: 2500 },
        { kind: "paymentTerms", limitValue: 30 },
      ]);
      expect(await k.selectFrom("letterhead").select("companyName").execute()).toEqual([
        { companyName: "Nordlicht Vertrieb GmbH" },
      ]);

      const offers = await k.selectFrom("offer").selectAll().execute();
      expect(offers.length).toBeGreaterThan(100);
      expect(new Set(offers.map((o) => o.number)).size).toBe(offers.length);
      expect(offers.every((o) => /^ANG-20\d\d-\d{4,}$/.test(o.number))).toBe(true);
      expect(new Set(offers.map((o) => o.status))).toEqual(
        new Set(["draft", "sent", "accepted", "declined"]),
      );
      const findings = offers.map((o) =>
        GuardrailFindingSchema.array().parse(JSON.parse(o.guardrailFindings)),
      );
      const outside = offers.filter((_, i) => findings[i].length > 0);
      expect(outside.length).toBeGreaterThan(10);
      expect(outside.every((o) => o.status !== "draft" && o.sentAt !== null)).toBe(true);
      expect(findings.flat().some((f) => f.kind === "discount" && f.actualValue > 1500)).toBe(true);

      // The offers of open deals are still valid on the day the demo is made: none has expired.
      const sent = offers.filter((o) => o.status === "sent" || o.status === "draft");
      expect(sent.length).toBeGreaterThan(20);
      expect(sent.every((o) => o.validUntil >= "2027-05-12" && (o.sentAt ?? "") < "2027-05-12")).toBe(true);

      const lines = await k.selectFrom("offerLine").selectAll().execute();
      expect(lines.some((l) => l.discountBps > 1500)).toBe(true);
      expect(lines.every((l) => Number(l.quantityMilli) > 0 && Number(l.unitPrice) > 0)).toBe(true);
    });
  });
});
