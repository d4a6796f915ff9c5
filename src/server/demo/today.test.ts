import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildTestApp, injectAs, type Session, sessionFrom, type TestApp } from "../../../test/app.ts";
import { engines } from "../../../test/db.ts";

/**
 * The demo made today, as a visitor meets it through the API: nothing is stuck in the past — open
 * deals close ahead, offers are valid, every exchange format meets again — and the charts end in the
 * last complete week and month with a year and more of history, before and after a write.
 */
const NOW = new Date("2027-05-12T07:30:00Z"); // a Wednesday
const TODAY = "2027-05-12";

type Point = { period: string; value: number | null };
type FigureResult = { figure: string; status: string; chart?: { points: Point[] } };

async function get<T>(t: TestApp, session: Session, url: string): Promise<T> {
  const response = await injectAs(t.app, session, { method: "GET", url });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json() as T;
}

/** Every item of a keyset-paginated list. */
async function all<T>(t: TestApp, session: Session, url: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes("?") ? "&" : "?";
    const page: { items: T[]; nextCursor: string | null } = await get(
      t,
      session,
      `${url}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The first start of a format's series at or after `after`, read from its calendar feed with ical.js. */
function nextFromCalendar(text: string, after: Date): Date | null {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone"))
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) return null;
  const iterator = new ICAL.Event(vevent).iterator();
  for (let next = iterator.next(), i = 0; next && i < 500; next = iterator.next(), i++) {
    const at = next.toJSDate();
    if (at >= after) return at;
  }
  return null;
}

/** The deal figures of an insights answer, each with its charted points. */
function dealCharts(insights: { figures: FigureResult[] }): Map<string, Point[]> {
  const charts = new Map<string, Point[]>();
  for (const f of insights.figures)
    if (["wonValue", "winRate", "pipelineCreated"].includes(f.figure) && f.status === "shown" && f.chart)
      charts.set(f.figure, f.chart.points);
  return charts;
}

async function expectCurrentCharts(t: TestApp, session: Session, path: string) {
  const month = dealCharts(await get(t, session, `${path}?grain=month`));
  const week = dealCharts(await get(t, session, `${path}?grain=week`));
  expect([...month.keys()].sort()).toEqual(["pipelineCreated", "winRate", "wonValue"]);
  for (const [figure, points] of month) {
    // April is the last complete month on 12 May; a year and more of it has values.
    expect(points.at(-1)?.period, `${path} ${figure} by month`).toBe("2027-04-01");
    expect(points.filter((p) => p.value !== null).length, `${path} ${figure} by month`).toBeGreaterThan(12);
  }
  for (const [figure, points] of week) {
    // The week of Monday 3 May is the last complete one.
    expect(points.at(-1)?.period, `${path} ${figure} by week`).toBe("2027-05-03");
    expect(points.at(-1)?.value, `${path} ${figure} last week`).not.toBeNull();
  }
}

describe.each(engines)("the demo made today on %s", (engine) => {
  it("has open deals closing ahead, valid offers, formats that meet again, and charts that stay current after a write", async () => {
    const t = await buildTestApp(engine, { allowNewOrganisations: false });
    try {
      t.clock.current = NOW;
      const opened = await t.app.inject({ method: "POST", url: "/api/setup/demo", payload: {} });
      expect(opened.statusCode).toBe(200);
      const seller = sessionFrom(opened);

      const stages = await get<{ items: { id: string; outcome: string; position: number }[] }>(
        t,
        seller,
        "/api/stages",
      );
      const open = new Set(stages.items.filter((s) => s.outcome === "open").map((s) => s.id));
      const deals = await all<{ id: string; stageId: string; expectedClose: string | null; cellId: string }>(
        t,
        seller,
        "/api/deals",
      );
      const openDeals = deals.filter((d) => open.has(d.stageId));
      expect(openDeals.length).toBeGreaterThan(50);
      expect(openDeals.filter((d) => (d.expectedClose ?? TODAY) < TODAY)).toEqual([]);

      expect(await all(t, seller, "/api/offers?status=expired")).toEqual([]);
      const sent = await all<{ validUntil: string }>(t, seller, "/api/offers?status=sent");
      expect(sent.length).toBeGreaterThan(20);
      expect(sent.every((o) => o.validUntil >= TODAY)).toBe(true);

      const list = (await get<{ items: { id: string; type: string }[] }>(t, seller, "/api/exchange/formats"))
        .items;
      expect(new Set(list.map((f) => f.type))).toEqual(
        new Set(["leanCoffee", "retrospective", "kollegialeBeratung", "troika", "openSpace"]),
      );
      for (const format of list) {
        const ics = await injectAs(t.app, seller, {
          method: "GET",
          url: `/api/exchange/formats/${format.id}/calendar.ics`,
        });
        expect(ics.statusCode).toBe(200);
        const next = nextFromCalendar(ics.body, NOW);
        expect(next, `${format.type} meets again`).not.toBeNull();
        expect((next?.getTime() ?? 0) - NOW.getTime()).toBeLessThan(35 * 86_400_000);
      }
      const leanCoffee = list.find((f) => f.type === "leanCoffee");
      const topics = await get<{ items: unknown[] }>(
        t,
        seller,
        `/api/exchange/formats/${leanCoffee?.id}/topics`,
      );
      expect(topics.items.length).toBeGreaterThan(0);
      type SessionRow = { startedAt: string; endedAt: string | null };
      const past = (
        await get<{ items: SessionRow[] }>(t, seller, `/api/exchange/formats/${leanCoffee?.id}/sessions`)
      ).items;
      expect(past.length).toBeGreaterThan(3);
      expect(past.every((s) => s.endedAt !== null && s.endedAt < NOW.toISOString())).toBe(true);

      const nord = (
        await get<{ items: { id: string; name: string }[] }>(t, seller, "/api/insights/cells")
      ).items.find((c) => c.name === "Team Nord");
      await expectCurrentCharts(t, seller, "/api/insights/org");
      await expectCurrentCharts(t, seller, `/api/insights/cells/${nord?.id}`);

      // A write later that day: the seller moves one of Team Nord's deals a stage on.
      t.clock.current = new Date("2027-05-12T10:15:00Z");
      const deal = openDeals.find((d) => d.cellId === nord?.id);
      const full = await get<{ id: string; stageId: string; version: number }>(
        t,
        seller,
        `/api/deals/${deal?.id}`,
      );
      const position = stages.items.find((s) => s.id === full.stageId)?.position ?? 1;
      const next =
        stages.items.find((s) => s.position === position + 1 && s.outcome === "open") ?? stages.items[0];
      const moved = await injectAs(t.app, seller, {
        method: "PUT",
        url: `/api/deals/${full.id}/stage`,
        payload: { stageId: next.id, version: full.version },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      await expectCurrentCharts(t, seller, "/api/insights/org");
      await expectCurrentCharts(t, seller, `/api/insights/cells/${nord?.id}`);
    } finally {
      await t.close();
    }
  }, 180_000);
});
