/**
 * Sign-in, sign-out and password reset. Brute force is stopped per e-mail address (attempts are
 * counted in the database, so every app process sees them) and per IP (rate limit on the route).
 */
import { randomUUID } from "node:crypto";
import type { Config } from "../../config.ts";
import type { Tx } from "../../db/scope.ts";
import { recordAudit } from "../audit.ts";
import { AppError } from "../errors.ts";
import { checkNewPassword } from "./passwordPolicy.ts";
import { verifyPassword } from "./passwords.ts";
import { endAllSessions } from "./sessions.ts";
import { hashToken, newToken } from "./tokens.ts";

export const LOCK_WINDOW_MINUTES = 15;
const RESET_MINUTES = 60;
// Verified against when the e-mail is unknown, so both cases take the same time (no user enumeration).
const DUMMY_HASH = "scrypt$16$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export async function isSignInLocked(db: Tx, config: Config, email: string): Promise<boolean> {
  const since = new Date(config.now().getTime() - LOCK_WINDOW_MINUTES * 60_000).toISOString();
  const row = await db
    .selectFrom("signInFailure")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("email", "=", email)
    .where("at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n) >= config.signInAttempts;
}

/** Checks the password; answers the person or records a failure. Never says which part was wrong. */
export async function checkCredentials(
  db: Tx,
  config: Config,
  email: string,
  password: string,
): Promise<{ id: string; orgId: string }> {
  if (await isSignInLocked(db, config, email)) {
    throw new AppError("SIGN_IN_LOCKED", undefined, { minutes: LOCK_WINDOW_MINUTES });
  }
  const person = await db
    .selectFrom("person")
    .select(["id", "orgId", "passwordHash", "deactivatedAt"])
    .where("email", "=", email)
    .executeTakeFirst();
  const matches = await verifyPassword(password, person?.passwordHash ?? DUMMY_HASH);
  if (!person?.passwordHash || !matches) {
    await db
      .insertInto("signInFailure")
      .values({ id: randomUUID(), email, at: config.now().toISOString() })
      .execute();
    throw new AppError("INVALID_CREDENTIALS");
  }
  await db.deleteFrom("signInFailure").where("email", "=", email).execute();
  // Said only to whoever knows the password: the person who left learns why they cannot get in.
  if (person.deactivatedAt !== null) throw new AppError("PERSON_DEACTIVATED");
  return { id: person.id, orgId: person.orgId };
}

export async function recordSignIn(db: Tx, person: { id: string; orgId: string }, now: Date): Promise<void> {
  await recordAudit(db, {
    orgId: person.orgId,
    actorId: person.id,
    action: "person.signedIn",
    subjectType: "person",
    subjectId: person.id,
    at: now,
  });
}

export async function signOutEverywhere(
  db: Tx,
  person: { id: string; orgId: string },
  now: Date,
): Promise<void> {
  await endAllSessions(db, person.id);
  await recordAudit(db, {
    orgId: person.orgId,
    actorId: person.id,
    action: "person.signedOutEverywhere",
    subjectType: "person",
    subjectId: person.id,
    at: now,
  });
}

/** A reset token for a known e-mail, or null; the caller answers the same either way. */
export async function requestPasswordReset(
  db: Tx,
  email: string,
  now: Date,
): Promise<{ token: string; name: string; locale: string } | null> {
  const person = await db
    .selectFrom("person")
    .select(["id", "name", "locale"])
    .where("email", "=", email)
    .where("passwordHash", "is not", null)
    .where("deactivatedAt", "is", null)
    .executeTakeFirst();
  if (!person) return null;
  const token = newToken();
  await db
    .insertInto("passwordReset")
    .values({
      id: randomUUID(),
      personId: person.id,
      tokenHash: hashToken(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000).toISOString(),
      usedAt: null,
    })
    .execute();
  return { token, name: person.name, locale: person.locale };
}

/**
 * Sets the new password, ends every session of the person (a thief's too), every other reset link and
 * the lock. `password` is the plain new password, checked against the person's name and e-mail.
 */
export async function confirmPasswordReset(
  db: Tx,
  token: string,
  password: string,
  passwordHash: string,
  now: Date,
): Promise<{ id: string; orgId: string }> {
  const reset = await db
    .selectFrom("passwordReset")
    .innerJoin("person", "person.id", "passwordReset.personId")
    .select([
      "passwordReset.id",
      "passwordReset.expiresAt",
      "passwordReset.usedAt",
      "person.id as personId",
      "person.orgId",
      "person.email",
      "person.name",
      "person.deactivatedAt",
    ])
    .where("passwordReset.tokenHash", "=", hashToken(token))
    .executeTakeFirst();
  if (!reset || reset.usedAt !== null || reset.expiresAt <= now.toISOString() || reset.deactivatedAt !== null)
    throw new AppError("RESET_INVALID");
  checkNewPassword(password, reset);
  const used = await db
    .updateTable("passwordReset")
    .set({ usedAt: now.toISOString() })
    .where("id", "=", reset.id)
    .where("usedAt", "is", null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new AppError("RESET_INVALID");
  // Every other outstanding link of this person ends with the password it was sent to replace.
  await db
    .updateTable("passwordReset")
    .set({ usedAt: now.toISOString() })
    .where("personId", "=", reset.personId)
    .where("usedAt", "is", null)
    .execute();
  await db.updateTable("person").set({ passwordHash }).where("id", "=", reset.personId).execute();
  await endAllSessions(db, reset.personId);
  await db.deleteFrom("signInFailure").where("email", "=", reset.email).execute();
  const person = { id: reset.personId, orgId: reset.orgId };
  await recordAudit(db, {
    orgId: person.orgId,
    actorId: person.id,
    action: "person.passwordReset",
    subjectType: "person",
    subjectId: person.id,
    at: now,
  });
  return person;
}
