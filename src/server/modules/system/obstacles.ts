/**
 * The obstacle board (PRODUCT.md "system"): anyone raises what hinders us in the system; other cells
 * say "affects us too"; a steward or a centre cell's member takes it up and ends it as *changed*
 * (what changed, and the decision that changed it) or *declined* (why). Nothing waits for anyone's
 * sign-off (rule 1): taking up is an act of work, not an approval. Each transition checks the
 * version (409 STALE_VERSION) and writes an audit entry in its transaction.
 */
import { randomUUID } from "node:crypto";
import type { EndObstacleInput, ObstacleInput } from "../../../shared/system.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound, staleVersion } from "../../platform/errors.ts";
import { proposalRefs } from "../decisions/proposalQueries.ts";
import { daysBetween } from "./figures.ts";
import {
  type Caller,
  callerOf,
  cellInOrg,
  checkEnd,
  checkMemberOf,
  checkStatus,
  checkTakeUp,
} from "./policy.ts";
import type { ObstacleTable } from "./tables.ts";

export const OPEN_OBSTACLE = ["raised", "takenUp"];

export async function obstacleRow(db: Tx, orgId: string, obstacleId: string): Promise<ObstacleTable> {
  const row = await selectInOrg(db, "obstacle", orgId)
    .selectAll()
    .where("id", "=", obstacleId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

async function writeObstacle(
  db: Tx,
  row: ObstacleTable,
  version: number,
  set: Partial<ObstacleTable>,
  now: Date,
): Promise<void> {
  if (row.version !== version) throw staleVersion();
  const result = await updateInOrg(db, "obstacle", row.orgId)
    .set({ ...set, updatedAt: now.toISOString(), version: row.version + 1 })
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

const audit = (auth: AuthContext, action: string, obstacleId: string, now: Date, details = {}) => ({
  orgId: auth.orgId,
  actorId: auth.person.id,
  action,
  subjectType: "obstacle",
  subjectId: obstacleId,
  details,
  at: now,
});

async function insertObstacle(
  db: Tx,
  auth: AuthContext,
  values: Pick<ObstacleTable, "title" | "body" | "place" | "example" | "cellId" | "sourceSessionId">,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("obstacle")
    .values({
      id,
      orgId: auth.orgId,
      ...values,
      raisedById: auth.person.id,
      status: "raised",
      takenUpById: null,
      takenUpAt: null,
      endedAt: null,
      outcome: "",
      decisionId: null,
      leadDays: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .execute();
  await recordAudit(db, audit(auth, "obstacle.raised", id, now, { title: values.title }));
  return id;
}

export async function raiseObstacle(
  db: Tx,
  auth: AuthContext,
  input: ObstacleInput,
  now: Date,
): Promise<string> {
  if (input.cellId) {
    await cellInOrg(db, auth.orgId, input.cellId);
    // A cell raises through its members; anyone may raise for the organisation as a whole.
    checkMemberOf(await callerOf(db, auth), input.cellId);
  }
  return insertObstacle(db, auth, { ...input, sourceSessionId: null }, now);
}

/** The exchange harvest's way onto the board: raised by the harvester, from the session. */
export async function raiseHarvestedObstacle(
  db: Tx,
  auth: AuthContext,
  note: { title: string; body: string; sourceSessionId: string | null },
  now: Date,
): Promise<string> {
  return insertObstacle(db, auth, { ...note, place: "", example: "", cellId: null }, now);
}

/** "Affects us too": once per cell, by a member of that cell, while the obstacle is open. */
export async function addAffectedCell(
  db: Tx,
  auth: AuthContext,
  obstacleId: string,
  cellId: string,
  now: Date,
): Promise<void> {
  const row = await obstacleRow(db, auth.orgId, obstacleId);
  await cellInOrg(db, auth.orgId, cellId);
  checkMemberOf(await callerOf(db, auth), cellId);
  checkStatus(row.status, OPEN_OBSTACLE);
  if (row.cellId === cellId) throw new AppError("CONFLICT", { cellId: "raised it" });
  const already = await selectInOrg(db, "obstacleAffect", auth.orgId)
    .select("cellId")
    .where("obstacleId", "=", obstacleId)
    .where("cellId", "=", cellId)
    .executeTakeFirst();
  if (already) throw new AppError("CONFLICT", { cellId: "already added" });
  await db
    .insertInto("obstacleAffect")
    .values({ orgId: auth.orgId, obstacleId, cellId, personId: auth.person.id, createdAt: now.toISOString() })
    .execute();
  await recordAudit(db, audit(auth, "obstacle.affectsCell", obstacleId, now, { cellId }));
}

export async function takeUpObstacle(
  db: Tx,
  auth: AuthContext,
  obstacleId: string,
  version: number,
  now: Date,
): Promise<void> {
  const row = await obstacleRow(db, auth.orgId, obstacleId);
  checkTakeUp(await callerOf(db, auth), row);
  await writeObstacle(
    db,
    row,
    version,
    { status: "takenUp", takenUpById: auth.person.id, takenUpAt: now.toISOString() },
    now,
  );
  await recordAudit(db, audit(auth, "obstacle.takenUp", obstacleId, now));
}

/** Changed names the decision that changed the system, and it must have been made (decided or passed). */
async function checkDecision(db: Tx, orgId: string, input: EndObstacleInput): Promise<string | null> {
  if (input.outcome === "declined") return null;
  if (!input.decisionId) throw new AppError("VALIDATION", { decisionId: "required" });
  const proposal = (await proposalRefs(db, orgId, [input.decisionId])).get(input.decisionId);
  if (!proposal) throw new AppError("VALIDATION", { decisionId: "not found" });
  if (proposal.status !== "decided" && proposal.status !== "passed")
    throw new AppError("CONFLICT", { decisionId: "not decided" });
  return proposal.id;
}

export async function endObstacle(
  db: Tx,
  auth: AuthContext,
  obstacleId: string,
  input: EndObstacleInput,
  now: Date,
): Promise<void> {
  const row = await obstacleRow(db, auth.orgId, obstacleId);
  const caller: Caller = await callerOf(db, auth);
  checkEnd(caller, row);
  const decisionId = await checkDecision(db, auth.orgId, input);
  await writeObstacle(
    db,
    row,
    input.version,
    {
      status: input.outcome,
      outcome: input.text,
      decisionId,
      endedAt: now.toISOString(),
      leadDays: daysBetween(row.createdAt, now),
    },
    now,
  );
  await recordAudit(db, audit(auth, `obstacle.${input.outcome}`, obstacleId, now, { decisionId }));
}
