/**
 * Reads of proposals: the full read model with rounds, asked people and the caller's abilities; the
 * list of proposals (filtered by status, kind, link, "mine"); and advice suggestions.
 */
import type { Page } from "../../../shared/common.ts";
import type { ConsentEntryKind, ConsentPhase, ConsentRound } from "../../../shared/decisions/consent.ts";
import type { Impact, ProposalKind, ProposalStatus } from "../../../shared/decisions/kinds.ts";
import type {
  Proposal,
  ProposalListQuery,
  ProposalSummary,
  Suggestions,
} from "../../../shared/decisions/proposals.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import type { ProposalTable } from "../../db/schema.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { affectedCellIds, linksOf } from "./links.ts";
import { abilitiesOf, windowOpen } from "./policy.ts";
import { loadProposal, membersOfCells } from "./state.ts";

type Ref = { id: string; name: string };

async function names(db: Tx, orgId: string, table: "person" | "cell", ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = wanted.length
    ? await selectInOrg(db, table, orgId).select(["id", "name"]).where("id", "in", wanted).execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (id: string | null): Ref | null => (id ? (byId.get(id) ?? null) : null);
}

const refOrUnknown = (ref: Ref | null, id: string): Ref => ref ?? { id, name: "" };

async function roundsOf(db: Tx, orgId: string, proposalId: string): Promise<ConsentRound[]> {
  const [rounds, entries] = await Promise.all([
    selectInOrg(db, "consentRound", orgId)
      .selectAll()
      .where("proposalId", "=", proposalId)
      .orderBy("number")
      .execute(),
    selectInOrg(db, "consentEntry", orgId)
      .innerJoin("person", "person.id", "consentEntry.authorId")
      .select([
        "consentEntry.id",
        "consentEntry.round",
        "consentEntry.kind",
        "consentEntry.body",
        "consentEntry.standing",
        "consentEntry.createdAt",
        "person.id as authorId",
        "person.name as authorName",
      ])
      .where("consentEntry.proposalId", "=", proposalId)
      .orderBy("consentEntry.createdAt")
      .orderBy("consentEntry.id")
      .execute(),
  ]);
  return rounds.map((round) => {
    const own = entries.filter((e) => e.round === round.number);
    const standing = (kind: string) => own.filter((e) => e.kind === kind && e.standing === 1).length;
    return {
      number: round.number,
      phase: round.phase as ConsentPhase,
      title: round.title,
      proposal: round.proposal,
      guardrailChange: round.guardrailChange ? JSON.parse(round.guardrailChange) : null,
      amendNote: round.amendNote,
      startedAt: round.startedAt,
      entries: own.map((e) => ({
        id: e.id,
        round: e.round,
        kind: e.kind as ConsentEntryKind,
        body: e.body,
        author: { id: e.authorId, name: e.authorName },
        standing: e.standing === 1,
        createdAt: e.createdAt,
      })),
      objections: standing("objection"),
      consents: standing("consent"),
    };
  });
}

