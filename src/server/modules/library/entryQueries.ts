/** Reads of learning entries shaped for the pages: one entry, and a cell's entries due for review. */
import type { Page } from "../../../shared/common.ts";
import type { Entry, EntryKind, EntrySummary } from "../../../shared/library.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { linksOfEntry, loadLearning } from "./entries.ts";
import { renderMarkdown } from "./markdown.ts";
import { mayReview } from "./policy.ts";
import { cellsByIds, labelLinks, parseList, peopleByIds, refOf } from "./references.ts";

export const isOutdated = (row: { careCellId: string | null; reviewDueAt: string | null }, now: Date) =>
  row.careCellId !== null && row.reviewDueAt !== null && row.reviewDueAt <= now.toISOString();

export async function getEntry(db: Tx, auth: AuthContext, id: string, now: Date): Promise<Entry> {
  const orgId = auth.orgId;
  const row = await loadLearning(db, orgId, id);
  const authorIds = parseList(row.authorIds);
  const [people, cells, links, helped, experiment, canReview] = await Promise.all([
    peopleByIds(db, orgId, authorIds),
    cellsByIds(db, orgId, row.careCellId ? [row.careCellId] : []),
    linksOfEntry(db, orgId, id).then((l) => labelLinks(db, orgId, l)),
    selectInOrg(db, "learningHelped", orgId)
      .select("personId")
      .where("learningId", "=", id)
      .where("personId", "=", auth.person.id)
      .executeTakeFirst(),
    selectInOrg(db, "libraryExperiment", orgId).select("id").where("learningId", "=", id).executeTakeFirst(),
    mayReview(db, auth, row.careCellId),
  ]);
  return {
    id: row.id,
    kind: row.kind as EntryKind,
    title: row.title,
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
    tags: parseList(row.tags),
    links,
    authors: authorIds.flatMap((a) => people.get(a) ?? []),
    careCell: refOf(cells, row.careCellId),
    reviewIntervalDays: row.reviewIntervalDays,
    reviewDueAt: row.careCellId ? row.reviewDueAt : null,
    reviewedAt: row.reviewedAt,
    outdated: isOutdated(row, now),
    helpedCount: row.helpedCount,
    helpedByMe: Boolean(helped),
    canReview,
    experimentId: experiment?.id ?? null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt ?? row.createdAt,
    version: row.version,
  };
}

/** The cell's entries whose review date has come, the longest overdue first. */
export async function listReviewDue(
  db: Tx,
  orgId: string,
  query: { cellId?: string; cursor?: string; limit: number },
  now: Date,
): Promise<Page<EntrySummary>> {
  let q = selectInOrg(db, "learning", orgId)
    .select([
      "id",
      "kind",
      "title",
      "tags",
      "careCellId",
      "reviewDueAt",
      "helpedCount",
      "updatedAt",
      "createdAt",
    ])
    .where("careCellId", "is not", null)
    .where("reviewDueAt", "<=", now.toISOString());
  if (query.cellId) q = q.where("careCellId", "=", query.cellId);
  const rows = await keysetQuery(q, query, { key: "reviewDueAt", id: "id" }).execute();
  const cells = await cellsByIds(
    db,
    orgId,
    rows.flatMap((r) => (r.careCellId ? [r.careCellId] : [])),
  );
  return toPage(
    rows,
    query.limit,
    (r) => ({
      id: r.id,
      kind: r.kind as EntryKind,
      title: r.title,
      tags: parseList(r.tags),
      careCell: refOf(cells, r.careCellId),
      reviewDueAt: r.reviewDueAt,
      outdated: isOutdated(r, now),
      helpedCount: r.helpedCount,
      updatedAt: r.updatedAt ?? r.createdAt,
    }),
    (r) => [r.reviewDueAt ?? "", r.id],
  );
}

/**
 * The learnings linked to an account or a deal, newest first — what the account's and the deal's
 * pages show. The caller checks that the account or deal is in the organisation (404 otherwise).
 */
export async function listLinkedEntries(
  db: Tx,
  orgId: string,
  target: { type: "account" | "deal"; id: string },
  query: { cursor?: string; limit: number },
  now: Date,
): Promise<Page<EntrySummary>> {
  const q = selectInOrg(db, "learning", orgId)
    .innerJoin("learningLink", "learningLink.learningId", "learning.id")
    .select([
      "learning.id",
      "learning.kind",
      "learning.title",
      "learning.tags",
      "learning.careCellId",
      "learning.reviewDueAt",
      "learning.helpedCount",
      "learning.updatedAt",
      "learning.createdAt",
    ])
    .where(inOrg(orgId, "learningLink"))
    .where("learningLink.type", "=", target.type)
    .where("learningLink.targetId", "=", target.id);
  const rows = await keysetQuery(q, query, {
    key: "learning.createdAt",
    id: "learning.id",
    dir: "desc",
  }).execute();
  const cells = await cellsByIds(
    db,
    orgId,
    rows.flatMap((r) => (r.careCellId ? [r.careCellId] : [])),
  );
  return toPage(
    rows,
    query.limit,
    (r) => ({
      id: r.id,
      kind: r.kind as EntryKind,
      title: r.title,
      tags: parseList(r.tags),
      careCell: refOf(cells, r.careCellId),
      reviewDueAt: r.careCellId ? r.reviewDueAt : null,
      outdated: isOutdated(r, now),
      helpedCount: r.helpedCount,
      updatedAt: r.updatedAt ?? r.createdAt,
    }),
    (r) => [r.createdAt, r.id],
  );
}
