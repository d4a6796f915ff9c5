import type { Kysely } from "kysely";

/**
 * Offboarding: a steward deactivates a person who left. Their sessions, invitations they sent and
 * calendar-feed credentials end; sign-in is refused; their work stays, still under their name.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("person").addColumn("deactivatedAt", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("person").dropColumn("deactivatedAt").execute();
}
