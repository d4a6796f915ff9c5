/**
 * Proposing and steering a proposal: anyone proposes; the decider is the proposer unless a colleague
 * accepts the request to decide (until then the proposer decides — nobody else is waited on). The
 * decider asks people and cells for advice (or to take part in consent rounds), edits, withdraws.
 */
import { randomUUID } from "node:crypto";
import type { AskInput, ProposalInput, ProposalPatch } from "../../../shared/decisions/proposals.ts";
import type { ProposalTable } from "../../db/schema.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, staleVersion } from "../../platform/errors.ts";
import { indexRows } from "../../platform/search/textIndex.ts";
import { checkLinks, replaceLinks } from "./links.ts";
import { notify } from "./notifications.ts";
import { checkDeciderAnswer, checkSteer } from "./policy.ts";
import { PROPOSAL_SEARCH } from "./search.ts";
import { orgClock } from "./settings.ts";
import { loadProposal, membersOfCells } from "./state.ts";
import { adviceWindowCloses } from "./time.ts";

export type Ctx = { now: Date; mailConfigured: boolean };

/** What the decision log searches, lower-cased once here so the search compares without `lower()`. */
export const searchTextOf = (p: { title: string; problem: string; decision?: string | null }) =>
  [p.title, p.problem, p.decision ?? ""].join("\n").toLowerCase();

/**
 * Writes a proposal row changed from `row` if nobody changed it since the client's `version`
 * (409 otherwise); bumps the version.
 */
export async function writeProposal(
  db: Tx,
  row: ProposalTable,
  version: number,
  set: Partial<ProposalTable>,
  now: Date,
): Promise<void> {
  if (row.version !== version) throw staleVersion();
  const result = await updateInOrg(db, "proposal", row.orgId)
    .set({ ...set, updatedAt: now.toISOString(), version: row.version + 1 })
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  // Every write of title, problem or decision also sets the search text (`searchTextOf`).
  if (set.searchText !== undefined) await indexRows(db, PROPOSAL_SEARCH, row.orgId, [row.id]);
}

async function assertPeopleInOrg(db: Tx, orgId: string, ids: string[], field: string) {
  if (ids.length === 0) return;
  const found = new Set(
    (await selectInOrg(db, "person", orgId).select("id").where("id", "in", ids).execute()).map((p) => p.id),
  );
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!found.has(id)) fields[`${field}.${i}`] = "not found";
  });
  if (Object.keys(fields).length) throw new AppError("VALIDATION", fields);
}

async function assertCellsInOrg(db: Tx, orgId: string, ids: string[], field: string) {
  if (ids.length === 0) return;
  const found = new Set(
    (await selectInOrg(db, "cell", orgId).select("id").where("id", "in", ids).execute()).map((c) => c.id),
  );
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!found.has(id)) fields[`${field}.${i}`] = "not found";
  });
  if (Object.keys(fields).length) throw new AppError("VALIDATION", fields);
}

/** The proposal's cell: given, else the first linked customer's or cell, else the proposer's only cell. */
async function cellOf(db: Tx, auth: AuthContext, given: string | null, linked: string | null) {
  if (given) {
    await assertCellsInOrg(db, auth.orgId, [given], "cellId");
    return given;
  }
  if (linked) return linked;
  const own = await selectInOrg(db, "cellMember", auth.orgId)
    .select("cellId")
    .where("personId", "=", auth.person.id)
    .limit(2)
    .execute();
  return own.length === 1 ? own[0].cellId : null;
}

