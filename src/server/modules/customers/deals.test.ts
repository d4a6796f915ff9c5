import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";

async function cell(t: TestApp, session: Session, name: string, kind = "periphery") {
  const response = await injectAs(t.app, session, {
    method: "POST",
    url: "/api/cells",
    payload: { name, kind },
  });
  return response.json() as { id: string };
}

async function setUp(t: TestApp) {
  const steward = await signUp(t.app, { language: "de" });
  const seller = await invite(t.app, steward, "member", "Lena Seller");
  const other = await invite(t.app, steward, "member", "Omar Other");
  const nord = await cell(t, steward, "Team Nord");
  const sued = await cell(t, steward, "Team Süd");
  await injectAs(t.app, steward, {
    method: "PUT",
    url: `/api/cells/${nord.id}/members/${seller.info.person.id}`,
    payload: {},
  });
  await injectAs(t.app, steward, {
    method: "PUT",
    url: `/api/cells/${sued.id}/members/${other.info.person.id}`,
    payload: {},
  });
  const account = (
    await injectAs(t.app, seller, {
      method: "POST",
      url: "/api/accounts",
      payload: {
        cellId: nord.id,
        name: "Hansa Logistik GmbH",
        website: "https://www.hansa-logistik.de/kontakt",
      },
    })
  ).json();
  const stages = (await injectAs(t.app, seller, { method: "GET", url: "/api/stages" })).json().items;
  return { steward, seller, other, nord, sued, account, stages };
}

