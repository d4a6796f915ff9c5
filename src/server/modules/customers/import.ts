import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { Language } from "../../../shared/common.ts";
import {
  IMPORT_FIELDS,
  type ImportCounts,
  type ImportDryRun,
  type ImportDuplicate,
  type ImportField,
  type ImportInput,
  type ImportPreview,
  type ImportRowError,
  type ImportSource,
} from "../../../shared/customers/import.ts";
import type { AccountTable, ContactTable, DealTable } from "../../db/schema.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { parseCsv } from "./csv.ts";
import { slicer } from "./importJob.ts";
import { detectSource, mappedColumns, suggestMapping } from "./importMapping.ts";
import { domainOf, RowReader, reasonText } from "./importRows.ts";
import {
  listStageRefs,
  loadRememberedValues,
  type RememberedValue,
  type StageRef,
  suggestTarget,
  type ValueField,
  valueKey,
} from "./importValues.ts";

/**
 * CSV import of accounts, contacts and deals: the preview and the plan. Everything is validated
 * before anything is written (the dry run); importJob.ts writes a plan in slices.
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

/** Rows as the plan holds them: every column the import sets, the columns with defaults left out. */
type NewRow<T> = Omit<Insertable<T>, "importJobId" | "version"> & { id: string; externalId: string | null };
type NewAccount = NewRow<AccountTable> & { cellId: string; name: string };
type NewContact = NewRow<ContactTable>;
type NewDeal = NewRow<DealTable> & { stageId: string };
type AccountRef = { id: string; cellId: string };
type RecordTable = "account" | "contact" | "deal";
/** `people`: persons to add to a deal's involved people (the file's owner). */
type Update = { table: RecordTable; id: string; values: Record<string, unknown>; people?: string[] };

export type ImportPlan = ImportDryRun & {
  allErrors: ImportRowError[];
  accounts: NewAccount[];
  contacts: NewContact[];
  deals: NewDeal[];
  /** The owners of new deals, as involved people. */
  dealPeople: { dealId: string; personId: string }[];
  updates: Update[];
  /** The stage and status values' targets this import used, remembered for the next file from the source. */
  values: RememberedValue[];
};

/** The value-mapping choices may be left out by API clients: the values then map themselves. */
export type PlanInput = Omit<ImportInput, "stageValues" | "statusValues"> &
  Partial<Pick<ImportInput, "stageValues" | "statusValues">>;

type OrgLookups = {
  currency: string;
  cells: Map<string, string>;
  stages: StageRef[];
  stagesById: Map<string, StageRef>;
  firstStage: StageRef | undefined;
  accountsByName: Map<string, AccountRef>;
  accountsByDomain: Map<string, AccountRef>;
};

async function loadLookups(db: Tx, orgId: string): Promise<OrgLookups> {
  const org = await db
    .selectFrom("organisation")
    .select("currency")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  const cells = await selectInOrg(db, "cell", orgId).select(["id", "name"]).execute();
  const stages = await listStageRefs(db, orgId);
  const accounts = await selectInOrg(db, "account", orgId)
    .select(["id", "name", "domain", "cellId"])
    .execute();
  const accountsByName = new Map<string, AccountRef>();
  const accountsByDomain = new Map<string, AccountRef>();
  for (const a of accounts) {
    accountsByName.set(a.name.toLowerCase(), { id: a.id, cellId: a.cellId });
    if (a.domain) accountsByDomain.set(a.domain, { id: a.id, cellId: a.cellId });
  }
  return {
    currency: org.currency,
    cells: new Map(cells.map((c) => [c.name.toLowerCase(), c.id])),
    stages,
    stagesById: new Map(stages.map((s) => [s.id, s])),
    firstStage: stages.find((s) => s.outcome === "open") ?? stages[0],
    accountsByName,
    accountsByDomain,
  };
}

/** People of the organisation by e-mail and by name (a name two people share matches neither). */
async function loadPeople(db: Tx, orgId: string) {
  const rows = await selectInOrg(db, "person", orgId).select(["id", "name", "email"]).execute();
  const byEmail = new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
  const byName = new Map<string, string | null>();
  for (const r of rows) {
    const key = r.name.trim().toLowerCase();
    byName.set(key, byName.has(key) ? null : r.id);
  }
  return (value: string) => byEmail.get(value.toLowerCase()) ?? byName.get(value.toLowerCase()) ?? undefined;
}

