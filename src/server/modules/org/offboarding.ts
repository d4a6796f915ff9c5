import { inOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { endAllSessions } from "../../platform/auth/sessions.ts";
import { AppError, assertVersion, staleVersion } from "../../platform/errors.ts";
import { checkDeactivatePeople } from "./policy.ts";
import { getPersonRow } from "./queries.ts";
import { keepOneSteward } from "./service.ts";

/**
 * Offboarding (issue 14): a steward deactivates a person who left, or reactivates them. Deactivation
 * ends at once what lets them in — sessions, invitations they sent that are still open, calendar-feed
 * URLs — and sign-in is refused from then on. Their work (deals, decisions, learnings) stays under their
 * name. The caller announces the ended sessions so open websockets close on every server.
 * Answers whether anything changed.
 */
export async function setPersonActive(
  db: Tx,
  auth: AuthContext,
  personId: string,
  change: { version: number; active: boolean },
  now: Date,
): Promise<boolean> {
  const row = await getPersonRow(db, auth.orgId, personId);
  checkDeactivatePeople(auth);
  assertVersion(row.version, change.version);
  // Erasure (privacy/erasure.ts) implies deactivation for good: there is no one left to let back in.
  if (change.active && row.erasedAt) throw new AppError("PERSON_ERASED");
  if ((row.deactivatedAt === null) === change.active) return false;
  if (!change.active && row.role === "steward") await keepOneSteward(db, auth.orgId);
  const result = await db
    .updateTable("person")
    .set({ deactivatedAt: change.active ? null : now.toISOString(), version: row.version + 1 })
    .where("id", "=", personId)
    .where(inOrg(auth.orgId))
    .where("version", "=", change.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  if (!change.active) {
    await endAllSessions(db, personId);
    await db
      .deleteFrom("invitation")
      .where(inOrg(auth.orgId))
      .where("invitedBy", "=", personId)
      .where("acceptedAt", "is", null)
      .execute();
    await db.deleteFrom("exchangeCalendarFeed").where("personId", "=", personId).execute();
  }
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: change.active ? "person.reactivated" : "person.deactivated",
    subjectType: "person",
    subjectId: personId,
    details: { name: row.name },
    at: now,
  });
  return true;
}
