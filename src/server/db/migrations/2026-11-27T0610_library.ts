import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * The library: the exchange module's minimal `learning` table grows into the library's entries
 * (kind, tags, authors, the caring cell and its review interval, versions, the "helped" count per
 * entry), with links, "this helped me" marks, questions and answers, experiments, and one search
 * table over entries and questions.
 *
 * Search: `librarySearch.stems` holds each document's words lower-cased, folded and reduced to their
 * German and English Snowball stems (application code, the same on both engines). A query matches
 * stems as substrings, which also finds the parts of German compounds ("verhandl" in
 * "rabattverhandl"). SQLite: an FTS5 index with the trigram tokenizer over that column (external
 * content, kept by triggers). PostgreSQL: a GIN trigram index (pg_trgm) for LIKE on it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const org = (c: any) => c.notNull().references("organisation.id").onDelete("cascade");

  for (const [column, type, build] of [
    ["kind", "text", (c: any) => c.notNull().defaultTo("insight")],
    ["tags", "text", (c: any) => c.notNull().defaultTo("[]")],
    ["authorIds", "text", (c: any) => c.notNull().defaultTo("[]")],
    ["careCellId", "text", (c: any) => c.references("cell.id").onDelete("set null")],
    ["reviewIntervalDays", "integer", (c: any) => c.notNull().defaultTo(180)],
    ["reviewDueAt", "text", (c: any) => c],
    ["reviewedAt", "text", (c: any) => c],
    ["helpedCount", "integer", (c: any) => c.notNull().defaultTo(0)],
    ["updatedAt", "text", (c: any) => c],
    ["version", "integer", (c: any) => c.notNull().defaultTo(1)],
  ] as const) {
    await db.schema
      .alterTable("learning")
      .addColumn(column, type, build as any)
      .execute();
  }
  await db.schema
    .createIndex("learning_org_care_due")
    .on("learning")
    .columns(["orgId", "careCellId", "reviewDueAt", "id"])
    .execute();

  await db.schema
    .createTable("learningLink")
    .addColumn("learningId", "text", (c) => c.notNull().references("learning.id").onDelete("cascade"))
    .addColumn("orgId", "text", org)
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("targetId", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("learningLink_pk", ["learningId", "type", "targetId"])
    .execute();
  await db.schema
    .createIndex("learningLink_target")
    .on("learningLink")
    .columns(["type", "targetId", "orgId"])
    .execute();

  // One mark per person and entry; read only as a count per entry (PRODUCT.md rule 2).
  await db.schema
    .createTable("learningHelped")
    .addColumn("learningId", "text", (c) => c.notNull().references("learning.id").onDelete("cascade"))
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("orgId", "text", org)
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("learningHelped_pk", ["learningId", "personId"])
    .execute();

  await db.schema
    .createTable("libraryQuestion")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull())
    .addColumn("askerId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("answerCount", "integer", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("libraryQuestion_org_created")
    .on("libraryQuestion")
    .columns(["orgId", "createdAt", "id"])
    .execute();
  await db.schema
    .createTable("libraryAnswer")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("questionId", "text", (c) => c.notNull().references("libraryQuestion.id").onDelete("cascade"))
    .addColumn("authorId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("helped", "integer", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("libraryAnswer_question")
    .on("libraryAnswer")
    .columns(["questionId", "createdAt", "id"])
    .execute();

  await db.schema
    .createTable("libraryExperiment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("cellId", "text", (c) => c.notNull().references("cell.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("hypothesis", "text", (c) => c.notNull())
    .addColumn("fromDate", "text", (c) => c.notNull())
    .addColumn("toDate", "text", (c) => c.notNull())
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("learningId", "text", (c) => c.references("learning.id").onDelete("set null"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("libraryExperiment_org_created")
    .on("libraryExperiment")
    .columns(["orgId", "createdAt", "id"])
    .execute();

  // `seq` orders results newest first and is the FTS5 rowid on SQLite (an INTEGER PRIMARY KEY);
  // on PostgreSQL an identity column (no column default, like SQLite's rowid).
  await db.schema
    .createTable("librarySearch")
    .addColumn("seq", "integer", (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn("orgId", "text", org)
    .addColumn("docType", "text", (c) => c.notNull())
    .addColumn("docId", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text")
    .addColumn("cellId", "text")
    /** "|tag one|tag two|", lower-cased: a tag filter is one substring test. */
    .addColumn("tags", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("plain", "text", (c) => c.notNull())
    .addColumn("stems", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("librarySearch_org_seq")
    .on("librarySearch")
    .columns(["orgId", "seq"])
    .execute();

  if (postgres) {
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. It lives in
    // whichever schema it was first created in; the operator class is named through that schema.
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    const where = await sql<{ schema: string }>`
      select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(
      db,
    );
    const opclass = `${where.rows[0].schema}.gin_trgm_ops`;
    await sql`create index "librarySearch_stems_trgm" on "librarySearch" using gin ("stems" ${sql.raw(opclass)})`.execute(
      db,
    );
  } else {
    await sql`create virtual table "librarySearchFts" using fts5(
      stems, content='librarySearch', content_rowid='seq', tokenize='trigram')`.execute(db);
    await sql`create trigger "librarySearch_fts_insert" after insert on "librarySearch" begin
      insert into "librarySearchFts"(rowid, stems) values (new.seq, new.stems); end`.execute(db);
    await sql`create trigger "librarySearch_fts_delete" after delete on "librarySearch" begin
      insert into "librarySearchFts"("librarySearchFts", rowid, stems) values ('delete', old.seq, old.stems); end`.execute(
      db,
    );
    await sql`create trigger "librarySearch_fts_update" after update on "librarySearch" begin
      insert into "librarySearchFts"("librarySearchFts", rowid, stems) values ('delete', old.seq, old.stems);
      insert into "librarySearchFts"(rowid, stems) values (new.seq, new.stems); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!postgres) await sql`drop table "librarySearchFts"`.execute(db);
  for (const table of [
    "librarySearch",
    "libraryExperiment",
    "libraryAnswer",
    "libraryQuestion",
    "learningHelped",
    "learningLink",
  ])
    await db.schema.dropTable(table).execute();
  await db.schema.dropIndex("learning_org_care_due").execute();
  for (const column of [
    "kind",
    "tags",
    "authorIds",
    "careCellId",
    "reviewIntervalDays",
    "reviewDueAt",
    "reviewedAt",
    "helpedCount",
    "updatedAt",
    "version",
  ])
    await db.schema.alterTable("learning").dropColumn(column).execute();
}
