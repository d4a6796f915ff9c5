import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { ImportCounts, ImportInput, ImportJob } from "../../../shared/customers/import.ts";
import type { Database } from "../../db/schema.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import { LARGE_WRITE_ROWS, refreshStatistics } from "../../db/statistics.ts";
import { recordAudit } from "../../platform/audit.ts";
import { notFound } from "../../platform/errors.ts";
import { indexRows } from "../../platform/search/textIndex.ts";
import type { ImportPlan, PlanInput } from "./import.ts";
import { rememberValues } from "./importValues.ts";
import { ACCOUNT_SEARCH, CONTACT_SEARCH, DEAL_SEARCH } from "./search.ts";

/**
 * Writing a planned import (import.ts): in slices of about SLICE_MS, one transaction each with a
 * yield to the event loop between them, so a 100,000-row file leaves the server answering. Rows carry
 * the job's `importJobId`; if a slice fails, every row of the job is deleted again: to the person an
 * import happened completely or not at all (PRODUCT.md, customers).
 */
/**
 * Slices are cut by time, not by row count: SQLite runs each statement synchronously and holds its
 * one connection for the whole transaction, so a slice is how long other requests may wait. A fixed
 * 2,000-row chunk took 0.5–2.5 s on a busy two-core machine (thirteen deal indexes). Each commit
 * costs an fsync and often a WAL checkpoint (35–190 ms there, whatever the slice's size), so the
 * loop still waits about 300 ms between turns; smaller slices would mostly add commits.
 */
const SLICE_MS = 100;
/** Rows per INSERT statement: short enough to check the slice's time often, long enough to batch. */
const STATEMENT_ROWS = 100;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A slice of work: `due` once SLICE_MS have passed, `next` yields and starts the next slice. */
export function slicer() {
  let sliceEnd = performance.now() + SLICE_MS;
  const due = () => performance.now() >= sliceEnd;
  const next = async () => {
    await yieldToEventLoop();
    sliceEnd = performance.now() + SLICE_MS;
  };
  /** Yields only when due: cheap enough to call for every record. */
  const pause = async () => {
    if (due()) await next();
  };
  return { due, next, pause };
}

export async function createImportJob(
  db: Tx,
  auth: { orgId: string; person: { id: string } },
  input: PlanInput,
  plan: ImportPlan,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("importJob")
    .values({
      id,
      orgId: auth.orgId,
      byPersonId: auth.person.id,
      entity: input.entity,
      source: plan.source,
      status: "running",
      totalRows: plan.counts.totalRows,
      processedRows: 0,
      result: "null",
      createdAt: now.toISOString(),
      finishedAt: null,
    })
    .execute();
  return id;
}

const SEARCH = { account: ACCOUNT_SEARCH, contact: CONTACT_SEARCH, deal: DEAL_SEARCH } as const;

/**
 * The only place an import inserts rows (deals included), marked with the job for the undo, and
 * indexed for search in the same transaction.
 */
async function insertJobRows(
  trx: Tx,
  orgId: string,
  table: "account" | "contact" | "deal",
  rows: Record<string, unknown>[],
  jobId: string,
) {
  const values = rows.map((r) => ({ ...r, importJobId: jobId, version: 1 }));
  await trx
    .insertInto(table)
    .values(values as never)
    .execute();
  await indexRows(
    trx,
    SEARCH[table],
    orgId,
    rows.map((r) => r.id as string),
  );
}

/**
 * Writes a planned import: new accounts first (contacts and deals point at them), then the rows,
 * a slice per transaction with the progress, and the updates of duplicates last in one transaction
 * with the audit entry (an update cannot be undone by deleting, so they go together or not at all).
 * Any failure removes every row the job wrote and marks the job failed.
 */
