import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { rebuildRollups, rollupSnapshot } from "./rollups.ts";

/**
 * The rollup is kept by triggers (migration 2026-11-27T0630_insights). Random sequences of writes made
 * straight to the tables — the way imports, cascades and the demo generator write, bypassing every
 * service — must leave it equal to what `rebuild-rollups` computes from scratch.
 */
const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString();

const createDeal = fc.record({
  kind: fc.constant("createDeal" as const),
  cell: fc.nat(1),
  stage: fc.nat(5),
  currency: fc.constantFrom("EUR", "CHF"),
  amount: fc.nat(1_000_000),
  created: fc.nat(120),
  cycle: fc.nat(400),
});
const move = fc.record({
  kind: fc.constant("move" as const),
  deal: fc.nat(30),
  stage: fc.nat(5),
  after: fc.nat(60),
});
const createOffer = fc.record({
  kind: fc.constant("createOffer" as const),
  deal: fc.nat(30),
  sentAfter: fc.option(fc.nat(40)),
  discounts: fc.array(fc.nat(3000), { minLength: 0, maxLength: 3 }),
});
const sendOffer = fc.record({
  kind: fc.constant("sendOffer" as const),
  offer: fc.nat(30),
  after: fc.nat(40),
});
const others = fc.oneof(
  fc.record({ kind: fc.constant("handOver" as const), deal: fc.nat(30) }),
  fc.record({ kind: fc.constant("edit" as const), deal: fc.nat(30), amount: fc.nat(1_000_000) }),
  fc.record({ kind: fc.constant("deleteDeal" as const), deal: fc.nat(30) }),
  fc.record({ kind: fc.constant("deleteOffer" as const), offer: fc.nat(30) }),
  fc.record({ kind: fc.constant("editLine" as const), offer: fc.nat(30), discount: fc.nat(3000) }),
  fc.record({ kind: fc.constant("flipStage" as const), stage: fc.nat(7) }),
  fc.record({
    kind: fc.constant("satisfaction" as const),
    account: fc.nat(2),
    score: fc.integer({ min: 1, max: 5 }),
    on: fc.nat(120),
  }),
  fc.record({ kind: fc.constant("deleteAccount" as const), account: fc.nat(2) }),
);
const command = fc.oneof(
  { arbitrary: createDeal, weight: 5 },
  { arbitrary: move, weight: 3 },
  { arbitrary: createOffer, weight: 3 },
  { arbitrary: sendOffer, weight: 2 },
  { arbitrary: others, weight: 5 },
);

