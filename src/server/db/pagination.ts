import {
  type Expression,
  isExpression,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  type StringReference,
  sql,
} from "kysely";
import { AppError } from "../platform/errors.ts";

/**
 * Keyset cursors: the sort key of the last row of a page, opaque to clients (base64url JSON).
 * Offsets get slower with every page; keysets stay on the index.
 */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return values;
    }
  } catch {
    // fall through to the validation error
  }
  throw new AppError("VALIDATION", { cursor: "invalid" });
}

/** Fetch `limit + 1` rows; the extra row only says whether there is a next page. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  cursorOf: (row: Row) => (string | number)[],
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(toItem),
    nextCursor: hasMore ? encodeCursor(cursorOf(pageRows[pageRows.length - 1])) : null,
  };
}

/**
 * The keyset condition "after the cursor's row" for a page sorted by (key, id): rows whose key is
 * past the last one, or equal with a later id. `desc` pages walk backwards.
 */
export function afterKeyset(
  key: Expression<unknown>,
  id: Expression<unknown>,
  [value, lastId]: (string | number)[],
  dir: "asc" | "desc" = "asc",
): RawBuilder<SqlBool> {
  const op = sql.raw(dir === "asc" ? ">" : "<");
  return sql<SqlBool>`(${key} ${op} ${value} or (${key} = ${value} and ${id} ${op} ${lastId}))`;
}

/** A sort column: a column name as Kysely spells it (`"deal.id"`) or an expression (`coalesce(…)`). */
type SortColumn<DB, TB extends keyof DB> = StringReference<DB, TB> | Expression<unknown>;

const asExpression = <DB, TB extends keyof DB>(column: SortColumn<DB, TB>): Expression<unknown> =>
  isExpression(column) ? column : sql.ref(column as string);

/**
 * The keyset tail every list shares: rows after the cursor's row, ordered by (key, id), one row more
 * than the page (`toPage` turns that row into the next cursor). A cursor that does not decode is 400.
 */
export function keysetQuery<DB, TB extends keyof DB, O>(
  select: SelectQueryBuilder<DB, TB, O>,
  page: { cursor?: string; limit: number },
  sort: { key: SortColumn<DB, TB>; id: SortColumn<DB, TB>; dir?: "asc" | "desc" },
): SelectQueryBuilder<DB, TB, O> {
  const dir = sort.dir ?? "asc";
  const key = asExpression(sort.key);
  const id = asExpression(sort.id);
  const after = decodeCursor(page.cursor, 2);
  const filtered = after ? select.where(afterKeyset(key, id, after, dir)) : select;
  return filtered
    .orderBy(key, dir)
    .orderBy(id, dir)
    .limit(page.limit + 1);
}
