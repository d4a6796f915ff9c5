/**
 * Guardrails: the organisation's discount band, minimum margin and longest payment terms. Stewards
 * set them, everyone reads them, every change is in the audit log (PRODUCT.md rule 6). They inform
 * a seller writing an offer and never block sending it (rule 1).
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Guardrail, GuardrailInputSchema, GuardrailKind } from "../../../shared/customers/offers.ts";
import type { GuardrailLimit } from "../../../shared/offerMath.ts";
import { isUniqueViolation } from "../../db/connect.ts";
import type { GuardrailTable } from "../../db/schema.ts";
import { deleteInOrg, selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound, staleVersion } from "../../platform/errors.ts";
import { checkEditSettings } from "../org/policy.ts";

export type GuardrailInput = z.infer<typeof GuardrailInputSchema>;

const KIND_ORDER: GuardrailKind[] = ["discount", "margin", "paymentTerms"];

function toGuardrail(row: GuardrailTable): Guardrail {
  return {
    kind: row.kind as GuardrailKind,
    limitValue: row.limitValue,
    why: row.why,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function listGuardrails(db: Tx, orgId: string): Promise<Guardrail[]> {
  const rows = await selectInOrg(db, "guardrail", orgId).selectAll().execute();
  return rows.map(toGuardrail).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/** What offers are measured against: the limits and their reasons. */
export async function guardrailLimits(db: Tx, orgId: string): Promise<GuardrailLimit[]> {
  return (await listGuardrails(db, orgId)).map(({ kind, limitValue, why }) => ({ kind, limitValue, why }));
}

export async function getGuardrail(db: Tx, orgId: string, kind: GuardrailKind): Promise<Guardrail> {
  const row = await findGuardrailRow(db, orgId, kind);
  if (!row) throw notFound();
  return toGuardrail(row);
}

function findGuardrailRow(db: Tx, orgId: string, kind: GuardrailKind) {
  return selectInOrg(db, "guardrail", orgId).selectAll().where("kind", "=", kind).executeTakeFirst();
}

/**
 * Sets one guardrail. Replacing an existing one needs its version (409 otherwise), so two stewards
 * editing at once do not overwrite each other unseen; a new one must come without a version.
 */
export async function setGuardrail(
  db: Tx,
  auth: AuthContext,
  kind: GuardrailKind,
  input: GuardrailInput,
  now: Date,
): Promise<void> {
  checkEditSettings(auth);
  await writeGuardrail(db, auth, kind, input, now, null);
}

/**
 * A passed consent decision on a guardrail changes it (decisions module). The consent, not the
 * steward role, legitimises the change, so there is no role check; the guardrail names the decision.
 */
export async function applyGuardrailDecision(
  db: Tx,
  auth: AuthContext,
  kind: GuardrailKind,
  change: { limitValue: number; why: string },
  proposalId: string,
  now: Date,
): Promise<void> {
  const row = await findGuardrailRow(db, auth.orgId, kind);
  await writeGuardrail(db, auth, kind, { ...change, version: row?.version }, now, proposalId);
}

async function writeGuardrail(
  db: Tx,
  auth: AuthContext,
  kind: GuardrailKind,
  input: GuardrailInput,
  now: Date,
  changedByProposalId: string | null,
): Promise<void> {
  const row = await findGuardrailRow(db, auth.orgId, kind);
  const at = now.toISOString();
  if (row) {
    if (input.version !== row.version) throw staleVersion();
    const result = await updateInOrg(db, "guardrail", auth.orgId)
      .set({
        limitValue: input.limitValue,
        why: input.why,
        updatedAt: at,
        changedByProposalId,
        version: row.version + 1,
      })
      .where("id", "=", row.id)
      .where("version", "=", row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  } else {
    if (input.version !== undefined) throw staleVersion();
    await db
      .insertInto("guardrail")
      .values({
        id: randomUUID(),
        orgId: auth.orgId,
        kind,
        limitValue: input.limitValue,
        why: input.why,
        updatedAt: at,
        changedByProposalId,
        version: 1,
      })
      .execute()
      // Another steward created the same guardrail at the same moment.
      .catch(conflictAsStale);
  }
  await auditChange(
    db,
    auth,
    kind,
    row,
    { limitValue: input.limitValue, why: input.why },
    now,
    changedByProposalId,
  );
}

export async function removeGuardrail(
  db: Tx,
  auth: AuthContext,
  kind: GuardrailKind,
  now: Date,
): Promise<void> {
  checkEditSettings(auth);
  const row = await findGuardrailRow(db, auth.orgId, kind);
  if (!row) throw notFound();
  await deleteInOrg(db, "guardrail", auth.orgId).where("id", "=", row.id).execute();
  await auditChange(db, auth, kind, row, null, now);
}

async function auditChange(
  db: Tx,
  auth: AuthContext,
  kind: GuardrailKind,
  before: GuardrailTable | undefined,
  after: { limitValue: number; why: string } | null,
  now: Date,
  changedByProposalId: string | null = null,
) {
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "guardrail.changed",
    subjectType: "guardrail",
    subjectId: null,
    details: {
      kind,
      limitValue: { from: before?.limitValue ?? null, to: after?.limitValue ?? null },
      why: { from: before?.why ?? null, to: after?.why ?? null },
      ...(changedByProposalId ? { changedByProposalId } : {}),
    },
    at: now,
  });
}

/** A unique violation on a first write means someone else wrote first: the caller's view is stale. */
export function conflictAsStale(error: unknown): never {
  throw isUniqueViolation(error) ? staleVersion() : error;
}
