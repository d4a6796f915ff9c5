/**
 * Experiments: a cell tries something for a period — hypothesis, what is measured, the result — and
 * what it learned becomes a library entry, linked both ways. Any member may write them.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "../../../shared/common.ts";
import type {
  Experiment,
  ExperimentInput,
  ExperimentLearningInput,
  ExperimentPatch,
} from "../../../shared/library.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound, staleVersion } from "../../platform/errors.ts";
import { createEntry } from "./entries.ts";
import { assertCell, cellsByIds } from "./references.ts";
import type { LibraryExperimentTable } from "./tables.ts";

async function loadExperiment(db: Tx, orgId: string, id: string) {
  const row = await selectInOrg(db, "libraryExperiment", orgId)
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function startExperiment(db: Tx, auth: AuthContext, input: ExperimentInput, now: Date) {
  await assertCell(db, auth.orgId, input.cellId, "cellId");
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("libraryExperiment")
    .values({
      id,
      orgId: auth.orgId,
      cellId: input.cellId,
      title: input.title,
      hypothesis: input.hypothesis,
      fromDate: input.from,
      toDate: input.to,
      measure: input.measure,
      result: input.result,
      learningId: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .execute();
  return id;
}

async function write(
  db: Tx,
  row: LibraryExperimentTable,
  version: number,
  set: Partial<LibraryExperimentTable>,
) {
  if (row.version !== version) throw staleVersion();
  const result = await updateInOrg(db, "libraryExperiment", row.orgId)
    .set({ ...set, version: row.version + 1 })
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

export async function updateExperiment(
  db: Tx,
  auth: AuthContext,
  id: string,
  patch: ExperimentPatch,
  now: Date,
) {
  const row = await loadExperiment(db, auth.orgId, id);
  if (patch.cellId) await assertCell(db, auth.orgId, patch.cellId, "cellId");
  const from = patch.from ?? row.fromDate;
  const to = patch.to ?? row.toDate;
  if (from > to) throw new AppError("VALIDATION", { to: "from after to" });
  await write(db, row, patch.version, {
    ...(patch.title ? { title: patch.title } : {}),
    ...(patch.hypothesis ? { hypothesis: patch.hypothesis } : {}),
    ...(patch.cellId ? { cellId: patch.cellId } : {}),
    ...(patch.measure ? { measure: patch.measure } : {}),
    ...(patch.result !== undefined ? { result: patch.result } : {}),
    fromDate: from,
    toDate: to,
    updatedAt: now.toISOString(),
  });
}

/** The experiment's learning becomes an entry looked after by the experiment's cell (409 if it has one). */
export async function recordExperimentLearning(
  db: Tx,
  auth: AuthContext,
  id: string,
  input: ExperimentLearningInput,
  now: Date,
) {
  const row = await loadExperiment(db, auth.orgId, id);
  if (row.version !== input.version) throw staleVersion();
  if (row.learningId) throw new AppError("CONFLICT", { learning: "exists" });
  const entryId = await createEntry(
    db,
    auth,
    {
      kind: input.kind,
      title: input.title,
      body: input.body,
      tags: input.tags,
      links: [],
      careCellId: row.cellId,
      reviewIntervalDays: 180,
    },
    now,
  );
  await write(db, row, input.version, { learningId: entryId, updatedAt: now.toISOString() });
  return entryId;
}

async function toExperiments(db: Tx, orgId: string, rows: LibraryExperimentTable[]): Promise<Experiment[]> {
  const cells = await cellsByIds(
    db,
    orgId,
    rows.map((r) => r.cellId),
  );
  const learningIds = rows.flatMap((r) => (r.learningId ? [r.learningId] : []));
  const learnings = new Map(
    learningIds.length
      ? (
          await selectInOrg(db, "learning", orgId)
            .select(["id", "title"])
            .where("id", "in", learningIds)
            .execute()
        ).map((l) => [l.id, { id: l.id, name: l.title }])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    hypothesis: r.hypothesis,
    cell: cells.get(r.cellId) ?? { id: r.cellId, name: "" },
    from: r.fromDate,
    to: r.toDate,
    measure: r.measure,
    result: r.result,
    learning: (r.learningId && learnings.get(r.learningId)) || null,
    createdAt: r.createdAt,
    version: r.version,
  }));
}

export async function getExperiment(db: Tx, orgId: string, id: string): Promise<Experiment> {
  return (await toExperiments(db, orgId, [await loadExperiment(db, orgId, id)]))[0];
}

export async function listExperiments(
  db: Tx,
  orgId: string,
  query: { cellId?: string; cursor?: string; limit: number },
): Promise<Page<Experiment>> {
  let q = selectInOrg(db, "libraryExperiment", orgId).selectAll();
  if (query.cellId) q = q.where("cellId", "=", query.cellId);
  const rows = await keysetQuery(q, query, { key: "createdAt", id: "id", dir: "desc" }).execute();
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.createdAt, r.id],
  );
  return { items: await toExperiments(db, orgId, page.items), nextCursor: page.nextCursor };
}
