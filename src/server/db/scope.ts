import {
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  sql,
  type Transaction,
} from "kysely";
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

/**
 * The organisation filter as a condition, for where a query cannot start from `selectInOrg`: a joined
 * table (`.where(inOrg(orgId, "cell"))`), a subquery, an `eb.and([...])`, an insert's `where not exists`.
 * `table` qualifies the column when the query reads several tables. Every organisation filter goes through
 * this file (test/architecture/scope.test.ts fails on one written by hand elsewhere).
 */
export function inOrg(orgId: string, table?: string) {
  const column = sql.ref(table ? `${table}.orgId` : "orgId");
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) => eb(column, "=", orgId);
}

/** The same filter inside raw SQL (rollup statements, aggregates): `where ${orgIs(orgId, "r")}`. */
export function orgIs(orgId: string | RawBuilder<unknown>, alias?: string) {
  return sql`${sql.ref(alias ? `${alias}.orgId` : "orgId")} = ${orgId}`;
}

/**
 * The same filter for statements assembled as text and run through `sql.raw` (the rollup rebuild shares its
 * expressions with the trigger bodies, which are text): `orgLiteral` is already a quoted SQL literal.
 */
export const orgIsText = (orgLiteral: string, alias: string) => `${alias}."orgId" = ${orgLiteral}`;
