import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildTestApp, injectAs, type Session, signUp } from "../../../test/app.ts";
import { engines, PG_URL } from "../../../test/db.ts";
import { buildApp } from "../app.ts";
import { createDb } from "../db/connect.ts";
import type { App } from "./http.ts";
import { tellingServers } from "./readCacheSync.ts";

async function cellWithAccount(app: App, steward: Session) {
  const cell = (
    await injectAs(app, steward, {
      method: "POST",
      url: "/api/cells",
      payload: { name: "North", kind: "periphery" },
    })
  ).json();
  const account = (
    await injectAs(app, steward, {
      method: "POST",
      url: "/api/accounts",
      payload: { cellId: cell.id, name: "Hansa" },
    })
  ).json();
  return { cellId: cell.id as string, accountId: account.id as string };
}

async function addDeal(app: App, steward: Session, accountId: string) {
  const response = await injectAs(app, steward, {
    method: "POST",
    url: "/api/deals",
    payload: { accountId, title: "Rahmenvertrag", amount: 100, currency: "EUR" },
  });
  expect(response.statusCode).toBe(201);
}

const board = (app: App, session: Session, cellId: string, query = "", encoding?: string) =>
  injectAs(app, session, {
    method: "GET",
    url: `/api/cells/${cellId}/board${query}`,
    headers: encoding ? { "accept-encoding": encoding } : {},
  });

const openCount = async (response: Promise<{ json(): { columns: { count: number }[] } }>) =>
  (await response).json().columns[0].count;

