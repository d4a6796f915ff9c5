import { randomUUID } from "node:crypto";
import { dealTitleKey } from "./importLookups.ts";
import type { Match, NewDeal, PlanBuilder, RecordIdMatch } from "./importPlanBuilder.ts";
import type { RowReader } from "./importRows.ts";
import type { StageRef } from "./importValues.ts";

/** Dates-only and instants alike, as the ISO instant a deal's createdAt/closedAt holds. */
const closedAtOf = (date: string | null) => (date ? `${date}T12:00:00.000Z` : null);

/**
 * One deal row of an import: its values, stage (through the value mapping), account and owner, then a
 * match by record id or by title on the same account.
 */
export function planDealRow(b: PlanBuilder, reader: RowReader, line: number, recordId: RecordIdMatch) {
  const { lookups, existing, findPerson, orgId, at } = b.ctx;
  const { externalId, match: byRecordId } = recordId;
  const accountsBefore = b.plan.accounts.length;
  const title = reader.text("title", 200, true);
  const currency = reader.currency("currency", lookups.currency);
  const amount = reader.money("amount", currency);
  const stage = resolveStage(b, reader);
  const probability = reader.percent("probability");
  const expectedClose = reader.date("expectedClose");
  const closedOn = reader.date("closedOn");
  const createdAt = reader.dateTime("createdAt");
  const source = reader.text("source", 120);
  const lostReason = reader.text("lostReason", 2000);
  const description = reader.text("description", 20_000);
  const type = reader.text("type", 120);
  const owner = reader.text("owner", 254);
  const cellName = reader.text("cell", 200);
  const namedCell = cellName ? lookups.cells.get(cellName.toLowerCase()) : undefined;
  if (cellName && !namedCell) reader.fail("cell", "cell", { value: cellName });
  const account = b.resolveAccount(reader);
  if (reader.errors.length || !account || !stage) {
    b.rejectRow(reader, line, accountsBefore);
    return;
  }
  const ownerId = owner && findPerson ? findPerson(owner) : undefined;
  if (owner && !ownerId) b.unmatchedOwners.add(owner);
  // A won or lost deal closed on its close date (the file's actual close first); an open one has not.
  const closedAt = stage.outcome === "open" ? null : closedAtOf(closedOn ?? expectedClose);
  const values = {
    title,
    amount,
    currency,
    stageId: stage.id,
    expectedClose,
    probability: probability ?? stage.probability,
    source,
    lostReason,
    description,
    type,
    // Without a date in the file an update keeps the record's own (see keepUnchanged).
    ...(closedAt || stage.outcome === "open" ? { closedAt } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(externalId ? { externalId } : {}),
  };
  const existingId = existing.dealTitles.get(dealTitleKey(account.id, title));
  const match: Match | undefined =
    byRecordId ?? (existingId ? { id: existingId, by: "name", value: title } : undefined);
  b.apply<NewDeal>(
    line,
    match,
    values,
    () => ({
      id: randomUUID(),
      orgId,
      cellId: namedCell ?? account.cellId,
      accountId: account.id,
      ...values,
      closedAt: stage.outcome === "open" ? null : (closedAt ?? at),
      createdAt: createdAt ?? at,
      updatedAt: at,
      externalId,
    }),
    b.plan.deals,
    ownerId ? [ownerId] : [],
  );
}

/**
 * A row's stage: a won or lost status first (Pipedrive keeps the stage a deal was in beside its
 * status), then the stage column's value, the first open stage when the file has none. A value
 * mapped to a stage that is gone and a value nobody mapped are row errors naming the column.
 */
function resolveStage(b: PlanBuilder, reader: RowReader): StageRef | undefined {
  const { stagesById, firstStage } = b.ctx.lookups;
  const status = reader.text("status", 60);
  if (status) {
    const target = b.targetOf("status", status);
    if (target) {
      const stage = stagesById.get(target);
      if (!stage) reader.fail("status", "stageGone", { value: status });
      return stage;
    }
  }
  const value = reader.text("stage", 300);
  if (!value) return firstStage;
  const target = b.targetOf("stage", value);
  if (!target) {
    reader.fail("stage", "stage", { value });
    return undefined;
  }
  const stage = stagesById.get(target);
  if (!stage) reader.fail("stage", "stageGone", { value });
  return stage;
}
