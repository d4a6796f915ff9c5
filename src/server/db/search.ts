import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";

/** A LIKE pattern for "contains": wildcards in the text escaped, so "50%" means the text "50%". */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * German spellings folded alike, in this order on both sides of a comparison: ä/ö/ü → a/o/u, ß → ss,
 * then the transliterations ae/oe/ue → a/o/u — so "mueller" finds "Müller" and "strasse" "Straße".
 */
const GERMAN: [string, string][] = [
  ["ä", "a"],
  ["ö", "o"],
  ["ü", "u"],
  ["ß", "ss"],
  ["ae", "a"],
  ["oe", "o"],
  ["ue", "u"],
];
const foldGerman = (lowered: string) =>
  GERMAN.reduce((text, [from, to]) => text.replaceAll(from, to), lowered);
const foldGermanSql = (lowered: RawBuilder<string>) =>
  GERMAN.reduce(
    (text, [from, to]) => sql<string>`replace(${text}, ${sql.lit(from)}, ${sql.lit(to)})`,
    lowered,
  );

/**
 * Case-insensitive "contains" on both engines, with German transliterations matching umlauts:
 * `lower()` is Unicode-aware on both (see connect.ts), LIKE wildcards in the text are escaped so "50%"
 * means the text "50%", and the escape character is declared — SQLite has none by default,
 * PostgreSQL uses backslash. For small tables (people, products) and one- or two-letter queries;
 * larger searches use the stemmed index (platform/search/textIndex.ts).
 */
export function containsText(column: Expression<string>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${foldGermanSql(sql<string>`lower(${column})`)} like ${containsPattern(foldGerman(text.toLowerCase()))} escape '\\'`;
}

/**
 * "Contains" on a column stored lower-cased (a search text): the same answer as `containsText`
 * without calling `lower()` per row — on SQLite that is a JavaScript function, and over 100,000 rows
 * the calls were most of a search that matches nothing.
 */
export function containsLowered(column: Expression<string>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${containsPattern(text)} escape '\\'`;
}
