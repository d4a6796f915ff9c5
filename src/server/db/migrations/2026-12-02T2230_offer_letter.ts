import type { Kysely } from "kysely";

/**
 * What the offer a customer receives needs (issue 12): an account's postal address and VAT id for the
 * letter's address field; the offer's contact person (one of the account's contacts; a deleted contact
 * leaves the offer without one) and the reason a customer gave when declining; and per deal whether
 * recording an accepted offer leaves the deal open (a cell that closes deals by hand, e.g. after the
 * purchase order arrives) instead of moving it to won. The letterhead gets the sender's country: DIN 5008
 * writes a country line only for a customer abroad.
 */
const ACCOUNT_COLUMNS = ["street", "postalCode", "city", "country", "vatId"] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ACCOUNT_COLUMNS) {
    await db.schema
      .alterTable("account")
      .addColumn(column, "text", (c) => c.notNull().defaultTo(""))
      .execute();
  }
  await db.schema
    .alterTable("letterhead")
    .addColumn("country", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("offer")
    .addColumn("contactId", "text", (c) => c.references("contact.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("offer")
    .addColumn("declineReason", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("deal")
    .addColumn("keepOpenOnAcceptance", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("deal").dropColumn("keepOpenOnAcceptance").execute();
  await db.schema.alterTable("offer").dropColumn("declineReason").execute();
  await db.schema.alterTable("offer").dropColumn("contactId").execute();
  await db.schema.alterTable("letterhead").dropColumn("country").execute();
  for (const column of ACCOUNT_COLUMNS) {
    await db.schema.alterTable("account").dropColumn(column).execute();
  }
}
