import type { Kysely, SelectQueryBuilder, Transaction } from "kysely";
import type { Database } from "./schema.ts";

export type Tx = Kysely<Database> | Transaction<Database>;

/** Tables that hold organisation data: every one of them has `orgId`. */
export type OrgTable = {
  [T in keyof Database]: Database[T] extends { orgId: string } ? T : never;
}[keyof Database];

/**
 * The one organisation filter every read of organisation data starts from, so nobody has to
 * remember it (ARCHITECTURE.md "How data flows").
 */
export function selectInOrg<T extends OrgTable>(db: Tx, table: T, orgId: string) {
  // The cast is the price of a generic table name; the filter itself is checked by the isolation test.
  return (db.selectFrom(table) as unknown as SelectQueryBuilder<Database, OrgTable, object>).where(
    `${table}.orgId` as `${OrgTable}.orgId`,
    "=",
    orgId,
  ) as unknown as SelectQueryBuilder<Database, T, object>;
}

export function updateInOrg<T extends OrgTable>(db: Tx, table: T, orgId: string) {
  return db.updateTable(table as OrgTable).where("orgId", "=", orgId);
}

export function deleteInOrg<T extends OrgTable>(db: Tx, table: T, orgId: string) {
  return db.deleteFrom(table as OrgTable).where("orgId", "=", orgId);
}
