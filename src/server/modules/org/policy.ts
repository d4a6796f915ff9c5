import type { AuthContext } from "../../platform/auth/sessions.ts";
import { forbidden } from "../../platform/errors.ts";

/**
 * Who may do what in the org module. Reads are open to every member of the organisation
 * (PRODUCT.md rule 4); the steward role only adds changing settings and roles, never reading more
 * (rule 6). Anyone may invite colleagues and shape cells: self-organisation, not administration.
 */
const isSteward = (auth: AuthContext) => auth.person.role === "steward";

export const rules = {
  editSettings: isSteward,
  changeRoles: isSteward,
  /** Offboarding: a steward deactivates a person who left (and may reactivate them). */
  deactivatePeople: isSteward,
  invite: (_auth: AuthContext) => true,
  inviteStewards: isSteward,
  editProfile: (auth: AuthContext, personId: string) => auth.person.id === personId,
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

export function orgAbilities(auth: AuthContext) {
  return {
    editSettings: rules.editSettings(auth),
    changeRoles: rules.changeRoles(auth),
    deactivatePeople: rules.deactivatePeople(auth),
    invite: rules.invite(auth),
    inviteStewards: rules.inviteStewards(auth),
  };
}
