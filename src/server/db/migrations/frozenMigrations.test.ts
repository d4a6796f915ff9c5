import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDb, engines } from "../../../../test/db.ts";
import { recreateRollupTriggers } from "../../modules/insights/rollupTriggers.ts";
import type { Db } from "../connect.ts";

const HERE = import.meta.dirname;
const DB_FOLDER = resolve(HERE, "..");

/** What a migration file may import: Kysely, Node's own modules, and files of src/server/db/. */
function foreignImports(file: string, source: string): string[] {
  // Import and re-export statements at the start of a line, side-effect imports and dynamic import():
  // SQL text in frozen copies ("insert … from \"deal\"") is none of these.
  const patterns = [
    /^\s*(?:import|export)\b[^;"']*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  const specifiers = patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]));
  return specifiers.filter((specifier) => {
    if (specifier === "kysely" || specifier.startsWith("node:")) return false;
    if (!specifier.startsWith(".")) return true;
    return relative(DB_FOLDER, resolve(dirname(file), specifier)).startsWith("..");
  });
}

function migrationFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return migrationFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("frozen migrations", () => {
  it("finds an import from outside src/server/db (self-test)", () => {
    const file = join(HERE, "2099-01-01T0000_example.ts");
    expect(
      foreignImports(
        file,
        `import { sql } from "kysely";\nimport { x } from "../../modules/insights/rollupSql.ts";\nimport type { Database } from "../schema.ts";\nimport { y } from "./frozen/a.ts";\nimport z from "zod";`,
      ),
    ).toEqual(["../../modules/insights/rollupSql.ts", "zod"]);
  });

  it("import nothing outside src/server/db, so later code changes cannot change what they do", () => {
    const offenders = migrationFiles(HERE).flatMap((file) =>
      foreignImports(file, readFileSync(file, "utf8")).map(
        (specifier) => `${relative(HERE, file)}: ${specifier}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});

async function rollupTriggerDefinitions(db: Db): Promise<string[]> {
  if (db.engine === "sqlite") {
    const { rows } = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master where type = 'trigger' and name like 'insight%' order by name`.execute(
      db.kysely,
    );
    return rows.map((r) => `${r.name}: ${r.sql}`);
  }
  const { rows } = await sql<{ definition: string }>`
    select pg_get_triggerdef(t.oid) as definition from pg_trigger t
      join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${db.pgSchema} and t.tgname like 'insight%'
    union all
    select p.proname || ': ' || p.prosrc from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = ${db.pgSchema} and p.proname like 'insight%'
    order by 1`.execute(db.kysely);
  return rows.map((r) => r.definition);
}

describe.each(engines)("the rollup triggers on %s", (engine) => {
  it("of a freshly migrated database are the ones the insights module's SQL writes today", async () => {
    // Fails after a change of modules/insights/rollupSql.ts that ships without a migration re-creating the
    // triggers (with its own frozen copy): upgraded and fresh databases would silently differ from the code.
    const db = await createTestDb(engine);
    try {
      const migrated = await rollupTriggerDefinitions(db);
      expect(migrated.length).toBeGreaterThan(7);
      await recreateRollupTriggers(db.kysely, engine);
      expect(await rollupTriggerDefinitions(db)).toEqual(migrated);
    } finally {
      await db.close();
    }
  });
});
