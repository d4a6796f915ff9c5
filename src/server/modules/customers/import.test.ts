import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { planImport } from "./import.ts";
import { createImportJob, runImportJob } from "./importJob.ts";

/**
 * All-or-nothing when the write fails part-way: the accounts the job created were already committed
 * in their own slice, the deals fail on their last statement; afterwards the person sees none of it.
 */
describe.each(engines)("a failing import on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  it("removes every row the job wrote and reports the job failed", async () => {
    const steward = await signUp(t.app);
    const as = async (method: "GET" | "POST", url: string, payload?: unknown) =>
      (await injectAs(t.app, steward, { method, url, payload })).json();
    const cellId = (
      await as("POST", "/api/cells", { name: "North", kind: "periphery", purpose: "", marketSlice: "" })
    ).id;
    const rows = Array.from({ length: 3000 }, (_, i) => `Deal ${i},Kunde ${i % 300},${i}`);
    const input = {
      entity: "deals" as const,
      csv: `Title,Account,Amount\n${rows.join("\n")}\n`,
      mapping: { Title: "title", Account: "account", Amount: "amount" } as const,
      cellId,
      duplicates: "skip" as const,
      createAccounts: true,
    };
    const auth = { orgId: steward.info.organisation.id, person: { id: steward.info.person.id } };
    const plan = await planImport(t.db.kysely, auth.orgId, input, "en", t.clock.now());
    expect(plan.counts).toMatchObject({ created: 3000, accountsCreated: 300 });
    // A stage removed while the job ran: the last deal's insert breaks its foreign key.
    const last = plan.deals.at(-1);
    if (last) last.stageId = randomUUID();
    const jobId = await createImportJob(t.db.kysely, auth, input, plan, t.clock.now());
    await runImportJob(t.db.kysely, auth, jobId, "deals", plan, t.clock.now);

    expect(await as("GET", `/api/import/jobs/${jobId}`)).toMatchObject({ status: "failed", result: null });
    expect(await as("GET", "/api/export/deals?format=json")).toEqual([]);
    expect(await as("GET", "/api/export/accounts?format=json")).toEqual([]);
    const board = await as("GET", `/api/cells/${cellId}/board`);
    expect(board.columns.map((c: { count: number }) => c.count)).toEqual(board.columns.map(() => 0));
  });
});
