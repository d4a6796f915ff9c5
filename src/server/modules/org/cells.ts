/**
 * Cells: the teams of the organisation, periphery (facing the market) or centre (serving the
 * periphery). Any member shapes cells and their working agreements — self-organisation, no approvals
 * (PRODUCT.md rule 1). A person may be in several cells.
 */
import { randomUUID } from "node:crypto";
import type { CellInput, CellPatch } from "../../../shared/org.ts";
import { deleteInOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, assertVersion, staleVersion } from "../../platform/errors.ts";
import { cellOwnsCustomers } from "../customers/accountQueries.ts";
import { getAgreementRow, getCellRow, getPersonRow } from "./queries.ts";

export async function createCell(db: Tx, auth: AuthContext, input: CellInput, now: Date): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("cell")
    .values({ id, orgId: auth.orgId, ...input, createdAt: now.toISOString(), version: 1 })
    .execute();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "cell.created",
    subjectType: "cell",
    subjectId: id,
    details: { name: input.name, kind: input.kind },
    at: now,
  });
  return id;
}

export async function updateCell(db: Tx, auth: AuthContext, cellId: string, patch: CellPatch): Promise<void> {
  const row = await getCellRow(db, auth.orgId, cellId);
  assertVersion(row.version, patch.version);
  const { version, ...fields } = patch;
  const result = await db
    .updateTable("cell")
    .set({ ...fields, version: version + 1 })
    .where("orgId", "=", auth.orgId)
    .where("id", "=", cellId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

export async function deleteCell(db: Tx, auth: AuthContext, cellId: string, now: Date): Promise<void> {
  const row = await getCellRow(db, auth.orgId, cellId);
  if (await cellOwnsCustomers(db, auth.orgId, cellId)) throw new AppError("CELL_OWNS_CUSTOMERS");
  await deleteInOrg(db, "cell", auth.orgId).where("id", "=", cellId).execute();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "cell.deleted",
    subjectType: "cell",
    subjectId: cellId,
    details: { name: row.name },
    at: now,
  });
}

export async function addMember(db: Tx, auth: AuthContext, cellId: string, personId: string): Promise<void> {
  await getCellRow(db, auth.orgId, cellId);
  await getPersonRow(db, auth.orgId, personId);
  await db
    .insertInto("cellMember")
    .values({ orgId: auth.orgId, cellId, personId })
    .onConflict((oc) => oc.columns(["cellId", "personId"]).doNothing())
    .execute();
}

export async function removeMember(
  db: Tx,
  auth: AuthContext,
  cellId: string,
  personId: string,
): Promise<void> {
  await getCellRow(db, auth.orgId, cellId);
  await getPersonRow(db, auth.orgId, personId);
  await deleteInOrg(db, "cellMember", auth.orgId)
    .where("cellId", "=", cellId)
    .where("personId", "=", personId)
    .execute();
}

export async function addAgreement(
  db: Tx,
  auth: AuthContext,
  cellId: string,
  input: { title: string; body: string },
  now: Date,
): Promise<string> {
  await getCellRow(db, auth.orgId, cellId);
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("workingAgreement")
    .values({ id, orgId: auth.orgId, cellId, ...input, createdAt: at, updatedAt: at, version: 1 })
    .execute();
  return id;
}

export async function updateAgreement(
  db: Tx,
  auth: AuthContext,
  cellId: string,
  agreementId: string,
  patch: { version: number; title?: string; body?: string },
  now: Date,
): Promise<void> {
  const row = await getAgreementRow(db, auth.orgId, cellId, agreementId);
  assertVersion(row.version, patch.version);
  const { version, ...fields } = patch;
  const result = await db
    .updateTable("workingAgreement")
    .set({ ...fields, updatedAt: now.toISOString(), version: version + 1 })
    .where("orgId", "=", auth.orgId)
    .where("id", "=", agreementId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

export async function removeAgreement(
  db: Tx,
  auth: AuthContext,
  cellId: string,
  agreementId: string,
): Promise<void> {
  await getAgreementRow(db, auth.orgId, cellId, agreementId);
  await deleteInOrg(db, "workingAgreement", auth.orgId).where("id", "=", agreementId).execute();
}
