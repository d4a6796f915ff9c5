/**
 * Chart settings: "limits change here" markers and fixed baselines. A cell's settings are changed by its
 * members (the cell reads its own process); the organisation's by anyone in it. Every change is audited.
 */
import { randomUUID } from "node:crypto";
import type {
  Baseline,
  BaselineInput,
  ChangeMarker,
  ChangeMarkerInput,
} from "../../../shared/insights/figures.ts";
import { inOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { checkEditChartSettings } from "./policy.ts";
import "./tables.ts";

export async function addMarker(
  db: Tx,
  auth: AuthContext,
  input: ChangeMarkerInput,
  now: Date,
): Promise<ChangeMarker> {
  await checkEditChartSettings(db, auth, input.cellId);
  const marker = { id: randomUUID(), orgId: auth.orgId, ...input, createdAt: now.toISOString() };
  await db.insertInto("insightMarker").values(marker).execute();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "insightMarker.added",
    subjectType: "insightMarker",
    subjectId: marker.id,
    details: { cellId: input.cellId, figure: input.figure, at: input.at },
    at: now,
  });
  const { orgId: _, ...out } = marker;
  return out;
}

export async function deleteMarker(db: Tx, auth: AuthContext, markerId: string, now: Date): Promise<void> {
  const marker = await db
    .selectFrom("insightMarker")
    .selectAll()
    .where(inOrg(auth.orgId))
    .where("id", "=", markerId)
    .executeTakeFirst();
  if (!marker) throw notFound();
  await checkEditChartSettings(db, auth, marker.cellId);
  await db.deleteFrom("insightMarker").where(inOrg(auth.orgId)).where("id", "=", markerId).execute();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "insightMarker.removed",
    subjectType: "insightMarker",
    subjectId: markerId,
    at: now,
  });
}

export async function putBaseline(
  db: Tx,
  auth: AuthContext,
  input: BaselineInput,
  now: Date,
): Promise<Baseline> {
  if (input.from > input.to) throw new AppError("VALIDATION", { to: "before from" });
  await checkEditChartSettings(db, auth, input.cellId);
  const scopeKey = `${input.cellId ?? "*"}:${input.figure ?? "*"}`;
  const existing = await db
    .selectFrom("insightBaseline")
    .selectAll()
    .where(inOrg(auth.orgId))
    .where("scopeKey", "=", scopeKey)
    .executeTakeFirst();
  let row: { id: string; version: number };
  if (existing) {
    row = { id: existing.id, version: existing.version + 1 };
    await db
      .updateTable("insightBaseline")
      .set({ from: input.from, to: input.to, version: row.version })
      .where(inOrg(auth.orgId))
      .where("id", "=", existing.id)
      .execute();
  } else {
    row = { id: randomUUID(), version: 1 };
    await db
      .insertInto("insightBaseline")
      .values({
        id: row.id,
        orgId: auth.orgId,
        cellId: input.cellId,
        figure: input.figure,
        scopeKey,
        from: input.from,
        to: input.to,
        createdAt: now.toISOString(),
        version: 1,
      })
      .execute();
  }
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "insightBaseline.set",
    subjectType: "insightBaseline",
    subjectId: row.id,
    details: { cellId: input.cellId, figure: input.figure, from: input.from, to: input.to },
    at: now,
  });
  return {
    id: row.id,
    cellId: input.cellId,
    figure: input.figure,
    from: input.from,
    to: input.to,
    version: row.version,
  };
}

export async function deleteBaseline(
  db: Tx,
  auth: AuthContext,
  baselineId: string,
  now: Date,
): Promise<void> {
  const row = await db
    .selectFrom("insightBaseline")
    .selectAll()
    .where(inOrg(auth.orgId))
    .where("id", "=", baselineId)
    .executeTakeFirst();
  if (!row) throw notFound();
  await checkEditChartSettings(db, auth, row.cellId);
  await db.deleteFrom("insightBaseline").where(inOrg(auth.orgId)).where("id", "=", baselineId).execute();
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "insightBaseline.removed",
    subjectType: "insightBaseline",
    subjectId: baselineId,
    at: now,
  });
}
