/**
 * Deals in a cell's pipeline. Moving a deal is the team's own call — no stage waits for anyone's
 * sign-off (PRODUCT.md rule 1); the people involved are named for information, never measured.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { DealInput, DealMoveSchema, DealPatchSchema } from "../../../shared/customers/deals.ts";
import { deleteInOrg, inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { assertVersion, notFound, staleVersion } from "../../platform/errors.ts";
import { indexRows } from "../../platform/search/textIndex.ts";
import { getCellRow } from "../org/queries.ts";
import { getAccountRow } from "./accountQueries.ts";
import { addTimelineEntry } from "./accounts.ts";
import { getDealRow } from "./dealQueries.ts";
import { DEAL_SEARCH } from "./search.ts";
import { firstStage, getStage } from "./stages.ts";

async function setPeople(db: Tx, orgId: string, dealId: string, personIds: string[]): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length > 0) {
    const found = await selectInOrg(db, "person", orgId).select("id").where("id", "in", unique).execute();
    if (found.length !== unique.length) throw notFound();
  }
  await deleteInOrg(db, "dealPerson", orgId).where("dealId", "=", dealId).execute();
  if (unique.length > 0) {
    await db
      .insertInto("dealPerson")
      .values(unique.map((personId) => ({ orgId, dealId, personId })))
      .execute();
  }
}

const closedAtFor = (outcome: string, previous: string | null, now: Date) =>
  outcome === "open" ? null : (previous ?? now.toISOString());

export async function createDeal(db: Tx, auth: AuthContext, input: DealInput, now: Date): Promise<string> {
  const account = await getAccountRow(db, auth.orgId, input.accountId);
  const cellId = input.cellId ?? account.cellId;
  await getCellRow(db, auth.orgId, cellId);
  const stage = input.stageId
    ? await getStage(db, auth.orgId, input.stageId)
    : await firstStage(db, auth.orgId);
  const id = randomUUID();
  const at = now.toISOString();
  const { personIds, stageId: _stageId, cellId: _cellId, keepOpenOnAcceptance, ...fields } = input;
  await db
    .insertInto("deal")
    .values({
      ...fields,
      id,
      orgId: auth.orgId,
      cellId,
      stageId: stage.id,
      probability: input.probability ?? stage.probability,
      keepOpenOnAcceptance: keepOpenOnAcceptance ? 1 : 0,
      createdAt: at,
      updatedAt: at,
      closedAt: closedAtFor(stage.outcome, null, now),
      importJobId: null,
      version: 1,
    })
    .execute();
  await setPeople(db, auth.orgId, id, personIds);
  await indexRows(db, DEAL_SEARCH, auth.orgId, [id]);
  await addTimelineEntry(
    db,
    auth.orgId,
    account.id,
    { kind: "deal", body: input.title },
    auth.person.id,
    now,
  );
  return id;
}

export async function updateDeal(
  db: Tx,
  auth: AuthContext,
  dealId: string,
  patch: z.infer<typeof DealPatchSchema>,
  now: Date,
): Promise<void> {
  const row = await getDealRow(db, auth.orgId, dealId);
  assertVersion(row.version, patch.version);
  const { version, personIds, stageId, keepOpenOnAcceptance, ...fields } = patch;
  const stage = stageId ? await getStage(db, auth.orgId, stageId) : undefined;
  const result = await db
    .updateTable("deal")
    .set({
      ...fields,
      ...(stage ? { stageId: stage.id, closedAt: closedAtFor(stage.outcome, row.closedAt, now) } : {}),
      ...(keepOpenOnAcceptance !== undefined ? { keepOpenOnAcceptance: keepOpenOnAcceptance ? 1 : 0 } : {}),
      updatedAt: now.toISOString(),
      version: version + 1,
    })
    .where(inOrg(auth.orgId))
    .where("id", "=", dealId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  if (personIds) await setPeople(db, auth.orgId, dealId, personIds);
  if (fields.title !== undefined) await indexRows(db, DEAL_SEARCH, auth.orgId, [dealId]);
}

/** The board's drag-and-drop: a new stage, `closedAt` set on entering won/lost, cleared on reopening. */
export async function moveDeal(
  db: Tx,
  auth: AuthContext,
  dealId: string,
  move: z.infer<typeof DealMoveSchema>,
  now: Date,
): Promise<void> {
  const row = await getDealRow(db, auth.orgId, dealId);
  assertVersion(row.version, move.version);
  const stage = await getStage(db, auth.orgId, move.stageId);
  const result = await db
    .updateTable("deal")
    .set({
      stageId: stage.id,
      probability: stage.probability,
      closedAt: closedAtFor(stage.outcome, row.stageId === stage.id ? row.closedAt : null, now),
      ...(move.lostReason !== undefined ? { lostReason: move.lostReason } : {}),
      updatedAt: now.toISOString(),
      version: move.version + 1,
    })
    .where(inOrg(auth.orgId))
    .where("id", "=", dealId)
    .where("version", "=", move.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  if (stage.outcome !== "open" && row.stageId !== stage.id) {
    await addTimelineEntry(
      db,
      auth.orgId,
      row.accountId,
      { kind: "deal", body: `${row.title} → ${stage.name}` },
      auth.person.id,
      now,
    );
  }
}

export async function deleteDeal(db: Tx, auth: AuthContext, dealId: string): Promise<void> {
  await getDealRow(db, auth.orgId, dealId);
  await deleteInOrg(db, "deal", auth.orgId).where("id", "=", dealId).execute();
}
