/**
 * The open decision log: every decided or passed proposal in the organisation, newest decision
 * first, searchable and filterable, with the decisions whose review date has come (law §5: a
 * public decision log; law §10: an outcome review after the decision).
 */
import { sql } from "kysely";
import type { Page } from "../../../shared/common.ts";
import type { Impact, ProposalKind } from "../../../shared/decisions/kinds.ts";
import type { DecisionLogItem, DecisionLogQuery } from "../../../shared/decisions/log.ts";
import type { ProposalSummary } from "../../../shared/decisions/proposals.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import type { ProposalTable } from "../../db/schema.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import { containsLowered } from "../../db/search.ts";
import { queryPatterns } from "../../platform/search/text.ts";
import { matchesSearch } from "../../platform/search/textIndex.ts";
import { linksOf } from "./links.ts";
import { toSummaries } from "./proposalQueries.ts";
import { PROPOSAL_SEARCH } from "./search.ts";
import { orgClock } from "./settings.ts";
import { addDays, localDate, startOfLocalDay } from "./time.ts";

async function toLogItems(db: Tx, orgId: string, rows: ProposalTable[]): Promise<DecisionLogItem[]> {
  const personIds = [...new Set(rows.map((r) => r.deciderId))];
  const cellIds = [...new Set(rows.map((r) => r.cellId).filter((id): id is string => id !== null))];
  const [people, cells, links] = await Promise.all([
    personIds.length
      ? selectInOrg(db, "person", orgId).select(["id", "name"]).where("id", "in", personIds).execute()
      : [],
    cellIds.length
      ? selectInOrg(db, "cell", orgId).select(["id", "name"]).where("id", "in", cellIds).execute()
      : [],
    linksOf(
      db,
      orgId,
      rows.map((r) => r.id),
    ),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const cell = new Map(cells.map((c) => [c.id, c]));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as ProposalKind,
    status: row.status as "decided" | "passed",
    title: row.title,
    problem: row.problem,
    decision: row.decision ?? "",
    adviceUse: row.adviceUse ?? "",
    impact: row.impact as Impact,
    cell: (row.cellId && cell.get(row.cellId)) || null,
    decider: person.get(row.deciderId) ?? { id: row.deciderId, name: "" },
    decidedAt: row.decidedAt ?? "",
    links: links.get(row.id) ?? [],
    adviceCount: row.adviceCount,
    rounds: row.currentRound,
    reviewDate: row.reviewDate,
    reviewed: row.reviewedAt !== null,
  }));
}

export async function searchDecisionLog(
  db: Tx,
  orgId: string,
  query: DecisionLogQuery,
): Promise<Page<DecisionLogItem>> {
  const clock = query.from || query.to ? await orgClock(db, orgId) : null;
  // Only decided and passed proposals have a decision time. The page's ids come first, from the
  // log's indexes alone (on SQLite they carry the search text), newest first, stopping after one
  // page of matches; then the rows of that page.
  let q = selectInOrg(db, "proposal", orgId)
    .select(["proposal.id", "proposal.decidedAt"])
    .where("proposal.decidedAt", "is not", null);
  if (query.kind) q = q.where("proposal.kind", "=", query.kind);
  if (query.cellId) q = q.where("proposal.cellId", "=", query.cellId);
  if (query.linkType && query.linkId) {
    const { linkType, linkId } = query;
    q = q.where("proposal.id", "in", (eb) =>
      eb
        .selectFrom("proposalLink")
        .select("proposalLink.proposalId")
        .where(inOrg(orgId, "proposalLink"))
        .where("proposalLink.type", "=", linkType)
        .where("proposalLink.targetId", "=", linkId),
    );
  }
  if (clock && query.from)
    q = q.where("proposal.decidedAt", ">=", startOfLocalDay(query.from, clock.timeZone).toISOString());
  if (clock && query.to)
    q = q.where(
      "proposal.decidedAt",
      "<",
      startOfLocalDay(addDays(query.to, 1), clock.timeZone).toISOString(),
    );
  if (query.q) {
    // Stems with transliterations, through the search index; a query of only one- and two-letter
    // words cannot use the trigram index and compares the lower-cased search text instead.
    const patterns = queryPatterns(query.q);
    q = q.where(
      patterns.length
        ? matchesSearch(db, PROPOSAL_SEARCH, sql.ref("proposal.id"), orgId, patterns)
        : containsLowered(sql.ref("proposal.searchText"), query.q),
    );
  }
  const keys = await keysetQuery(q, query, {
    key: "proposal.decidedAt",
    id: "proposal.id",
    dir: "desc",
  }).execute();
  const page = toPage(
    keys,
    query.limit,
    (k) => k.id,
    (k) => [k.decidedAt ?? "", k.id],
  );
  // By primary key alone: with the organisation in the WHERE clause SQLite's planner (without
  // statistics) walks the organisation's index over every proposal instead (50 ms at 100,000). The
  // ids come from the organisation's query above, and each row's orgId is checked again here.
  const rows = page.items.length
    ? await db.selectFrom("proposal").selectAll().where("id", "in", page.items).execute()
    : [];
  const byId = new Map(rows.filter((r) => r.orgId === orgId).map((r) => [r.id, r]));
  const ordered = page.items.map((id) => byId.get(id)).filter((r): r is ProposalTable => r !== undefined);
  return { items: await toLogItems(db, orgId, ordered), nextCursor: page.nextCursor };
}

/** Decisions whose review date has come in the organisation's time zone and that are not reviewed yet. */
export async function reviewsDue(
  db: Tx,
  orgId: string,
  query: { cursor?: string; limit: number },
  now: Date,
): Promise<Page<ProposalSummary>> {
  const today = localDate(now, (await orgClock(db, orgId)).timeZone);
  const q = selectInOrg(db, "proposal", orgId)
    .selectAll("proposal")
    .where("proposal.reviewedAt", "is", null)
    .where("proposal.reviewDate", "<=", today)
    .where("proposal.decidedAt", "is not", null);
  const rows = await keysetQuery(q, query, { key: "proposal.reviewDate", id: "proposal.id" }).execute();
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.reviewDate ?? "", r.id],
  );
  return { items: await toSummaries(db, orgId, page.items, now), nextCursor: page.nextCursor };
}
