/**
 * The service catalogue and its requests (PRODUCT.md rule 7: the centre serves the periphery). A
 * centre cell's members describe what they offer; members of periphery cells pull a service with a
 * request; the serving cell accepts, delivers or declines with a reason; the requesting cell rates
 * the delivery once (1–5, with a comment). Every step checks the version and is audited.
 */
import { randomUUID } from "node:crypto";
import type { RatingInput, RequestInput, ServiceInput, ServicePatch } from "../../../shared/system.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound, staleVersion } from "../../platform/errors.ts";
import { daysBetween } from "./figures.ts";
import { callerOf, cellInOrg, checkMemberOf, checkRate, checkServe } from "./policy.ts";
import type { ServiceRequestTable, ServiceTable } from "./tables.ts";

export async function serviceRow(db: Tx, orgId: string, serviceId: string): Promise<ServiceTable> {
  const row = await selectInOrg(db, "service", orgId)
    .selectAll()
    .where("id", "=", serviceId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function requestRow(db: Tx, orgId: string, requestId: string): Promise<ServiceRequestTable> {
  const row = await selectInOrg(db, "serviceRequest", orgId)
    .selectAll()
    .where("id", "=", requestId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

const audit = (
  auth: AuthContext,
  action: string,
  subjectType: string,
  subjectId: string,
  now: Date,
  details = {},
) => ({
  orgId: auth.orgId,
  actorId: auth.person.id,
  action,
  subjectType,
  subjectId,
  details,
  at: now,
});

export async function createService(
  db: Tx,
  auth: AuthContext,
  input: ServiceInput,
  now: Date,
): Promise<string> {
  const cell = await cellInOrg(db, auth.orgId, input.cellId);
  if (cell.kind !== "centre") throw new AppError("VALIDATION", { cellId: "not a centre cell" });
  checkMemberOf(await callerOf(db, auth), cell.id);
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("service")
    .values({ id, orgId: auth.orgId, ...input, createdAt: at, updatedAt: at, version: 1 })
    .execute();
  await recordAudit(db, audit(auth, "service.created", "service", id, now, { name: input.name }));
  return id;
}

export async function updateService(
  db: Tx,
  auth: AuthContext,
  serviceId: string,
  patch: ServicePatch,
  now: Date,
): Promise<void> {
  const row = await serviceRow(db, auth.orgId, serviceId);
  checkMemberOf(await callerOf(db, auth), row.cellId);
  const { version, ...set } = patch;
  if (row.version !== version) throw staleVersion();
  const result = await updateInOrg(db, "service", auth.orgId)
    .set({ ...set, updatedAt: now.toISOString(), version: row.version + 1 })
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  await recordAudit(
    db,
    audit(auth, "service.updated", "service", serviceId, now, { fields: Object.keys(set) }),
  );
}

export async function requestService(
  db: Tx,
  auth: AuthContext,
  serviceId: string,
  input: RequestInput,
  now: Date,
): Promise<string> {
  const service = await serviceRow(db, auth.orgId, serviceId);
  const cell = await cellInOrg(db, auth.orgId, input.cellId);
  if (cell.kind !== "periphery") throw new AppError("VALIDATION", { cellId: "not a periphery cell" });
  checkMemberOf(await callerOf(db, auth), cell.id);
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("serviceRequest")
    .values({
      id,
      orgId: auth.orgId,
      serviceId,
      servingCellId: service.cellId,
      requestingCellId: cell.id,
      requestedById: auth.person.id,
      title: input.title,
      body: input.body,
      status: "requested",
      acceptedAt: null,
      deliveredAt: null,
      declinedAt: null,
      deliveryNote: "",
      declineReason: "",
      leadDays: null,
      rating: null,
      ratingComment: "",
      ratedById: null,
      ratedAt: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .execute();
  await recordAudit(db, audit(auth, "serviceRequest.requested", "serviceRequest", id, now, { serviceId }));
  return id;
}

async function writeRequest(
  db: Tx,
  row: ServiceRequestTable,
  version: number,
  set: Partial<ServiceRequestTable>,
  now: Date,
): Promise<void> {
  if (row.version !== version) throw staleVersion();
  const result = await updateInOrg(db, "serviceRequest", row.orgId)
    .set({ ...set, updatedAt: now.toISOString(), version: row.version + 1 })
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

type Step =
  | { kind: "accept"; version: number }
  | { kind: "deliver"; version: number; note: string }
  | { kind: "decline"; version: number; reason: string };

/** The serving cell's steps: accept (requested), deliver (accepted), decline (requested or accepted). */
export async function serveRequest(
  db: Tx,
  auth: AuthContext,
  requestId: string,
  step: Step,
  now: Date,
): Promise<void> {
  const row = await requestRow(db, auth.orgId, requestId);
  checkServe(await callerOf(db, auth), row, step.kind);
  const at = now.toISOString();
  if (step.kind === "accept") {
    await writeRequest(db, row, step.version, { status: "accepted", acceptedAt: at }, now);
  } else if (step.kind === "deliver") {
    await writeRequest(
      db,
      row,
      step.version,
      {
        status: "delivered",
        deliveredAt: at,
        deliveryNote: step.note,
        leadDays: daysBetween(row.createdAt, now),
      },
      now,
    );
  } else {
    await writeRequest(
      db,
      row,
      step.version,
      { status: "declined", declinedAt: at, declineReason: step.reason },
      now,
    );
  }
  const action = { accept: "accepted", deliver: "delivered", decline: "declined" }[step.kind];
  await recordAudit(db, audit(auth, `serviceRequest.${action}`, "serviceRequest", requestId, now));
}

/** The requesting cell rates a delivered request, once. */
export async function rateRequest(
  db: Tx,
  auth: AuthContext,
  requestId: string,
  input: RatingInput,
  now: Date,
): Promise<void> {
  const row = await requestRow(db, auth.orgId, requestId);
  checkRate(await callerOf(db, auth), row);
  await writeRequest(
    db,
    row,
    input.version,
    {
      rating: input.rating,
      ratingComment: input.comment,
      ratedById: auth.person.id,
      ratedAt: now.toISOString(),
    },
    now,
  );
  await recordAudit(db, audit(auth, "serviceRequest.rated", "serviceRequest", requestId, now));
}
