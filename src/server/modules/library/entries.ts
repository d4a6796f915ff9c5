/**
 * Learning entries: anyone writes and edits them (versions catch concurrent edits), "this helped me"
 * once per person, counted per entry only (PRODUCT.md rule 2: never per author), and freshness — a
 * cell (not a person) looks after an entry and marks it reviewed; past its review date readers see
 * "possibly outdated". Harvested learnings from exchange sessions arrive here too.
 */
import { randomUUID } from "node:crypto";
import type { EntryInput, EntryPatch, LibraryLinkInput } from "../../../shared/library.ts";
import { inOrg, selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound, staleVersion } from "../../platform/errors.ts";
import { checkReviewer } from "./policy.ts";
import { assertCell, assertLinks, assertPeople, cleanTags, parseList } from "./references.ts";
import { indexDocument } from "./searchIndex.ts";

const DAY = 86_400_000;

export const reviewDue = (from: string, days: number) =>
  new Date(Date.parse(from) + days * DAY).toISOString();

export async function loadLearning(db: Tx, orgId: string, id: string) {
  const row = await selectInOrg(db, "learning", orgId).selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function linksOfEntry(db: Tx, orgId: string, id: string): Promise<LibraryLinkInput[]> {
  const rows = await selectInOrg(db, "learningLink", orgId)
    .select(["type", "targetId"])
    .where("learningId", "=", id)
    .execute();
  return rows.map((r) => ({ type: r.type as LibraryLinkInput["type"], id: r.targetId }));
}

async function writeLinks(db: Tx, orgId: string, learningId: string, links: LibraryLinkInput[]) {
  await db.deleteFrom("learningLink").where(inOrg(orgId)).where("learningId", "=", learningId).execute();
  const unique = [...new Map(links.map((l) => [`${l.type}:${l.id}`, l])).values()];
  if (unique.length)
    await db
      .insertInto("learningLink")
      .values(unique.map((l) => ({ learningId, orgId, type: l.type, targetId: l.id })))
      .execute();
}

/** The entry's search document from its current row. */
export async function indexEntry(db: Tx, orgId: string, id: string) {
  const row = await loadLearning(db, orgId, id);
  await indexDocument(db, {
    orgId,
    docType: "entry",
    docId: id,
    kind: row.kind,
    cellId: row.careCellId,
    tags: parseList(row.tags),
    createdAt: row.createdAt,
    title: row.title,
    texts: [row.body],
  });
}

export async function createEntry(db: Tx, auth: AuthContext, input: EntryInput, now: Date): Promise<string> {
  const orgId = auth.orgId;
  const authorIds = [...new Set(input.authorIds ?? [auth.person.id])];
  await assertPeople(db, orgId, authorIds, "authorIds");
  await assertCell(db, orgId, input.careCellId, "careCellId");
  await assertLinks(db, orgId, input.links);
  const id = randomUUID();
  const at = now.toISOString();
  const sessionLink = input.links.find((l) => l.type === "session");
  await db
    .insertInto("learning")
    .values({
      id,
      orgId,
      title: input.title,
      body: input.body,
      sourceSessionId: sessionLink?.id ?? null,
      createdAt: at,
      kind: input.kind,
      tags: JSON.stringify(cleanTags(input.tags)),
      authorIds: JSON.stringify(authorIds),
      careCellId: input.careCellId,
      reviewIntervalDays: input.reviewIntervalDays,
      reviewDueAt: input.careCellId ? reviewDue(at, input.reviewIntervalDays) : null,
      updatedAt: at,
      version: 1,
    })
    .execute();
  await writeLinks(db, orgId, id, input.links);
  await indexEntry(db, orgId, id);
  return id;
}

export async function updateEntry(db: Tx, auth: AuthContext, id: string, patch: EntryPatch, now: Date) {
  const orgId = auth.orgId;
  const row = await loadLearning(db, orgId, id);
  if (row.version !== patch.version) throw staleVersion();
  if (patch.authorIds) await assertPeople(db, orgId, patch.authorIds, "authorIds");
  if (patch.careCellId !== undefined) await assertCell(db, orgId, patch.careCellId, "careCellId");
  if (patch.links) await assertLinks(db, orgId, patch.links);
  const careCellId = patch.careCellId !== undefined ? patch.careCellId : row.careCellId;
  const interval = patch.reviewIntervalDays ?? row.reviewIntervalDays;
  const result = await updateInOrg(db, "learning", orgId)
    .set({
      ...(patch.kind ? { kind: patch.kind } : {}),
      ...(patch.title ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.tags ? { tags: JSON.stringify(cleanTags(patch.tags)) } : {}),
      ...(patch.authorIds ? { authorIds: JSON.stringify([...new Set(patch.authorIds)]) } : {}),
      careCellId,
      reviewIntervalDays: interval,
      reviewDueAt: careCellId ? reviewDue(row.reviewedAt ?? row.createdAt, interval) : null,
      updatedAt: now.toISOString(),
      version: row.version + 1,
    })
    .where("id", "=", id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  if (patch.links) await writeLinks(db, orgId, id, patch.links);
  await indexEntry(db, orgId, id);
}

/** "This helped me": one mark per person and entry; marking twice changes nothing. */
export async function markHelped(db: Tx, auth: AuthContext, id: string, helped: boolean, now: Date) {
  const orgId = auth.orgId;
  await loadLearning(db, orgId, id);
  const existing = await selectInOrg(db, "learningHelped", orgId)
    .select("personId")
    .where("learningId", "=", id)
    .where("personId", "=", auth.person.id)
    .executeTakeFirst();
  if (helped === Boolean(existing)) return;
  if (helped)
    await db
      .insertInto("learningHelped")
      .values({ learningId: id, personId: auth.person.id, orgId, createdAt: now.toISOString() })
      .execute();
  else
    await db
      .deleteFrom("learningHelped")
      .where(inOrg(orgId))
      .where("learningId", "=", id)
      .where("personId", "=", auth.person.id)
      .execute();
  await updateInOrg(db, "learning", orgId)
    .set((eb) => ({ helpedCount: eb("helpedCount", "+", helped ? 1 : -1) }))
    .where("id", "=", id)
    .execute();
}

/** A member of the caring cell looked at the entry: the review interval starts again. */
export async function markReviewed(db: Tx, auth: AuthContext, id: string, version: number, now: Date) {
  const orgId = auth.orgId;
  const row = await loadLearning(db, orgId, id);
  if (!row.careCellId) throw new AppError("CONFLICT", { careCellId: "no caring cell" });
  await checkReviewer(db, auth, row.careCellId);
  if (row.version !== version) throw staleVersion();
  const at = now.toISOString();
  const result = await updateInOrg(db, "learning", orgId)
    .set({
      reviewedAt: at,
      reviewDueAt: reviewDue(at, row.reviewIntervalDays),
      version: row.version + 1,
    })
    .where("id", "=", id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

/**
 * A learning harvested from an exchange session (or a case owner's anonymised text): an insight,
 * linked to its session when it has one, without authors (contributions may be anonymous).
 */
export async function recordHarvestedLearning(
  db: Tx,
  orgId: string,
  note: { title: string; body: string; sourceSessionId: string | null },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("learning")
    .values({ id, orgId, ...note, createdAt: at, kind: "insight", updatedAt: at, version: 1 })
    .execute();
  if (note.sourceSessionId) await writeLinks(db, orgId, id, [{ type: "session", id: note.sourceSessionId }]);
  await indexEntry(db, orgId, id);
  return id;
}
