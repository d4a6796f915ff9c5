/**
 * Who may do what in the org module (in the shape of platform/policy.ts). Reads are open to every member
 * of the organisation (PRODUCT.md rule 4); the steward role only adds changing settings and roles, never
 * reading more (rule 6). Anyone may invite colleagues and shape cells: self-organisation, not
 * administration. A cell governs itself (issue 13): only its members remove someone else or change its
 * working agreements — others get NOT_CELL_MEMBER, whose message points to the advice process.
 */
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { abilitiesFrom, check, isCellMember, isSelf, isSteward } from "../../platform/policy.ts";

export const rules = {
  editSettings: isSteward,
  changeRoles: isSteward,
  /** Offboarding: a steward deactivates a person who left (and may reactivate them). */
  deactivatePeople: isSteward,
  invite: (_auth: AuthContext) => true,
  inviteStewards: isSteward,
  editProfile: isSelf,
};

/** Organisation settings (k, stages, guardrails, letterhead, advice windows …): stewards, audited. */
export const checkEditSettings = (auth: AuthContext) => check(rules.editSettings(auth));
export const checkChangeRoles = (auth: AuthContext) => check(rules.changeRoles(auth));
export const checkDeactivatePeople = (auth: AuthContext) => check(rules.deactivatePeople(auth));
export const checkEditProfile = (auth: AuthContext, personId: string) =>
  check(rules.editProfile(auth, personId));
/** Anyone invites a colleague; only a steward invites a steward. */
export function checkInvite(auth: AuthContext, role: string): void {
  check(rules.invite(auth));
  if (role === "steward") check(rules.inviteStewards(auth));
}

/** Throws NOT_CELL_MEMBER (403, pointing to the advice process) unless the caller is in the cell. */
export async function checkCellMember(db: Tx, auth: AuthContext, cellId: string): Promise<void> {
  check(await isCellMember(db, auth.orgId, cellId, auth.person.id), "NOT_CELL_MEMBER");
}

/** Anyone may leave a cell; only its members remove someone else. */
export async function checkRemoveMember(db: Tx, auth: AuthContext, cellId: string, personId: string) {
  if (!isSelf(auth, personId)) await checkCellMember(db, auth, cellId);
}

/** What the caller may change in a cell, from the same membership `checkCellMember` reads. */
export async function cellAbilities(db: Tx, auth: AuthContext, cellId: string) {
  const member = await isCellMember(db, auth.orgId, cellId, auth.person.id);
  return { removeOthers: member, changeAgreements: member };
}

export function orgAbilities(auth: AuthContext) {
  return abilitiesFrom({
    editSettings: () => checkEditSettings(auth),
    changeRoles: () => checkChangeRoles(auth),
    deactivatePeople: () => checkDeactivatePeople(auth),
    invite: () => checkInvite(auth, "member"),
    inviteStewards: () => checkInvite(auth, "steward"),
  });
}
