import { describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../test/db.ts";
import { searchLibrary } from "../modules/library/search.ts";
import { generateDemo } from "./generate.ts";
import { LIBRARY_SIZES } from "./library.ts";

describe.each(engines)("demo library on %s", (engine) => {
  it("small: entries, questions and experiments that the search finds, the same for the same seed", async () => {
    const dumps = [];
    for (const _ of [1, 2]) {
      const db = await createTestDb(engine);
      try {
        const demo = await generateDemo(db, { size: "small", today: new Date("2027-05-12T07:30:00Z") });
        const k = db.kysely;
        const entries = await k.selectFrom("learning").selectAll().orderBy("id").execute();
        expect(entries).toHaveLength(LIBRARY_SIZES.small.entries);
        const helped = await k.selectFrom("learningHelped").select("learningId").execute();
        for (const entry of entries)
          expect(helped.filter((h) => h.learningId === entry.id)).toHaveLength(entry.helpedCount);
        const found = await searchLibrary(k, demo.orgId, { q: "Verhandlung Rabatt", limit: 100 }, new Date());
        expect(found.items.length).toBeGreaterThan(0);
        const rows = await k
          .selectFrom("librarySearch")
          .select(["docId", "stems"])
          .orderBy("docId")
          .execute();
        expect(rows).toHaveLength(LIBRARY_SIZES.small.entries + LIBRARY_SIZES.small.questions);
        dumps.push({ entries, rows });
      } finally {
        await db.close();
      }
    }
    expect(dumps[1]).toEqual(dumps[0]);
  }, 60_000);
});
