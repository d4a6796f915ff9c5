import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, buildTestApp, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import type { Insights, ShownFigure } from "../../../shared/insights/figures.ts";

/**
 * Money figures per currency: deals in CHF beside EUR get their own chart, never converted and never
 * left out. The test clock stands at 2026-11-26: the last complete month is October.
 */
describe.each(engines)("money figures per currency on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let member: Session;
  const cells: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp(engine);
    steward = await signUp(t.app, { language: "en" });
    const orgId = steward.info.organisation.id;
    const people = [steward];
    for (let i = 0; i < 6; i++) people.push(await invite(t.app, steward, "member", `Member ${i}`));
    member = people[1];
    // Both cells have at least k = 5 members from January on, before the deals.
    const today = t.clock.current;
    t.clock.current = new Date("2026-01-05T09:00:00Z");
    for (const [name, who] of [
      ["North", people.slice(0, 6)],
      ["South", people.slice(1, 7)],
    ] as const) {
      cells[name] = (
        await apiAs<{ id: string }>(t.app, steward, "POST", "/api/cells", { name, kind: "periphery" })
      ).id;
      for (const person of who)
        await apiAs(t.app, steward, "PUT", `/api/cells/${cells[name]}/members/${person.info.person.id}`, {});
    }
    t.clock.current = today;
    const account = await apiAs<{ id: string }>(t.app, steward, "POST", "/api/accounts", {
      cellId: cells.North,
      name: "Zürcher Kantonalbank",
    });
    const won = await t.db.kysely
      .selectFrom("pipelineStage")
      .select("id")
      .where("orgId", "=", orgId)
      .where("outcome", "=", "won")
      .executeTakeFirstOrThrow();
    // North won 1,000 EUR and 2,500 + 500 CHF in October; South won 4,000 CHF.
    const deals: [string, number, string][] = [
      [cells.North, 1000_00, "EUR"],
      [cells.North, 2500_00, "CHF"],
      [cells.North, 500_00, "CHF"],
      [cells.South, 4000_00, "CHF"],
    ];
    for (const [cellId, amount, currency] of deals)
      await t.db.kysely
        .insertInto("deal")
        .values({
          id: randomUUID(),
          orgId,
          cellId,
          accountId: account.id,
          title: "Deal",
          amount,
          currency,
          stageId: won.id,
          expectedClose: null,
          probability: 100,
          source: "",
          lostReason: "",
          createdAt: "2026-09-15T09:00:00.000Z",
          updatedAt: "2026-10-06T09:00:00.000Z",
          closedAt: "2026-10-06T09:00:00.000Z",
          version: 1,
        })
        .execute();
  });
  afterAll(() => t.close());

  const money = (insights: Insights, figure: string) =>
    insights.figures.filter((f): f is ShownFigure => f.figure === figure && f.status === "shown");

  it("charts a cell's won value once per currency it has deals in, the organisation's currency first", async () => {
    const north = await apiAs<Insights>(
      t.app,
      member,
      "GET",
      `/api/insights/cells/${cells.North}?grain=month`,
    );
    const won = money(north, "wonValue");
    expect(won.map((f) => [f.currency, f.latest])).toEqual([
      ["EUR", { period: "2026-10-01", value: 1000_00 }],
      ["CHF", { period: "2026-10-01", value: 3000_00 }],
    ]);
    expect(won[1].chart.points.at(-1)).toMatchObject({ value: 3000_00, n: 2 });
    expect(money(north, "pipelineCreated").map((f) => f.currency)).toEqual(["EUR", "CHF"]);
    // Figures without money come once, without a currency.
    expect(north.figures.filter((f) => f.figure === "winRate")).toHaveLength(1);
    expect(north.figures.find((f) => f.figure === "winRate")).toMatchObject({ currency: null });
  });

  it("compares a currency's chart with the peers' values in the same currency", async () => {
    const south = await apiAs<Insights>(
      t.app,
      member,
      "GET",
      `/api/insights/cells/${cells.South}?grain=month`,
    );
    const won = money(south, "wonValue");
    // South has no EUR deal: its EUR chart is there (the organisation's currency) and empty in October.
    expect(won.map((f) => [f.currency, f.latest?.value, f.peerCount])).toEqual([
      ["EUR", 0, 1],
      ["CHF", 4000_00, 1],
    ]);
  });

  it("charts the organisation's won value per currency", async () => {
    const org = await apiAs<Insights>(t.app, member, "GET", "/api/insights/org?grain=month");
    expect(money(org, "wonValue").map((f) => [f.currency, f.latest?.value])).toEqual([
      ["EUR", 1000_00],
      ["CHF", 7000_00],
    ]);
  });
});
