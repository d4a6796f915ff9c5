import type { Language } from "../../../shared/common.ts";
import type {
  AuditEntry,
  Cell,
  Invitation,
  Organisation,
  Person,
  WorkingAgreement,
} from "../../../shared/org.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import type { OrganisationTable, PersonTable } from "../../db/schema.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { containsText } from "../../db/search.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound } from "../../platform/errors.ts";
import { orgAbilities } from "./policy.ts";

/** Reads shaped for the pages; every one starts from `selectInOrg`, so B's rows never reach A. */

export function toOrganisation(row: OrganisationTable, auth: AuthContext): Organisation {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency as Organisation["currency"],
    languages: JSON.parse(row.languages),
    defaultLanguage: row.defaultLanguage as Language,
    weekStart: row.weekStart as Organisation["weekStart"],
    minGroupSize: row.minGroupSize,
    isDemo: row.isDemo === 1,
    createdAt: row.createdAt,
    version: row.version,
    abilities: orgAbilities(auth),
  };
}

export async function getOrganisation(db: Tx, auth: AuthContext): Promise<Organisation> {
  const row = await db.selectFrom("organisation").selectAll().where("id", "=", auth.orgId).executeTakeFirst();
  if (!row) throw notFound();
  return toOrganisation(row, auth);
}

function toPerson(row: PersonTable, cellIds: string[]): Person {
  return {
    id: row.id,
    name: row.name,
    // An erased person has no address any more; the stored placeholder only keeps the column unique.
    email: row.erasedAt ? "" : row.email,
    role: row.role as Person["role"],
    languages: JSON.parse(row.languages),
    skills: JSON.parse(row.skills),
    locale: row.locale as Language,
    cellIds,
    createdAt: row.createdAt,
    version: row.version,
    active: row.deactivatedAt === null,
    erased: row.erasedAt != null,
  };
}

