/**
 * Who sees and does what in the exchange module. Formats, backlogs and sessions are transparent to
 * every member of the organisation (PRODUCT.md rule 4) — except confidential sessions (Kollegiale
 * Beratung), which exist only for their participants, and nothing leaves them but what the case owner
 * publishes (rule 4's explicit exception). Roles carry no privilege here: anyone facilitates. In the shape
 * of platform/policy.ts; a live session kind's own turn rules stay in its pure reducer (`decide`).
 */
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { check } from "../../platform/policy.ts";
import type { ExchangeSessionTable } from "./tables.ts";

export const participantsOf = (session: Pick<ExchangeSessionTable, "participantIds">): string[] =>
  JSON.parse(session.participantIds) as string[];

/** A confidential session is seen by its participants only; every other session by everyone. */
export function maySee(
  session: Pick<ExchangeSessionTable, "confidential" | "participantIds">,
  personId: string,
): boolean {
  return !session.confidential || participantsOf(session).includes(personId);
}

/** Outcomes that would leave a confidential session for the organisation (learning, obstacle,
 * proposal) go only through the case owner's publish; actions stay inside with the participants. */
export function checkHarvestLeavesRoom(session: Pick<ExchangeSessionTable, "confidential">, kind: string) {
  check(!session.confidential || kind === "action", "FORBIDDEN", { kind: "confidential" });
}

export function checkCaseOwner(session: Pick<ExchangeSessionTable, "caseOwnerId">, auth: AuthContext) {
  check(session.caseOwnerId === auth.person.id, "FORBIDDEN", { caseOwner: "case owner only" });
}
