import type { Kysely } from "kysely";
import { sql } from "kysely";

/**
 * Cell membership gets a history (issue 13): who was in which cell from when to when. `cellMember`
 * stays the current membership every module reads; `cellMembership` keeps one row per stay
 * (`leftAt` NULL while it lasts), so k-suppression can count the members *of a period* — a person
 * joining today does not unhide a cell's past. Current members are migrated as members since the
 * cell's creation (no join time was recorded before this migration).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cellMembership")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", (c) => c.notNull().references("organisation.id").onDelete("cascade"))
    .addColumn("cellId", "text", (c) => c.notNull().references("cell.id").onDelete("cascade"))
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("joinedAt", "text", (c) => c.notNull())
    .addColumn("leftAt", "text")
    .execute();
  await db.schema
    .createIndex("cellMembership_org_cell")
    .on("cellMembership")
    .columns(["orgId", "cellId", "joinedAt"])
    .execute();
  await db.schema.createIndex("cellMembership_person").on("cellMembership").columns(["personId"]).execute();
  // The id only has to be unique: cell and person ids are UUIDs, and a current member has one stay.
  await sql`
    insert into "cellMembership" ("id", "orgId", "cellId", "personId", "joinedAt", "leftAt")
    select m."cellId" || ':' || m."personId", m."orgId", m."cellId", m."personId", c."createdAt", null
    from "cellMember" m join "cell" c on c."id" = m."cellId"`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("cellMembership").execute();
}
