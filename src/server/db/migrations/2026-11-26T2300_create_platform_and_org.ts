import { type Kysely, sql } from "kysely";

// Frozen once landed: a later change is a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("instanceSetting")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("organisation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("languages", "text", (c) => c.notNull())
    .addColumn("defaultLanguage", "text", (c) => c.notNull())
    .addColumn("weekStart", "text", (c) => c.notNull())
    .addColumn("minGroupSize", "integer", (c) => c.notNull().defaultTo(5))
    .addColumn("isDemo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable("person")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("passwordHash", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("languages", "text", (c) => c.notNull())
    .addColumn("skills", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("person_org_name").on("person").columns(["orgId", "name", "id"]).execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("lastSeenAt", "text", (c) => c.notNull())
    .addColumn("expiresAt", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_person").on("session").column("personId").execute();

  await db.schema
    .createTable("signInFailure")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("signInFailure_email_at")
    .on("signInFailure")
    .columns(["email", "at"])
    .execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("tokenHash", "text", (c) => c.notNull().unique())
    .addColumn("invitedBy", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("expiresAt", "text", (c) => c.notNull())
    .addColumn("acceptedAt", "text")
    .execute();
  await db.schema
    .createIndex("invitation_org_created")
    .on("invitation")
    .columns(["orgId", "createdAt", "id"])
    .execute();

  await db.schema
    .createTable("passwordReset")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("tokenHash", "text", (c) => c.notNull().unique())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("expiresAt", "text", (c) => c.notNull())
    .addColumn("usedAt", "text")
    .execute();

  await db.schema
    .createTable("cell")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("marketSlice", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("cell_org_name").on("cell").columns(["orgId", "name", "id"]).execute();

  await db.schema
    .createTable("cellMember")
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("cellId", "text", (c) => c.notNull().references("cell.id").onDelete("cascade"))
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("cellMember_pk", ["cellId", "personId"])
    .execute();
  await db.schema.createIndex("cellMember_person").on("cellMember").column("personId").execute();

  await db.schema
    .createTable("workingAgreement")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("cellId", "text", (c) => c.notNull().references("cell.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("workingAgreement_cell")
    .on("workingAgreement")
    .columns(["cellId", "createdAt"])
    .execute();

  // Append-only: nothing in the application updates or deletes audit entries (retention aside).
  await db.schema
    .createTable("auditEntry")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actorId", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subjectType", "text", (c) => c.notNull())
    .addColumn("subjectId", "text")
    .addColumn("details", "text", (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema.createIndex("auditEntry_org_at").on("auditEntry").columns(["orgId", "at", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "auditEntry",
    "workingAgreement",
    "cellMember",
    "cell",
    "passwordReset",
    "invitation",
    "signInFailure",
    "session",
    "person",
    "organisation",
    "instanceSetting",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
