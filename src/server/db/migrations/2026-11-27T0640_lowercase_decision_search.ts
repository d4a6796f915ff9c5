import { type Kysely, sql } from "kysely";

/**
 * The decision log's search text is stored lower-cased (decisions/proposals.ts `searchTextOf`), so a
 * search compares it as it is instead of calling `lower()` on every row. Existing rows follow here;
 * on SQLite `lower()` is the Unicode-aware function connect.ts registers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update "proposal" set "searchText" = lower("searchText")`.execute(db);
}

/** Lower-cased text is still a valid search text for the earlier code: nothing to undo. */
export async function down(): Promise<void> {}
