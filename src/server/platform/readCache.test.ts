import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
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
    expect(String(await cache.json("k", ["instanceSetting"], read))).toBe("1");
    expect(String(await cache.json("k", ["instanceSetting"], read))).toBe("1");
    expect(reads()).toBe(1);

    // A write to a table the answer did not come from leaves it current.
    await db.kysely.deleteFrom("session").execute();
    expect(String(await cache.json("k", ["instanceSetting"], read))).toBe("1");
    expect(reads()).toBe(1);

    await db.kysely.updateTable("instanceSetting").set({ value: "2" }).execute();
    expect(String(await cache.json("k", ["instanceSetting"], read))).toBe("2");
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
    expect(String(await cache.json("k", ["instanceSetting"], slowRead))).toBe("1");
    const fresh = async () =>
      (await db.kysely.selectFrom("instanceSetting").select("value").executeTakeFirstOrThrow()).value;
    expect(String(await cache.json("k", ["instanceSetting"], fresh))).toBe("3");
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
