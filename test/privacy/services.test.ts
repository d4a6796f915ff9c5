import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../../src/shared/system.ts";
import { apiAs, buildTestApp, invite, type Session, signUp, type TestApp } from "../app.ts";
import { engines } from "../db.ts";

const DAY = 86_400_000;

/**
 * Issue 13, acceptance 3: a centre cell below k shows no lead time or rating, however many people pulled
 * its service — the figure is the serving cell's (its two members' work), and it goes through the same
 * suppression as the insights pages. With the organisation's request figures shown, Recht alone hidden
 * would be "total minus the others": the smallest other active centre cell (Marketing) is hidden with it,
 * and Pricing, the largest, is shown.
 */
describe.each(engines)("service figures of a centre cell below k on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let sellers: Session[];
  const services: Record<string, string> = {};

  beforeAll(async () => {
    const days = 120 * DAY;
    t = await buildTestApp(engine, { sessionIdleMs: days, sessionAbsoluteMs: days });
    steward = await signUp(t.app, { language: "en" });
    sellers = [];
    for (let i = 0; i < 6; i++) sellers.push(await invite(t.app, steward, "member", `Seller ${i}`));
    const lawyers: Session[] = [];
    for (let i = 0; i < 6; i++) lawyers.push(await invite(t.app, steward, "member", `Lawyer ${i}`));
    // Cells formed in September; the requests are delivered in October, a complete month by November.
    const today = t.clock.current;
    t.clock.current = new Date("2026-09-01T08:00:00Z");
    const cell = async (name: string, kind: string, who: Session[]) => {
      const id = (await apiAs<{ id: string }>(t.app, who[0], "POST", "/api/cells", { name, kind })).id;
      for (const person of who)
        await apiAs(t.app, person, "PUT", `/api/cells/${id}/members/${person.info.person.id}`, {});
      return id;
    };
    const team = await cell("Team Nord", "periphery", sellers);
    const recht = await cell("Recht", "centre", lawyers.slice(0, 2));
    const pricing = await cell("Pricing", "centre", lawyers);
    const marketing = await cell("Marketing", "centre", lawyers.slice(0, 5));
    for (const [name, cellId, server] of [
      ["Recht", recht, lawyers[0]],
      ["Pricing", pricing, lawyers[2]],
      ["Marketing", marketing, lawyers[3]],
    ] as const) {
      services[name] = (
        await apiAs<{ id: string }>(t.app, server, "POST", "/api/system/services", {
          cellId,
          name: `${name} check`,
          description: "We look at it",
          howToAsk: "Send it",
          typicalLeadDays: 2,
        })
      ).id;
    }
    // Six sellers each pull both services in October; each delivery is rated.
    t.clock.current = new Date("2026-10-05T08:00:00Z");
    for (const [i, seller] of sellers.entries()) {
      for (const [name, server] of [
        ["Recht", lawyers[0]],
        ["Pricing", lawyers[2]],
        ["Marketing", lawyers[3]],
      ] as const) {
        const r = await apiAs<{ id: string; version: number }>(
          t.app,
          seller,
          "POST",
          `/api/system/services/${services[name]}/requests`,
          { cellId: team, title: `Request ${i}` },
        );
        const a = await apiAs<{ version: number }>(
          t.app,
          server,
          "POST",
          `/api/system/requests/${r.id}/accept`,
          {
            version: r.version,
          },
        );
        t.clock.advance(DAY);
        const d = await apiAs<{ version: number }>(
          t.app,
          server,
          "POST",
          `/api/system/requests/${r.id}/deliver`,
          {
            version: a.version,
          },
        );
        await apiAs(t.app, seller, "POST", `/api/system/requests/${r.id}/rating`, {
          rating: 4,
          version: d.version,
        });
      }
    }
    t.clock.current = today;
  });
  afterAll(() => t.close());

  it("answers “too few to show” for a centre cell below k, in the service and in the catalogue", async () => {
    const recht = await apiAs<Service>(t.app, sellers[0], "GET", `/api/system/services/${services.Recht}`);
    expect(recht.figures.leadTime).toEqual({ tooFewToShow: true });
    expect(recht.figures.rating).toEqual({ tooFewToShow: true });
    const pricing = await apiAs<Service>(
      t.app,
      sellers[0],
      "GET",
      `/api/system/services/${services.Pricing}`,
    );
    expect(pricing.figures.leadTime).toMatchObject({ tooFewToShow: false, count: 6, medianDays: 1 });
    expect(pricing.figures.rating).toMatchObject({ tooFewToShow: false, count: 6, mean: 4 });

    const catalogue = await apiAs<{ items: Service[] }>(t.app, sellers[0], "GET", "/api/system/services");
    const listed = Object.fromEntries(catalogue.items.map((s) => [s.name, s.figures]));
    expect(listed["Recht check"]).toEqual({
      leadTime: { tooFewToShow: true },
      rating: { tooFewToShow: true },
      open: 0,
    });
    expect(listed["Pricing check"].rating).toMatchObject({ tooFewToShow: false, count: 6 });
    expect(listed["Marketing check"].leadTime).toEqual({ tooFewToShow: true });
    // Nothing of Recht's numbers anywhere in the answer.
    expect(JSON.stringify(catalogue.items.find((s) => s.name === "Recht check"))).not.toMatch(
      /median|mean|count/,
    );
  });
});