describe.each(engines)("accounts, deals and the board on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  it("gives a new German organisation its stages, derives the account's domain and lists it for everyone", async () => {
    const { other, stages, account } = await setUp(t);
    expect(stages.map((s: { name: string }) => s.name)).toEqual([
      "Qualifizierung",
      "Bedarf geklärt",
      "Angebot",
      "Verhandlung",
      "Gewonnen",
      "Verloren",
    ]);
    expect(account).toMatchObject({ domain: "hansa-logistik.de", cellName: "Team Nord", openDeals: 0 });
    const listed = (await injectAs(t.app, other, { method: "GET", url: "/api/accounts?q=hansa" })).json();
    expect(listed.items.map((a: { name: string }) => a.name)).toEqual(["Hansa Logistik GmbH"]);
  });

  it("moves a deal through the board's columns and closes it on won", async () => {
    const { seller, other, nord, account, stages } = await setUp(t);
    const deal = (
      await injectAs(t.app, seller, {
        method: "POST",
        url: "/api/deals",
        payload: {
          accountId: account.id,
          title: "Rahmenvertrag 2027",
          amount: 4_500_000,
          currency: "EUR",
          personIds: [seller.info.person.id],
        },
      })
    ).json();
    expect(deal).toMatchObject({
      cellId: nord.id,
      stageName: "Qualifizierung",
      probability: 10,
      closedAt: null,
    });
    expect(deal.people).toEqual([{ id: seller.info.person.id, name: "Lena Seller" }]);

    const moved = await injectAs(t.app, seller, {
      method: "PUT",
      url: `/api/deals/${deal.id}/stage`,
      payload: { stageId: stages[2].id, version: deal.version },
    });
    expect(moved.json()).toMatchObject({ stageName: "Angebot", probability: 50, version: 2 });
    const won = await injectAs(t.app, seller, {
      method: "PUT",
      url: `/api/deals/${deal.id}/stage`,
      payload: { stageId: stages[4].id, version: 2 },
    });
    expect(won.json().outcome).toBe("won");
    expect(won.json().closedAt).not.toBeNull();

    const board = (
      await injectAs(t.app, other, { method: "GET", url: `/api/cells/${nord.id}/board` })
    ).json();
    expect(board.columns.map((c: { stage: { name: string } }) => c.stage.name)).toHaveLength(6);
    const wonColumn = board.columns.find((c: { stage: { outcome: string } }) => c.stage.outcome === "won");
    expect(wonColumn).toMatchObject({ count: 1, totals: [{ currency: "EUR", amount: 4_500_000 }] });
    expect(wonColumn.deals[0].title).toBe("Rahmenvertrag 2027");
    const timeline = (
      await injectAs(t.app, other, { method: "GET", url: `/api/accounts/${account.id}/timeline` })
    ).json();
    expect(timeline.items.map((e: { body: string }) => e.body)).toContain("Rahmenvertrag 2027 → Gewonnen");
  });

  it("answers the second of two concurrent edits with 409 in the editor's language and keeps the first", async () => {
    const { seller, other, account } = await setUp(t);
    const deal = (
      await injectAs(t.app, seller, {
        method: "POST",
        url: "/api/deals",
        payload: { accountId: account.id, title: "Wartung", amount: 100_000, currency: "EUR" },
      })
    ).json();
    const first = await injectAs(t.app, seller, {
      method: "PATCH",
      url: `/api/deals/${deal.id}`,
      payload: { version: deal.version, amount: 120_000 },
    });
    expect(first.statusCode).toBe(200);
    const second = await injectAs(t.app, other, {
      method: "PATCH",
      url: `/api/deals/${deal.id}`,
      payload: { version: deal.version, title: "Wartung und Support" },
      headers: { "accept-language": "de" },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain("inzwischen geändert");
    const now = (await injectAs(t.app, other, { method: "GET", url: `/api/deals/${deal.id}` })).json();
    expect(now).toMatchObject({ title: "Wartung", amount: 120_000, version: 2 });
  });

  it("lets only the owning cell hand an account over, moves its open deals and keeps the reason on the timeline", async () => {
    const { seller, other, sued, account } = await setUp(t);
    await injectAs(t.app, seller, {
      method: "POST",
      url: "/api/deals",
      payload: { accountId: account.id, title: "Lager Süd", amount: 50_000, currency: "EUR" },
    });
    const notOwner = await injectAs(t.app, other, {
      method: "POST",
      url: `/api/accounts/${account.id}/handover`,
      payload: { toCellId: sued.id, reason: "Standort in Bayern", version: account.version },
    });
    expect(notOwner.statusCode).toBe(403);
    const handed = await injectAs(t.app, seller, {
      method: "POST",
      url: `/api/accounts/${account.id}/handover`,
      payload: { toCellId: sued.id, reason: "Standort in Bayern", version: account.version },
    });
    expect(handed.json()).toMatchObject({ cellId: sued.id, cellName: "Team Süd" });
    const deals = (
      await injectAs(t.app, other, { method: "GET", url: `/api/deals?accountId=${account.id}` })
    ).json();
    expect(deals.items.map((d: { cellName: string }) => d.cellName)).toEqual(["Team Süd"]);
    const timeline = (
      await injectAs(t.app, other, { method: "GET", url: `/api/accounts/${account.id}/timeline` })
    ).json();
    const handover = timeline.items.find((e: { kind: string }) => e.kind === "handover");
    expect(handover.body).toContain("Team Nord → Team Süd. Standort in Bayern");
  });

  it("sorts and pages the deal list in both directions, open deals without a close date last", async () => {
    const { seller, account } = await setUp(t);
    const amounts = [300, 100, 500, 200, 400];
    for (const [i, amount] of amounts.entries()) {
      await injectAs(t.app, seller, {
        method: "POST",
        url: "/api/deals",
        payload: {
          accountId: account.id,
          title: `Deal ${amount}`,
          amount,
          currency: "EUR",
          expectedClose: i === 0 ? null : `2027-0${i}-15`,
        },
      });
    }
    const collect = async (query: string) => {
      const titles: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { title: string }[]; nextCursor: string | null } = (
          await injectAs(t.app, seller, {
            method: "GET",
            url: `/api/deals?accountId=${account.id}&limit=2&${query}${cursor ? `&cursor=${cursor}` : ""}`,
          })
        ).json();
        titles.push(...page.items.map((d: { title: string }) => d.title));
        cursor = page.nextCursor;
      } while (cursor);
      return titles;
    };
    expect(await collect("sort=amount&dir=asc")).toEqual([
      "Deal 100",
      "Deal 200",
      "Deal 300",
      "Deal 400",
      "Deal 500",
    ]);
    expect(await collect("sort=amount&dir=desc")).toEqual([
      "Deal 500",
      "Deal 400",
      "Deal 300",
      "Deal 200",
      "Deal 100",
    ]);
    expect(await collect("sort=expectedClose&dir=asc")).toEqual([
      "Deal 100",
      "Deal 500",
      "Deal 200",
      "Deal 400",
      "Deal 300",
    ]);
  });

  it("refuses malformed deals with a 4xx in the error shape and writes nothing", async () => {
    const { seller, account } = await setUp(t);
    const bad = fc.oneof(
      fc.record({ amount: fc.integer({ max: -1 }) }),
      fc.record({ amount: fc.string() }),
      fc.record({
        currency: fc
          .string({ minLength: 1, maxLength: 5 })
          .filter((c) => !["EUR", "CHF", "USD", "GBP", "SEK", "DKK", "NOK", "PLN", "CZK"].includes(c)),
      }),
      fc.record({ expectedClose: fc.constantFrom("2026-02-30", "31.12.2026", "2026-13-01", "tomorrow") }),
      fc.record({ title: fc.constantFrom("", "x".repeat(201), "a\u0000b") }),
      fc.record({ probability: fc.oneof(fc.integer({ min: 101 }), fc.integer({ max: -1 })) }),
    );
    await fc.assert(
      fc.asyncProperty(bad, async (override) => {
        const response = await injectAs(t.app, seller, {
          method: "POST",
          url: "/api/deals",
          payload: { accountId: account.id, title: "Gültig", amount: 1000, currency: "EUR", ...override },
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().error.code).toBe("VALIDATION");
      }),
      { numRuns: 60, seed: 20261127 },
    );
    const deals = (
      await injectAs(t.app, seller, { method: "GET", url: `/api/deals?accountId=${account.id}` })
    ).json();
    expect(deals.items).toEqual([]);
  });

  it("searches deal titles for the literal text, wildcards and umlauts included", async () => {
    const { seller, account } = await setUp(t);
    for (const title of ["Rabatt 50% Überbrückung", "Rabatt 500 später", "Rabatt_5 Test"]) {
      await injectAs(t.app, seller, {
        method: "POST",
        url: "/api/deals",
        payload: { accountId: account.id, title, amount: 1, currency: "EUR" },
      });
    }
    const search = async (q: string) =>
      (
        await injectAs(t.app, seller, {
          method: "GET",
          url: `/api/deals?accountId=${account.id}&q=${encodeURIComponent(q)}`,
        })
      )
        .json()
        .items.map((d: { title: string }) => d.title);
    expect(await search("50%")).toEqual(["Rabatt 50% Überbrückung"]);
    expect(await search("überbrückung")).toEqual(["Rabatt 50% Überbrückung"]);
    expect(await search("t_5")).toEqual(["Rabatt_5 Test"]);
  });

  it("keeps a cell that still owns customers from being deleted, with a clear 409", async () => {
    const { seller, nord } = await setUp(t);
    const refused = await injectAs(t.app, seller, {
      method: "DELETE",
      url: `/api/cells/${nord.id}`,
      headers: { "accept-language": "de" },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: "CELL_OWNS_CUSTOMERS" });
    expect(refused.json().error.message).toContain("Übergib");
  });

  it("keeps stages to stewards and never removes a stage that still holds deals", async () => {
    const { steward, seller, stages, account } = await setUp(t);
    const input = {
      stages: stages.map(({ id, name, outcome, probability }: Record<string, unknown>) => ({
        id,
        name,
        outcome,
        probability,
      })),
    };
    expect(
      (await injectAs(t.app, seller, { method: "PUT", url: "/api/stages", payload: input })).statusCode,
    ).toBe(403);
    await injectAs(t.app, seller, {
      method: "POST",
      url: "/api/deals",
      payload: { accountId: account.id, title: "Offen", amount: 1, currency: "EUR" },
    });
    const withoutFirst = { stages: input.stages.slice(1) };
    const conflict = await injectAs(t.app, steward, {
      method: "PUT",
      url: "/api/stages",
      payload: withoutFirst,
    });
    expect(conflict.statusCode).toBe(409);
    const renamed = {
      stages: input.stages.map((s: { name: string }, i: number) =>
        i === 0 ? { ...s, name: "Erstkontakt" } : s,
      ),
    };
    const ok = await injectAs(t.app, steward, { method: "PUT", url: "/api/stages", payload: renamed });
    expect(ok.json().items[0].name).toBe("Erstkontakt");
  });
});
