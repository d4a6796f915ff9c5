import { randomUUID } from "node:crypto";
import { CompiledQuery, type KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { createCell } from "../../../../test/factories.ts";
import { exportPage } from "./export.ts";

const DEALS = 2_345;

/** Exports page on the primary key: every row once, in id order, in more than one page. */
describe.each(engines)("streamed exports (%s)", (engine) => {
  let t: TestApp;
  let steward: Awaited<ReturnType<typeof signUp>>;
  let orgId: string;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await buildTestApp(engine);
    steward = await signUp(t.app, { language: "de" });
    orgId = steward.info.organisation.id;
    const cell = await createCell(t.app, steward, { name: "Team Nord", kind: "periphery" });
    const account = (
      await injectAs(t.app, steward, {
        method: "POST",
        url: "/api/accounts",
        payload: { cellId: cell.id, name: "Hansa" },
      })
    ).json();
    const stage = await t.db.kysely
      .selectFrom("pipelineStage")
      .select("id")
      .where("orgId", "=", orgId)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    const at = t.clock.now().toISOString();
    // Written directly: 2,345 deals through the API would cost the test minutes.
    const rows = Array.from({ length: DEALS }, (_, i) => ({
      id: randomUUID(),
      orgId,
      cellId: String(cell.id),
      accountId: account.id,
      title: `Deal ${i}`,
      amount: 100 * i,
      currency: "EUR",
      stageId: stage.id,
      expectedClose: null,
      probability: 10,
      source: "",
      lostReason: "",
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      importJobId: null,
      version: 1,
    }));
    for (let i = 0; i < rows.length; i += 200)
      await t.db.kysely
        .insertInto("deal")
        .values(rows.slice(i, i + 200))
        .execute();
    ids.push(...rows.map((r) => r.id).sort());
  });
  afterAll(async () => t?.close());

  it("CSV: every deal once, in id order, across pages", async () => {
    const response = await injectAs(t.app, steward, { method: "GET", url: "/api/export/deals?format=csv" });
    expect(response.statusCode).toBe(200);
    const lines = response.body
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0].split(",").at(-1)).toBe("Id");
    expect(lines.slice(1).map((line) => line.split(",").at(-1))).toEqual(ids);
  });

  it("JSON: every deal once, in id order, across pages", async () => {
    const response = await injectAs(t.app, steward, { method: "GET", url: "/api/export/deals?format=json" });
    expect(response.statusCode).toBe(200);
    const rows = response.json() as { id: string; title: string }[];
    expect(rows.map((row) => row.id)).toEqual(ids);
    expect(rows.find((row) => row.id === ids[0])?.title).toMatch(/^Deal \d+$/);
  });

  // SQLite's plan is fixed by its indexes; PostgreSQL's depends on statistics, so only SQLite's is asserted.
  if (engine === "sqlite")
    it("each page is one index range, never a sort of the organisation's rows", async () => {
      const plans: string[] = [];
      const explain: KyselyPlugin = {
        transformQuery: ({ node }) => node,
        transformResult: async ({ result }) => result,
      };
      const compiled: CompiledQuery[] = [];
      const capture: KyselyPlugin = {
        ...explain,
        transformQuery: ({ node, queryId }) => {
          compiled.push(t.db.kysely.getExecutor().compileQuery(node, queryId));
          return node;
        },
      };
      for (const entity of ["accounts", "contacts", "deals", "offers"] as const)
        await exportPage(t.db.kysely.withPlugin(capture), orgId, entity, ids[1000]);
      for (const query of compiled) {
        const result = await t.db.kysely.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
        );
        plans.push(result.rows.map((row) => row.detail).join("; "));
      }
      expect(plans.length).toBeGreaterThanOrEqual(4);
      for (const plan of plans) expect(plan).not.toContain("TEMP B-TREE");
    });
});
