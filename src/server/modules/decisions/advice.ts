/**
 * Advice and the decision record. Anyone in the organisation may advise (the process is
 * transparent); advice is never a vote. Only the decider records the decision, after the window has
 * closed or once everyone asked has answered, and says how the advice was used.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "../../../shared/common.ts";
import type { AdviceEntry, AdviceInput, DecisionInput } from "../../../shared/decisions/advice.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notify } from "./notifications.ts";
import { checkAdvice, checkDecide } from "./policy.ts";
import { type Ctx, searchTextOf, writeProposal } from "./proposals.ts";
import { loadProposal, membersOfCells, proposalRow } from "./state.ts";

export async function addAdvice(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  input: AdviceInput,
  ctx: Ctx,
): Promise<string> {
  const { state } = await loadProposal(db, auth.orgId, proposalId);
  checkAdvice(state);
  const id = randomUUID();
  await db
    .insertInto("advice")
    .values({
      id,
      orgId: auth.orgId,
      proposalId,
      authorId: auth.person.id,
      body: input.body,
      createdAt: ctx.now.toISOString(),
    })
    .execute();
  // A counter rather than a count per read: the log shows it for every row. Not a version bump —
  // advice arriving must not make the decider's open edit stale.
  await updateInOrg(db, "proposal", auth.orgId)
    .set((eb) => ({ adviceCount: eb("adviceCount", "+", 1) }))
    .where("id", "=", proposalId)
    .execute();
  return id;
}

/** Oldest first, keyset by (createdAt, id): stays on the thread index however long the thread. */
export async function listAdvice(
  db: Tx,
  orgId: string,
  proposalId: string,
  query: { cursor?: string; limit: number },
): Promise<Page<AdviceEntry>> {
  await proposalRow(db, orgId, proposalId);
  const q = selectInOrg(db, "advice", orgId)
    .innerJoin("person", "person.id", "advice.authorId")
    .select(["advice.id", "advice.authorId", "advice.body", "advice.createdAt", "person.name"])
    .where("advice.proposalId", "=", proposalId);
  const rows = await keysetQuery(q, query, { key: "advice.createdAt", id: "advice.id" }).execute();
  const cellsOf = await askedCellsOfAuthors(
    db,
    orgId,
    proposalId,
    rows.map((r) => r.authorId),
  );
  return toPage(
    rows,
    query.limit,
    (r) => ({
      id: r.id,
      proposalId,
      author: { id: r.authorId, name: r.name },
      forCells: cellsOf.get(r.authorId) ?? [],
      body: r.body,
      createdAt: r.createdAt,
    }),
    (r) => [r.createdAt, r.id],
  );
}

export async function getAdvice(
  db: Tx,
  orgId: string,
  proposalId: string,
  adviceId: string,
): Promise<AdviceEntry> {
  const row = await selectInOrg(db, "advice", orgId)
    .innerJoin("person", "person.id", "advice.authorId")
    .select(["advice.id", "advice.authorId", "advice.body", "advice.createdAt", "person.name"])
    .where("advice.id", "=", adviceId)
    .executeTakeFirstOrThrow();
  const cellsOf = await askedCellsOfAuthors(db, orgId, proposalId, [row.authorId]);
  return {
    id: row.id,
    proposalId,
    author: { id: row.authorId, name: row.name },
    forCells: cellsOf.get(row.authorId) ?? [],
    body: row.body,
    createdAt: row.createdAt,
  };
}

/** Which asked cells each author belongs to: their advice answers for those cells. */
async function askedCellsOfAuthors(db: Tx, orgId: string, proposalId: string, authorIds: string[]) {
  const result = new Map<string, { id: string; name: string }[]>();
  if (authorIds.length === 0) return result;
  const rows = await selectInOrg(db, "proposalAskedCell", orgId)
    .innerJoin("cellMember", "cellMember.cellId", "proposalAskedCell.cellId")
    .innerJoin("cell", "cell.id", "proposalAskedCell.cellId")
    .select(["cellMember.personId", "cell.id", "cell.name"])
    .where("proposalAskedCell.proposalId", "=", proposalId)
    .where("cellMember.personId", "in", [...new Set(authorIds)])
    .orderBy("cell.name")
    .execute();
  for (const row of rows) {
    const list = result.get(row.personId) ?? [];
    list.push({ id: row.id, name: row.name });
    result.set(row.personId, list);
  }
  return result;
}

/** Everyone who should hear of the outcome: the proposer, those asked (cell members too), the advisers. */
export async function involvedPeople(db: Tx, orgId: string, proposalId: string, proposerId: string) {
  const [people, cells, advisers, participants] = await Promise.all([
    selectInOrg(db, "proposalAskedPerson", orgId)
      .select("personId")
      .where("proposalId", "=", proposalId)
      .execute(),
    selectInOrg(db, "proposalAskedCell", orgId)
      .select("cellId")
      .where("proposalId", "=", proposalId)
      .execute(),
    selectInOrg(db, "advice", orgId)
      .select("authorId")
      .distinct()
      .where("proposalId", "=", proposalId)
      .execute(),
    selectInOrg(db, "consentEntry", orgId)
      .select("authorId")
      .distinct()
      .where("proposalId", "=", proposalId)
      .execute(),
  ]);
  const members = await membersOfCells(
    db,
    orgId,
    cells.map((c) => c.cellId),
  );
  return [
    proposerId,
    ...people.map((p) => p.personId),
    ...[...members.values()].flat(),
    ...advisers.map((a) => a.authorId),
    ...participants.map((p) => p.authorId),
  ];
}

export async function recordDecision(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  input: DecisionInput,
  ctx: Ctx,
) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkDecide(state, auth.person.id, ctx.now);
  await writeProposal(
    db,
    row,
    input.version,
    {
      status: "decided",
      decision: input.decision,
      adviceUse: input.adviceUse,
      decidedAt: ctx.now.toISOString(),
      decidedById: auth.person.id,
      deciderRequestedId: null,
      reviewDate: input.reviewDate,
      searchText: searchTextOf({ ...row, decision: input.decision }),
    },
    ctx.now,
  );
  await notify(
    db,
    {
      orgId: auth.orgId,
      kind: "decisionMade",
      proposalId,
      actorId: auth.person.id,
      personIds: await involvedPeople(db, auth.orgId, proposalId, row.proposerId),
    },
    ctx.now,
    ctx.mailConfigured,
  );
}