const REQUIRED: Record<ImportInput["entity"], ImportField[][]> = {
  accounts: [["name"]],
  contacts: [["name", "firstName", "lastName"], ["account"]],
  deals: [["title"], ["account"]],
};

async function inBatches<T, R>(items: T[], size: number, load: (batch: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await load(items.slice(i, i + size))));
  return out;
}

const TABLES: Record<ImportInput["entity"], RecordTable> = {
  accounts: "account",
  contacts: "contact",
  deals: "deal",
};

/** Dates-only and instants alike, as the ISO instant a deal's createdAt/closedAt holds. */
const closedAtOf = (date: string | null) => (date ? `${date}T12:00:00.000Z` : null);

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
  const source: ImportSource = detectSource(input.entity, parsed.headers);
  const { columns, ignored } = mappedColumns(input.entity, parsed.headers, input.mapping);

  const errors: ImportRowError[] = [];
  for (const alternatives of REQUIRED[input.entity]) {
    if (!alternatives.some((f) => columns[f]))
      errors.push({
        row: 1,
        column: alternatives[0],
        reason: reasonText("unmapped", lang, { field: alternatives[0] }),
      });
  }

  const lookups = await loadLookups(db, orgId);
  const at = now.toISOString();
  const counts: ImportCounts = {
    totalRows: parsed.records.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    accountsCreated: 0,
  };
  const duplicates: ImportDuplicate[] = [];
  const plan: Pick<ImportPlan, "accounts" | "contacts" | "deals" | "dealPeople" | "updates"> = {
    accounts: [],
    contacts: [],
    deals: [],
    dealPeople: [],
    updates: [],
  };
  const newAccounts = new Map<string, AccountRef>();
  const cellOf = (index: number | undefined, record: { cells: string[] }) =>
    index === undefined ? "" : (record.cells[index] ?? "").trim();

  // The source's record ids: a re-import finds its records by them first (idempotent).
  const table = TABLES[input.entity];
  const byExternalId = new Map<string, string>();
  const externalIdOf = (recordId: string) => (recordId ? `${source}:${recordId}` : null);
  if (columns.recordId) {
    const wanted = [
      ...new Set(parsed.records.map((r) => externalIdOf(cellOf(columns.recordId?.index, r))).filter(Boolean)),
    ] as string[];
    const rows = await inBatches(wanted, 500, (batch) =>
      selectInOrg(db, table, orgId).select(["id", "externalId"]).where("externalId", "in", batch).execute(),
    );
    for (const r of rows) if (r.externalId) byExternalId.set(r.externalId, r.id);
  }
  const seenRecordIds = new Map<string, number>();

  // Duplicates of contacts by e-mail and of deals by title on the same account, read in batches.
  const emails = new Map<string, string>();
  const dealTitles = new Map<string, string>();
  if (input.entity === "contacts" && columns.email) {
    const wanted = [
      ...new Set(parsed.records.map((r) => (r.cells[columns.email?.index ?? 0] ?? "").trim().toLowerCase())),
    ];
    const rows = await inBatches(wanted.filter(Boolean), 500, (batch) =>
      selectInOrg(db, "contact", orgId).select(["id", "email"]).where("email", "in", batch).execute(),
    );
    for (const r of rows) emails.set(r.email, r.id);
  }
  if (input.entity === "deals") {
    const ids = [...new Set([...lookups.accountsByName.values()].map((a) => a.id))];
    if (ids.length && parsed.records.length) {
      const rows = await inBatches(ids, 500, (batch) =>
        selectInOrg(db, "deal", orgId)
          .select(["id", "accountId", "title"])
          .where("accountId", "in", batch)
          .execute(),
      );
      for (const r of rows) dealTitles.set(`${r.accountId}\u0000${r.title.toLowerCase()}`, r.id);
    }
  }

  // The value-mapping step: the person's choices first, then what the values map to by themselves.
  const stageValues = choices(input.stageValues);
  const statusValues = choices(input.statusValues);
  const remembered = input.entity === "deals" ? await loadRememberedValues(db, orgId, source) : undefined;
  const usedValues = new Map<string, RememberedValue>();
  const targetOf = (field: ValueField, value: string): string | null | undefined => {
    const chosen = (field === "stage" ? stageValues : statusValues).get(valueKey(value));
    const target =
      chosen !== undefined
        ? chosen
        : suggestTarget(field, value, lookups.stages, remembered?.[field] ?? new Map())?.stageId;
    if (target !== undefined)
      usedValues.set(`${field}\u0000${valueKey(value)}`, { field, value: valueKey(value), stageId: target });
    return target;
  };
  const findPerson = columns.owner ? await loadPeople(db, orgId) : undefined;
  const unmatchedOwners = new Set<string>();

  const resolveAccount = (reader: RowReader): AccountRef | null => {
    const value = reader.text("account", 200, true);
    if (!value) return null;
    const key = value.toLowerCase();
    const found =
      lookups.accountsByName.get(key) ??
      (/^[^\s]+\.[^\s]+$/.test(value) ? lookups.accountsByDomain.get(domainOf(value)) : undefined) ??
      newAccounts.get(key);
    if (found) return found;
    if (!input.createAccounts) {
      reader.fail("account", "account", { value });
      return null;
    }
    const account: NewAccount = {
      id: randomUUID(),
      orgId,
      cellId: input.cellId,
      name: value,
      industry: "",
      size: "unknown",
      region: "",
      website: "",
      domain: "",
      notes: "",
      createdAt: at,
      updatedAt: at,
      externalId: null,
    };
    plan.accounts.push(account);
    counts.accountsCreated++;
    const ref = { id: account.id, cellId: account.cellId };
    newAccounts.set(key, ref);
    return ref;
  };

  type Match = { id: string; by: ImportDuplicate["matchedBy"]; value: string };
  const decide = (row: number, duplicate: Match | undefined) => {
    if (!duplicate) return "create" as const;
    duplicates.push({ row, matchedBy: duplicate.by, value: duplicate.value, existingId: duplicate.id });
    return input.duplicates;
  };
  /** The row's record id, checked against earlier rows; a match by it comes before any other. */
  const readRecordId = (reader: RowReader, line: number) => {
    const recordId = reader.text("recordId", 200);
    if (!recordId) return { externalId: null, match: undefined };
    const earlier = seenRecordIds.get(recordId);
    if (earlier !== undefined) reader.fail("recordId", "recordIdTwice", { value: recordId, row: earlier });
    else seenRecordIds.set(recordId, line);
    const externalId = externalIdOf(recordId);
    const id = externalId ? byExternalId.get(externalId) : undefined;
    return { externalId, match: id ? ({ id, by: "recordId", value: recordId } as Match) : undefined };
  };
  /**
   * Create, update or skip one row. A copy of a record matched by its record id gets no record id
   * of its own: the source's id names one record here as there.
   */
  const apply = <T extends { id: string; externalId: string | null }>(
    line: number,
    match: Match | undefined,
    values: Record<string, unknown>,
    created: () => T,
    list: T[],
    people: string[] = [],
  ) => {
    const choice = decide(line, match);
    if (choice === "skip") counts.skipped++;
    else if (choice === "update" && match) {
      plan.updates.push({ table, id: match.id, values, people });
      counts.updated++;
    } else {
      const row = created();
      if (match?.by === "recordId") row.externalId = null;
      list.push(row);
      for (const personId of people) plan.dealPeople.push({ dealId: row.id, personId });
      counts.created++;
    }
  };

  for (const record of parsed.records) {
    await slice.pause();
    const reader = new RowReader(record.cells, columns, lang);
    const rowErrorsBefore = plan.accounts.length;
    const { externalId, match: byRecordId } = readRecordId(reader, record.line);
    if (input.entity === "accounts") {
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
        errors.push(...reader.errors.map((e) => ({ row: record.line, ...e })));
        continue;
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
      apply<NewAccount>(
        record.line,
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
        plan.accounts,
      );
      continue;
    }
    if (input.entity === "contacts") {
      const full = reader.text("name", 160);
      const name =
        full || [reader.text("firstName", 80), reader.text("lastName", 80)].filter(Boolean).join(" ");
      if (!name) reader.fail(columns.name ? "name" : "lastName", "required");
      const values = {
        name,
        role: reader.text("role", 120),
        email: reader.email("email"),
        phone: reader.text("phone", 60),
        ...(externalId ? { externalId } : {}),
      };
      const account = resolveAccount(reader);
      if (reader.errors.length || !account) {
        dropAccountsSince(plan.accounts, rowErrorsBefore, newAccounts, counts);
        errors.push(...reader.errors.map((e) => ({ row: record.line, ...e })));
        continue;
      }
      const existingId = values.email ? emails.get(values.email) : undefined;
      const match: Match | undefined =
        byRecordId ?? (existingId ? { id: existingId, by: "email", value: values.email } : undefined);
      apply<NewContact>(
        record.line,
        match,
        { ...values, accountId: account.id },
        () => ({
          id: randomUUID(),
          orgId,
          accountId: account.id,
          ...values,
          externalId,
          createdAt: at,
          updatedAt: at,
        }),
        plan.contacts,
      );
      continue;
    }
    const title = reader.text("title", 200, true);
    const currency = reader.currency("currency", lookups.currency);
    const amount = reader.money("amount", currency);
    const stage = resolveStage(reader, lookups, targetOf);
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
    const account = resolveAccount(reader);
    if (reader.errors.length || !account || !stage) {
      dropAccountsSince(plan.accounts, rowErrorsBefore, newAccounts, counts);
      errors.push(...reader.errors.map((e) => ({ row: record.line, ...e })));
      continue;
    }
    const ownerId = owner && findPerson ? findPerson(owner) : undefined;
    if (owner && !ownerId) unmatchedOwners.add(owner);
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
    const existingId = dealTitles.get(`${account.id}\u0000${title.toLowerCase()}`);
    const match: Match | undefined =
      byRecordId ?? (existingId ? { id: existingId, by: "name", value: title } : undefined);
    apply<NewDeal>(
      record.line,
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
      plan.deals,
      ownerId ? [ownerId] : [],
    );
  }
  await keepUnchanged(db, orgId, plan.updates, counts, at);
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

