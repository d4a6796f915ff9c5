/**
 * Who may do what with customers (in the shape of platform/policy.ts). Every member reads and writes
 * (PRODUCT.md rules 1 and 4); only a hand-over needs a member of the cell that owns the customer — a cell
 * gives away its own customers. Organisation settings (stages, guardrails, letterhead) are
 * `checkEditSettings` of the org module.
 */
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { check, isCellMember } from "../../platform/policy.ts";

/** A hand-over is given by a member of the cell that owns the account or deal. */
export async function checkHandOver(db: Tx, auth: AuthContext, owningCellId: string): Promise<void> {
  check(await isCellMember(db, auth.orgId, owningCellId, auth.person.id));
}
