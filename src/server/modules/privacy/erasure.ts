import { sql } from "kysely";
import type { Language } from "../../../shared/common.ts";
import type { ErasureInput } from "../../../shared/privacy.ts";
import { inOrg, selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import { containsText } from "../../db/search.ts";
import { recordAudit } from "../../platform/audit.ts";
import { type AuthContext, endAllSessions } from "../../platform/auth/sessions.ts";
import { AppError, assertVersion, staleVersion } from "../../platform/errors.ts";
import { getPersonRow } from "../org/queries.ts";
import { keepOneSteward } from "../org/service.ts";
import { checkErase } from "./policy.ts";

/**
 * Erasure on request (DSGVO Art. 17, issue 14): the person's name, e-mail and profile become the
 * pseudonym "Former member N" / "Ehemalige Person N" (N counted per organisation, in the
 * organisation's default language, as the name is one stored text). The person row stays, so the
 * organisation's records — deals, decisions, learnings, advice — keep their author, now the pseudonym.
 * Erasure implies offboarding: sessions, sign-in, invitations sent, calendar feeds and password resets
 * end; the password is gone, so nobody can sign in as them again. It cannot be undone: no route clears
 * `erasedAt`. Where the name or e-mail was copied into text (audit details, an offer's advice note),
 * it is replaced; text colleagues typed about the person is the organisation's record and stays.
 * Answers the pseudonym.
 */
export async function erasePerson(
  db: Tx,
  auth: AuthContext,
  personId: string,
  input: ErasureInput,
  now: Date,
): Promise<string> {
  const row = await getPersonRow(db, auth.orgId, personId);
  checkErase(auth, personId);
  if (row.erasedAt) throw new AppError("PERSON_ERASED");
  assertVersion(row.version, input.version);
  if (row.role === "steward" && row.deactivatedAt === null) await keepOneSteward(db, auth.orgId);

  const number = await nextPseudonymNumber(db, auth.orgId);
  const pseudonym = pseudonymOf(await organisationLanguage(db, auth.orgId), number);
  // Unique across the instance like every sign-in name, and in a reserved domain nobody receives mail for.
  const placeholderEmail = `erased-${personId}@erased.invalid`;
  const updated = await db
    .updateTable("person")
    .set({
      name: pseudonym,
      email: placeholderEmail,
      passwordHash: null,
      role: "member",
      languages: "[]",
      skills: "[]",
      deactivatedAt: row.deactivatedAt ?? now.toISOString(),
      erasedAt: now.toISOString(),
      pseudonymNumber: number,
      version: row.version + 1,
    })
    .where("id", "=", personId)
    .where(inOrg(auth.orgId))
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw staleVersion();

  await endAccess(db, auth.orgId, personId, row.email);
  const replace = replacerOf({ name: row.name, email: row.email, pseudonym, placeholderEmail });
  await rewriteAuditDetails(db, auth.orgId, row, replace);
  await rewriteAdviceNotes(db, auth.orgId, row.name, replace);

  // The entry names the pseudonym only: repeating the erased name here would undo the erasure.
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "person.erased",
    subjectType: "person",
    subjectId: personId,
    details: { pseudonym },
    at: now,
  });
  return pseudonym;
}

export function pseudonymOf(language: Language, number: number): string {
  return language === "de" ? `Ehemalige Person ${number}` : `Former member ${number}`;
}

async function nextPseudonymNumber(db: Tx, orgId: string): Promise<number> {
  const row = await selectInOrg(db, "person", orgId)
    .select((eb) => eb.fn.max("pseudonymNumber").as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

async function organisationLanguage(db: Tx, orgId: string): Promise<Language> {
  const org = await db
    .selectFrom("organisation")
    .select("defaultLanguage")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return org.defaultLanguage === "de" ? "de" : "en";
}

/** Everything that lets the person in or reaches them ends; rows that only served that go. */
async function endAccess(db: Tx, orgId: string, personId: string, email: string): Promise<void> {
  await endAllSessions(db, personId);
  await db.deleteFrom("passwordReset").where("personId", "=", personId).execute();
  await db.deleteFrom("exchangeCalendarFeed").where("personId", "=", personId).execute();
  await db.deleteFrom("signInFailure").where("email", "=", email).execute();
  await db.deleteFrom("notification").where(inOrg(orgId)).where("personId", "=", personId).execute();
  await db.deleteFrom("notificationPreference").where("personId", "=", personId).execute();
  await db
    .deleteFrom("invitation")
    .where(inOrg(orgId))
    .where("invitedBy", "=", personId)
    .where("acceptedAt", "is", null)
    .execute();
  // The invitation they accepted (or others addressed to them) kept their address.
  await updateInOrg(db, "invitation", orgId)
    .set({ email: `erased-${personId}@erased.invalid` })
    .where("email", "=", email)
    .execute();
}

type Names = { name: string; email: string; pseudonym: string; placeholderEmail: string };

/** Replaces the erased name by the pseudonym and the e-mail (any case) by the pseudonym too. */
function replacerOf(names: Names): (text: string) => string {
  const email = new RegExp(names.email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
  return (text) => text.replaceAll(names.name, names.pseudonym).replace(email, names.pseudonym);
}

function replaceInJson(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === "string") return replace(value);
  if (Array.isArray(value)) return value.map((v) => replaceInJson(v, replace));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceInJson(v, replace)]));
  return value;
}

/** Audit entries copied names and addresses into their details (role changes, invitations, cells). */
async function rewriteAuditDetails(
  db: Tx,
  orgId: string,
  person: { name: string; email: string },
  replace: (text: string) => string,
): Promise<void> {
  // The candidates by a folded "contains" (JSON escapes nothing but quotes, backslashes and controls,
  // which no name holds), then the exact replacement in code.
  const rows = await selectInOrg(db, "auditEntry", orgId)
    .select(["id", "details"])
    .where((eb) =>
      eb.or([containsText(sql.ref("details"), person.name), containsText(sql.ref("details"), person.email)]),
    )
    .execute();
  for (const row of rows) {
    const details = JSON.stringify(replaceInJson(JSON.parse(row.details), replace));
    if (details !== row.details)
      await updateInOrg(db, "auditEntry", orgId).set({ details }).where("id", "=", row.id).execute();
  }
}

/** "Ask for advice" notes on offers are stored as "date · name: note" (customers/offers.ts). */
async function rewriteAdviceNotes(
  db: Tx,
  orgId: string,
  name: string,
  replace: (text: string) => string,
): Promise<void> {
  const rows = await selectInOrg(db, "offer", orgId)
    .select(["id", "adviceNote"])
    .where(containsText(sql.ref("adviceNote"), name))
    .execute();
  for (const row of rows) {
    const adviceNote = replace(row.adviceNote);
    if (adviceNote !== row.adviceNote)
      await updateInOrg(db, "offer", orgId).set({ adviceNote }).where("id", "=", row.id).execute();
  }
}
