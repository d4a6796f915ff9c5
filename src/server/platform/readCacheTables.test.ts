import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from "kysely";
import { describe, expect, it } from "vitest";
import { injectAs, TestClock } from "../../../test/app.ts";
import { createTestDb, engines } from "../../../test/db.ts";
import { seedOrganisation, tableNames } from "../../../test/factories.ts";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import type { Db } from "../db/connect.ts";
import { cachedReadScope } from "./readCache.ts";

type Capture = { declared: readonly string[]; sql: string };

/** Compiles every query run inside a cached read, as the database receives it. */
function capturing(db: Db, captured: Capture[]): Db {
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }: PluginTransformQueryArgs) {
      const scope = cachedReadScope.getStore();
      if (scope)
        captured.push({
          declared: scope.tables,
          sql: db.kysely.getExecutor().compileQuery(node, queryId).sql,
        });
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs) => result,
  };
  return { ...db, kysely: db.kysely.withPlugin(plugin) };
}

/**
 * Every quoted name after FROM or JOIN (subqueries, raw fragments and CTEs included; CTEs are dropped
 * later). SQLite's FTS index `<x>SearchFts` counts as `<x>Search`, as the write log counts its writes.
 */
function tablesIn(sqlText: string): string[] {
  return [...sqlText.matchAll(/\b(?:from|join)\s+"(\w+)"/gi)].map((m) =>
    m[1].replace(/SearchFts$/, "Search"),
  );
}

/**
 * A cached answer is valid while the tables it declares are unwritten, so it must declare every table
 * it reads. Rather than trusting the lists, run each cached read (cache off, so every request reads)
 * with its SQL captured and compare.
 */
describe.each(engines)("cached reads declare every table their SQL reads (%s)", (engine) => {
  it("board, deal list and insights in every variant", async () => {
    const raw = await createTestDb(engine);
    const captured: Capture[] = [];
    const clock = new TestClock();
    const config = {
      ...loadConfig({ LOG_LEVEL: "silent" }),
      publicUrl: "http://localhost:3000",
      rateLimitPerMinute: 1_000_000,
      allowNewOrganisations: true,
      passwordCost: 10,
      dataKey: Buffer.alloc(32, 7).toString("base64"),
      readCacheBytes: 0,
      now: clock.now,
    };
    const app = await buildApp({ config, db: capturing(raw, captured), logger: false });
    await app.ready();
    try {
      const org = await seedOrganisation(app, "Tabellen");
      const { steward } = org;
      const [cellId] = org.ids.cellId;
      const stage = (
        await injectAs(app, steward, { method: "GET", url: `/api/cells/${cellId}/board` })
      ).json().columns[0].stage.id as string;
      const urls = [
        ...org.ids.cellId.flatMap((id) => [`/api/cells/${id}/board`, `/api/cells/${id}/board?perColumn=1`]),
        "/api/deals",
        "/api/deals?q=Tabellen",
        `/api/deals?cellId=${cellId}&stageId=${stage}&accountId=${org.ids.accountId[0]}`,
        ...["open", "won", "lost"].map((outcome) => `/api/deals?outcome=${outcome}`),
        ...["updatedAt", "amount", "expectedClose"].flatMap((sort) => [
          `/api/deals?sort=${sort}&limit=1`,
          `/api/deals?sort=${sort}&dir=asc&limit=1`,
        ]),
        ...org.ids.cellId.flatMap((id) => [
          `/api/insights/cells/${id}`,
          `/api/insights/cells/${id}?grain=week&periods=8`,
        ]),
        "/api/insights/org",
        "/api/insights/org?grain=week",
      ];
      for (const url of urls) {
        const response = await injectAs(app, steward, { method: "GET", url });
        expect(response.statusCode, url).toBe(200);
        // The next page too: its cursor takes another branch of the list query.
        const cursor = (response.json() as { nextCursor?: string | null }).nextCursor;
        if (cursor && url.startsWith("/api/deals?")) {
          const next = await injectAs(app, steward, {
            method: "GET",
            url: `${url}&cursor=${encodeURIComponent(cursor)}`,
          });
          expect(next.statusCode, url).toBe(200);
        }
      }

      const real = new Set(await tableNames(raw));
      const undeclared = new Set<string>();
      for (const { declared, sql } of captured)
        for (const table of tablesIn(sql))
          if (real.has(table) && !declared.includes(table)) undeclared.add(table);
      expect(captured.length).toBeGreaterThan(urls.length);
      expect([...undeclared]).toEqual([]);
    } finally {
      await app.close();
      await raw.close();
    }
  }, 240_000);
});
