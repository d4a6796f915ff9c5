/**
 * After the decision: the review date (set when deciding or later) and the outcome review — what
 * happened, what we learned — which the decider is prompted for when the date comes.
 */
import type { OutcomeReviewInput } from "../../../shared/decisions/log.ts";
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError } from "../../platform/errors.ts";
import { assertDecider, checkReview } from "./policy.ts";
import { type Ctx, writeProposal } from "./proposals.ts";
import { loadProposal } from "./state.ts";

export async function setReviewDate(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  input: { reviewDate: string | null; version: number },
  ctx: Ctx,
) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  assertDecider(state, auth.person.id);
  if (state.status === "withdrawn") throw new AppError("PROPOSAL_CLOSED");
  // Consent passes "safe enough to try" only with a date to look again.
  if (state.status === "passed" && input.reviewDate === null)
    throw new AppError("VALIDATION", { reviewDate: "required" });
  await writeProposal(db, row, input.version, { reviewDate: input.reviewDate }, ctx.now);
}

export async function reviewOutcome(
  db: Tx,
  auth: AuthContext,
  proposalId: string,
  input: OutcomeReviewInput,
  ctx: Ctx,
) {
  const { row, state } = await loadProposal(db, auth.orgId, proposalId);
  checkReview(state, auth.person.id);
  await writeProposal(
    db,
    row,
    input.version,
    {
      whatHappened: input.whatHappened,
      whatWeLearned: input.whatWeLearned,
      reviewedAt: ctx.now.toISOString(),
      reviewedById: auth.person.id,
    },
    ctx.now,
  );
}
