import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiAs,
  buildTestApp,
  injectAs,
  invite,
  type Session,
  signUp,
  type TestApp,
} from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { BETA_LAWS } from "../../../shared/insights/betaCheck.ts";
import { FIGURES, type FigureResult, type Insights } from "../../../shared/insights/figures.ts";

/** The test clock stands at 2026-11-26: the last complete month is October, the one before September. */
describe.each(engines)("insights routes on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let members: Session[];
  let orgId: string;
  const cells: Record<string, string> = {};

  beforeAll(async () => {
    // The Beta check test moves the clock on by days; sessions outlive that.
    const days = 90 * 86_400_000;
    t = await buildTestApp(engine, { sessionIdleMs: days, sessionAbsoluteMs: days });
    steward = await signUp(t.app, { language: "en" });
    orgId = steward.info.organisation.id;
    members = [];
    for (let i = 0; i < 6; i++) members.push(await invite(t.app, steward, "member", `Member ${i}`));
    const people = [steward, ...members];
    // North: 6 members; South: 5; Tiny: 2 (fewer than k = 5). k counts the members of each period, so
    // the cells are formed in January, before the deals below (issue 13: membership has a history).
    const today = t.clock.current;
    t.clock.current = new Date("2026-01-05T09:00:00Z");
    for (const [name, who] of [
      ["North", people.slice(0, 6)],
      ["South", people.slice(2, 7)],
      ["Tiny", people.slice(0, 2)],
    ] as const) {
      const cell = await apiAs<{ id: string }>(t.app, steward, "POST", "/api/cells", {
        name,
        kind: "periphery",
      });
      cells[name] = cell.id;
      for (const person of who)
        await apiAs(t.app, steward, "PUT", `/api/cells/${cell.id}/members/${person.info.person.id}`, {});
    }
    t.clock.current = today;
    const account = await apiAs<{ id: string }>(t.app, steward, "POST", "/api/accounts", {
      cellId: cells.North,
      name: "Hansa Logistik",
    });
    const stages = await t.db.kysely
      .selectFrom("pipelineStage")
      .select(["id", "outcome"])
      .where("orgId", "=", orgId)
      .execute();
    const stage = (outcome: string) => stages.find((s) => s.outcome === outcome)?.id as string;
    const currency = steward.info.organisation.currency;
    // October: won after 10, 20 and 40 days (1000, 2000, 3000), one lost; September: one won, one lost.
    const deals: [string, string, number, string][] = [
      ["2026-09-21", "2026-10-01", 1000_00, "won"],
      ["2026-09-12", "2026-10-02", 2000_00, "won"],
      ["2026-08-26", "2026-10-05", 3000_00, "won"],
      ["2026-10-01", "2026-10-20", 500_00, "lost"],
      ["2026-09-01", "2026-09-10", 700_00, "won"],
      ["2026-09-01", "2026-09-15", 800_00, "lost"],
    ];
    for (const [created, closed, amount, outcome] of deals) {
      await t.db.kysely
        .insertInto("deal")
        .values({
          id: randomUUID(),
          orgId,
          cellId: cells.North,
          accountId: account.id,
          title: "Deal",
          amount,
          currency,
          stageId: stage(outcome),
          expectedClose: null,
          probability: 0,
          source: "",
          lostReason: "",
          createdAt: `${created}T09:00:00.000Z`,
          updatedAt: `${closed}T09:00:00.000Z`,
          closedAt: `${closed}T09:00:00.000Z`,
          version: 1,
        })
        .execute();
    }
  });
  afterAll(() => t.close());

  const figure = (insights: Insights, name: string) =>
    insights.figures.find((f) => f.figure === name) as FigureResult;

  it("answers a cell's figures with values, XmR chart and previous period", async () => {
    const insights = await apiAs<Insights>(
      t.app,
      members[0],
      "GET",
      `/api/insights/cells/${cells.North}?grain=month`,
    );
    expect(insights.level).toBe("cell");
    expect(insights.figures.map((f) => f.figure)).toEqual([
      "wonValue",
      "winRate",
      "salesCycleDays",
      "offerLeadTimeDays",
      "pipelineCreated",
      "averageDiscount",
      "customerSatisfaction",
    ]);
    const winRate = figure(insights, "winRate");
    if (winRate.status !== "shown") throw new Error("win rate hidden");
    expect(winRate.latest).toEqual({ period: "2026-10-01", value: 75 });
    expect(winRate.previous).toEqual({ period: "2026-09-01", value: 50 });
    expect(winRate.chart.points).toHaveLength(24);
    expect(winRate.chart.points.at(-1)?.n).toBe(4);
    // Two charted values (50, 75): centre 62.5, mR 25 → limits 62.5 ± 66.5.
    expect(winRate.chart.segments[0].centre).toBe(62.5);
    expect(winRate.chart.segments[0].upperLimit).toBeCloseTo(129, 6);
    const won = figure(insights, "wonValue");
    if (won.status !== "shown") throw new Error("won value hidden");
    expect(won.latest?.value).toBe(6000_00);
    // Histogram buckets 10, 20, 36 (40 days lies in 36–40): the middle of three is bucket 20 → 20.5.
    const cycle = figure(insights, "salesCycleDays");
    if (cycle.status !== "shown") throw new Error("cycle hidden");
    expect(cycle.latest?.value).toBeCloseTo(20.5, 6);
    // No peer of the same kind has a value (South closed no deal, Tiny is hidden): no median, no band.
    expect(winRate.peerMedian).toBeNull();
    expect(winRate.peerBand).toBeNull();
  });

  it("shows a cell under k as too few to show, an inactive cell beside it as shown, and the organisation total", async () => {
    const tiny = await apiAs<Insights>(t.app, members[0], "GET", `/api/insights/cells/${cells.Tiny}`);
    expect(tiny.figures.every((f) => f.status === "tooFewToShow")).toBe(true);
    expect(tiny.figures[0]).toMatchObject({ status: "tooFewToShow", reason: "fewerThanK" });
    // Tiny closed no deal: with nothing to subtract from, no cell has to be hidden beside it (the
    // complementary case is in test/privacy/).
    const south = await apiAs<Insights>(t.app, members[0], "GET", `/api/insights/cells/${cells.South}`);
    // Its months before it was formed (5 January) had fewer than k members: they stay hidden.
    expect(south.figures[0]).toMatchObject({ status: "shown", latest: { period: "2026-10-01", value: 0 } });
    const southWon = south.figures[0] as Extract<FigureResult, { status: "shown" }>;
    expect(southWon.hiddenPeriods.at(-1)).toBe("2026-01-01");
    const list = await apiAs<{ items: { name: string; canShow: boolean }[] }>(
      t.app,
      members[0],
      "GET",
      "/api/insights/cells",
    );
    expect(list.items.map((c) => [c.name, c.canShow])).toEqual([
      ["North", true],
      ["South", true],
      ["Tiny", false],
    ]);
    const org = await apiAs<Insights>(t.app, members[0], "GET", "/api/insights/org?grain=month");
    expect(org.figures.map((f) => f.figure)).toEqual([...FIGURES]);
    const winRate = figure(org, "winRate");
    expect(winRate).toMatchObject({ status: "shown", latest: { period: "2026-10-01", value: 75 } });
  });

  it("weeks start on Monday and end before the running week", async () => {
    const insights = await apiAs<Insights>(
      t.app,
      members[0],
      "GET",
      `/api/insights/cells/${cells.North}?grain=week&periods=8`,
    );
    const winRate = figure(insights, "winRate");
    if (winRate.status !== "shown") throw new Error("hidden");
    // 2026-11-26 is a Thursday: the running week began on Monday 23 November.
    expect(winRate.chart.points.map((p) => p.period).at(-1)).toBe("2026-11-16");
    expect(winRate.chart.points).toHaveLength(8);
  });

  it("lets the cell's members mark a change and fix a baseline; others get 403", async () => {
    const outsider = members[5];
    const refused = await injectAs(t.app, outsider, {
      method: "POST",
      url: "/api/insights/markers",
      payload: { cellId: cells.North, at: "2026-10-01", label: "New checklist" },
    });
    expect(refused.statusCode).toBe(403);
    const marker = await apiAs<{ id: string }>(t.app, members[0], "POST", "/api/insights/markers", {
      cellId: cells.North,
      figure: "winRate",
      at: "2026-10-01",
      label: "New checklist",
    });
    const insights = await apiAs<Insights>(
      t.app,
      members[0],
      "GET",
      `/api/insights/cells/${cells.North}?grain=month`,
    );
    const winRate = figure(insights, "winRate");
    if (winRate.status !== "shown") throw new Error("hidden");
    expect(winRate.chart.segments.map((s) => s.from)).toEqual([winRate.chart.points[0].period, "2026-10-01"]);
    expect(insights.markers).toHaveLength(1);
    const baseline = await apiAs<{ version: number }>(t.app, members[0], "PUT", "/api/insights/baselines", {
      cellId: cells.North,
      from: "2026-01-01",
      to: "2026-06-30",
    });
    expect(baseline.version).toBe(1);
    const bad = await injectAs(t.app, members[0], {
      method: "PUT",
      url: "/api/insights/baselines",
      payload: { cellId: cells.North, from: "2026-06-01", to: "2026-01-01" },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await injectAs(t.app, members[0], { method: "DELETE", url: `/api/insights/markers/${marker.id}` }))
        .statusCode,
    ).toBe(204);
  });

  it("records a customer's satisfaction score for the owning cell", async () => {
    const account = await apiAs<{ id: string }>(t.app, members[0], "POST", "/api/accounts", {
      cellId: cells.North,
      name: "Bäckerei Sonnenschein",
    });
    const score = await apiAs<{ cellId: string; score: number }>(
      t.app,
      members[0],
      "POST",
      `/api/accounts/${account.id}/satisfaction`,
      { score: 4, surveyedOn: "2026-10-12" },
    );
    expect(score).toMatchObject({ cellId: cells.North, score: 4 });
    const invalid = await injectAs(t.app, members[0], {
      method: "POST",
      url: `/api/accounts/${account.id}/satisfaction`,
      payload: { score: 9, surveyedOn: "2026-10-12" },
    });
    expect(invalid.statusCode).toBe(400);
    const insights = await apiAs<Insights>(
      t.app,
      members[0],
      "GET",
      `/api/insights/cells/${cells.North}?grain=month`,
    );
    expect(figure(insights, "customerSatisfaction")).toMatchObject({
      latest: { period: "2026-10-01", value: 4 },
    });
    const page = await apiAs<{ items: unknown[] }>(
      t.app,
      members[0],
      "GET",
      `/api/accounts/${account.id}/satisfaction`,
    );
    expect(page.items).toHaveLength(1);
  });

  it("describes every figure it computes", async () => {
    const defs = await apiAs<{ minGroupSize: number; items: { id: string }[] }>(
      t.app,
      members[0],
      "GET",
      "/api/insights/definitions",
    );
    expect(defs.minGroupSize).toBe(5);
    expect(defs.items.map((d) => d.id)).toEqual([...FIGURES, "betaCheck"]);
  });

  it("does not answer another organisation's cell", async () => {
    const other = await signUp(t.app, { language: "en" });
    const response = await injectAs(t.app, other, {
      method: "GET",
      url: `/api/insights/cells/${cells.North}`,
    });
    expect(response.statusCode).toBe(404);
  });

  it("runs a Beta check: one anonymous answer per person, results after closing and from k answers", async () => {
    const answer = (law: number) => ({
      scores: BETA_LAWS.map((l) => ({ law: l.law, score: ((l.law + law) % 5) + 1 })),
      comment: law === 0 ? "Decisions still wait for a boss." : "",
    });
    const check = await apiAs<{ id: string; canAnswer: boolean; status: string }>(
      t.app,
      members[0],
      "POST",
      "/api/beta-checks",
      {
        title: "Autumn",
        closesOn: "2026-11-30",
      },
    );
    expect(check).toMatchObject({ status: "open", canAnswer: true });
    const people = [steward, ...members.slice(0, 4)];
    for (const [i, person] of people.entries())
      await apiAs(t.app, person, "POST", `/api/beta-checks/${check.id}/answers`, answer(i));
    const twice = await injectAs(t.app, people[0], {
      method: "POST",
      url: `/api/beta-checks/${check.id}/answers`,
      payload: answer(0),
    });
    expect(twice.statusCode).toBe(409);
    const repeated = await injectAs(t.app, members[4], {
      method: "POST",
      url: `/api/beta-checks/${check.id}/answers`,
      payload: { scores: Array.from({ length: 12 }, () => ({ law: 1, score: 3 })) },
    });
    expect(repeated.statusCode).toBe(400);
    const mine = await apiAs<{ answered: boolean; participants: number; canAnswer: boolean }>(
      t.app,
      people[0],
      "GET",
      `/api/beta-checks/${check.id}`,
    );
    expect(mine).toMatchObject({ answered: true, participants: 5, canAnswer: false });
    expect(await apiAs(t.app, people[0], "GET", `/api/beta-checks/${check.id}/results`)).toMatchObject({
      status: "open",
    });

    // The database holds no link between a person and an answer.
    const tables = await t.db.kysely.introspection.getTables();
    const columns = (name: string) =>
      tables
        .find((tb) => tb.name === name)
        ?.columns.map((c) => c.name)
        .sort();
    expect(columns("betaCheckParticipation")).toEqual(["checkId", "orgId", "personId"]);
    for (const table of tables) {
      const names = table.columns.map((c) => c.name);
      if (names.includes("personId"))
        expect(names.some((n) => ["score", "law", "comments", "comment"].includes(n))).toBe(false);
    }
    expect(columns("betaCheckTally")).toEqual(["checkId", "count", "law", "orgId", "score"]);
    expect(columns("betaCheckComments")).toEqual(["checkId", "comments", "orgId"]);
    const tallyRows = await t.db.kysely
      .selectFrom("betaCheckTally")
      .selectAll()
      .where("checkId", "=", check.id)
      .execute();
    expect(tallyRows).toHaveLength(60);

    t.clock.advance(6 * 86_400_000);
    const results = await apiAs<{
      status: string;
      participants: number;
      laws: { law: number; mean: number; distribution: number[] }[];
      comments: string[];
    }>(t.app, people[1], "GET", `/api/beta-checks/${check.id}/results`);
    expect(results.status).toBe("shown");
    expect(results.participants).toBe(5);
    // Law 1: answers i = 0…4 gave ((1 + i) % 5) + 1 = 2, 3, 4, 5, 1 → mean 3, one of each.
    expect(results.laws[0]).toEqual({ law: 1, mean: 3, distribution: [1, 1, 1, 1, 1] });
    expect(results.comments).toEqual(["Decisions still wait for a boss."]);
    const late = await injectAs(t.app, members[5], {
      method: "POST",
      url: `/api/beta-checks/${check.id}/answers`,
      payload: answer(1),
    });
    expect(late.statusCode).toBe(409);

    const small = await apiAs<{ id: string }>(t.app, members[0], "POST", "/api/beta-checks", {
      cellId: cells.Tiny,
      closesOn: "2026-12-03",
    });
    await apiAs(t.app, steward, "POST", `/api/beta-checks/${small.id}/answers`, answer(2));
    const notMember = await injectAs(t.app, members[4], {
      method: "POST",
      url: `/api/beta-checks/${small.id}/answers`,
      payload: answer(2),
    });
    expect(notMember.statusCode).toBe(403);
    t.clock.advance(7 * 86_400_000);
    expect(await apiAs(t.app, steward, "GET", `/api/beta-checks/${small.id}/results`)).toMatchObject({
      status: "tooFewToShow",
    });
    const trend = await apiAs<{ checks: { status: string }[] }>(
      t.app,
      steward,
      "GET",
      "/api/beta-checks/trend",
    );
    expect(trend.checks.map((c) => c.status)).toEqual(["shown"]);
    const list = await apiAs<{ items: unknown[] }>(t.app, steward, "GET", "/api/beta-checks");
    expect(list.items).toHaveLength(2);
  });
});
