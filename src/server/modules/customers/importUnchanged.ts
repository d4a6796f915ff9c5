import type { ImportCounts } from "../../../shared/customers/import.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { inBatches, type RecordTable } from "./importLookups.ts";
import type { Update } from "./importPlanBuilder.ts";

/** Loose equality across engines: PostgreSQL returns bigints as strings. */
const same = (a: unknown, b: unknown) =>
  (a ?? null) === (b ?? null) || (a != null && String(a) === String(b));

/**
 * Matched rows whose record already holds every value of the file are not written at all (no new
 * version, no updatedAt): importing the same file again with "update" changes nothing.
 */
export async function keepUnchanged(
  db: Tx,
  orgId: string,
  updates: Update[],
  counts: ImportCounts,
  at: string,
) {
  if (!updates.length) return;
  const byTable = new Map<RecordTable, Update[]>();
  for (const u of updates) byTable.set(u.table, [...(byTable.get(u.table) ?? []), u]);
  const kept: Update[] = [];
  for (const [table, list] of byTable) {
    const ids = list.map((u) => u.id);
    const rows = await inBatches(ids, 500, (batch) =>
      selectInOrg(db, table, orgId).selectAll().where("id", "in", batch).execute(),
    );
    const existing = new Map(rows.map((r) => [r.id, r as unknown as Record<string, unknown>]));
    const people = new Set<string>();
    if (table === "deal") {
      const links = await inBatches(ids, 500, (batch) =>
        selectInOrg(db, "dealPerson", orgId)
          .select(["dealId", "personId"])
          .where("dealId", "in", batch)
          .execute(),
      );
      for (const l of links) people.add(`${l.dealId}\u0000${l.personId}`);
    }
    for (const update of list) {
      const row = existing.get(update.id);
      if (!row) continue;
      update.people = (update.people ?? []).filter((p) => !people.has(`${update.id}\u0000${p}`));
      // A closed deal without a close date in the file keeps the day it closed here.
      if (table === "deal" && !("closedAt" in update.values)) update.values.closedAt = row.closedAt ?? at;
      const changed = Object.entries(update.values).some(([key, value]) => !same(row[key], value));
      if (changed || update.people.length)
        kept.push({ ...update, values: { ...update.values, updatedAt: at } });
      else {
        counts.updated--;
        counts.unchanged++;
      }
    }
  }
  updates.splice(0, updates.length, ...kept);
}