export async function runImportJob(
  db: Kysely<Database>,
  auth: { orgId: string; person: { id: string } },
  jobId: string,
  entity: ImportInput["entity"],
  plan: ImportPlan,
  now: () => Date,
): Promise<void> {
  const orgId = auth.orgId;
  const rows: ["account" | "contact" | "deal", Record<string, unknown>[]][] = [
    ["account", plan.accounts],
    ["contact", plan.contacts],
    ["deal", plan.deals],
  ];
  const inserts = Math.max(1, plan.accounts.length + plan.contacts.length + plan.deals.length);
  let written = 0;
  try {
    const slice = slicer();
    for (const [table, list] of rows) {
      for (let i = 0; i < list.length; ) {
        await db.transaction().execute(async (trx) => {
          do {
            const statement = list.slice(i, i + STATEMENT_ROWS);
            await insertJobRows(trx, orgId, table, statement, jobId);
            i += statement.length;
            written += statement.length;
          } while (i < list.length && !slice.due());
          await trx
            .updateTable("importJob")
            .set({ processedRows: Math.floor((written / inserts) * plan.counts.totalRows) })
            .where("id", "=", jobId)
            .where(inOrg(orgId))
            .execute();
        });
        await slice.next();
      }
    }
    // The owners of new deals; removed with their deals by the cascade if the job fails.
    for (let i = 0; i < plan.dealPeople.length; i += STATEMENT_ROWS) {
      const links = plan.dealPeople.slice(i, i + STATEMENT_ROWS).map((l) => ({ orgId, ...l }));
      await db.insertInto("dealPerson").values(links).execute();
      await slice.pause();
    }
    await db.transaction().execute(async (trx) => {
      for (const update of plan.updates) {
        await trx
          .updateTable(update.table)
          .set((eb) => ({ ...update.values, version: eb("version", "+", 1) }) as never)
          .where("id", "=", update.id)
          .where(inOrg(orgId))
          .execute();
        if (update.people?.length)
          await trx
            .insertInto("dealPerson")
            .values(update.people.map((personId) => ({ orgId, dealId: update.id, personId })))
            .execute();
      }
      await rememberValues(trx, orgId, plan.source, plan.values, now());
      for (const table of ["account", "contact", "deal"] as const) {
        const ids = plan.updates.filter((u) => u.table === table).map((u) => u.id);
        await indexRows(trx, SEARCH[table], orgId, ids);
      }
      await recordAudit(trx, {
        orgId,
        actorId: auth.person.id,
        action: "customers.imported",
        subjectType: "importJob",
        subjectId: jobId,
        details: { entity, source: plan.source, ...plan.counts },
        at: now(),
      });
      await trx
        .updateTable("importJob")
        .set({
          status: "done",
          processedRows: plan.counts.totalRows,
          result: JSON.stringify(plan.counts),
          finishedAt: now().toISOString(),
        })
        .where("id", "=", jobId)
        .where(inOrg(orgId))
        .execute();
    });
  } catch {
    await removeJobRows(db, orgId, jobId, plan);
    await db
      .updateTable("importJob")
      .set({ status: "failed", result: "null", finishedAt: now().toISOString() })
      .where("id", "=", jobId)
      .where(inOrg(orgId))
      .execute();
    return;
  }
  // After the job is done, outside its try: statistics only speed up plans (autovacuum refreshes them
  // later anyway), so failing to refresh them must not undo the import.
  if (written + plan.dealPeople.length >= LARGE_WRITE_ROWS)
    await refreshStatistics(db, ["account", "contact", "deal", "dealPerson"]).catch(() => {});
}

/**
 * The undo, sliced like the write: by the planned ids on the primary key (`importJobId` has no
 * index), deals and contacts first, since they may point at accounts the same job created.
 */
async function removeJobRows(db: Kysely<Database>, orgId: string, jobId: string, plan: ImportPlan) {
  const slice = slicer();
  for (const [table, list] of [
    ["deal", plan.deals],
    ["contact", plan.contacts],
    ["account", plan.accounts],
  ] as const) {
    for (let i = 0; i < list.length; ) {
      await db.transaction().execute(async (trx) => {
        do {
          const ids = list.slice(i, i + STATEMENT_ROWS).map((row) => row.id);
          await trx
            .deleteFrom(table)
            .where(inOrg(orgId))
            .where("importJobId", "=", jobId)
            .where("id", "in", ids)
            .execute();
          i += ids.length;
        } while (i < list.length && !slice.due());
      });
      await slice.next();
    }
  }
}

export async function getImportJob(db: Tx, orgId: string, jobId: string): Promise<ImportJob> {
  const row = await selectInOrg(db, "importJob", orgId)
    .selectAll()
    .where("id", "=", jobId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return {
    id: row.id,
    entity: row.entity as ImportJob["entity"],
    source: row.source as ImportJob["source"],
    status: row.status as ImportJob["status"],
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    result: JSON.parse(row.result) as ImportCounts | null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
