/**
 * Who sees and does what in the exchange module. Formats, backlogs and sessions are transparent to
 * every member of the organisation (PRODUCT.md rule 4) — except confidential sessions (Kollegiale
 * Beratung), which exist only for their participants, and nothing leaves them but what the case owner
 * publishes (rule 4's explicit exception). Roles carry no privilege here: anyone facilitates.
 */
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError } from "../../platform/errors.ts";
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
export function assertHarvestLeavesRoom(session: Pick<ExchangeSessionTable, "confidential">, kind: string) {
  if (session.confidential && kind !== "action") throw new AppError("FORBIDDEN", { kind: "confidential" });
}

export function assertCaseOwner(session: Pick<ExchangeSessionTable, "caseOwnerId">, auth: AuthContext) {
  if (session.caseOwnerId !== auth.person.id)
    throw new AppError("FORBIDDEN", { caseOwner: "case owner only" });
}
