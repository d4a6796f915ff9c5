import type { Kysely } from "kysely";

/**
 * The exchange module: formats with their topic backlog, sessions with contributions and harvest,
 * secret calendar feed tokens — and the minimal `learning` and `obstacle` tables the harvest routes
 * to (the library and system modules extend them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const org = (c: any) => c.notNull().references("organisation.id").onDelete("cascade");

  await db.schema
    .createTable("exchangeFormat")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("cadence", "text", (c) => c.notNull())
    .addColumn("startsOn", "text", (c) => c.notNull())
    .addColumn("timeOfDay", "text", (c) => c.notNull())
    .addColumn("timeZone", "text", (c) => c.notNull())
    .addColumn("durationMinutes", "integer", (c) => c.notNull())
    .addColumn("access", "text", (c) => c.notNull())
    .addColumn("participantIds", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("exchangeFormat_org_name")
    .on("exchangeFormat")
    .columns(["orgId", "name"])
    .execute();

  await db.schema
    .createTable("exchangeTopic")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("formatId", "text", (c) => c.notNull().references("exchangeFormat.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("pitch", "text", (c) => c.notNull())
    .addColumn("authorId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("exchangeTopic_format")
    .on("exchangeTopic")
    .columns(["orgId", "formatId", "createdAt"])
    .execute();

  await db.schema
    .createTable("exchangeSession")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("formatId", "text", (c) => c.notNull().references("exchangeFormat.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("facilitatorId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("caseOwnerId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("anonymous", "integer", (c) => c.notNull())
    .addColumn("confidential", "integer", (c) => c.notNull())
    .addColumn("participantIds", "text", (c) => c.notNull())
    .addColumn("startedAt", "text", (c) => c.notNull())
    .addColumn("endedAt", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("exchangeSession_format")
    .on("exchangeSession")
    .columns(["orgId", "formatId", "startedAt"])
    .execute();

  await db.schema
    .createTable("exchangeContribution")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("sessionId", "text", (c) => c.notNull().references("exchangeSession.id").onDelete("cascade"))
    .addColumn("authorId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("exchangeContribution_session")
    .on("exchangeContribution")
    .columns(["sessionId", "createdAt"])
    .execute();

  for (const table of ["learning", "obstacle"]) {
    await db.schema
      .createTable(table)
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("orgId", "text", org)
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("sourceSessionId", "text", (c) => c.references("exchangeSession.id").onDelete("set null"))
      .addColumn("createdAt", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_org_created`).on(table).columns(["orgId", "createdAt"]).execute();
  }

  await db.schema
    .createTable("exchangeHarvest")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("sessionId", "text", (c) => c.notNull().references("exchangeSession.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("targetId", "text")
    .addColumn("personId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("dueDate", "text")
    .addColumn("doneAt", "text")
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("exchangeHarvest_session")
    .on("exchangeHarvest")
    .columns(["sessionId", "createdAt"])
    .execute();

  await db.schema
    .createTable("exchangeCalendarFeed")
    .addColumn("tokenHash", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("personId", "text", (c) => c.notNull().unique().references("person.id").onDelete("cascade"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "exchangeCalendarFeed",
    "exchangeHarvest",
    "obstacle",
    "learning",
    "exchangeContribution",
    "exchangeSession",
    "exchangeTopic",
    "exchangeFormat",
  ])
    await db.schema.dropTable(table).execute();
}
