/**
 * The library search: entries and questions (with their answers) in German and English, whatever
 * the word's ending, compounds included; newest first; snippets with the matching words marked.
 */
import type { EntryKind, SearchPage, SearchQuery } from "../../../shared/library.ts";
import type { Tx } from "../../db/scope.ts";
import { highlight, queryPatterns, snippet } from "../../platform/search/text.ts";
import { isOutdated } from "./entryQueries.ts";
import { cellsByIds, parseList, refOf } from "./references.ts";
import { findDocuments } from "./searchIndex.ts";

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

export async function searchLibrary(
  db: Tx,
  orgId: string,
  query: SearchQuery,
  now: Date,
): Promise<SearchPage> {
  const patterns = queryPatterns(query.q ?? "");
  // Only words too short to search for: nothing can match them.
  if (!patterns.length && (query.q ?? "").trim() !== "" && /[\p{L}\p{N}]/u.test(query.q ?? ""))
    return { items: [], nextCursor: null };
  const found = await findDocuments(
    db,
    orgId,
    patterns,
    {
      docType: query.kind ? "entry" : query.type,
      kind: query.kind,
      tag: query.tag,
      cellId: query.cellId,
      fromAt: query.from ? `${query.from}T00:00:00.000Z` : undefined,
      beforeAt: query.to ? nextDay(query.to) : undefined,
    },
    { cursor: query.cursor, limit: query.limit },
  );
  const entryIds = found.rows.filter((r) => r.docType === "entry").map((r) => r.docId);
  const questionIds = found.rows.filter((r) => r.docType === "question").map((r) => r.docId);
  const [entries, questions, cells] = await Promise.all([
    entryIds.length
      ? db
          .selectFrom("learning")
          .select(["id", "orgId", "tags", "careCellId", "reviewDueAt", "helpedCount"])
          .where("id", "in", entryIds)
          .execute()
      : [],
    questionIds.length
      ? db
          .selectFrom("libraryQuestion")
          .select(["id", "orgId", "tags", "answerCount"])
          .where("id", "in", questionIds)
          .execute()
      : [],
    cellsByIds(
      db,
      orgId,
      found.rows.flatMap((r) => (r.cellId ? [r.cellId] : [])),
    ),
  ]);
  // By primary key alone: with the organisation in the WHERE clause SQLite's planner (no statistics)
  // walks the organisation's index over every entry (15 ms at 50,000). The ids come from the
  // organisation's search above, and each row's orgId is checked again here.
  const entry = new Map(entries.filter((e) => e.orgId === orgId).map((e) => [e.id, e]));
  const question = new Map(questions.filter((q) => q.orgId === orgId).map((q) => [q.id, q]));
  return {
    items: found.rows.map((row) => {
      const e = entry.get(row.docId);
      const q = question.get(row.docId);
      return {
        type: row.docType as "entry" | "question",
        id: row.docId,
        kind: (row.kind as EntryKind | null) ?? null,
        title: highlight(row.title, patterns),
        snippet: snippet(row.plain, patterns),
        tags: parseList(e?.tags ?? q?.tags ?? "[]"),
        cell: refOf(cells, row.cellId),
        outdated: e ? isOutdated(e, now) : false,
        count: e?.helpedCount ?? q?.answerCount ?? 0,
        createdAt: row.createdAt,
      };
    }),
    nextCursor: found.nextCursor,
  };
}
