/**
 * Cells: the teams of the organisation, periphery (facing the market) or centre (serving the
 * periphery). Anyone may found a cell — self-organisation, no approvals (PRODUCT.md rule 1); a cell's
 * working agreements are changed by its own members (issue 13), everyone else reads them and may ask
 * the cell for advice (NOT_CELL_MEMBER says so). Every change of an agreement is audited. A person may
 * be in several cells; membership is in membership.ts.
 */
import { randomUUID } from "node:crypto";
import type { CellInput, CellPatch } from "../../../shared/org.ts";
import { deleteInOrg, inOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, assertVersion, staleVersion } from "../../platform/errors.ts";
import { cellOwnsCustomers } from "../customers/accountQueries.ts";
import { checkCellMember } from "./policy.ts";
import { getAgreementRow, getCellRow } from "./queries.ts";

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
    .where(inOrg(auth.orgId))
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

export async function addAgreement(
  db: Tx,
  auth: AuthContext,
  cellId: string,
  input: { title: string; body: string },
  now: Date,
): Promise<string> {
  await getCellRow(db, auth.orgId, cellId);
  await checkCellMember(db, auth, cellId);
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("workingAgreement")
    .values({ id, orgId: auth.orgId, cellId, ...input, createdAt: at, updatedAt: at, version: 1 })
    .execute();
  await auditAgreement(db, auth, "workingAgreement.created", cellId, id, input.title, now);
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
  await checkCellMember(db, auth, cellId);
  assertVersion(row.version, patch.version);
  const { version, ...fields } = patch;
  const result = await db
    .updateTable("workingAgreement")
    .set({ ...fields, updatedAt: now.toISOString(), version: version + 1 })
    .where(inOrg(auth.orgId))
    .where("id", "=", agreementId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  await auditAgreement(
    db,
    auth,
    "workingAgreement.updated",
    cellId,
    agreementId,
    fields.title ?? row.title,
    now,
  );
}

export async function removeAgreement(
  db: Tx,
  auth: AuthContext,
  cellId: string,
  agreementId: string,
  now: Date,
): Promise<void> {
  const row = await getAgreementRow(db, auth.orgId, cellId, agreementId);
  await checkCellMember(db, auth, cellId);
  await deleteInOrg(db, "workingAgreement", auth.orgId).where("id", "=", agreementId).execute();
  await auditAgreement(db, auth, "workingAgreement.deleted", cellId, agreementId, row.title, now);
}

function auditAgreement(
  db: Tx,
  auth: AuthContext,
  action: string,
  cellId: string,
  agreementId: string,
  title: string,
  now: Date,
) {
  return recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action,
    subjectType: "workingAgreement",
    subjectId: agreementId,
    details: { cellId, title },
    at: now,
  });
}
