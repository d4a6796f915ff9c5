/**
 * The org module: the organisation (tenant), its people and their roles. Enforces PRODUCT.md
 * rule 6 (two roles, no data privileges; every settings or role change is audited and visible).
 * One verb per write, one transaction each.
 */
import { randomUUID } from "node:crypto";
import type { CreateOrganisation } from "../../../shared/auth.ts";
import type { OrganisationPatch, PersonPatch, Role } from "../../../shared/org.ts";
import { isUniqueViolation } from "../../db/connect.ts";
import { inOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, assertVersion, notFound, staleVersion } from "../../platform/errors.ts";
import { createDefaultStages } from "../customers/stages.ts";
import { checkChangeRoles, checkEditProfile, checkEditSettings } from "./policy.ts";
import { getPersonRow } from "./queries.ts";

export type NewPerson = {
  orgId: string;
  name: string;
  email: string;
  /** Hashed before the transaction starts: scrypt takes ~0.1 s and must not hold a connection. */
  passwordHash: string;
  role: Role;
  locale: "de" | "en";
};

/** Inserts a person; a taken e-mail is a 409, not a 500. */
export async function insertPerson(db: Tx, person: NewPerson, now: Date): Promise<string> {
  const id = randomUUID();
  const taken = await db
    .selectFrom("person")
    .select("id")
    .where("email", "=", person.email)
    .executeTakeFirst();
  if (taken) throw new AppError("EMAIL_TAKEN", { email: "taken" });
  try {
    await db
      .insertInto("person")
      .values({
        id,
        orgId: person.orgId,
        name: person.name,
        email: person.email,
        passwordHash: person.passwordHash,
        role: person.role,
        languages: JSON.stringify([person.locale]),
        skills: "[]",
        locale: person.locale,
        createdAt: now.toISOString(),
        version: 1,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("EMAIL_TAKEN", { email: "taken" });
    throw error;
  }
  return id;
}

/** A new organisation with its first person as steward (someone has to be able to change settings). */
export async function createOrganisation(
  db: Tx,
  input: Omit<CreateOrganisation, "password"> & { passwordHash: string },
  now: Date,
): Promise<{ orgId: string; personId: string }> {
  const orgId = randomUUID();
  await db
    .insertInto("organisation")
    .values({
      id: orgId,
      name: input.organisationName,
      currency: "EUR",
      languages: JSON.stringify(input.language === "de" ? ["de", "en"] : ["en", "de"]),
      defaultLanguage: input.language,
      weekStart: "monday",
      minGroupSize: 5,
      isDemo: 0,
      createdAt: now.toISOString(),
      version: 1,
    })
    .execute();
  const personId = await insertPerson(
    db,
    {
      orgId,
      name: input.name,
      email: input.email,
      passwordHash: input.passwordHash,
      role: "steward",
      locale: input.language,
    },
    now,
  );
  await createDefaultStages(db, orgId, input.language, now);
  await recordAudit(db, {
    orgId,
    actorId: personId,
    action: "organisation.created",
    subjectType: "organisation",
    subjectId: orgId,
    details: { name: input.organisationName },
    at: now,
  });
  return { orgId, personId };
}

/** Which fields an update really changes, as `{field: {from, to}}` for the audit log. */
export function changedFields<T extends object>(
  current: T,
  patch: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    if (to === undefined || key === "version") continue;
    const from = current[key as keyof T];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

export async function updateOrganisation(
  db: Tx,
  auth: AuthContext,
  patch: OrganisationPatch,
  now: Date,
): Promise<void> {
  checkEditSettings(auth);
  const row = await db.selectFrom("organisation").selectAll().where("id", "=", auth.orgId).executeTakeFirst();
  if (!row) throw notFound();
  assertVersion(row.version, patch.version);
  const current = { ...row, languages: JSON.parse(row.languages) as string[] };
  const languages = patch.languages ?? current.languages;
  const defaultLanguage = patch.defaultLanguage ?? row.defaultLanguage;
  if (!languages.includes(defaultLanguage)) {
    throw new AppError("VALIDATION", { defaultLanguage: "not one of languages" });
  }
  const changes = changedFields(current, patch);
  if (Object.keys(changes).length === 0) return;
  const { version, languages: _languages, ...rest } = patch;
  const result = await db
    .updateTable("organisation")
    .set({ ...rest, languages: JSON.stringify(languages), version: version + 1 })
    .where("id", "=", auth.orgId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "organisation.settingsChanged",
    subjectType: "organisation",
    subjectId: auth.orgId,
    details: changes,
    at: now,
  });
}

/** A person edits their own profile only; nobody edits someone else's. */
export async function updateProfile(
  db: Tx,
  auth: AuthContext,
  personId: string,
  patch: PersonPatch,
): Promise<void> {
  const row = await getPersonRow(db, auth.orgId, personId);
  checkEditProfile(auth, personId);
  assertVersion(row.version, patch.version);
  const result = await db
    .updateTable("person")
    .set({
      name: patch.name ?? row.name,
      languages: patch.languages ? JSON.stringify(patch.languages) : row.languages,
      skills: patch.skills ? JSON.stringify([...new Set(patch.skills)]) : row.skills,
      locale: patch.locale ?? row.locale,
      version: row.version + 1,
    })
    .where("id", "=", personId)
    .where(inOrg(auth.orgId))
    .where("version", "=", patch.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

/** Refuses to take away the last active steward (someone must be able to change the settings). */
export async function keepOneSteward(db: Tx, orgId: string): Promise<void> {
  const stewards = await db
    .selectFrom("person")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(inOrg(orgId))
    .where("role", "=", "steward")
    .where("deactivatedAt", "is", null)
    .executeTakeFirstOrThrow();
  if (Number(stewards.n) <= 1) throw new AppError("LAST_STEWARD");
}

export async function changeRole(
  db: Tx,
  auth: AuthContext,
  personId: string,
  change: { version: number; role: Role },
  now: Date,
): Promise<void> {
  const row = await getPersonRow(db, auth.orgId, personId);
  checkChangeRoles(auth);
  assertVersion(row.version, change.version);
  if (row.role === change.role) return;
  if (row.role === "steward") await keepOneSteward(db, auth.orgId);
  const result = await db
    .updateTable("person")
    .set({ role: change.role, version: row.version + 1 })
    .where("id", "=", personId)
    .where(inOrg(auth.orgId))
    .where("version", "=", change.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "person.roleChanged",
    subjectType: "person",
    subjectId: personId,
    details: { name: row.name, from: row.role, to: change.role },
    at: now,
  });
}
