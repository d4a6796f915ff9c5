import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { Language } from "../../../shared/common.ts";
import type {
  ImportCounts,
  ImportDryRun,
  ImportDuplicate,
  ImportInput,
  ImportRowError,
  ImportSource,
} from "../../../shared/customers/import.ts";
import type { AccountTable, ContactTable, DealTable } from "../../db/schema.ts";
import {
  type AccountRef,
  type ExistingRecords,
  externalIdOf,
  type OrgLookups,
  type RecordTable,
  TABLES,
} from "./importLookups.ts";
import type { Columns } from "./importMapping.ts";
import { domainOf, type RowReader } from "./importRows.ts";
import { type RememberedValue, suggestTarget, type ValueField, valueKey } from "./importValues.ts";

/** Rows as the plan holds them: every column the import sets, the columns with defaults left out. */
type NewRow<T> = Omit<Insertable<T>, "importJobId" | "version"> & { id: string; externalId: string | null };
export type NewAccount = NewRow<AccountTable> & { cellId: string; name: string };
export type NewContact = NewRow<ContactTable>;
export type NewDeal = NewRow<DealTable> & { stageId: string };
/** `people`: persons to add to a deal's involved people (the file's owner). */
export type Update = { table: RecordTable; id: string; values: Record<string, unknown>; people?: string[] };

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

export type Match = { id: string; by: ImportDuplicate["matchedBy"]; value: string };
/** A row's record id as the source names it, and the record it already names here. */
export type RecordIdMatch = { externalId: string | null; match: Match | undefined };

/** Everything a row is resolved against; read once before the first row. */
export type PlanContext = {
  orgId: string;
  input: PlanInput;
  lang: Language;
  /** The import's instant, ISO. */
  at: string;
  source: ImportSource;
  columns: Columns;
  lookups: OrgLookups;
  existing: ExistingRecords;
  remembered: Record<ValueField, Map<string, string | null>> | undefined;
  findPerson: ((value: string) => string | undefined) | undefined;
};

const choices = (values: Record<string, string> | undefined) =>
  new Map(Object.entries(values ?? {}).map(([value, target]) => [valueKey(value), target || null]));

/**
 * The plan as the rows build it: what is created, updated or skipped, the duplicates and row errors
 * found, the accounts created on the way and the value-mapping targets used.
 */
export class PlanBuilder {
  readonly counts: ImportCounts;
  readonly errors: ImportRowError[] = [];
  readonly duplicates: ImportDuplicate[] = [];
  readonly unmatchedOwners = new Set<string>();
  readonly usedValues = new Map<string, RememberedValue>();
  readonly plan: Pick<ImportPlan, "accounts" | "contacts" | "deals" | "dealPeople" | "updates"> = {
    accounts: [],
    contacts: [],
    deals: [],
    dealPeople: [],
    updates: [],
  };
  private readonly newAccounts = new Map<string, AccountRef>();
  private readonly seenRecordIds = new Map<string, number>();
  private readonly stageValues: Map<string, string | null>;
  private readonly statusValues: Map<string, string | null>;

  constructor(
    readonly ctx: PlanContext,
    totalRows: number,
  ) {
    this.counts = { totalRows, created: 0, updated: 0, unchanged: 0, skipped: 0, accountsCreated: 0 };
    this.stageValues = choices(ctx.input.stageValues);
    this.statusValues = choices(ctx.input.statusValues);
  }

  /** The value-mapping step: the person's choices first, then what the values map to by themselves. */
  targetOf(field: ValueField, value: string): string | null | undefined {
    const chosen = (field === "stage" ? this.stageValues : this.statusValues).get(valueKey(value));
    const target =
      chosen !== undefined
        ? chosen
        : suggestTarget(field, value, this.ctx.lookups.stages, this.ctx.remembered?.[field] ?? new Map())
            ?.stageId;
    if (target !== undefined)
      this.usedValues.set(`${field}\u0000${valueKey(value)}`, {
        field,
        value: valueKey(value),
        stageId: target,
      });
    return target;
  }

  /** The row's record id, checked against earlier rows; a match by it comes before any other. */
  readRecordId(reader: RowReader, line: number): RecordIdMatch {
    const recordId = reader.text("recordId", 200);
    if (!recordId) return { externalId: null, match: undefined };
    const earlier = this.seenRecordIds.get(recordId);
    if (earlier !== undefined) reader.fail("recordId", "recordIdTwice", { value: recordId, row: earlier });
    else this.seenRecordIds.set(recordId, line);
    const externalId = externalIdOf(this.ctx.source, recordId);
    const id = externalId ? this.ctx.existing.byExternalId.get(externalId) : undefined;
    return { externalId, match: id ? { id, by: "recordId", value: recordId } : undefined };
  }

  /** The row's account by name, domain or an account an earlier row created; else a new one, if asked. */
  resolveAccount(reader: RowReader): AccountRef | null {
    const { lookups, input, orgId, at } = this.ctx;
    const value = reader.text("account", 200, true);
    if (!value) return null;
    const key = value.toLowerCase();
    const found =
      lookups.accountsByName.get(key) ??
      (/^[^\s]+\.[^\s]+$/.test(value) ? lookups.accountsByDomain.get(domainOf(value)) : undefined) ??
      this.newAccounts.get(key);
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
    this.plan.accounts.push(account);
    this.counts.accountsCreated++;
    const ref = { id: account.id, cellId: account.cellId };
    this.newAccounts.set(key, ref);
    return ref;
  }

  /** Keeps a failed row's errors; the accounts it created from `accountsBefore` on are dropped again. */
  rejectRow(reader: RowReader, line: number, accountsBefore: number): void {
    // A row that failed must not leave the account it would have created behind.
    for (const dropped of this.plan.accounts.splice(accountsBefore)) {
      this.newAccounts.delete(dropped.name.toLowerCase());
      this.counts.accountsCreated--;
    }
    this.errors.push(...reader.errors.map((e) => ({ row: line, ...e })));
  }

  /**
   * Create, update or skip one row. A copy of a record matched by its record id gets no record id
   * of its own: the source's id names one record here as there.
   */
  apply<T extends { id: string; externalId: string | null }>(
    line: number,
    match: Match | undefined,
    values: Record<string, unknown>,
    created: () => T,
    list: T[],
    people: string[] = [],
  ): void {
    const choice = this.decide(line, match);
    if (choice === "skip") this.counts.skipped++;
    else if (choice === "update" && match) {
      this.plan.updates.push({ table: TABLES[this.ctx.input.entity], id: match.id, values, people });
      this.counts.updated++;
    } else {
      const row = created();
      if (match?.by === "recordId") row.externalId = null;
      list.push(row);
      for (const personId of people) this.plan.dealPeople.push({ dealId: row.id, personId });
      this.counts.created++;
    }
  }

  private decide(row: number, duplicate: Match | undefined) {
    if (!duplicate) return "create" as const;
    this.duplicates.push({ row, matchedBy: duplicate.by, value: duplicate.value, existingId: duplicate.id });
    return this.ctx.input.duplicates;
  }
}
