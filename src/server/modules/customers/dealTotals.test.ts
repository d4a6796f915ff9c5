import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";

/**
 * The board's count and sums come from a trigger-kept rollup (migration 2026-11-27T0330_deal_totals).
 * Random sequences of every kind of deal write must leave each column's figures equal to what the
 * deals themselves add up to — including writes the rollup has no code for: cascading account deletes.
 */
type ModelDeal = {
  id: string;
  accountId: string;
  cellId: string;
  stageId: string;
  currency: string;
  amount: number;
};
type Stage = { id: string; outcome: string };

const CURRENCIES = ["EUR", "CHF", "USD"] as const;
const command = fc.oneof(
  fc.record({
    kind: fc.constant("create" as const),
    account: fc.nat(2),
    stage: fc.nat(5),
    currency: fc.constantFrom(...CURRENCIES),
    amount: fc.nat(1_000_000),
  }),
  fc.record({ kind: fc.constant("move" as const), deal: fc.nat(30), stage: fc.nat(5) }),
  fc.record({
    kind: fc.constant("edit" as const),
    deal: fc.nat(30),
    currency: fc.constantFrom(...CURRENCIES),
    amount: fc.nat(1_000_000),
  }),
  fc.record({ kind: fc.constant("handOverDeal" as const), deal: fc.nat(30) }),
  fc.record({ kind: fc.constant("handOverAccount" as const), account: fc.nat(2) }),
  fc.record({ kind: fc.constant("deleteDeal" as const), deal: fc.nat(30) }),
  fc.record({ kind: fc.constant("deleteAccount" as const), account: fc.nat(2) }),
);

describe.each(engines)("board totals on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  it("equal the sum of the deals after any sequence of writes", async () => {
    const steward = await signUp(t.app, { language: "en" });
    const seller = await invite(t.app, steward, "member", "Lena Seller");
    const as = async (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: object) => {
      const response = await injectAs(t.app, seller, { method, url, payload });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.statusCode === 204 ? undefined : response.json();
    };
    const cells: string[] = [];
    for (const name of ["North", "South"]) {
      const cell = await injectAs(t.app, steward, {
        method: "POST",
        url: "/api/cells",
        payload: { name, kind: "periphery" },
      });
      cells.push(cell.json().id);
      // A member of both cells may hand anything over (hand-over is for members of the owning cell).
      await injectAs(t.app, steward, {
        method: "PUT",
        url: `/api/cells/${cell.json().id}/members/${seller.info.person.id}`,
        payload: {},
      });
    }
    const stages: Stage[] = (await as("GET", "/api/stages")).items;
    const other = (cellId: string) => cells.find((id) => id !== cellId) as string;

    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        const accounts = new Map<string, string>();
        for (let i = 0; i < 3; i++) {
          const account = await as("POST", "/api/accounts", { cellId: cells[i % 2], name: `Account ${i}` });
          accounts.set(account.id, account.cellId);
        }
        const model: ModelDeal[] = [];
        const accountAt = (i: number) => [...accounts.keys()][i % accounts.size];
        const version = async (dealId: string) => (await as("GET", `/api/deals/${dealId}`)).version;
        for (const c of commands) {
          const deal = "deal" in c && model.length > 0 ? model[c.deal % model.length] : undefined;
          if (c.kind === "create" && accounts.size > 0) {
            const accountId = accountAt(c.account);
            const stageId = stages[c.stage % stages.length].id;
            const created = await as("POST", "/api/deals", {
              accountId,
              title: "Deal",
              amount: c.amount,
              currency: c.currency,
              stageId,
            });
            model.push({ id: created.id, accountId, cellId: created.cellId, stageId, ...c });
          } else if (c.kind === "move" && deal) {
            deal.stageId = stages[c.stage % stages.length].id;
            const body = { stageId: deal.stageId, version: await version(deal.id) };
            await as("PUT", `/api/deals/${deal.id}/stage`, body);
          } else if (c.kind === "edit" && deal) {
            Object.assign(deal, { amount: c.amount, currency: c.currency });
            const body = { amount: c.amount, currency: c.currency, version: await version(deal.id) };
            await as("PATCH", `/api/deals/${deal.id}`, body);
          } else if (c.kind === "handOverDeal" && deal) {
            deal.cellId = other(deal.cellId);
            const body = { toCellId: deal.cellId, reason: "closer", version: await version(deal.id) };
            await as("POST", `/api/deals/${deal.id}/handover`, body);
          } else if (c.kind === "handOverAccount" && accounts.size > 0) {
            const accountId = accountAt(c.account);
            const from = accounts.get(accountId) as string;
            const { version: accountVersion } = await as("GET", `/api/accounts/${accountId}`);
            const body = { toCellId: other(from), reason: "region", version: accountVersion };
            await as("POST", `/api/accounts/${accountId}/handover`, body);
            accounts.set(accountId, other(from));
            // The account takes its open deals along; won and lost ones stay where they were won or lost.
            for (const d of model) {
              const open = stages.find((s) => s.id === d.stageId)?.outcome === "open";
              if (d.accountId === accountId && d.cellId === from && open) d.cellId = other(from);
            }
          } else if (c.kind === "deleteDeal" && deal) {
            await as("DELETE", `/api/deals/${deal.id}`);
            model.splice(model.indexOf(deal), 1);
          } else if (c.kind === "deleteAccount" && accounts.size > 0) {
            const accountId = accountAt(c.account);
            await as("DELETE", `/api/accounts/${accountId}`);
            accounts.delete(accountId);
            model.splice(0, model.length, ...model.filter((d) => d.accountId !== accountId));
          }
        }

        for (const cellId of cells) {
          const board = await as("GET", `/api/cells/${cellId}/board`);
          for (const column of board.columns) {
            const own = model.filter((d) => d.cellId === cellId && d.stageId === column.stage.id);
            const expected = CURRENCIES.map((currency) => ({
              currency,
              amount: own.filter((d) => d.currency === currency).reduce((sum, d) => sum + d.amount, 0),
              n: own.filter((d) => d.currency === currency).length,
            })).filter((total) => total.n > 0);
            expect(column.count).toBe(own.length);
            expect([...column.totals].sort((a, b) => a.currency.localeCompare(b.currency))).toEqual(
              expected
                .map(({ currency, amount }) => ({ currency, amount }))
                .sort((a, b) => a.currency.localeCompare(b.currency)),
            );
          }
        }
        // Each run starts from no accounts and no deals.
        for (const accountId of accounts.keys()) await as("DELETE", `/api/accounts/${accountId}`);
      }),
      { numRuns: 15 },
    );
  });
});
