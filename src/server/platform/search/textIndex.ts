/**
 * Indexed text search over a module's table, the same on both engines: each searched row has a row
 * in `<table>Search` holding its words as stems (text.ts), written by the module in the transaction
 * that writes the row (`indexRows`); a query becomes an id condition (`matchesSearch`) that the
 * module's list query adds to its own filters, order and keyset.
 *
 * SQLite: the FTS5 trigram index (`<table>SearchFts`) finds the rows whose stems contain every query
 * group. PostgreSQL: `like '%stem%'` on `stems`, served by the GIN trigram index. The engine difference
 * stays in this file (and in the library's own search table, which shares `ftsQuery`/`likePattern`).
 * Migration 2026-12-02T2240 made the tables; `searchReindex` lists tables whose rows predate it.
 */
import {
  type ColumnType,
  type Expression,
  type Kysely,
  PostgresAdapter,
  type RawBuilder,
  type SqlBool,
  sql,
} from "kysely";
import type { Database } from "../../db/schema.ts";
import { inOrg, orgIs, type Tx } from "../../db/scope.ts";
import { documentStems } from "./text.ts";

export type SearchedTable = "account" | "contact" | "deal" | "proposal";

export interface SearchTable {
  seq: ColumnType<number, never, never>;
  orgId: string;
  docId: string;
  stems: string;
}

declare module "../../db/schema.ts" {
  interface Database {
    accountSearch: SearchTable;
    contactSearch: SearchTable;
    dealSearch: SearchTable;
    proposalSearch: SearchTable;
    searchReindex: { tableName: string };
  }
}

/** What a module searches in one of its tables: the text columns whose words are indexed. */
export type SearchSource = {
  [T in SearchedTable]: { table: T; columns: readonly (keyof Database[T] & string)[] };
}[SearchedTable];

type SourceRow = { id: string; orgId: string } & Record<string, unknown>;

/** The search row of a table row (also what bulk writers such as the demo generator insert). */
export function searchRowOf(source: SearchSource, row: SourceRow) {
  const texts = source.columns.map((c) => row[c]).filter((v): v is string => typeof v === "string");
  return { orgId: row.orgId, docId: row.id, stems: documentStems(...texts) };
}

const searchTable = (table: SearchedTable) => `${table}Search` as const;
// Rows per statement: three bound values each, far below SQLite's 32,766 and PostgreSQL's 65,535.
const CHUNK = 500;

/**
 * (Re)writes the search rows of the given rows of `source.table`, read back by id, so whichever write
 * path changed them (a form, an import, an update of a duplicate) indexes the same text. Call inside
 * the transaction that wrote the rows; ids of deleted rows are simply skipped (their search rows went
 * with them by foreign key).
 */
export async function indexRows(db: Tx, source: SearchSource, orgId: string, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = (await db
      .selectFrom(source.table)
      .select(["id", "orgId", ...source.columns] as never)
      .where(inOrg(orgId))
      .where("id", "in", chunk)
      .execute()) as unknown as SourceRow[];
    await writeSearchRows(
      db,
      source.table,
      chunk,
      rows.map((row) => searchRowOf(source, row)),
    );
  }
}

async function writeSearchRows(
  db: Tx,
  table: SearchedTable,
  ids: readonly string[],
  rows: ReturnType<typeof searchRowOf>[],
) {
  const name = searchTable(table);
  if (ids.length) await db.deleteFrom(name).where("docId", "in", ids).execute();
  if (rows.length) await db.insertInto(name).values(rows).execute();
}

/**
 * Indexes every row of a table (of one organisation, or all), a page of ids at a time: the demo
 * generator after its bulk writes, and `reindexPending` for rows older than the search tables.
 */
export async function indexAll(db: Tx, source: SearchSource, orgId?: string): Promise<number> {
  let after = "";
  let count = 0;
  for (;;) {
    let query = db
      .selectFrom(source.table)
      .select(["id", "orgId", ...source.columns] as never)
      .where("id", ">", after);
    if (orgId) query = query.where(inOrg(orgId));
    const rows = (await query.orderBy("id").limit(CHUNK).execute()) as unknown as SourceRow[];
    if (!rows.length) return count;
    await writeSearchRows(
      db,
      source.table,
      rows.map((r) => r.id),
      rows.map((row) => searchRowOf(source, row)),
    );
    count += rows.length;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Indexes the tables the search migration found with rows in them, each in its own transaction that
 * first crosses the table off: on PostgreSQL a second instance starting at the same time waits on that
 * row and then finds nothing left to do. Runs after migrating; a no-op once done.
 */
export async function reindexPending(db: Kysely<Database>, sources: readonly SearchSource[]) {
  const pending = await db.selectFrom("searchReindex").select("tableName").execute();
  for (const { tableName } of pending) {
    const source = sources.find((s) => s.table === tableName);
    if (!source) continue;
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .deleteFrom("searchReindex")
        .where("tableName", "=", tableName)
        .executeTakeFirst();
      if (Number(claimed.numDeletedRows) === 1) await indexAll(trx, source);
    });
  }
}

const isPostgres = (db: Tx) => db.getExecutor().adapter instanceof PostgresAdapter;

/** FTS5 query syntax: each stem a quoted string, alternatives OR-ed, groups AND-ed. */
export const ftsQuery = (patterns: string[][]) =>
  patterns.map((group) => `(${group.map((p) => `"${p.replace(/"/g, '""')}"`).join(" OR ")})`).join(" AND ");

/** LIKE "contains" with the wildcards in the text escaped (declare `escape '\\'`). */
export const likePattern = (stem: string) => `%${stem.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The ids (`docId`) of the organisation's rows whose stems match every query group, as a subquery,
 * for `patterns` from `queryPatterns` (not empty). Join it to the searched table on its primary key
 * (on SQLite, `id in (…)` over a second table made the planner walk that table's organisation index).
 */
export function searchHits(
  db: Tx,
  source: SearchSource,
  orgId: string,
  patterns: string[][],
): RawBuilder<unknown> {
  const table = sql.table(searchTable(source.table));
  if (isPostgres(db)) {
    const groups = patterns.map(
      (group) =>
        sql`(${sql.join(
          group.map((stem) => sql`s."stems" like ${likePattern(stem)} escape '\\'`),
          sql` or `,
        )})`,
    );
    return sql`select s."docId" from ${table} s where ${orgIs(orgId, "s")} and ${sql.join(groups, sql` and `)}`;
  }
  const fts = sql.table(`${searchTable(source.table)}Fts`);
  return sql`select s."docId" from ${fts} join ${table} s on s."seq" = ${fts}.rowid
    where ${fts} match ${ftsQuery(patterns)} and ${orgIs(orgId, "s")}`;
}

/** `id in (searchHits)`: the caller keeps its own filters, order and keyset. */
export function matchesSearch(
  db: Tx,
  source: SearchSource,
  id: Expression<string>,
  orgId: string,
  patterns: string[][],
): RawBuilder<SqlBool> {
  return sql<SqlBool>`${id} in (${searchHits(db, source, orgId, patterns)})`;
}
