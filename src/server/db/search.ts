import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";

/**
 * Case-insensitive "contains" on both engines: `lower()` is Unicode-aware on both (see connect.ts),
 * LIKE wildcards in the text are escaped so "50%" means the text "50%", and the escape character is
 * declared — SQLite has none by default, PostgreSQL uses backslash.
 */
export function containsText(column: Expression<string>, text: string): RawBuilder<SqlBool> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}