export async function createProposal(
  db: Tx,
  auth: AuthContext,
  input: ProposalInput,
  ctx: Ctx,
): Promise<string> {
  // Guardrails are shared agreements: only consent changes them; advice decisions may leave them.
  if (input.guardrailChange && input.kind !== "consent")
    throw new AppError("VALIDATION", { guardrailChange: "consent only" });
  const links = [...input.links];
  // The guardrail a change is about is always among the links, so the log and the guardrail find each other.
  if (
    input.guardrailChange &&
    !links.some((l) => l.type === "guardrail" && l.id === input.guardrailChange?.kind)
  )
    links.push({ type: "guardrail", id: input.guardrailChange.kind });
  const checked = await checkLinks(db, auth.orgId, links);
  const requested = input.deciderId && input.deciderId !== auth.person.id ? input.deciderId : null;
  if (requested) await assertPeopleInOrg(db, auth.orgId, [requested], "deciderId");
  const clock = await orgClock(db, auth.orgId);
  const id = randomUUID();
  const at = ctx.now.toISOString();
  await db
    .insertInto("proposal")
    .values({
      id,
      orgId: auth.orgId,
      kind: input.kind,
      status: "open",
      title: input.title,
      problem: input.problem,
      proposal: input.proposal,
      impact: input.impact,
      cellId: await cellOf(db, auth, input.cellId, checked.cellId),
      proposerId: auth.person.id,
      deciderId: auth.person.id,
      deciderRequestedId: requested,
      adviceWindowClosesAt: adviceWindowCloses(
        ctx.now,
        clock.adviceDays[input.impact],
        clock.timeZone,
      ).toISOString(),
      guardrailChange: input.guardrailChange ? JSON.stringify(input.guardrailChange) : null,
      currentRound: input.kind === "consent" ? 1 : 0,
      phase: input.kind === "consent" ? "questions" : null,
      decision: null,
      adviceUse: null,
      decidedAt: null,
      decidedById: null,
      reviewDate: null,
      whatHappened: null,
      whatWeLearned: null,
      reviewedAt: null,
      reviewedById: null,
      adviceCount: 0,
      searchText: searchTextOf(input),
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .execute();
  await indexRows(db, PROPOSAL_SEARCH, auth.orgId, [id]);
  await replaceLinks(db, auth.orgId, id, checked.links);
  if (input.kind === "consent") {
    await db
      .insertInto("consentRound")
      .values({
        orgId: auth.orgId,
        proposalId: id,
        number: 1,
        phase: "questions",
        title: input.title,
        proposal: input.proposal,
        guardrailChange: input.guardrailChange ? JSON.stringify(input.guardrailChange) : null,
        amendNote: "",
        startedAt: at,
      })
      .execute();
  }
  if (requested)
    await notify(
      db,
      {
        orgId: auth.orgId,
        kind: "deciderRequested",
        proposalId: id,
        actorId: auth.person.id,
        personIds: [requested],
      },
      ctx.now,
      ctx.mailConfigured,
    );
  return id;
}

export async function updateProposal(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  patch: ProposalPatch,
  ctx: Ctx,
) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkSteer(state, auth.person.id, "advice");
  const set: Partial<ProposalTable> = {};
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.problem !== undefined) set.problem = patch.problem;
  if (patch.proposal !== undefined) set.proposal = patch.proposal;
  set.searchText = searchTextOf({ title: set.title ?? row.title, problem: set.problem ?? row.problem });
  if (patch.links !== undefined) {
    const checked = await checkLinks(db, auth.orgId, patch.links);
    await replaceLinks(db, auth.orgId, row.id, checked.links);
  }
  await writeProposal(db, row, patch.version, set, ctx.now);
}

export async function withdrawProposal(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  version: number,
  ctx: Ctx,
) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkSteer(state, auth.person.id);
  await writeProposal(db, row, version, { status: "withdrawn", deciderRequestedId: null }, ctx.now);
}

/** The requested colleague accepts (becomes the decider) or declines (the proposer stays decider). */
export async function answerDeciderRequest(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  accept: boolean,
  version: number,
  ctx: Ctx,
) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkDeciderAnswer(state, auth.person.id);
  await writeProposal(
    db,
    row,
    version,
    accept ? { deciderId: auth.person.id, deciderRequestedId: null } : { deciderRequestedId: null },
    ctx.now,
  );
}

/** The decider asks people and cells; each newly asked person (cell members too) is notified once. */
export async function askAdvisers(db: Tx, auth: AuthContext, proposalId: string, input: AskInput, ctx: Ctx) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkSteer(state, auth.person.id);
  await assertPeopleInOrg(db, auth.orgId, input.personIds, "personIds");
  await assertCellsInOrg(db, auth.orgId, input.cellIds, "cellIds");
  const at = ctx.now.toISOString();
  const personIds = [...new Set(input.personIds)];
  const cellIds = [...new Set(input.cellIds)];
  if (personIds.length)
    await db
      .insertInto("proposalAskedPerson")
      .values(personIds.map((personId) => ({ orgId: auth.orgId, proposalId, personId, askedAt: at })))
      .onConflict((oc) => oc.columns(["proposalId", "personId"]).doNothing())
      .execute();
  if (cellIds.length)
    await db
      .insertInto("proposalAskedCell")
      .values(cellIds.map((cellId) => ({ orgId: auth.orgId, proposalId, cellId, askedAt: at })))
      .onConflict((oc) => oc.columns(["proposalId", "cellId"]).doNothing())
      .execute();
  const members = await membersOfCells(db, auth.orgId, cellIds);
  await notify(
    db,
    {
      orgId: auth.orgId,
      kind: "adviceRequested",
      proposalId,
      actorId: auth.person.id,
      personIds: [...personIds, ...[...members.values()].flat()],
    },
    ctx.now,
    ctx.mailConfigured,
  );
  await writeProposal(db, row, input.version, {}, ctx.now);
}
