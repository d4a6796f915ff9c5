/**
 * One query interface for the library's full-text search on both engines. Documents (entries and
 * questions with their answers) are written to `librarySearch` with their stems (searchText.ts);
 * `findDocuments` answers a query newest first, keyset-paginated by `seq`.
 *
 * SQLite: the FTS5 trigram index (`librarySearchFts`) finds the documents whose stems contain every
 * query group; walked in rowid order, newest first, it stops after one page, and the filters are
 * checked on the joined row. PostgreSQL: `like '%stem%'` on the same column, served by the GIN
 * trigram index. The engine difference is confined to `matchCondition` below; nothing here is
 * specific to the library but the table and its filters; accounts, contacts, deals and the decision
 * log search through the general form of it (platform/search/textIndex.ts).
 */
import { PostgresAdapter, type SqlBool, sql } from "kysely";
import { decodeCursor, encodeCursor } from "../../db/pagination.ts";
import { inOrg, orgIs, type Tx } from "../../db/scope.ts";
import { documentStems, plainText } from "../../platform/search/text.ts";
import { ftsQuery, likePattern } from "../../platform/search/textIndex.ts";

export type SearchDocument = {
  orgId: string;
  docType: "entry" | "question";
  docId: string;
  kind: string | null;
  cellId: string | null;
  tags: string[];
  createdAt: string;
  title: string;
  /** Markdown texts; their words are indexed and shown in snippets. */
  texts: string[];
};

export const tagsKey = (tags: string[]) => `|${tags.map((t) => t.toLowerCase()).join("|")}|`;

/** The search row of a document (also written in bulk by the demo generator). */
export function indexRow(doc: SearchDocument) {
  const plain = doc.texts.map(plainText).join("\n");
  return {
    orgId: doc.orgId,
    docType: doc.docType,
    docId: doc.docId,
    kind: doc.kind,
    cellId: doc.cellId,
    tags: tagsKey(doc.tags),
    createdAt: doc.createdAt,
    title: doc.title,
    plain,
    stems: documentStems(doc.title, plain, doc.tags.join(" ")),
  };
}

/**
 * Writes (or replaces) a document. Replacing gives it a new `seq`: a changed document sorts as new.
 * Call inside the transaction that changed the document.
 */
export async function indexDocument(db: Tx, doc: SearchDocument): Promise<void> {
  await db.deleteFrom("librarySearch").where("docId", "=", doc.docId).where(inOrg(doc.orgId)).execute();
  await db.insertInto("librarySearch").values(indexRow(doc)).execute();
}

export type DocumentFilter = {
  docType?: "entry" | "question";
  kind?: string;
  tag?: string;
  cellId?: string;
  /** Inclusive ISO instants on the document's creation. */
  fromAt?: string;
  beforeAt?: string;
};

export type FoundDocument = {
  seq: number;
  docType: string;
  docId: string;
  kind: string | null;
  cellId: string | null;
  title: string;
  plain: string;
  createdAt: string;
};

const isPostgres = (db: Tx) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function findDocuments(
  db: Tx,
  orgId: string,
  patterns: string[][],
  filter: DocumentFilter,
  page: { cursor?: string; limit: number },
): Promise<{ rows: FoundDocument[]; nextCursor: string | null }> {
  const after = decodeCursor(page.cursor, 1);
  const conditions = [sql<SqlBool>`${orgIs(orgId, "s")}`];
  if (filter.docType) conditions.push(sql`s."docType" = ${filter.docType}`);
  if (filter.kind) conditions.push(sql`s."kind" = ${filter.kind}`);
  if (filter.cellId) conditions.push(sql`s."cellId" = ${filter.cellId}`);
  if (filter.tag) conditions.push(sql`s."tags" like ${likePattern(tagsKey([filter.tag]))} escape '\\'`);
  if (filter.fromAt) conditions.push(sql`s."createdAt" >= ${filter.fromAt}`);
  if (filter.beforeAt) conditions.push(sql`s."createdAt" < ${filter.beforeAt}`);
  if (after) conditions.push(sql`s."seq" < ${Number(after[0])}`);

  const columns = sql`s."seq", s."docType", s."docId", s."kind", s."cellId", s."title", s."plain", s."createdAt"`;
  const limit = page.limit + 1;
  let query: ReturnType<typeof sql<FoundDocument>>;
  if (!patterns.length) {
    query = sql<FoundDocument>`select ${columns} from "librarySearch" s
      where ${sql.join(conditions, sql` and `)} order by s."seq" desc limit ${limit}`;
  } else if (isPostgres(db)) {
    for (const group of patterns)
      conditions.push(
        sql`(${sql.join(
          group.map((stem) => sql`s."stems" like ${likePattern(stem)} escape '\\'`),
          sql` or `,
        )})`,
      );
    query = sql<FoundDocument>`select ${columns} from "librarySearch" s
      where ${sql.join(conditions, sql` and `)} order by s."seq" desc limit ${limit}`;
  } else {
    // CROSS JOIN keeps the FTS index as the outer loop: rows come newest first from the index and the
    // scan ends once a page of them passed the filters.
    if (after) conditions.push(sql`f.rowid < ${Number(after[0])}`);
    query = sql<FoundDocument>`select ${columns} from "librarySearchFts" f
      cross join "librarySearch" s on s."seq" = f.rowid
      where "librarySearchFts" match ${ftsQuery(patterns)} and ${sql.join(conditions, sql` and `)}
      order by f.rowid desc limit ${limit}`;
  }
  const rows = (await query.execute(db)).rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  return {
    rows: pageRows,
    nextCursor: more ? encodeCursor([pageRows[pageRows.length - 1].seq]) : null,
  };
}
