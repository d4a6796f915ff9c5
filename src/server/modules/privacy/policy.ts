import type { AuthContext } from "../../platform/auth/sessions.ts";
import { forbidden } from "../../platform/errors.ts";

/**
 * Who may do what with personal data. Every person downloads their own data (DSGVO Art. 15, 20) and
 * may ask for their own erasure; a steward erases on a person's request (Art. 17) — there is no
 * approval step (PRODUCT.md rule 1). Retention periods are organisation settings: stewards.
 */
const isSteward = (auth: AuthContext) => auth.person.role === "steward";

export const privacyRules = {
  erase: (auth: AuthContext, personId: string) => isSteward(auth) || auth.person.id === personId,
  editRetention: isSteward,
};

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
