import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { engines, withFreshDb } from "../../../test/db.ts";
import { generateDemo } from "./generate.ts";

// The medium organisation carries 24 months of deals and offers and its decisions: about 40 s per engine
// on a quiet machine, so it runs in the slow layer.
describe.each(engines)("the medium demo on %s", (engine) => {
  it("has exactly 40 cells, about 400 people, everyone in a cell", async () => {
    await withFreshDb(engine, async (db) => {
      const summary = await generateDemo(db, { size: "medium", seed: 3 });
      const { cells } = await db.kysely
        .selectFrom("cell")
        .select(db.kysely.fn.countAll<number>().as("cells"))
        .executeTakeFirstOrThrow();
      expect(Number(cells)).toBe(40);
      expect(summary.people).toBeGreaterThan(300);
      expect(summary.people).toBeLessThan(500);
      const { outside } = await db.kysely
        .selectFrom("person")
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("cellMember")
                .select(sql`1`.as("one"))
                .whereRef("cellMember.personId", "=", "person.id"),
            ),
          ),
        )
        .select(db.kysely.fn.countAll<number>().as("outside"))
        .executeTakeFirstOrThrow();
      expect(Number(outside)).toBe(0);
    });
  }, 180_000);
});
