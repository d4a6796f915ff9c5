/**
 * Invitations by link: anyone in the organisation may invite a colleague (self-organisation); only a
 * steward may invite another steward. The token is shown once and stored hashed.
 */
import { randomUUID } from "node:crypto";
import type { Language } from "../../../shared/common.ts";
import type { Role } from "../../../shared/org.ts";
import { inOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { hashToken, newToken } from "../../platform/auth/tokens.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { checkInvite } from "./policy.ts";
import { insertPerson } from "./service.ts";

const INVITATION_DAYS = 14;

export async function createInvitation(
  db: Tx,
  auth: AuthContext,
  input: { email: string; role: Role; language?: Language },
  now: Date,
): Promise<{ id: string; token: string; language: Language }> {
  checkInvite(auth, input.role);
  const taken = await db
    .selectFrom("person")
    .select("id")
    .where("email", "=", input.email)
    .executeTakeFirst();
  if (taken) throw new AppError("EMAIL_TAKEN", { email: "taken" });
  const id = randomUUID();
  const token = newToken();
  const language = input.language ?? auth.person.locale;
  await db
    .insertInto("invitation")
    .values({
      id,
      orgId: auth.orgId,
      email: input.email,
      role: input.role,
      language,
      tokenHash: hashToken(token),
      invitedBy: auth.person.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
      acceptedAt: null,
    })
    .execute();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "invitation.created",
    subjectType: "invitation",
    subjectId: id,
    details: { email: input.email, role: input.role },
    at: now,
  });
  return { id, token, language };
}

export async function revokeInvitation(
  db: Tx,
  auth: AuthContext,
  invitationId: string,
  now: Date,
): Promise<void> {
  const row = await db
    .selectFrom("invitation")
    .select(["id", "email"])
    .where(inOrg(auth.orgId))
    .where("id", "=", invitationId)
    .where("acceptedAt", "is", null)
    .executeTakeFirst();
  if (!row) throw notFound();
  await db.deleteFrom("invitation").where(inOrg(auth.orgId)).where("id", "=", invitationId).execute();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "invitation.revoked",
    subjectType: "invitation",
    subjectId: invitationId,
    details: { email: row.email },
    at: now,
  });
}

/** The open invitation behind a link, or 410 when it is unknown, used or expired. */
export async function getOpenInvitation(db: Tx, token: string, now: Date) {
  const row = await db
    .selectFrom("invitation")
    .innerJoin("organisation", "organisation.id", "invitation.orgId")
    .innerJoin("person", "person.id", "invitation.invitedBy")
    .select([
      "invitation.id",
      "invitation.orgId",
      "invitation.email",
      "invitation.role",
      "invitation.expiresAt",
      "invitation.acceptedAt",
      "organisation.name as organisationName",
      "person.name as invitedByName",
    ])
    .where("invitation.tokenHash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row || row.acceptedAt !== null || row.expiresAt <= now.toISOString())
    throw new AppError("INVITATION_INVALID");
  return row;
}

export async function acceptInvitation(
  db: Tx,
  token: string,
  input: { name: string; passwordHash: string; language: Language },
  now: Date,
): Promise<{ personId: string; orgId: string }> {
  const invitation = await getOpenInvitation(db, token, now);
  const claimed = await db
    .updateTable("invitation")
    .set({ acceptedAt: now.toISOString() })
    .where("id", "=", invitation.id)
    .where("acceptedAt", "is", null)
    .executeTakeFirst();
  // Two tabs accepting the same link: only one wins.
  if (Number(claimed.numUpdatedRows) !== 1) throw new AppError("INVITATION_INVALID");
  const personId = await insertPerson(
    db,
    {
      orgId: invitation.orgId,
      name: input.name,
      email: invitation.email,
      passwordHash: input.passwordHash,
      role: invitation.role as Role,
      locale: input.language,
    },
    now,
  );
  await recordAudit(db, {
    orgId: invitation.orgId,
    actorId: personId,
    action: "invitation.accepted",
    subjectType: "invitation",
    subjectId: invitation.id,
    details: { email: invitation.email, role: invitation.role },
    at: now,
  });
  return { personId, orgId: invitation.orgId };
}
