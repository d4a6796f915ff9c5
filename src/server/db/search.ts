import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";

/** A LIKE pattern for "contains": wildcards in the text escaped, so "50%" means the text "50%". */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Case-insensitive "contains" on both engines: `lower()` is Unicode-aware on both (see connect.ts),
 * LIKE wildcards in the text are escaped so "50%" means the text "50%", and the escape character is
 * declared — SQLite has none by default, PostgreSQL uses backslash.
 */
export function containsText(column: Expression<string>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${column}) like ${containsPattern(text)} escape '\\'`;
}

/**
 * "Contains" on a column stored lower-cased (a search text): the same answer as `containsText`
 * without calling `lower()` per row — on SQLite that is a JavaScript function, and over 100,000 rows
 * the calls were most of a search that matches nothing.
 */
export function containsLowered(column: Expression<string>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${containsPattern(text)} escape '\\'`;
}