export async function getProposal(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  now: Date,
): Promise<Proposal> {
  const { row, state, askedPeople, askedCells } = await loadProposal(db, auth.orgId, proposalId);
  const [person, cell, links, rounds] = await Promise.all([
    names(db, auth.orgId, "person", [
      row.proposerId,
      row.deciderId,
      row.deciderRequestedId,
      row.decidedById,
      row.reviewedById,
    ]),
    names(db, auth.orgId, "cell", [row.cellId]),
    linksOf(db, auth.orgId, [row.id]),
    row.kind === "consent" ? roundsOf(db, auth.orgId, row.id) : [],
  ]);
  return {
    id: row.id,
    kind: row.kind as ProposalKind,
    status: row.status as ProposalStatus,
    title: row.title,
    problem: row.problem,
    proposal: row.proposal,
    impact: row.impact as Impact,
    cell: cell(row.cellId),
    proposer: refOrUnknown(person(row.proposerId), row.proposerId),
    decider: refOrUnknown(person(row.deciderId), row.deciderId),
    deciderRequested: person(row.deciderRequestedId),
    adviceWindowClosesAt: row.adviceWindowClosesAt,
    windowOpen: windowOpen(state, now),
    allAnswered: state.allAnswered,
    asked: { people: askedPeople, cells: askedCells },
    adviceCount: row.adviceCount,
    links: links.get(row.id) ?? [],
    guardrailChange: row.guardrailChange ? JSON.parse(row.guardrailChange) : null,
    rounds,
    decision:
      row.decidedAt && row.decidedById
        ? {
            decision: row.decision ?? "",
            adviceUse: row.adviceUse ?? "",
            decidedAt: row.decidedAt,
            decidedBy: refOrUnknown(person(row.decidedById), row.decidedById),
          }
        : null,
    reviewDate: row.reviewDate,
    outcomeReview:
      row.reviewedAt && row.reviewedById
        ? {
            whatHappened: row.whatHappened ?? "",
            whatWeLearned: row.whatWeLearned ?? "",
            reviewedAt: row.reviewedAt,
            reviewedBy: refOrUnknown(person(row.reviewedById), row.reviewedById),
          }
        : null,
    abilities: abilitiesOf(state, auth.person.id, now),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** List rows of many proposals: names and links fetched once per page. */
export async function toSummaries(
  db: Tx,
  orgId: string,
  rows: ProposalTable[],
  now: Date,
): Promise<ProposalSummary[]> {
  const [person, cell, links] = await Promise.all([
    names(
      db,
      orgId,
      "person",
      rows.map((r) => r.deciderId),
    ),
    names(
      db,
      orgId,
      "cell",
      rows.map((r) => r.cellId),
    ),
    linksOf(
      db,
      orgId,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as ProposalKind,
    status: row.status as ProposalStatus,
    title: row.title,
    impact: row.impact as Impact,
    cell: cell(row.cellId),
    decider: refOrUnknown(person(row.deciderId), row.deciderId),
    adviceWindowClosesAt: row.adviceWindowClosesAt,
    windowOpen: now.getTime() < Date.parse(row.adviceWindowClosesAt),
    adviceCount: row.adviceCount,
    links: links.get(row.id) ?? [],
    reviewDate: row.reviewDate,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

export async function listProposals(
  db: Tx,
  auth: AuthContext,
  query: ProposalListQuery,
  now: Date,
): Promise<Page<ProposalSummary>> {
  let q = selectInOrg(db, "proposal", auth.orgId).selectAll("proposal");
  if (query.status) q = q.where("proposal.status", "=", query.status);
  if (query.kind) q = q.where("proposal.kind", "=", query.kind);
  if (query.linkType && query.linkId) {
    const { linkType, linkId } = query;
    q = q.where("proposal.id", "in", (eb) =>
      eb
        .selectFrom("proposalLink")
        .select("proposalLink.proposalId")
        .where(inOrg(auth.orgId, "proposalLink"))
        .where("proposalLink.type", "=", linkType)
        .where("proposalLink.targetId", "=", linkId),
    );
  }
  if (query.mine) {
    const me = auth.person.id;
    q = q.where((eb) =>
      eb.or([
        eb("proposal.deciderId", "=", me),
        eb("proposal.proposerId", "=", me),
        eb("proposal.deciderRequestedId", "=", me),
        eb(
          "proposal.id",
          "in",
          eb
            .selectFrom("proposalAskedPerson")
            .select("proposalAskedPerson.proposalId")
            .where("personId", "=", me),
        ),
      ]),
    );
  }
  const rows = await keysetQuery(q, query, {
    key: "proposal.createdAt",
    id: "proposal.id",
    dir: "desc",
  }).execute();
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.createdAt, r.id],
  );
  return { items: await toSummaries(db, auth.orgId, page.items, now), nextCursor: page.nextCursor };
}

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4);

/**
 * Whom to ask: the members of the cells the proposal touches (those affected) and people whose
 * skills share a word with the title (those who know). The decider chooses; nobody is asked unseen.
 */
export async function suggestAdvisers(db: Tx, auth: AuthContext, proposalId: string): Promise<Suggestions> {
  const { row } = await loadProposal(db, auth.orgId, proposalId);
  const cellIds = await affectedCellIds(db, auth.orgId, proposalId);
  const cellName = await names(db, auth.orgId, "cell", cellIds);
  const members = await membersOfCells(db, auth.orgId, cellIds);
  const people = await selectInOrg(db, "person", auth.orgId)
    .select(["id", "name", "skills"])
    .orderBy("name")
    .execute();
  const title = new Set(wordsOf(row.title));
  const reasons = new Map<string, string[]>();
  const add = (personId: string, reason: string) =>
    reasons.set(personId, [...(reasons.get(personId) ?? []), reason]);
  for (const [cellId, personIds] of members)
    for (const personId of personIds) add(personId, `cell:${cellName(cellId)?.name ?? ""}`);
  for (const person of people) {
    const skills = (JSON.parse(person.skills) as string[]).filter((skill) =>
      wordsOf(skill).some((w) => [...title].some((t) => t.startsWith(w) || w.startsWith(t))),
    );
    for (const skill of skills) add(person.id, `skill:${skill}`);
  }
  reasons.delete(row.deciderId);
  return {
    people: people
      .filter((p) => reasons.has(p.id))
      .map((p) => ({ id: p.id, name: p.name, reasons: reasons.get(p.id) ?? [] })),
    cells: cellIds
      .map((id) => cellName(id))
      .filter((c): c is Ref => c !== null)
      .map((c) => ({ ...c, reasons: ["affected"] })),
  };
}

/** Title, kind and status of proposals by id: what other modules (system) show for a linked decision. */
export async function proposalRefs(
  db: Tx,
  orgId: string,
  ids: string[],
): Promise<Map<string, { id: string; title: string; kind: ProposalKind; status: ProposalStatus }>> {
  if (ids.length === 0) return new Map();
  const rows = await selectInOrg(db, "proposal", orgId)
    .select(["id", "title", "kind", "status"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [r.id, { ...r, kind: r.kind as ProposalKind, status: r.status as ProposalStatus }]),
  );
}
