import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * Indexed search for accounts, contacts, deals and the decision log, the way the library searches:
 * one search table per searched table (`accountSearch`, …) holding each row's words as German and
 * English stems (computed in application code, platform/search/text.ts), written in the transaction
 * that writes the row. SQLite: an FTS5 trigram index over `stems` (external content, kept by triggers);
 * PostgreSQL: a GIN trigram index (pg_trgm) for LIKE on it. A search row goes with its row (foreign
 * key, on delete cascade — also when deleting an account deletes its deals and contacts).
 *
 * Stems now write German transliterations as the umlaut's base letter (ae/oe/ue → a/o/u): the
 * library's stored stems are rewritten here in SQL, with the same three replacements in the same
 * order as `transliterate`. Existing accounts, contacts, deals and proposals cannot be stemmed in SQL:
 * the migration leaves a row in `searchReindex` per table that has rows, and the application indexes
 * them right after migrating (`periphery migrate` / `start`, platform/search/reindex.ts).
 */
const SEARCHED = ["account", "contact", "deal", "proposal"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const opclass = postgres
    ? `${
        (
          await sql<{ schema: string }>`
            select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(
            db,
          )
        ).rows[0].schema
      }.gin_trgm_ops`
    : "";

  for (const table of SEARCHED) {
    const search = `${table}Search`;
    // `seq` is the FTS5 rowid on SQLite (an INTEGER PRIMARY KEY: stable across VACUUM, unlike the
    // implicit rowid of a table with a text key); on PostgreSQL an identity column.
    await db.schema
      .createTable(search)
      .addColumn("seq", "integer", (c) =>
        postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
      )
      .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
      .addColumn("docId", "text", (c) => c.notNull().unique().references(`${table}.id`).onDelete("cascade"))
      .addColumn("stems", "text", (c) => c.notNull())
      .execute();
    if (postgres) {
      await sql`create index ${sql.id(`${search}_stems_trgm`)} on ${sql.table(search)}
        using gin ("stems" ${sql.raw(opclass)})`.execute(db);
    } else {
      const fts = `${search}Fts`;
      await sql`create virtual table ${sql.table(fts)} using fts5(
        stems, content=${sql.lit(search)}, content_rowid='seq', tokenize='trigram')`.execute(db);
      await sql`create trigger ${sql.id(`${search}_fts_insert`)} after insert on ${sql.table(search)} begin
        insert into ${sql.table(fts)}(rowid, stems) values (new.seq, new.stems); end`.execute(db);
      await sql`create trigger ${sql.id(`${search}_fts_delete`)} after delete on ${sql.table(search)} begin
        insert into ${sql.table(fts)}(${sql.id(fts)}, rowid, stems) values ('delete', old.seq, old.stems); end`.execute(
        db,
      );
      await sql`create trigger ${sql.id(`${search}_fts_update`)} after update on ${sql.table(search)} begin
        insert into ${sql.table(fts)}(${sql.id(fts)}, rowid, stems) values ('delete', old.seq, old.stems);
        insert into ${sql.table(fts)}(rowid, stems) values (new.seq, new.stems); end`.execute(db);
    }
  }

  await db.schema
    .createTable("searchReindex")
    .addColumn("tableName", "text", (c) => c.primaryKey())
    .execute();
  for (const table of SEARCHED)
    await sql`insert into "searchReindex" ("tableName")
      select ${sql.lit(table)} where exists (select 1 from ${sql.table(table)})`.execute(db);

  await sql`update "librarySearch"
    set "stems" = replace(replace(replace("stems", 'ae', 'a'), 'oe', 'o'), 'ue', 'u')`.execute(db);
}

/** The library's stems stay transliterated: earlier code matches them as it matched any stem. */
export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.dropTable("searchReindex").execute();
  for (const table of SEARCHED) {
    if (!postgres) await sql`drop table ${sql.table(`${table}SearchFts`)}`.execute(db);
    await db.schema.dropTable(`${table}Search`).execute();
  }
}