describe.each(engines)("insights rollup on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  it("equals the from-scratch rebuild after any sequence of writes", async () => {
    const steward = await signUp(t.app, { language: "en" });
    const orgId = steward.info.organisation.id;
    const db = t.db.kysely;
    const cells: string[] = [];
    for (const name of ["North", "South"]) {
      const cell = await injectAs(t.app, steward, {
        method: "POST",
        url: "/api/cells",
        payload: { name, kind: "periphery" },
      });
      cells.push(cell.json().id);
    }
    const stages = await db
      .selectFrom("pipelineStage")
      .select(["id", "outcome"])
      .where("orgId", "=", orgId)
      .execute();
    let offerNumber = 0;
    const figuresSeen: string[] = [];

    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 5, maxLength: 40, size: "medium" }),
        async (commands) => {
          const accounts: { id: string; cellId: string }[] = [];
          for (let i = 0; i < 3; i++) {
            const id = randomUUID();
            const cellId = cells[i % 2];
            await db
              .insertInto("account")
              .values({
                id,
                orgId,
                cellId,
                name: `A${i}`,
                industry: "",
                size: "",
                region: "",
                website: "",
                domain: "",
                notes: "",
                createdAt: day(0),
                updatedAt: day(0),
                version: 1,
              })
              .execute();
            accounts.push({ id, cellId });
          }
          const deals: string[] = [];
          const offers: string[] = [];
          const pick = <T>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);
          for (const c of commands) {
            if (c.kind === "createDeal") {
              const account = pick(accounts, c.cell);
              if (!account) continue;
              const stage = stages[c.stage % stages.length];
              const id = randomUUID();
              await db
                .insertInto("deal")
                .values({
                  id,
                  orgId,
                  cellId: account.cellId,
                  accountId: account.id,
                  title: "D",
                  amount: c.amount,
                  currency: c.currency,
                  stageId: stage.id,
                  expectedClose: null,
                  probability: 50,
                  source: "",
                  lostReason: "",
                  createdAt: day(c.created),
                  updatedAt: day(c.created),
                  closedAt: stage.outcome === "open" ? null : day(c.created + c.cycle / 3),
                  version: 1,
                })
                .execute();
              deals.push(id);
            } else if (c.kind === "move") {
              const id = pick(deals, c.deal);
              if (!id) continue;
              const stage = stages[c.stage % stages.length];
              const deal = await db
                .selectFrom("deal")
                .select("createdAt")
                .where("id", "=", id)
                .executeTakeFirstOrThrow();
              const closedAt =
                stage.outcome === "open"
                  ? null
                  : new Date(Date.parse(deal.createdAt) + c.after * 86_400_000 + 3_600_000 * 5).toISOString();
              await db
                .updateTable("deal")
                .set({ stageId: stage.id, closedAt })
                .where("id", "=", id)
                .execute();
            } else if (c.kind === "handOver") {
              const id = pick(deals, c.deal);
              if (!id) continue;
              const deal = await db
                .selectFrom("deal")
                .select("cellId")
                .where("id", "=", id)
                .executeTakeFirstOrThrow();
              await db
                .updateTable("deal")
                .set({ cellId: cells.find((x) => x !== deal.cellId) as string })
                .where("id", "=", id)
                .execute();
            } else if (c.kind === "edit") {
              const id = pick(deals, c.deal);
              if (id)
                await db
                  .updateTable("deal")
                  .set({ amount: c.amount, title: "edited" })
                  .where("id", "=", id)
                  .execute();
            } else if (c.kind === "deleteDeal") {
              const id = pick(deals, c.deal);
              if (!id) continue;
              await db.deleteFrom("deal").where("id", "=", id).execute();
              deals.splice(deals.indexOf(id), 1);
            } else if (c.kind === "createOffer") {
              const dealId = pick(deals, c.deal);
              if (!dealId) continue;
              const deal = await db
                .selectFrom("deal")
                .select("createdAt")
                .where("id", "=", dealId)
                .executeTakeFirstOrThrow();
              const id = randomUUID();
              const sentAt =
                c.sentAfter === null
                  ? null
                  : new Date(Date.parse(deal.createdAt) + c.sentAfter * 86_400_000 + 7_200_000).toISOString();
              await db
                .insertInto("offer")
                .values({
                  id,
                  orgId,
                  dealId,
                  number: `T-${++offerNumber}`,
                  language: "en",
                  currency: "EUR",
                  status: sentAt ? "sent" : "draft",
                  validUntil: "2026-12-31",
                  paymentTermsDays: 30,
                  terms: "",
                  taxRateBps: 1900,
                  adviceNote: "",
                  guardrailFindings: "[]",
                  createdAt: deal.createdAt,
                  updatedAt: deal.createdAt,
                  sentAt,
                  decidedAt: null,
                  version: 1,
                })
                .execute();
              for (const [position, discountBps] of c.discounts.entries()) {
                await db
                  .insertInto("offerLine")
                  .values({
                    id: randomUUID(),
                    orgId,
                    offerId: id,
                    position,
                    productId: null,
                    description: "x",
                    quantityMilli: 1000 * (position + 1),
                    unitPrice: 10_000 + position,
                    unitCost: null,
                    discountBps,
                  })
                  .execute();
              }
              offers.push(id);
            } else if (c.kind === "sendOffer") {
              const id = pick(offers, c.offer);
              if (!id) continue;
              const offer = await db
                .selectFrom("offer")
                .select(["createdAt", "sentAt"])
                .where("id", "=", id)
                .executeTakeFirst();
              if (!offer) continue;
              await db
                .updateTable("offer")
                .set({
                  status: "sent",
                  sentAt: new Date(Date.parse(offer.createdAt) + c.after * 86_400_000).toISOString(),
                })
                .where("id", "=", id)
                .execute();
            } else if (c.kind === "deleteOffer") {
              const id = pick(offers, c.offer);
              if (!id) continue;
              await db.deleteFrom("offerLine").where("offerId", "=", id).execute();
              await db.deleteFrom("offer").where("id", "=", id).execute();
              offers.splice(offers.indexOf(id), 1);
            } else if (c.kind === "editLine") {
              const id = pick(offers, c.offer);
              if (id)
                await db
                  .updateTable("offerLine")
                  .set({ discountBps: c.discount })
                  .where("offerId", "=", id)
                  .execute();
            } else if (c.kind === "flipStage") {
              // An open stage becomes "lost" and back: its deals' figures move both times.
              const stage = stages.filter((s) => s.outcome === "open")[c.stage % 3];
              if (!stage) continue;
              await db
                .updateTable("pipelineStage")
                .set({ outcome: "lost" })
                .where("id", "=", stage.id)
                .execute();
              // Every other time it stays lost until the end of the run.
              if (c.stage % 2 === 0)
                await db
                  .updateTable("pipelineStage")
                  .set({ outcome: "open" })
                  .where("id", "=", stage.id)
                  .execute();
            } else if (c.kind === "satisfaction") {
              const account = pick(accounts, c.account);
              if (!account) continue;
              await db
                .insertInto("satisfactionScore")
                .values({
                  id: randomUUID(),
                  orgId,
                  accountId: account.id,
                  cellId: account.cellId,
                  score: c.score,
                  surveyedOn: day(c.on).slice(0, 10),
                  note: "",
                  createdAt: day(c.on),
                })
                .execute();
            } else if (c.kind === "deleteAccount") {
              const account = pick(accounts, c.account);
              if (!account) continue;
              await db.deleteFrom("account").where("id", "=", account.id).execute();
              accounts.splice(accounts.indexOf(account), 1);
              const left = await db.selectFrom("deal").select("id").where("orgId", "=", orgId).execute();
              deals.splice(0, deals.length, ...deals.filter((id) => left.some((d) => d.id === id)));
              const leftOffers = await db
                .selectFrom("offer")
                .select("id")
                .where("orgId", "=", orgId)
                .execute();
              offers.splice(0, offers.length, ...offers.filter((id) => leftOffers.some((o) => o.id === id)));
            }
          }

          const kept = await rollupSnapshot(db, orgId);
          const rebuilt = await db.transaction().execute(async (tx) => {
            await rebuildRollups(tx, t.db.engine, orgId);
            return rollupSnapshot(tx, orgId);
          });
          expect(kept).toEqual(rebuilt);
          figuresSeen.push(...new Set(kept.map((r) => r.figure)));

          // Each run starts from no accounts, no deals and the original stages.
          for (const stage of stages) {
            await db
              .updateTable("pipelineStage")
              .set({ outcome: stage.outcome })
              .where("id", "=", stage.id)
              .execute();
          }
          await db.deleteFrom("account").where("orgId", "=", orgId).execute();
          await db.deleteFrom("satisfactionScore").where("orgId", "=", orgId).execute();
          expect(await rollupSnapshot(db, orgId)).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
    // The runs did exercise every deal and offer figure, not only empty rollups.
    expect(new Set(figuresSeen)).toEqual(
      new Set(["created", "won", "lost", "cycle", "offerLead", "discount", "satisfaction"]),
    );
  });
});
