import { describe, expect, it } from "vitest";
import { engines, withFreshDb } from "../../../test/db.ts";
import type { Db } from "../db/connect.ts";
import { generateDemo } from "./generate.ts";

async function dumpTables(db: Db) {
  const k = db.kysely;
  return {
    organisation: await k.selectFrom("organisation").selectAll().orderBy("id").execute(),
    person: await k.selectFrom("person").selectAll().orderBy("id").execute(),
    cell: await k.selectFrom("cell").selectAll().orderBy("id").execute(),
    cellMember: await k.selectFrom("cellMember").selectAll().orderBy("cellId").orderBy("personId").execute(),
    workingAgreement: await k.selectFrom("workingAgreement").selectAll().orderBy("id").execute(),
    auditEntry: await k.selectFrom("auditEntry").selectAll().orderBy("id").execute(),
  };
}

async function cellsPerPerson(db: Db): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom("person")
    .leftJoin("cellMember", "cellMember.personId", "person.id")
    .select(["person.id", db.kysely.fn.count<number>("cellMember.cellId").as("cells")])
    .groupBy("person.id")
    .execute();
  return rows.map((row) => Number(row.cells));
}

describe.each(engines)("demo organisation on %s", (engine) => {
  describe("generateDemo", () => {
    it("gives exactly the same organisation for the same size and seed", async () => {
      const today = new Date("2027-05-12T07:30:00Z");
      const first = await withFreshDb(engine, async (db) => [
        await generateDemo(db, { size: "small", today }),
        await dumpTables(db),
      ]);
      const second = await withFreshDb(engine, async (db) => [
        // Another hour of the same day: the same demo.
        await generateDemo(db, { size: "small", seed: 1, today: new Date("2027-05-12T22:10:00Z") }),
        await dumpTables(db),
      ]);
      expect(second).toEqual(first);
    });

    it("gives different people for a different seed", async () => {
      const namesFor = (seed: number) =>
        withFreshDb(engine, async (db) => {
          await generateDemo(db, { size: "small", seed });
          const people = await db.kysely
            .selectFrom("person")
            .select(["id", "email"])
            .orderBy("email")
            .execute();
          return people;
        });
      const [one, two] = [await namesFor(1), await namesFor(2)];
      expect(two.map((p) => p.id)).not.toEqual(one.map((p) => p.id));
      expect(two.map((p) => p.email)).not.toEqual(one.map((p) => p.email));
    });

    it("small: the named German cells, everyone in a cell, one demo steward to sign in as", async () => {
      await withFreshDb(engine, async (db) => {
        const summary = await generateDemo(db, { size: "small" });

        const organisation = await db.kysely.selectFrom("organisation").selectAll().executeTakeFirstOrThrow();
        expect(organisation).toMatchObject({
          id: summary.orgId,
          name: "Nordlicht Vertrieb GmbH (Demo)",
          isDemo: 1,
          currency: "EUR",
          languages: '["de","en"]',
          defaultLanguage: "de",
          weekStart: "monday",
          minGroupSize: 5,
        });

        const cells = await db.kysely
          .selectFrom("cell")
          .select(["name", "kind", "purpose", "marketSlice"])
          .execute();
        const kindOf = Object.fromEntries(cells.map((cell) => [cell.name, cell.kind]));
        expect(kindOf).toMatchObject({
          "Team Nord": "periphery",
          "Team Süd": "periphery",
          "Öffentlicher Sektor": "periphery",
          Mittelstand: "periphery",
          Pricing: "centre",
          Recht: "centre",
          Marketing: "centre",
        });
        expect(cells.every((cell) => cell.purpose && cell.marketSlice)).toBe(true);
        expect(summary.cells).toBe(cells.length);

        const people = await db.kysely.selectFrom("person").selectAll().execute();
        expect(people.length).toBeGreaterThanOrEqual(30);
        expect(summary.people).toBe(people.length);
        expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
        expect(people.every((p) => p.passwordHash === null && p.orgId === summary.orgId)).toBe(true);
        expect(people.filter((p) => p.role === "steward").length).toBeGreaterThanOrEqual(2);
        expect(people.find((p) => p.id === summary.stewardId)).toMatchObject({
          name: "Mara Lindqvist",
          email: "steward@nordlicht-demo.example",
          role: "steward",
        });
        expect(Math.min(...(await cellsPerPerson(db)))).toBeGreaterThanOrEqual(1);

        const agreements = await db.kysely
          .selectFrom("workingAgreement")
          .select(["cellId", db.kysely.fn.count<number>("id").as("count")])
          .groupBy("cellId")
          .execute();
        expect(agreements).toHaveLength(cells.length);
        expect(agreements.every((row) => Number(row.count) >= 2 && Number(row.count) <= 4)).toBe(true);

        const actions = await db.kysely.selectFrom("auditEntry").select("action").distinct().execute();
        expect(actions.map((a) => a.action).sort()).toEqual(["cell.created", "organisation.created"]);
      });
    });

    it("small: periphery cells have 5–9 members, centre cells 3–6", async () => {
      await withFreshDb(engine, async (db) => {
        await generateDemo(db, { size: "small", seed: 7 });
        const sizes = await db.kysely
          .selectFrom("cell")
          .innerJoin("cellMember", "cellMember.cellId", "cell.id")
          .select(["cell.kind", db.kysely.fn.count<number>("cellMember.personId").as("members")])
          .groupBy(["cell.id", "cell.kind"])
          .execute();
        for (const { kind, members } of sizes) {
          const [min, max] = kind === "periphery" ? [5, 9] : [3, 6];
          expect(Number(members)).toBeGreaterThanOrEqual(min);
          expect(Number(members)).toBeLessThanOrEqual(max);
        }
      });
    });

    it("leaves nothing behind when generation fails halfway", async () => {
      await withFreshDb(engine, async (db) => {
        await generateDemo(db, { size: "small" });
        // E-mails are unique per instance, so a second demo fails on its people after its organisation row.
        await expect(generateDemo(db, { size: "small", seed: 2 })).rejects.toThrow();
        const organisations = await db.kysely.selectFrom("organisation").select("id").execute();
        expect(organisations).toHaveLength(1);
      });
    });
  });
});
