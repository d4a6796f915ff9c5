import type { AuthContext } from "../../platform/auth/sessions.ts";
import { check, isSelf, isSteward } from "../../platform/policy.ts";

/**
 * Who may do what with personal data (platform/policy.ts shape). Every person downloads their own data
 * (DSGVO Art. 15, 20) and may ask for their own erasure; a steward erases on a person's request (Art. 17) —
 * there is no approval step (PRODUCT.md rule 1). Retention periods are organisation settings: stewards.
 */
export const mayErase = (auth: AuthContext, personId: string) => isSteward(auth) || isSelf(auth, personId);
export const mayEditRetention = isSteward;

export const checkErase = (auth: AuthContext, personId: string) => check(mayErase(auth, personId));
export const checkEditRetention = (auth: AuthContext) => check(mayEditRetention(auth));
