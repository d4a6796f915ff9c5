import { randomUUID } from "node:crypto";
import type { Match, NewAccount, PlanBuilder, RecordIdMatch } from "./importPlanBuilder.ts";
import { domainOf, type RowReader } from "./importRows.ts";

/** One account row of an import: its values, then a match by record id, name or domain. */
export function planAccountRow(b: PlanBuilder, reader: RowReader, line: number, recordId: RecordIdMatch) {
  const { lookups, input, orgId, at } = b.ctx;
  const { externalId, match: byRecordId } = recordId;
  const name = reader.text("name", 200, true);
  const website = reader.text("website", 300);
  const cellName = reader.text("cell", 200);
  const cellId = cellName ? lookups.cells.get(cellName.toLowerCase()) : input.cellId;
  if (!cellId) reader.fail("cell", "cell", { value: cellName });
  const values = {
    name,
    industry: reader.text("industry", 120),
    size: reader.size("employees"),
    region: reader.text("region", 120),
    website,
    domain: domainOf(website),
    notes: reader.text("notes", 20_000),
    ...(externalId ? { externalId } : {}),
  };
  if (reader.errors.length) {
    b.rejectRow(reader, line, b.plan.accounts.length);
    return;
  }
  const byName = lookups.accountsByName.get(name.toLowerCase());
  const byDomain = values.domain ? lookups.accountsByDomain.get(values.domain) : undefined;
  const match: Match | undefined =
    byRecordId ??
    (byName
      ? { id: byName.id, by: "name", value: name }
      : byDomain
        ? { id: byDomain.id, by: "domain", value: values.domain }
        : undefined);
  b.apply<NewAccount>(
    line,
    match,
    values,
    () => ({
      id: randomUUID(),
      orgId,
      cellId: cellId ?? input.cellId,
      ...values,
      externalId,
      createdAt: at,
      updatedAt: at,
    }),
    b.plan.accounts,
  );
}
