import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Insights } from "../../src/shared/insights/figures.ts";
import { apiAs, buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../app.ts";
import { engines } from "../db.ts";

/**
 * Issue 13, acceptance 1 (membership part): joining and leaving a cell reveals no figure of a period that
 * was hidden. Klein has four members (k = 5) from January; Mitte and Gross have five and six. All three
 * win deals in several weeks. A fifth person then joins Klein, and later a member of Mitte leaves: every
 * page — each cell and the organisation, by week and by month — still hides exactly what it hid, and
 * shows the same numbers.
 */
describe.each(engines)("joining and leaving a cell on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let people: Session[];
  const cells: Record<string, string> = {};

  beforeAll(async () => {
    // The last check moves the clock on by weeks; sessions outlive that.
    const days = 90 * 86_400_000;
    t = await buildTestApp(engine, { sessionIdleMs: days, sessionAbsoluteMs: days });
    steward = await signUp(t.app, { language: "en" });
    people = [steward];
    for (let i = 0; i < 12; i++) people.push(await invite(t.app, steward, "member", `Person ${i}`));
    const orgId = steward.info.organisation.id;
    const today = t.clock.current;
    t.clock.current = new Date("2026-01-05T08:00:00Z");
    for (const [name, who] of [
      ["Klein", people.slice(0, 4)],
      ["Mitte", people.slice(4, 9)],
      ["Gross", people.slice(7, 13)],
    ] as const) {
      cells[name] = (
        await apiAs<{ id: string }>(t.app, steward, "POST", "/api/cells", { name, kind: "periphery" })
      ).id;
      for (const person of who)
        await apiAs(t.app, person, "PUT", `/api/cells/${cells[name]}/members/${person.info.person.id}`, {});
    }
    t.clock.current = today;
    const stages = await t.db.kysely
      .selectFrom("pipelineStage")
      .select(["id", "outcome"])
      .where("orgId", "=", orgId)
      .execute();
    const won = stages.find((s) => s.outcome === "won")?.id as string;
    // Won deals per cell by day of closing: Klein is active in weeks where Mitte or Gross are idle.
    const deals: [string, string, number][] = [
      ["Klein", "2026-02-03", 700],
      ["Klein", "2026-03-10", 900],
      ["Klein", "2026-04-14", 400],
      ["Mitte", "2026-02-04", 1200],
      ["Mitte", "2026-03-24", 800],
      ["Gross", "2026-02-05", 3000],
      ["Gross", "2026-03-11", 2500],
      ["Gross", "2026-04-15", 1800],
      ["Gross", "2026-05-12", 2200],
    ];
    for (const [cell, closed, amount] of deals) {
      const account = await apiAs<{ id: string }>(t.app, steward, "POST", "/api/accounts", {
        cellId: cells[cell],
        name: `Kunde ${closed}`,
      });
      await t.db.kysely
        .insertInto("deal")
        .values({
          id: randomUUID(),
          orgId,
          cellId: cells[cell],
          accountId: account.id,
          title: "Deal",
          amount: amount * 100,
          currency: "EUR",
          stageId: won,
          expectedClose: null,
          probability: 100,
          source: "",
          lostReason: "",
          createdAt: "2026-01-20T09:00:00.000Z",
          updatedAt: `${closed}T09:00:00.000Z`,
          closedAt: `${closed}T09:00:00.000Z`,
          version: 1,
        })
        .execute();
    }
  });
  afterAll(() => t.close());

  /** Every page as a reader sees it: per page and figure, each period's value or "hidden". */
  async function everything(reader: Session) {
    const out: Record<string, (number | null | "hidden")[]> = {};
    for (const grain of ["week", "month"]) {
      for (const [name, url] of [
        ...Object.entries(cells).map(([n, id]) => [n, `/api/insights/cells/${id}`]),
        ["organisation", "/api/insights/org"],
      ]) {
        const page = await apiAs<Insights>(
          t.app,
          reader,
          "GET",
          `${url}?grain=${grain}&periods=${grain === "week" ? 52 : 24}`,
        );
        for (const f of page.figures) {
          out[`${name} ${grain} ${f.figure}`] =
            f.status === "shown"
              ? f.chart.points.map((p) => (f.hiddenPeriods.includes(p.period) ? "hidden" : p.value))
              : ["hidden"];
        }
      }
    }
    return out;
  }

  it("hides a cell below k in every period, and keeps every hidden period hidden when someone joins or leaves", async () => {
    const before = await everything(people[5]);
    expect(before["Klein week wonValue"]).toEqual(["hidden"]);
    // In Klein's won months another active cell is hidden with it (complementary), so the total minus
    // the shown cells gives no single cell (test/privacy/disclosure.property.test.ts audits this).
    const hidden = (name: string) => before[`${name} month wonValue`].filter((v) => v === "hidden").length;
    expect(hidden("Mitte") + hidden("Gross")).toBeGreaterThan(0);

    // A fifth person joins Klein today: Klein has k members from now on, but not in any past period.
    t.clock.advance(60_000);
    const joining = people[12];
    const joined = await injectAs(t.app, joining, {
      method: "PUT",
      url: `/api/cells/${cells.Klein}/members/${joining.info.person.id}`,
      payload: {},
    });
    expect(joined.statusCode).toBe(200);
    expect(await everything(joining)).toEqual(before);

    // A member of Mitte leaves: periods Mitte showed stay shown, periods it hid stay hidden.
    t.clock.advance(60_000);
    const leaving = people[4];
    const left = await injectAs(t.app, leaving, {
      method: "DELETE",
      url: `/api/cells/${cells.Mitte}/members/${leaving.info.person.id}`,
    });
    expect(left.statusCode).toBe(200);
    expect(await everything(people[5])).toEqual(before);

    // Six weeks later December is complete, the first month Klein had five members throughout: it is
    // shown; every month before it stays hidden.
    t.clock.advance(40 * 86_400_000);
    const later = await apiAs<Insights>(
      t.app,
      people[5],
      "GET",
      `/api/insights/cells/${cells.Klein}?grain=month&periods=30`,
    );
    const won = later.figures.find((f) => f.figure === "wonValue");
    if (won?.status !== "shown") throw new Error("Klein had five members for the whole of December");
    expect(won.chart.points.at(-1)?.period).toBe("2026-12-01");
    expect(won.hiddenPeriods).toEqual(won.chart.points.slice(0, -1).map((p) => p.period));
  });
});
