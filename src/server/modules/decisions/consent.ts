/**
 * Consent for shared agreements (domain brief §3.2): rounds of clarifying questions, reactions, then
 * each participant consents or objects with a reason. The question is "do you object?", not "do you
 * agree?". The decider amends to integrate an objection — a new round, earlier rounds kept — and
 * the proposal passes when no objection stands in the current round, always with a review date.
 */
import { randomUUID } from "node:crypto";
import type {
  AmendInput,
  ConsentEntryInput,
  ConsentPassInput,
  ConsentPhase,
} from "../../../shared/decisions/consent.ts";
import type { GuardrailChange } from "../../../shared/decisions/kinds.ts";
import { type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError } from "../../platform/errors.ts";
import { applyGuardrailDecision } from "../customers/guardrails.ts";
import { applyConditionDecision } from "../system/conditions.ts";
import { involvedPeople } from "./advice.ts";
import { notify } from "./notifications.ts";
import { checkConsentEntry, checkPass, checkPhaseMove, checkSteer } from "./policy.ts";
import { type Ctx, searchTextOf, writeProposal } from "./proposals.ts";
import { loadProposal } from "./state.ts";

export async function addConsentEntry(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  input: ConsentEntryInput,
  ctx: Ctx,
): Promise<string> {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkConsentEntry(state, input.kind);
  if (input.kind === "objection" && input.body === "")
    throw new AppError("VALIDATION", { body: "an objection needs its reason" });
  const isStand = input.kind === "consent" || input.kind === "objection";
  if (isStand)
    // A new stand replaces the person's earlier one in this round: an objection is withdrawn by consenting.
    await updateInOrg(db, "consentEntry", auth.orgId)
      .set({ standing: 0 })
      .where("proposalId", "=", proposalId)
      .where("round", "=", row.currentRound)
      .where("authorId", "=", auth.person.id)
      .where("kind", "in", ["consent", "objection"])
      .execute();
  const id = randomUUID();
  await db
    .insertInto("consentEntry")
    .values({
      id,
      orgId: auth.orgId,
      proposalId,
      round: row.currentRound,
      kind: input.kind,
      body: input.body,
      authorId: auth.person.id,
      standing: isStand ? 1 : 0,
      createdAt: ctx.now.toISOString(),
    })
    .execute();
  return id;
}

export async function movePhase(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  input: { phase: ConsentPhase; version: number },
  ctx: Ctx,
) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkPhaseMove(state, auth.person.id, input.phase);
  await writeProposal(db, row, input.version, { phase: input.phase }, ctx.now);
  await updateInOrg(db, "consentRound", auth.orgId)
    .set({ phase: input.phase })
    .where("proposalId", "=", proposalId)
    .where("number", "=", row.currentRound)
    .execute();
}

export async function amendProposal(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  input: AmendInput,
  ctx: Ctx,
) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkSteer(state, auth.person.id, "consent");
  const title = input.title ?? row.title;
  const problem = input.problem ?? row.problem;
  const proposal = input.proposal ?? row.proposal;
  const guardrailChange =
    input.guardrailChange === undefined
      ? row.guardrailChange
      : input.guardrailChange && JSON.stringify(input.guardrailChange);
  const number = row.currentRound + 1;
  await writeProposal(
    db,
    row,
    input.version,
    {
      title,
      problem,
      proposal,
      guardrailChange,
      currentRound: number,
      phase: "questions",
      searchText: searchTextOf({ title, problem }),
    },
    ctx.now,
  );
  await db
    .insertInto("consentRound")
    .values({
      orgId: auth.orgId,
      proposalId,
      number,
      phase: "questions",
      title,
      proposal,
      guardrailChange,
      amendNote: input.note,
      startedAt: ctx.now.toISOString(),
    })
    .execute();
}

/**
 * Passing applies a carried guardrail change through the customers module and a framework condition
 * change through the system module, in the same transaction.
 */
export async function passConsent(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  input: ConsentPassInput,
  ctx: Ctx,
) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkPass(state, auth.person.id, ctx.now);
  const decision = input.decision || row.proposal;
  await writeProposal(
    db,
    row,
    input.version,
    {
      status: "passed",
      decision,
      adviceUse: "",
      decidedAt: ctx.now.toISOString(),
      decidedById: auth.person.id,
      deciderRequestedId: null,
      reviewDate: input.reviewDate,
      searchText: searchTextOf({ ...row, decision }),
    },
    ctx.now,
  );
  if (row.guardrailChange) {
    const change = JSON.parse(row.guardrailChange) as GuardrailChange;
    await applyGuardrailDecision(db, auth, change.kind, change, proposalId, ctx.now);
  }
  // A proposal made to set a framework condition sets it (system module), in this transaction.
  await applyConditionDecision(db, auth, row, ctx.now);
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
