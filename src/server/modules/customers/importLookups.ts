import type { ImportInput, ImportSource } from "../../../shared/customers/import.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import type { CsvRecord } from "./csv.ts";
import type { Columns } from "./importMapping.ts";
import { listStageRefs, type StageRef } from "./importValues.ts";

/**
 * The reads an import plan resolves its rows against: the organisation's cells, stages, accounts and
 * people, and the records a row may duplicate. All read before the first row (nothing per row).
 */
export type AccountRef = { id: string; cellId: string };
export type RecordTable = "account" | "contact" | "deal";

export const TABLES: Record<ImportInput["entity"], RecordTable> = {
  accounts: "account",
  contacts: "contact",
  deals: "deal",
};

export type OrgLookups = {
  currency: string;
  cells: Map<string, string>;
  stages: StageRef[];
  stagesById: Map<string, StageRef>;
  firstStage: StageRef | undefined;
  accountsByName: Map<string, AccountRef>;
  accountsByDomain: Map<string, AccountRef>;
};

export async function inBatches<T, R>(
  items: T[],
  size: number,
  load: (batch: T[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await load(items.slice(i, i + size))));
  return out;
}

export async function loadLookups(db: Tx, orgId: string): Promise<OrgLookups> {
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
export async function loadPeople(db: Tx, orgId: string) {
  const rows = await selectInOrg(db, "person", orgId).select(["id", "name", "email"]).execute();
  const byEmail = new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
  const byName = new Map<string, string | null>();
  for (const r of rows) {
    const key = r.name.trim().toLowerCase();
    byName.set(key, byName.has(key) ? null : r.id);
  }
  return (value: string) => byEmail.get(value.toLowerCase()) ?? byName.get(value.toLowerCase()) ?? undefined;
}

/** Existing records a row can match: by the source's record id, a contact's e-mail, a deal's title. */
export type ExistingRecords = {
  byExternalId: Map<string, string>;
  emails: Map<string, string>;
  dealTitles: Map<string, string>;
};

export const externalIdOf = (source: ImportSource, recordId: string) =>
  recordId ? `${source}:${recordId}` : null;

export const dealTitleKey = (accountId: string, title: string) => `${accountId}\u0000${title.toLowerCase()}`;

/** Read in batches of 500 ids: PostgreSQL and SQLite both limit a statement's parameters. */
export async function loadExisting(
  db: Tx,
  orgId: string,
  entity: ImportInput["entity"],
  source: ImportSource,
  records: CsvRecord[],
  columns: Columns,
  lookups: OrgLookups,
): Promise<ExistingRecords> {
  const cellOf = (index: number | undefined, record: { cells: string[] }) =>
    index === undefined ? "" : (record.cells[index] ?? "").trim();
  // The source's record ids: a re-import finds its records by them first (idempotent).
  const byExternalId = new Map<string, string>();
  if (columns.recordId) {
    const wanted = [
      ...new Set(
        records.map((r) => externalIdOf(source, cellOf(columns.recordId?.index, r))).filter(Boolean),
      ),
    ] as string[];
    const rows = await inBatches(wanted, 500, (batch) =>
      selectInOrg(db, TABLES[entity], orgId)
        .select(["id", "externalId"])
        .where("externalId", "in", batch)
        .execute(),
    );
    for (const r of rows) if (r.externalId) byExternalId.set(r.externalId, r.id);
  }
  // Duplicates of contacts by e-mail and of deals by title on the same account.
  const emails = new Map<string, string>();
  const dealTitles = new Map<string, string>();
  if (entity === "contacts" && columns.email) {
    const wanted = [
      ...new Set(records.map((r) => (r.cells[columns.email?.index ?? 0] ?? "").trim().toLowerCase())),
    ];
    const rows = await inBatches(wanted.filter(Boolean), 500, (batch) =>
      selectInOrg(db, "contact", orgId).select(["id", "email"]).where("email", "in", batch).execute(),
    );
    for (const r of rows) emails.set(r.email, r.id);
  }
  if (entity === "deals") {
    const ids = [...new Set([...lookups.accountsByName.values()].map((a) => a.id))];
    if (ids.length && records.length) {
      const rows = await inBatches(ids, 500, (batch) =>
        selectInOrg(db, "deal", orgId)
          .select(["id", "accountId", "title"])
          .where("accountId", "in", batch)
          .execute(),
      );
      for (const r of rows) dealTitles.set(dealTitleKey(r.accountId, r.title), r.id);
    }
  }
  return { byExternalId, emails, dealTitles };
}
