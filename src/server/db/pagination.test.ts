import { describe, expect, it } from "vitest";
import { engines, withFreshDb } from "../../../test/db.ts";
import { AppError } from "../platform/errors.ts";
import { encodeCursor, keysetQuery, toPage } from "./pagination.ts";

type Row = { id: string; rank: number; name: string };
/** A table of its own: the helper is generic over every table, so the test needs none of the app's. */
type PageDb = { pageRow: Row };

/** Walks every page of `limit` rows, the way a client follows `nextCursor`. */
async function walk(
  read: (cursor: string | undefined) => Promise<{ items: Row[]; nextCursor: string | null }>,
): Promise<{ pages: string[][] }> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await read(cursor);
    pages.push(page.items.map((r) => r.id));
    if (!page.nextCursor) return { pages };
    cursor = page.nextCursor;
  }
}

describe.each(engines)("keyset pages on %s", (engine) => {
  const withRows = (
    use: (
      read: (
        cursor: string | undefined,
        dir?: "asc" | "desc",
      ) => Promise<{ items: Row[]; nextCursor: string | null }>,
    ) => Promise<void>,
  ) =>
    withFreshDb(engine, async (db) => {
      const k = db.kysely.withTables<PageDb>();
      await k.schema
        .createTable("pageRow")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("rank", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .execute();
      // Ties in the sort key: three rows share rank 2, two share rank 5; ids break them.
      const ranks = [5, 2, 9, 2, 5, 1, 2];
      await k
        .insertInto("pageRow")
        .values(ranks.map((rank, i) => ({ id: `r${i}`, rank, name: `row ${i}` })))
        .execute();
      try {
        await use(async (cursor, dir = "asc") => {
          const rows = await keysetQuery(
            k.selectFrom("pageRow").selectAll(),
            { cursor, limit: 2 },
            { key: "rank", id: "id", dir },
          ).execute();
          return toPage(
            rows,
            2,
            (r) => ({ ...r, rank: Number(r.rank) }),
            (r) => [Number(r.rank), r.id],
          );
        });
      } finally {
        await k.schema.dropTable("pageRow").execute();
      }
    });

  it("walks ties in the sort key by id, every row once, and ends on the last page", async () => {
    await withRows(async (read) => {
      const { pages } = await walk((cursor) => read(cursor));
      expect(pages).toEqual([["r5", "r1"], ["r3", "r6"], ["r0", "r4"], ["r2"]]);
    });
  });

  it("walks backwards with desc", async () => {
    await withRows(async (read) => {
      const { pages } = await walk((cursor) => read(cursor, "desc"));
      expect(pages.flat()).toEqual(["r2", "r4", "r0", "r6", "r3", "r1", "r5"]);
    });
  });

  it("answers a page that fills exactly with no next cursor", async () => {
    await withRows(async (read) => {
      const last = await read(encodeCursor([5, "r0"]));
      expect(last.items.map((r) => r.id)).toEqual(["r4", "r2"]);
      expect(last.nextCursor).toBeNull();
    });
  });

  it("refuses a cursor that does not decode as a validation error on the cursor", async () => {
    await withRows(async (read) => {
      for (const bad of [
        "not-a-cursor",
        encodeCursor([1]),
        Buffer.from('[{"x":1},"a"]').toString("base64url"),
      ]) {
        const error = await read(bad).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).fields).toEqual({ cursor: "invalid" });
      }
    });
  });
});
