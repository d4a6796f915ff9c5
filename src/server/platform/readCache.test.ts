import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../test/db.ts";
import type { Db } from "../db/connect.ts";
import { ReadCache } from "./readCache.ts";

const ORG_A = "a";
const ORG_B = "b";

/** The cache must never answer with data older than the last write to a table the answer came from. */
describe.each(engines)("read cache over the write log (%s)", (engine) => {
  let db: Db;
  // One database for the file (migrating costs seconds); each test starts from the probe at "1".
  beforeAll(async () => {
    db = await createTestDb(engine);
    await db.kysely.insertInto("instanceSetting").values({ key: "probe", value: "1" }).execute();
  });
  afterAll(() => db.close());

  async function setUp(maxBytes = 1024 * 1024) {
    db.writes.currentOrg = () => undefined;
    await db.kysely.updateTable("instanceSetting").set({ value: "1" }).execute();
    let reads = 0;
    const read = async () => {
      reads++;
      const row = await db.kysely.selectFrom("instanceSetting").select("value").executeTakeFirstOrThrow();
      return row.value;
    };
    return { cache: new ReadCache(db.writes, maxBytes), read, reads: () => reads };
  }
  const text = async (body: Promise<{ json: Buffer }>) => String((await body).json);

  it("answers from memory until a table it read is written, whoever writes it", async () => {
    const { cache, read, reads } = await setUp();
    expect(await text(cache.json(ORG_A, "k", ["instanceSetting"], read))).toBe("1");
    expect(await text(cache.json(ORG_A, "k", ["instanceSetting"], read))).toBe("1");
    expect(reads()).toBe(1);

    // A write to a table the answer did not come from leaves it current.
    await db.kysely.deleteFrom("session").execute();
    expect(await text(cache.json(ORG_A, "k", ["instanceSetting"], read))).toBe("1");
    expect(reads()).toBe(1);

    await db.kysely.updateTable("instanceSetting").set({ value: "2" }).execute();
    expect(await text(cache.json(ORG_A, "k", ["instanceSetting"], read))).toBe("2");
    expect(reads()).toBe(2);
  });

  it("is not disturbed by transactions that write elsewhere", async () => {
    const { cache, read, reads } = await setUp();
    await cache.json(ORG_A, "k", ["instanceSetting"], read);
    await db.kysely.transaction().execute((trx) => trx.deleteFrom("session").execute());
    await cache.json(ORG_A, "k", ["instanceSetting"], read);
    expect(reads()).toBe(1);
  });

  it("counts a statement it cannot attribute to one table as a write to every table", async () => {
    const { cache, read, reads } = await setUp();
    await cache.json(ORG_A, "k", ["instanceSetting"], read);
    await sql`create table if not exists "scratch" ("x" integer)`.execute(db.kysely);
    await cache.json(ORG_A, "k", ["instanceSetting"], read);
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
    expect(await text(cache.json(ORG_A, "k", ["instanceSetting"], slowRead))).toBe("1");
    const fresh = async () =>
      (await db.kysely.selectFrom("instanceSetting").select("value").executeTakeFirstOrThrow()).value;
    expect(await text(cache.json(ORG_A, "k", ["instanceSetting"], fresh))).toBe("3");
    expect(reads()).toBe(0);
  });

  it("keeps another organisation's entries when a write is made for one organisation", async () => {
    const { cache, read, reads } = await setUp();
    await cache.json(ORG_A, "k", ["instanceSetting"], read);
    await cache.json(ORG_B, "k", ["instanceSetting"], read);
    expect(reads()).toBe(2);

    db.writes.currentOrg = () => ORG_A;
    await db.kysely.updateTable("instanceSetting").set({ value: "4" }).execute();
    expect(await text(cache.json(ORG_B, "k", ["instanceSetting"], read))).toBe("1");
    expect(reads()).toBe(2);
    expect(await text(cache.json(ORG_A, "k", ["instanceSetting"], read))).toBe("4");
    expect(reads()).toBe(3);

    // A write nobody claims (CLI, sign-up, background work) is a write for every organisation.
    db.writes.currentOrg = () => undefined;
    await db.kysely.updateTable("instanceSetting").set({ value: "5" }).execute();
    expect(await text(cache.json(ORG_B, "k", ["instanceSetting"], read))).toBe("5");
  });

  it("counts a write inside a transaction again when it commits (a reader may look in between)", async () => {
    const { cache, read } = await setUp();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written = () => {};
    const wrote = new Promise<void>((resolve) => {
      written = resolve;
    });
    const transaction = db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable("instanceSetting").set({ value: "6" }).execute();
      written();
      await held;
    });
    await wrote;
    if (engine === "postgres") {
      // Another pooled connection reads the committed "1" while the update is uncommitted.
      expect(await text(cache.json(ORG_A, "k", ["instanceSetting"], read))).toBe("1");
    }
    release();
    await transaction;
    expect(await text(cache.json(ORG_A, "k", ["instanceSetting"], read))).toBe("6");
  });

  it("holds at most its byte bound, the least recently used entries going first", async () => {
    const { cache } = await setUp(20_000);
    const big = async () => "x".repeat(3_000);
    for (let i = 0; i < 50; i++) {
      await cache.json(ORG_A, `k${i}`, ["instanceSetting"], big);
      // The gzip form counts too once made.
      (await cache.json(ORG_A, `k${i}`, ["instanceSetting"], big)).gzip;
      expect(cache.bytes).toBeLessThanOrEqual(20_000);
    }
    expect(cache.size).toBeGreaterThan(1);
    let reads = 0;
    const counted = async () => {
      reads++;
      return "x".repeat(3_000);
    };
    await cache.json(ORG_A, "k49", ["instanceSetting"], counted);
    expect(reads).toBe(0);
    await cache.json(ORG_A, "k0", ["instanceSetting"], counted);
    expect(reads).toBe(1);
  });

  it("lets concurrent misses of one answer share one read", async () => {
    const { cache, read, reads } = await setUp();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => text(cache.json(ORG_A, "k", ["instanceSetting"], read))),
    );
    expect(answers).toEqual(Array(20).fill("1"));
    expect(reads()).toBe(1);
  });

  it("reads every time with a bound of 0 bytes (switched off)", async () => {
    const { read, reads } = await setUp();
    const cache = new ReadCache(db.writes, 0);
    await cache.json(ORG_A, "k", ["instanceSetting"], read);
    await cache.json(ORG_A, "k", ["instanceSetting"], read);
    expect(reads()).toBe(2);
  });
});
