import type { Kysely } from "kysely";

/**
 * What a switching team's CRM export carries beyond the first import: a deal's description and type,
 * and on accounts, contacts and deals the source's own record id (`externalId`, "<source>:<id>"), so
 * importing the same file again finds each row's record instead of guessing by name — the import is
 * idempotent. `importValueMapping` remembers, per organisation and source, which stage a value of the
 * file's stage or status column went to, so the next export from the same CRM maps itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("deal")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("deal")
    .addColumn("type", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  for (const table of ["account", "contact", "deal"]) {
    await db.schema.alterTable(table).addColumn("externalId", "text").execute();
    // Unique per organisation; rows without a source id (NULL) never collide on either engine.
    await db.schema
      .createIndex(`${table}_org_external`)
      .on(table)
      .columns(["orgId", "externalId"])
      .unique()
      .execute();
  }
  await db.schema
    .createTable("importValueMapping")
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    /** stage | status */
    .addColumn("field", "text", (c) => c.notNull())
    /** The value as the file writes it, lower-cased and trimmed. */
    .addColumn("value", "text", (c) => c.notNull())
    /** NULL: a status value that follows the stage column (an open deal). */
    .addColumn("stageId", "text", (c) => c.references("pipelineStage.id").onDelete("cascade"))
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("importValueMapping_pk", ["orgId", "source", "field", "value"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("importValueMapping").execute();
  for (const table of ["account", "contact", "deal"]) {
    await db.schema.dropIndex(`${table}_org_external`).execute();
    await db.schema.alterTable(table).dropColumn("externalId").execute();
  }
  await db.schema.alterTable("deal").dropColumn("type").execute();
  await db.schema.alterTable("deal").dropColumn("description").execute();
}