describe.each(engines)("cached answers over HTTP (%s)", (engine) => {
  it("are the same JSON gzipped or not, and change as soon as a deal does", async () => {
    const t = await buildTestApp(engine);
    try {
      const steward = await signUp(t.app, { language: "en" });
      const { cellId, accountId } = await cellWithAccount(t.app, steward);
      const plain = await board(t.app, steward, cellId);
      const zipped = await board(t.app, steward, cellId, "", "gzip, deflate, br");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers.vary).toContain("accept-encoding");
      expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
      expect(plain.json().columns[0].count).toBe(0);

      await addDeal(t.app, steward, accountId);
      const after = await board(t.app, steward, cellId, "", "gzip");
      expect(JSON.parse(gunzipSync(after.rawPayload).toString()).columns[0].count).toBe(1);
    } finally {
      await t.close();
    }
  });

  it("keeps 10,000 requests with random unknown parameters within its byte bound, served from memory", async () => {
    const bound = 64 * 1024;
    const t = await buildTestApp(engine, { readCacheBytes: bound });
    try {
      const steward = await signUp(t.app, { language: "de" });
      const { cellId, accountId } = await cellWithAccount(t.app, steward);
      await addDeal(t.app, steward, accountId);
      const expected = (await board(t.app, steward, cellId)).body;
      const { stats } = t.app.readCache;
      const missesBefore = stats.misses;
      for (let i = 0; i < 10_000; i++) {
        // The default spelled out, in another order, with noise: one entry all the same.
        const noise = `${randomBytes(4).toString("hex")}=${randomBytes(8).toString("hex")}`;
        const query =
          i % 3 === 0 ? `?${noise}&perColumn=20` : i % 3 === 1 ? `?${noise}` : `?perColumn=20&${noise}`;
        const response = await board(t.app, steward, cellId, query, i % 2 ? "gzip" : undefined);
        expect(response.statusCode).toBe(200);
        const body = i % 2 ? gunzipSync(response.rawPayload).toString() : response.body;
        if (body !== expected) expect(body).toBe(expected);
        if (t.app.readCache.bytes > bound) expect(t.app.readCache.bytes).toBeLessThanOrEqual(bound);
      }
      expect(t.app.readCache.size).toBe(1);
      expect(stats.misses - missesBefore).toBe(0);
      expect(stats.hits).toBeGreaterThanOrEqual(10_000);
    } finally {
      await t.close();
    }
  }, 240_000);

  it("keeps within its byte bound when parameters the route knows take many values", async () => {
    const bound = 32 * 1024;
    const t = await buildTestApp(engine, { readCacheBytes: bound });
    try {
      const steward = await signUp(t.app, { language: "en" });
      const { cellId, accountId } = await cellWithAccount(t.app, steward);
      await addDeal(t.app, steward, accountId);
      for (let perColumn = 1; perColumn <= 100; perColumn++) {
        const response = await board(t.app, steward, cellId, `?perColumn=${perColumn}`, "gzip");
        expect(response.statusCode).toBe(200);
        expect(t.app.readCache.bytes).toBeLessThanOrEqual(bound);
      }
      expect(t.app.readCache.size).toBeGreaterThan(1);
      expect(t.app.readCache.size).toBeLessThan(100);
    } finally {
      await t.close();
    }
  });

  it("serves one organisation's board from memory after another organisation wrote", async () => {
    const t = await buildTestApp(engine);
    try {
      const a = await signUp(t.app, { language: "en", organisationName: "Alpha" });
      const b = await signUp(t.app, { language: "de", organisationName: "Beta" });
      const inA = await cellWithAccount(t.app, a);
      const inB = await cellWithAccount(t.app, b);
      await board(t.app, a, inA.cellId);
      await board(t.app, b, inB.cellId);
      const { stats } = t.app.readCache;

      await addDeal(t.app, a, inA.accountId);
      const hits = stats.hits;
      const misses = stats.misses;
      expect(await openCount(board(t.app, b, inB.cellId))).toBe(0);
      expect([stats.hits - hits, stats.misses - misses]).toEqual([1, 0]);
      expect(await openCount(board(t.app, a, inA.cellId))).toBe(1);
      expect([stats.hits - hits, stats.misses - misses]).toEqual([1, 1]);
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!engines.includes("postgres"))("two instances on one PostgreSQL", () => {
  it("a write through one instance makes the other's cached answer fresh; other organisations stay cached", async () => {
    const first = await buildTestApp("postgres");
    const url = new URL(PG_URL);
    url.searchParams.set("schema", first.db.pgSchema ?? "");
    const secondDb = createDb(url.toString());
    const second = await buildApp({ config: first.config, db: secondDb, logger: false });
    await second.ready();
    try {
      const a = await signUp(first.app, { language: "en", organisationName: "Alpha" });
      const b = await signUp(first.app, { language: "de", organisationName: "Beta" });
      const inA = await cellWithAccount(first.app, a);
      const inB = await cellWithAccount(first.app, b);
      // The second instance caches both boards.
      expect(await openCount(board(second, a, inA.cellId))).toBe(0);
      expect(await openCount(board(second, b, inB.cellId))).toBe(0);
      const { stats } = second.readCache;
      const hits = stats.hits;
      expect(await openCount(board(second, a, inA.cellId))).toBe(0);
      expect(stats.hits).toBe(hits + 1);

      await addDeal(first.app, a, inA.accountId);
      // NOTIFY arrives asynchronously: ask again until the answer is fresh, within a bound.
      let count = 0;
      for (let attempt = 0; attempt < 200 && count === 0; attempt++) {
        count = await openCount(board(second, a, inA.cellId));
        if (count === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(count).toBe(1);
      const beforeB = { hits: stats.hits, misses: stats.misses };
      expect(await openCount(board(second, b, inB.cellId))).toBe(0);
      expect([stats.hits - beforeB.hits, stats.misses - beforeB.misses]).toEqual([1, 0]);
    } finally {
      await second.close();
      await secondDb.close();
      await first.close();
    }
  });
  it("a CLI command's writes make every instance's cached answers fresh", async () => {
    const t = await buildTestApp("postgres");
    const url = new URL(PG_URL);
    url.searchParams.set("schema", t.db.pgSchema ?? "");
    try {
      const steward = await signUp(t.app, { language: "de" });
      const { cellId } = await cellWithAccount(t.app, steward);
      await addDeal(t.app, steward, (await cellWithAccount(t.app, steward)).accountId);
      expect(await openCount(board(t.app, steward, cellId))).toBe(0);
      expect(await openCount(board(t.app, steward, cellId))).toBe(0);

      // What `periphery rebuild-rollups` or a restore does: write from another process, then close.
      const cli = tellingServers(createDb(url.toString()));
      const account = await cli.kysely
        .selectFrom("account")
        .select("id")
        .where("cellId", "=", cellId)
        .executeTakeFirstOrThrow();
      await cli.kysely.updateTable("deal").set({ accountId: account.id, cellId }).execute();
      await cli.close();
      let count = 0;
      for (let attempt = 0; attempt < 200 && count === 0; attempt++) {
        count = await openCount(board(t.app, steward, cellId));
        if (count === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(count).toBe(1);
    } finally {
      await t.close();
    }
  });
});
