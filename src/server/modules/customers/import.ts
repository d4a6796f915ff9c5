import type { Language } from "../../../shared/common.ts";
import {
  IMPORT_FIELDS,
  type ImportDryRun,
  type ImportField,
  type ImportInput,
  type ImportPreview,
  type ImportRowError,
} from "../../../shared/customers/import.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { parseCsv } from "./csv.ts";
import { planAccountRow } from "./importAccountsPlan.ts";
import { planContactRow } from "./importContactsPlan.ts";
import { planDealRow } from "./importDealsPlan.ts";
import { slicer } from "./importJob.ts";
import { loadExisting, loadLookups, loadPeople } from "./importLookups.ts";
import { type Columns, detectSource, mappedColumns, suggestMapping } from "./importMapping.ts";
import { type ImportPlan, PlanBuilder, type PlanInput } from "./importPlanBuilder.ts";
import { RowReader, reasonText } from "./importRows.ts";
import { keepUnchanged } from "./importUnchanged.ts";
import { loadRememberedValues } from "./importValues.ts";

export type { ImportPlan, PlanInput } from "./importPlanBuilder.ts";

/**
 * CSV import of accounts, contacts and deals: the preview and the plan. Everything is validated
 * before anything is written (the dry run); importJob.ts writes a plan in slices. The rows of each
 * entity are planned in import<Entity>sPlan.ts against the reads of importLookups.ts.
 */
const LISTED = 1000;

export async function previewImport(entity: ImportInput["entity"], csv: string): Promise<ImportPreview> {
  const parsed = await parseCsv(csv, slicer().pause);
  const source = detectSource(entity, parsed.headers);
  return {
    source,
    delimiter: parsed.delimiter,
    headers: parsed.headers,
    mapping: suggestMapping(entity, parsed.headers, source),
    fields: IMPORT_FIELDS[entity],
    rows: parsed.records.slice(0, 10).map((r) => ({ row: r.line, cells: r.cells })),
    totalRows: parsed.records.length,
  };
}

const REQUIRED: Record<ImportInput["entity"], ImportField[][]> = {
  accounts: [["name"]],
  contacts: [["name", "firstName", "lastName"], ["account"]],
  deals: [["title"], ["account"]],
};

const ROW_PLANNERS = { accounts: planAccountRow, contacts: planContactRow, deals: planDealRow };

/** A file without a column for a required field fails as a whole, reported on its header row. */
function unmappedRequired(entity: ImportInput["entity"], columns: Columns, lang: Language): ImportRowError[] {
  return REQUIRED[entity]
    .filter((alternatives) => !alternatives.some((f) => columns[f]))
    .map((alternatives) => ({
      row: 1,
      column: alternatives[0],
      reason: reasonText("unmapped", lang, { field: alternatives[0] }),
    }));
}

/** The dry run: every row validated and resolved against the organisation; nothing is written. */
export async function planImport(
  db: Tx,
  orgId: string,
  input: PlanInput,
  lang: Language,
  now: Date,
): Promise<ImportPlan> {
  const cell = await selectInOrg(db, "cell", orgId)
    .select("id")
    .where("id", "=", input.cellId)
    .executeTakeFirst();
  if (!cell) throw notFound();
  const slice = slicer();
  const parsed = await parseCsv(input.csv, slice.pause);
  const source = detectSource(input.entity, parsed.headers);
  const { columns, ignored } = mappedColumns(input.entity, parsed.headers, input.mapping);
  const lookups = await loadLookups(db, orgId);
  const existing = await loadExisting(db, orgId, input.entity, source, parsed.records, columns, lookups);
  const builder = new PlanBuilder(
    {
      orgId,
      input,
      lang,
      at: now.toISOString(),
      source,
      columns,
      lookups,
      existing,
      remembered: input.entity === "deals" ? await loadRememberedValues(db, orgId, source) : undefined,
      findPerson: columns.owner ? await loadPeople(db, orgId) : undefined,
    },
    parsed.records.length,
  );
  builder.errors.push(...unmappedRequired(input.entity, columns, lang));

  const planRow = ROW_PLANNERS[input.entity];
  for (const record of parsed.records) {
    await slice.pause();
    const reader = new RowReader(record.cells, columns, lang);
    planRow(builder, reader, record.line, builder.readRecordId(reader, record.line));
  }
  const { plan, counts, errors, duplicates, unmatchedOwners, usedValues } = builder;
  await keepUnchanged(db, orgId, plan.updates, counts, now.toISOString());
  errors.sort((a, b) => a.row - b.row);
  return {
    ...plan,
    source,
    counts,
    allErrors: errors,
    errors: errors.slice(0, LISTED),
    errorCount: errors.length,
    duplicates: duplicates.slice(0, LISTED),
    duplicateCount: duplicates.length,
    ignoredColumns: ignored,
    unmatchedOwners: [...unmatchedOwners].slice(0, LISTED),
    values: [...usedValues.values()],
  };
}

export function toDryRun(plan: ImportPlan): ImportDryRun {
  const { source, counts, errors, errorCount, duplicates, duplicateCount, ignoredColumns, unmatchedOwners } =
    plan;
  return {
    source,
    counts,
    errors,
    errorCount,
    duplicates,
    duplicateCount,
    ignoredColumns,
    unmatchedOwners,
  };
}

/** Refuses a plan with errors: nothing is written (PRODUCT.md: nothing half-imported). */
export function assertNoRowErrors(plan: ImportPlan): void {
  if (!plan.errorCount) return;
  const fields: Record<string, string> = {};
  for (const e of plan.allErrors.slice(0, 100)) fields[`rows.${e.row}.${e.column}`] = e.reason;
  throw new AppError("VALIDATION", fields);
}
