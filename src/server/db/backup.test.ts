import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs } from "../../../test/app.ts";
import { createTestDb, engines } from "../../../test/db.ts";
import {
  fingerprint,
  newMarker,
  organisationFingerprint,
  seedOrganisation,
} from "../../../test/factories.ts";
import { generateDemo } from "../demo/generate.ts";
import { backupDatabase, RestoreRefused, restoreDatabase } from "./backup.ts";
import type { Db } from "./connect.ts";

const dir = mkdtempSync(join(tmpdir(), "periphery-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const archiveFile = () => join(dir, `backup-${files++}.jsonl.gz`);

/** Only the archived tables: SQLite's FTS tables exist on one engine and are rebuilt by triggers. */
function archived(print: Record<string, string[]>, tables: string[]) {
  return Object.fromEntries(tables.map((t) => [t, print[t]]));
}

/** A restore target per engine this run has (SQLite always, PostgreSQL when reachable). */
async function restoredEverywhere(file: string) {
  const restored: { engine: string; db: Db; tables: string[] }[] = [];
  for (const engine of engines) {
    const db = await createTestDb(engine, dir);
    const summary = await restoreDatabase(db, file);
    restored.push({ engine, db, tables: Object.keys(summary.counts) });
  }
  return restored;
}

describe.each(engines)("backup on %s", (engine) => {
  it("takes one snapshot while four writers create deals, and restores it into either engine", async () => {
    const t = await buildTestApp(engine);
    try {
      const org = await seedOrganisation(t.app, newMarker("bk"));
      const accountId = org.ids.accountId?.[0] as string;
      const acknowledged: string[] = [];
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const response = await injectAs(t.app, org.member, {
            method: "POST",
            url: "/api/deals",
            payload: { accountId, title: `Writer ${w} deal ${i}`, amount: 1000 + i, currency: "EUR" },
          });
          expect(response.statusCode).toBe(201);
          acknowledged.push(response.json().id);
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 5));
      const beforeBackup = [...acknowledged];
      const file = archiveFile();
      const summary = await backupDatabase(t.db, file);
      const afterBackup = acknowledged.length;
      stop = true;
      await Promise.all(writers);
      // The writers went on while the backup read.
      expect(acknowledged.length).toBeGreaterThan(beforeBackup.length);
      expect(afterBackup).toBeGreaterThanOrEqual(beforeBackup.length);

      const restored = await restoredEverywhere(file);
      try {
        const prints = [];
        for (const r of restored) {
          const deals = await r.db.kysely.selectFrom("deal").select("id").execute();
          const ids = new Set(deals.map((d) => d.id));
          expect(beforeBackup.filter((id) => !ids.has(id))).toEqual([]);
          expect(deals.length).toBe(summary.counts.deal);
          prints.push(archived(await organisationFingerprint(r.db, org.orgId), r.tables));
        }
        for (const print of prints.slice(1)) expect(print).toEqual(prints[0]);
        // Totals kept by triggers came along as they were at the snapshot.
        const totals = await restored[0]?.db.kysely
          .selectFrom("dealTotal")
          .select((eb) => eb.fn.sum<number>("count").as("deals"))
          .where("orgId", "=", org.orgId)
          .executeTakeFirstOrThrow();
        expect(Number(totals?.deals)).toBe(
          (
            await restored[0]?.db.kysely
              .selectFrom("deal")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("orgId", "=", org.orgId)
              .executeTakeFirstOrThrow()
          )?.n,
        );
      } finally {
        for (const r of restored) await r.db.close();
      }
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe("moving between engines", () => {
  it("a demo organisation goes SQLite → PostgreSQL → SQLite unchanged", async () => {
    const source = await createTestDb("sqlite", dir);
    // PostgreSQL in the middle when this run has it; otherwise the round trip stays on SQLite.
    const middle = await createTestDb(engines.includes("postgres") ? "postgres" : "sqlite", dir);
    const back = await createTestDb("sqlite", dir);
    try {
      await generateDemo(source, { size: "small", seed: 1, today: new Date("2026-11-30T12:00:00Z") });
      const first = archiveFile();
      const summary = await backupDatabase(source, first);
      await restoreDatabase(middle, first);
      const second = archiveFile();
      await backupDatabase(middle, second);
      await restoreDatabase(back, second);
      const tables = Object.keys(summary.counts);
      expect(summary.counts.deal).toBeGreaterThan(0);
      const original = archived(await fingerprint(source), tables);
      expect(archived(await fingerprint(middle), tables)).toEqual(original);
      expect(archived(await fingerprint(back), tables)).toEqual(original);
      // The search index (FTS on SQLite) was rebuilt by the restore's inserts.
      const searchIndex = (print: Record<string, string[]>) =>
        Object.fromEntries(Object.entries(print).filter(([table]) => table.endsWith("Fts")));
      expect(Object.keys(searchIndex(await fingerprint(back))).length).toBeGreaterThan(0);
      expect(searchIndex(await fingerprint(back))).toEqual(searchIndex(await fingerprint(source)));
    } finally {
      await source.close();
      await middle.close();
      await back.close();
    }
  }, 300_000);
});

describe("text across the archive's chunks", () => {
  it("restores German text and emoji intact wherever a chunk of the archive ends inside a character", async () => {
    const t = await buildTestApp("sqlite");
    try {
      const org = await seedOrganisation(t.app, newMarker("utf"));
      const accountId = org.ids.accountId?.[0] as string;
      // 16 × 20,000 characters of two-, three- and four-byte UTF-8 (about 800 KB): the restore reads the
      // unzipped archive in 16 KiB chunks, so dozens of chunk ends fall inside a character.
      const descriptions = Array.from({ length: 16 }, (_, i) =>
        `Größenänderung ${i} € 😀 `.repeat(1000).slice(0, 20_000),
      );
      for (const [i, description] of descriptions.entries()) {
        const response = await injectAs(t.app, org.member, {
          method: "POST",
          url: "/api/deals",
          payload: { accountId, title: `Übergröße ${i}`, amount: 1, currency: "EUR", description },
        });
        expect(response.statusCode).toBe(201);
      }
      const file = archiveFile();
      await backupDatabase(t.db, file);
      const restored = await restoredEverywhere(file);
      try {
        for (const r of restored) {
          const deals = await r.db.kysely
            .selectFrom("deal")
            .select("description")
            .where("title", "like", "Übergröße %")
            .execute();
          expect(deals.map((d) => d.description).sort()).toEqual([...descriptions].sort());
        }
      } finally {
        for (const r of restored) await r.db.close();
      }
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe.each(engines)("restore on %s", (engine) => {
  it("refuses a corrupted or truncated archive and writes nothing", async () => {
    const t = await buildTestApp(engine);
    try {
      await seedOrganisation(t.app, newMarker("rs"));
      const file = archiveFile();
      await backupDatabase(t.db, file);
      const bytes = readFileSync(file);
      const flipped = Buffer.from(bytes);
      const at = Math.floor(bytes.length / 2);
      flipped[at] = (flipped[at] as number) ^ 0xff;
      const corrupted = archiveFile();
      writeFileSync(corrupted, flipped);
      const truncated = archiveFile();
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.8)));

      const target = await createTestDb(engine, dir);
      try {
        const empty = await fingerprint(target);
        for (const damaged of [corrupted, truncated]) {
          const refusal = await restoreDatabase(target, damaged).catch((error) => error);
          expect(refusal).toBeInstanceOf(RestoreRefused);
          expect(refusal.message).toMatch(/is damaged or truncated.*Nothing was restored\./);
          expect(await fingerprint(target)).toEqual(empty);
        }
        // The intact archive restores, and a second restore into the now full database is refused.
        await restoreDatabase(target, file);
        const refusal = await restoreDatabase(target, file).catch((error) => error);
        expect(refusal).toBeInstanceOf(RestoreRefused);
        expect(refusal.message).toMatch(/only into an empty database/);
      } finally {
        await target.close();
      }
    } finally {
      await t.close();
    }
  }, 120_000);
});
