import type { Kysely } from "kysely";

/**
 * Personal data (DSGVO Art. 17) and retention. An erased person keeps their row — deals, decisions
 * and learnings stay attributed to it — but name, e-mail and profile become the pseudonym "Former
 * member N", N counted per organisation (the unique index makes two erasures at once pick different
 * numbers or fail). `retentionSetting` holds the organisation's purge periods in days; an
 * organisation without a row uses the documented defaults.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("person").addColumn("erasedAt", "text").execute();
  await db.schema.alterTable("person").addColumn("pseudonymNumber", "integer").execute();
  await db.schema
    .createIndex("person_org_pseudonym")
    .unique()
    .on("person")
    .columns(["orgId", "pseudonymNumber"])
    .execute();

  await db.schema
    .createTable("retentionSetting")
    .addColumn("orgId", "text", (c) => c.primaryKey().references("organisation.id").onDelete("cascade"))
    .addColumn("auditDays", "integer", (c) => c.notNull())
    .addColumn("endedSessionDays", "integer", (c) => c.notNull())
    .addColumn("notificationDays", "integer", (c) => c.notNull())
    .addColumn("sentMailDays", "integer", (c) => c.notNull())
    .addColumn("importFileDays", "integer", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  // The purge reads old rows per organisation by age.
  await db.schema
    .createIndex("notification_org_created")
    .on("notification")
    .columns(["orgId", "createdAt"])
    .execute();
  await db.schema.createIndex("session_org_expires").on("session").columns(["orgId", "expiresAt"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("session_org_expires").execute();
  await db.schema.dropIndex("notification_org_created").execute();
  await db.schema.dropTable("retentionSetting").execute();
  await db.schema.dropIndex("person_org_pseudonym").execute();
  await db.schema.alterTable("person").dropColumn("pseudonymNumber").execute();
  await db.schema.alterTable("person").dropColumn("erasedAt").execute();
}