const choices = (values: Record<string, string> | undefined) =>
  new Map(Object.entries(values ?? {}).map(([value, target]) => [valueKey(value), target || null]));

/**
 * A row's stage: a won or lost status first (Pipedrive keeps the stage a deal was in beside its
 * status), then the stage column's value, the first open stage when the file has none. A value
 * mapped to a stage that is gone and a value nobody mapped are row errors naming the column.
 */
function resolveStage(
  reader: RowReader,
  lookups: OrgLookups,
  targetOf: (field: ValueField, value: string) => string | null | undefined,
): StageRef | undefined {
  const status = reader.text("status", 60);
  if (status) {
    const target = targetOf("status", status);
    if (target) {
      const stage = lookups.stagesById.get(target);
      if (!stage) reader.fail("status", "stageGone", { value: status });
      return stage;
    }
  }
  const value = reader.text("stage", 300);
  if (!value) return lookups.firstStage;
  const target = targetOf("stage", value);
  if (!target) {
    reader.fail("stage", "stage", { value });
    return undefined;
  }
  const stage = lookups.stagesById.get(target);
  if (!stage) reader.fail("stage", "stageGone", { value });
  return stage;
}

/** Loose equality across engines: PostgreSQL returns bigints as strings. */
const same = (a: unknown, b: unknown) =>
  (a ?? null) === (b ?? null) || (a != null && String(a) === String(b));

/**
 * Matched rows whose record already holds every value of the file are not written at all (no new
 * version, no updatedAt): importing the same file again with "update" changes nothing.
 */
async function keepUnchanged(db: Tx, orgId: string, updates: Update[], counts: ImportCounts, at: string) {
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

/** A row that failed must not leave the account it would have created behind. */
function dropAccountsSince(
  accounts: NewAccount[],
  length: number,
  index: Map<string, AccountRef>,
  counts: ImportCounts,
) {
  for (const dropped of accounts.splice(length)) {
    index.delete(dropped.name.toLowerCase());
    counts.accountsCreated--;
  }
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
