import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { injectAs, sessionFrom, signUp } from "../../../test/app.ts";
import { createTestDb, engines, freshDatabaseUrl } from "../../../test/db.ts";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { createDb, type Db, type Engine, migrateToLatest } from "./connect.ts";

/** A schema reduced to what both engines can state the same way. */
type Column = { type: string; notNull: boolean; hasDefault: boolean };
type Schema = Record<
  string,
  {
    columns: Record<string, Column>;
    primaryKey: string[];
    /** Indexes created by name (`createIndex`): "name(col1,col2)". */
    indexes: string[];
    /** Unique constraints, by columns (their index names are engine-specific). */
    unique: string[];
  }
>;

const normaliseType = (type: string) => {
  const t = type.toLowerCase();
  if (/int/.test(t)) return "integer";
  if (/char|text/.test(t)) return "text";
  return t;
};

async function sqliteSchema(db: Db): Promise<Schema> {
  const schema: Schema = {};
  const tables = await sql<{ name: string }>`
    select name from pragma_table_list
    where schema = 'main' and type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
    db.kysely,
  );
  for (const { name: table } of tables.rows) {
    const info = await sql<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>`
      select * from pragma_table_info(${table})`.execute(db.kysely);
    const primaryKey = info.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const columns: Record<string, Column> = {};
    for (const c of info.rows) {
      // SQLite lets a non-INTEGER primary key column hold NULL (a documented legacy quirk) where
      // PostgreSQL implies NOT NULL; the application always writes ids, so a key column counts as
      // NOT NULL here. Every other column's nullability is compared as declared.
      columns[c.name] = {
        type: normaliseType(c.type),
        notNull: c.notnull === 1 || c.pk > 0,
        hasDefault: c.dflt_value !== null,
      };
    }
    const indexes: string[] = [];
    const unique: string[] = [];
    const list = await sql<{
      name: string;
      origin: string;
    }>`select * from pragma_index_list(${table})`.execute(db.kysely);
    for (const index of list.rows) {
      const cols = await sql<{
        name: string;
        seqno: number;
      }>`select * from pragma_index_info(${index.name})`.execute(db.kysely);
      const names = cols.rows.sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
      if (index.origin === "c") indexes.push(`${index.name}(${names.join(",")})`);
      if (index.origin === "u") unique.push(names.join(","));
    }
    schema[table] = { columns, primaryKey, indexes: indexes.sort(), unique: unique.sort() };
  }
  return schema;
}

async function postgresSchema(db: Db): Promise<Schema> {
  const namespace = db.pgSchema;
  if (!namespace) throw new Error("a PostgreSQL test database works in its own schema");
  const schema: Schema = {};
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: unknown;
  }>`select table_name, column_name, data_type, is_nullable, column_default
     from information_schema.columns where table_schema = ${namespace} and table_name not like 'kysely_%'`.execute(
    db.kysely,
  );
  for (const c of columns.rows) {
    schema[c.table_name] ??= { columns: {}, primaryKey: [], indexes: [], unique: [] };
    schema[c.table_name].columns[c.column_name] = {
      type: normaliseType(c.data_type),
      notNull: c.is_nullable === "NO",
      hasDefault: c.column_default !== null,
    };
  }
  const constraints = await sql<{ conname: string; contype: string; table_name: string; columns: string[] }>`
    select con.conname, con.contype, rel.relname as table_name,
           array(select att.attname from unnest(con.conkey) with ordinality k(attnum, n)
                 join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.attnum
                 order by k.n)::text[] as columns
    from pg_constraint con
    join pg_class rel on rel.oid = con.conrelid
    join pg_namespace ns on ns.oid = rel.relnamespace
    where ns.nspname = ${namespace} and con.contype in ('p', 'u') and rel.relname not like 'kysely_%'`.execute(
    db.kysely,
  );
  const backing = new Set<string>();
  for (const c of constraints.rows) {
    backing.add(c.conname);
    if (c.contype === "p") schema[c.table_name].primaryKey = c.columns;
    else schema[c.table_name].unique.push(c.columns.join(","));
  }
  const indexes = await sql<{ tablename: string; indexname: string; indexdef: string }>`
    select tablename, indexname, indexdef from pg_indexes
    where schemaname = ${namespace} and tablename not like 'kysely_%'`.execute(db.kysely);
  for (const index of indexes.rows) {
    if (backing.has(index.indexname)) continue;
    const inside = index.indexdef.slice(index.indexdef.indexOf("(") + 1, index.indexdef.lastIndexOf(")"));
    // Split on top-level commas; an expression (e.g. coalesce(…)) has no column name, as on SQLite.
    const parts: string[] = [];
    let depth = 0;
    let current = "";
    for (const ch of inside) {
      if (ch === "," && depth === 0) {
        parts.push(current);
        current = "";
        continue;
      }
      if (ch === "(") depth++;
      if (ch === ")") depth--;
      current += ch;
    }
    parts.push(current);
    const names = parts.map((c) => (c.includes("(") ? "" : c.trim().replace(/^"|"$/g, "")));
    schema[index.tablename].indexes.push(`${index.indexname}(${names.join(",")})`);
  }
  for (const table of Object.values(schema)) {
    table.indexes.sort();
    table.unique.sort();
  }
  return schema;
}

if (engines.includes("postgres")) {
  describe("migrations on both engines", () => {
    it("give SQLite and PostgreSQL the same tables, columns, keys and indexes", async () => {
      const lite = await createTestDb("sqlite");
      const pg = await createTestDb("postgres");
      try {
        const liteSchema = await sqliteSchema(lite);
        const pgSchema = await postgresSchema(pg);
        expect(Object.keys(liteSchema).length).toBeGreaterThan(5);
        expect(liteSchema.cellMember.primaryKey).toEqual(["cellId", "personId"]);
        expect(liteSchema.person.unique).toEqual(["email"]);
        expect(liteSchema.cell.indexes).toEqual(["cell_org_name(orgId,name,id)"]);
        expect(liteSchema.organisation.columns.minGroupSize).toEqual({
          type: "integer",
          notNull: true,
          hasDefault: true,
        });
        expect(liteSchema.invitation.columns.acceptedAt).toEqual({
          type: "text",
          notNull: false,
          hasDefault: false,
        });
        // The one deliberate difference: on SQLite the decision log's indexes carry the search text
        // (PostgreSQL caps an index entry at a third of a page; migration 2026-11-27T0430).
        liteSchema.proposal.indexes = liteSchema.proposal.indexes.map((index) =>
          index.replace(/,searchText\)$/, ")"),
        );
        // And the search tables (library, accounts, contacts, deals, proposals): FTS5 (a virtual table,
        // not listed above) on SQLite, a GIN trigram index on PostgreSQL (migrations 2026-11-27T0610,
        // 2026-12-02T2240).
        for (const table of Object.values(pgSchema))
          table.indexes = table.indexes.filter((i) => !i.includes("_trgm("));
        expect(pgSchema).toEqual(liteSchema);
      } finally {
        await lite.close();
        await pg.close();
      }
    });
  });
}

describe.each(engines)("the database on %s", (engine: Engine) => {
  const dir = mkdtempSync(join(tmpdir(), "periphery-restart-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("applies no migration when migrating an up-to-date database", async () => {
    const db = await createTestDb(engine);
    try {
      const again = await migrateToLatest(db);
      expect(again.error).toBeUndefined();
      expect(again.results).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("keeps the organisation and its cells when the server restarts", async () => {
    const url = freshDatabaseUrl(engine, dir);
    const config = {
      ...loadConfig({ LOG_LEVEL: "silent" }),
      publicUrl: "http://localhost:3000",
      rateLimitPerMinute: 1_000_000,
      allowNewOrganisations: true,
      passwordCost: 10,
    };
    const start = async () => {
      const db = createDb(url);
      const migrated = await migrateToLatest(db);
      const app = await buildApp({ config, db, logger: false });
      await app.ready();
      return { db, app, migrated };
    };

    const first = await start();
    expect(first.migrated.results?.length).toBeGreaterThan(0);
    const steward = await signUp(first.app, { organisationName: "Restart GmbH" });
    const cell = await injectAs(first.app, steward, {
      method: "POST",
      url: "/api/cells",
      payload: { name: "Survives restarts", kind: "periphery" },
    });
    expect(cell.statusCode).toBe(201);
    await first.app.close();
    await first.db.close();

    const second = await start();
    try {
      expect(second.migrated.results).toEqual([]);
      const signedIn = await second.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: steward.email, password: steward.password },
      });
      expect(signedIn.statusCode).toBe(200);
      const session = sessionFrom(signedIn);
      expect(session.info.organisation.name).toBe("Restart GmbH");
      const cells = await injectAs(second.app, session, { method: "GET", url: "/api/cells" });
      expect(cells.json().items.map((c: { name: string }) => c.name)).toEqual(["Survives restarts"]);

      if (engine === "sqlite") {
        // better-sqlite3 reopens an existing WAL file with synchronous=NORMAL unless told otherwise.
        const pragma = async (name: string) =>
          Object.values(
            (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(second.db.kysely)).rows[0],
          );
        expect(await pragma("journal_mode")).toEqual(["wal"]);
        expect(await pragma("synchronous")).toEqual([2]);
        expect(await pragma("foreign_keys")).toEqual([1]);
      }
    } finally {
      await second.app.close();
      // Its PostgreSQL schema goes with the run's others at the end (test/globalSetup.ts).
      await second.db.close();
    }
  });
});
