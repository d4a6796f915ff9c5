import type { Kysely } from "kysely";

/**
 * The live sessions' event store (module exchange, roomStore.ts): one row per event, numbered per
 * session without gaps. The primary key (sessionId, seq) is what keeps two servers from storing the
 * same seq twice: the second insert fails and retries on the newer state. The payload is JSON text.
 * No foreign key to the session table: that table belongs to the formats part of the module and the
 * store must not depend on its migration order; deleting an organisation deletes its events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sessionEvent")
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("sessionId", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("actorId", "text", (c) => c.references("person.id").onDelete("set null"))
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("sessionEvent_pk", ["sessionId", "seq"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sessionEvent").execute();
}
