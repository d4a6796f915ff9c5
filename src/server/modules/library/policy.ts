/**
 * Who may do what in the library (in the shape of platform/policy.ts). Anyone writes, answers and marks
 * "this helped me" (PRODUCT.md rules 1 and 4). Two acts belong to someone: the asker alone marks which
 * answers helped (the only judgement that counts there, about answers, not people), and a member of the
 * caring cell marks an entry reviewed (the cell keeps its knowledge fresh).
 */
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { check, isCellMember, isSelf } from "../../platform/policy.ts";

/** A question whose asker was erased has nobody left to mark answers. */
export const checkAsker = (question: { askerId: string | null }, auth: AuthContext) =>
  check(question.askerId !== null && isSelf(auth, question.askerId));

/** Whether the caller is in the entry's caring cell (no caring cell: nobody reviews). */
export async function mayReview(db: Tx, auth: AuthContext, careCellId: string | null): Promise<boolean> {
  return careCellId !== null && isCellMember(db, auth.orgId, careCellId, auth.person.id);
}

export async function checkReviewer(db: Tx, auth: AuthContext, careCellId: string | null): Promise<void> {
  check(await mayReview(db, auth, careCellId));
}
