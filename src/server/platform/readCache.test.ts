import { gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, signUp } from "../../../test/app.ts";
import { createDb, type Db, migrateToLatest } from "../db/connect.ts";
import { ReadCache } from "./readCache.ts";

/** The cache must never answer with data older than the last write to a table the answer came from. */
describe("read cache over SQLite's write log", () => {
  let db: Db;
  afterEach(() => db.close());

  async function setUp() {
    db = createDb("sqlite::memory:");
    await migrateToLatest(db);
    await db.kysely.insertInto("instanceSetting").values({ key: "probe", value: "1" }).execute();
    let reads = 0;
    const read = async () => {
      reads++;
      const row = await db.kysely.selectFrom("instanceSetting").select("value").executeTakeFirstOrThrow();
      return row.value;
    };
    return { cache: new ReadCache(db.writes), read, reads: () => reads };
  }

  it("answers from memory until a table it read is written, whoever writes it", async () => {
    const { cache, read, reads } = await setUp();
    expect(String((await cache.json("k", ["instanceSetting"], read)).json)).toBe("1");
    expect(String((await cache.json("k", ["instanceSetting"], read)).json)).toBe("1");
    expect(reads()).toBe(1);

    // A write to a table the answer did not come from leaves it current.
    await db.kysely.deleteFrom("session").execute();
    expect(String((await cache.json("k", ["instanceSetting"], read)).json)).toBe("1");
    expect(reads()).toBe(1);

    await db.kysely.updateTable("instanceSetting").set({ value: "2" }).execute();
    expect(String((await cache.json("k", ["instanceSetting"], read)).json)).toBe("2");
    expect(reads()).toBe(2);
  });

  it("is not disturbed by transactions that write elsewhere", async () => {
    const { cache, read, reads } = await setUp();
    await cache.json("k", ["instanceSetting"], read);
    await db.kysely.transaction().execute((trx) => trx.deleteFrom("session").execute());
    await cache.json("k", ["instanceSetting"], read);
    expect(reads()).toBe(1);
  });

  it("counts a statement it cannot attribute to one table as a write to every table", async () => {
    const { cache, read, reads } = await setUp();
    await cache.json("k", ["instanceSetting"], read);
    await sql`create table "scratch" ("x" integer)`.execute(db.kysely);
    await cache.json("k", ["instanceSetting"], read);
    expect(reads()).toBe(2);
  });

  it("does not keep an answer that a write overtook while it was being read", async () => {
    const { cache, reads } = await setUp();
    const slowRead = async () => {
      const row = await db.kysely.selectFrom("instanceSetting").select("value").executeTakeFirstOrThrow();
      // Someone writes between this read and the answer being stored.
      await db.kysely.updateTable("instanceSetting").set({ value: "3" }).execute();
      return row.value;
    };
    expect(String((await cache.json("k", ["instanceSetting"], slowRead)).json)).toBe("1");
    const fresh = async () =>
      (await db.kysely.selectFrom("instanceSetting").select("value").executeTakeFirstOrThrow()).value;
    expect(String((await cache.json("k", ["instanceSetting"], fresh)).json)).toBe("3");
    expect(reads()).toBe(0);
  });

  it("reads every time where other processes may write (no write log: PostgreSQL)", async () => {
    const { read, reads } = await setUp();
    const cache = new ReadCache(undefined);
    await cache.json("k", ["instanceSetting"], read);
    await cache.json("k", ["instanceSetting"], read);
    expect(reads()).toBe(2);
  });
});

describe("cached answers over HTTP", () => {
  it("are the same JSON gzipped or not, and change as soon as a deal does", async () => {
    const t = await buildTestApp("sqlite");
    try {
      const steward = await signUp(t.app, { language: "en" });
      const cell = (
        await injectAs(t.app, steward, {
          method: "POST",
          url: "/api/cells",
          payload: { name: "North", kind: "periphery" },
        })
      ).json();
      const board = (encoding?: string) =>
        injectAs(t.app, steward, {
          method: "GET",
          url: `/api/cells/${cell.id}/board`,
          headers: encoding ? { "accept-encoding": encoding } : {},
        });
      const plain = await board();
      const zipped = await board("gzip, deflate, br");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers.vary).toContain("accept-encoding");
      expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
      expect(plain.json().columns[0].count).toBe(0);

      const account = await injectAs(t.app, steward, {
        method: "POST",
        url: "/api/accounts",
        payload: { cellId: cell.id, name: "Hansa" },
      });
      await injectAs(t.app, steward, {
        method: "POST",
        url: "/api/deals",
        payload: { accountId: account.json().id, title: "Rahmenvertrag", amount: 100, currency: "EUR" },
      });
      const after = await board("gzip");
      expect(JSON.parse(gunzipSync(after.rawPayload).toString()).columns[0].count).toBe(1);
    } finally {
      await t.close();
    }
  });
});
