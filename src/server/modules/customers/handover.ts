/**
 * Hand-over, peer to peer: a member of the owning cell gives an account (with its open deals) or a
 * single deal to another cell, with a reason that stays on the account's timeline. Nobody approves.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { HandoverInputSchema } from "../../../shared/customers/accounts.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, assertVersion, staleVersion } from "../../platform/errors.ts";
import { getCellRow } from "../org/queries.ts";
import { getAccountRow } from "./accountQueries.ts";
import { addTimelineEntry } from "./accounts.ts";
import { getDealRow } from "./dealQueries.ts";
import { checkHandOver } from "./policy.ts";

type Handover = z.infer<typeof HandoverInputSchema>;

async function recordHandover(
  db: Tx,
  auth: AuthContext,
  subject: { accountId: string; dealId: string | null; fromCellId: string; toCellId: string; title: string },
  reason: string,
  now: Date,
): Promise<void> {
  const [from, to] = [
    await getCellRow(db, auth.orgId, subject.fromCellId),
    await getCellRow(db, auth.orgId, subject.toCellId),
  ];
  await db
    .insertInto("handover")
    .values({
      id: randomUUID(),
      orgId: auth.orgId,
      accountId: subject.accountId,
      dealId: subject.dealId,
      fromCellId: from.id,
      toCellId: to.id,
      reason,
      byPersonId: auth.person.id,
      at: now.toISOString(),
    })
    .execute();
  await addTimelineEntry(
    db,
    auth.orgId,
    subject.accountId,
    { kind: "handover", body: `${subject.title}: ${from.name} → ${to.name}. ${reason}` },
    auth.person.id,
    now,
  );
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: subject.dealId ? "deal.handedOver" : "account.handedOver",
    subjectType: subject.dealId ? "deal" : "account",
    subjectId: subject.dealId ?? subject.accountId,
    details: { name: subject.title, from: from.name, to: to.name, reason },
    at: now,
  });
}

export async function handOverAccount(
  db: Tx,
  auth: AuthContext,
  accountId: string,
  input: Handover,
  now: Date,
) {
  const account = await getAccountRow(db, auth.orgId, accountId);
  await getCellRow(db, auth.orgId, input.toCellId);
  await checkHandOver(db, auth, account.cellId);
  assertVersion(account.version, input.version);
  if (account.cellId === input.toCellId) throw new AppError("VALIDATION", { toCellId: "same cell" });
  const at = now.toISOString();
  const result = await db
    .updateTable("account")
    .set({ cellId: input.toCellId, updatedAt: at, version: account.version + 1 })
    .where(inOrg(auth.orgId))
    .where("id", "=", accountId)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  const openStages = selectInOrg(db, "pipelineStage", auth.orgId).select("id").where("outcome", "=", "open");
  await db
    .updateTable("deal")
    .set((eb) => ({ cellId: input.toCellId, updatedAt: at, version: eb("version", "+", 1) }))
    .where(inOrg(auth.orgId))
    .where("accountId", "=", accountId)
    .where("cellId", "=", account.cellId)
    .where("stageId", "in", openStages)
    .execute();
  await recordHandover(
    db,
    auth,
    { accountId, dealId: null, fromCellId: account.cellId, toCellId: input.toCellId, title: account.name },
    input.reason,
    now,
  );
}

export async function handOverDeal(db: Tx, auth: AuthContext, dealId: string, input: Handover, now: Date) {
  const deal = await getDealRow(db, auth.orgId, dealId);
  await getCellRow(db, auth.orgId, input.toCellId);
  await checkHandOver(db, auth, deal.cellId);
  assertVersion(deal.version, input.version);
  if (deal.cellId === input.toCellId) throw new AppError("VALIDATION", { toCellId: "same cell" });
  const result = await db
    .updateTable("deal")
    .set({ cellId: input.toCellId, updatedAt: now.toISOString(), version: deal.version + 1 })
    .where(inOrg(auth.orgId))
    .where("id", "=", dealId)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  await recordHandover(
    db,
    auth,
    {
      accountId: deal.accountId,
      dealId,
      fromCellId: deal.cellId,
      toCellId: input.toCellId,
      title: deal.title,
    },
    input.reason,
    now,
  );
}