async function cellIdsByPerson(db: Tx, orgId: string, personIds: string[]): Promise<Map<string, string[]>> {
  const byPerson = new Map<string, string[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return byPerson;
  const rows = await selectInOrg(db, "cellMember", orgId)
    .select(["personId", "cellId"])
    .where("personId", "in", personIds)
    .execute();
  for (const row of rows) byPerson.get(row.personId)?.push(row.cellId);
  return byPerson;
}

export async function getPersonRow(db: Tx, orgId: string, personId: string): Promise<PersonTable> {
  const row = await selectInOrg(db, "person", orgId)
    .selectAll()
    .where("id", "=", personId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getPerson(db: Tx, orgId: string, personId: string): Promise<Person> {
  const row = await getPersonRow(db, orgId, personId);
  const cells = await cellIdsByPerson(db, orgId, [row.id]);
  return toPerson(row, cells.get(row.id) ?? []);
}

export async function listPeople(
  db: Tx,
  orgId: string,
  query: { cursor?: string; limit: number; q?: string; skill?: string },
) {
  let select = selectInOrg(db, "person", orgId).selectAll();
  if (query.q) {
    const q = query.q;
    select = select.where((eb) => eb.or([containsText(eb.ref("name"), q), containsText(eb.ref("email"), q)]));
  }
  // Skills are a JSON list of strings; matching the quoted value finds whole skills only.
  if (query.skill) select = select.where((eb) => containsText(eb.ref("skills"), JSON.stringify(query.skill)));
  const rows = await keysetQuery(select, query, { key: "name", id: "id" }).execute();
  const cells = await cellIdsByPerson(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (row) => toPerson(row, cells.get(row.id) ?? []),
    (row) => [row.name, row.id],
  );
}

async function membersByCell(db: Tx, orgId: string, cellIds: string[]) {
  const byCell = new Map<string, { id: string; name: string }[]>(cellIds.map((id) => [id, []]));
  if (cellIds.length === 0) return byCell;
  const rows = await selectInOrg(db, "cellMember", orgId)
    .innerJoin("person", "person.id", "cellMember.personId")
    .select(["cellMember.cellId", "person.id", "person.name"])
    .where("cellMember.cellId", "in", cellIds)
    .orderBy("person.name")
    .execute();
  for (const row of rows) byCell.get(row.cellId)?.push({ id: row.id, name: row.name });
  return byCell;
}

type CellRow = {
  id: string;
  name: string;
  kind: string;
  purpose: string;
  marketSlice: string;
  createdAt: string;
  version: number;
};

const toCell = (row: CellRow, members: { id: string; name: string }[]): Cell => ({
  id: row.id,
  name: row.name,
  kind: row.kind as Cell["kind"],
  purpose: row.purpose,
  marketSlice: row.marketSlice,
  members,
  createdAt: row.createdAt,
  version: row.version,
});

export async function getCellRow(db: Tx, orgId: string, cellId: string) {
  const row = await selectInOrg(db, "cell", orgId).selectAll().where("id", "=", cellId).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getCell(db: Tx, orgId: string, cellId: string): Promise<Cell> {
  const row = await getCellRow(db, orgId, cellId);
  const members = await membersByCell(db, orgId, [row.id]);
  return toCell(row, members.get(row.id) ?? []);
}

export async function listCells(db: Tx, orgId: string, query: { cursor?: string; limit: number }) {
  const select = selectInOrg(db, "cell", orgId).selectAll();
  const rows = await keysetQuery(select, query, { key: "name", id: "id" }).execute();
  const members = await membersByCell(
    db,
    orgId,
    rows.slice(0, query.limit).map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (row) => toCell(row, members.get(row.id) ?? []),
    (row) => [row.name, row.id],
  );
}

export async function getAgreementRow(db: Tx, orgId: string, cellId: string, agreementId: string) {
  const row = await selectInOrg(db, "workingAgreement", orgId)
    .selectAll()
    .where("cellId", "=", cellId)
    .where("id", "=", agreementId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export const toAgreement = (row: WorkingAgreement & { orgId?: string }): WorkingAgreement => ({
  id: row.id,
  cellId: row.cellId,
  title: row.title,
  body: row.body,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  version: row.version,
});

export async function listAgreements(
  db: Tx,
  orgId: string,
  cellId: string,
  query: { cursor?: string; limit: number },
) {
  await getCellRow(db, orgId, cellId);
  const select = selectInOrg(db, "workingAgreement", orgId).selectAll().where("cellId", "=", cellId);
  const rows = await keysetQuery(select, query, { key: "createdAt", id: "id" }).execute();
  return toPage(rows, query.limit, toAgreement, (row) => [row.createdAt, row.id]);
}

function selectInvitations(db: Tx, orgId: string) {
  return selectInOrg(db, "invitation", orgId)
    .innerJoin("person", "person.id", "invitation.invitedBy")
    .select([
      "invitation.id",
      "invitation.email",
      "invitation.role",
      "invitation.createdAt",
      "invitation.expiresAt",
      "person.name as invitedByName",
    ])
    .where("invitation.acceptedAt", "is", null);
}

const toInvitation = <T extends { role: string }>(row: T) => ({
  ...row,
  role: row.role as "member" | "steward",
});

export async function getInvitation(db: Tx, orgId: string, invitationId: string): Promise<Invitation> {
  const row = await selectInvitations(db, orgId).where("invitation.id", "=", invitationId).executeTakeFirst();
  if (!row) throw notFound();
  return toInvitation(row);
}

/** Open invitations, newest first. */
export async function listInvitations(
  db: Tx,
  orgId: string,
  now: Date,
  query: { cursor?: string; limit: number },
) {
  const select = selectInvitations(db, orgId).where("invitation.expiresAt", ">", now.toISOString());
  const rows = await keysetQuery(select, query, {
    key: "invitation.createdAt",
    id: "invitation.id",
    dir: "desc",
  }).execute();
  return toPage(rows, query.limit, toInvitation, (row) => [row.createdAt, row.id]);
}

export async function listAuditEntries(db: Tx, orgId: string, query: { cursor?: string; limit: number }) {
  const select = selectInOrg(db, "auditEntry", orgId)
    .leftJoin("person", "person.id", "auditEntry.actorId")
    .select([
      "auditEntry.id",
      "auditEntry.at",
      "auditEntry.action",
      "auditEntry.subjectType",
      "auditEntry.subjectId",
      "auditEntry.details",
      "person.name as actorName",
    ]);
  const rows = await keysetQuery(select, query, {
    key: "auditEntry.at",
    id: "auditEntry.id",
    dir: "desc",
  }).execute();
  return toPage(
    rows,
    query.limit,
    (row): AuditEntry => ({ ...row, actorName: row.actorName ?? null, details: JSON.parse(row.details) }),
    (row) => [row.at, row.id],
  );
}
