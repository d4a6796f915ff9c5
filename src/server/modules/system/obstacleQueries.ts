/** Reads of the obstacle board: one obstacle, the board (keyset pages). Its figures: obstacleFigures.ts. */
import type { Page } from "../../../shared/common.ts";
import type { Obstacle, ObstacleListQuery, ObstacleStatus, ObstacleSummary } from "../../../shared/system.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { abilitiesFrom } from "../../platform/policy.ts";
import { proposalRefs } from "../decisions/proposalQueries.ts";
import { namesOf } from "./names.ts";
import { OPEN_OBSTACLE, obstacleRow } from "./obstacles.ts";
import { type Caller, callerOf, checkEnd, checkTakeUp } from "./policy.ts";
import type { ObstacleTable } from "./tables.ts";

async function affectedOf(db: Tx, orgId: string, obstacleIds: string[]) {
  const rows = obstacleIds.length
    ? await selectInOrg(db, "obstacleAffect", orgId)
        .innerJoin("cell", "cell.id", "obstacleAffect.cellId")
        .select(["obstacleAffect.obstacleId", "cell.id", "cell.name", "obstacleAffect.createdAt as addedAt"])
        .where("obstacleAffect.obstacleId", "in", obstacleIds)
        .orderBy("obstacleAffect.createdAt")
        .execute()
    : [];
  const byObstacle = new Map<string, { id: string; name: string; addedAt: string }[]>();
  for (const { obstacleId, ...cell } of rows)
    byObstacle.set(obstacleId, [...(byObstacle.get(obstacleId) ?? []), cell]);
  return byObstacle;
}

async function toSummaries(db: Tx, orgId: string, rows: ObstacleTable[]): Promise<ObstacleSummary[]> {
  const ids = rows.map((r) => r.id);
  const [people, cells, affected, decisions] = await Promise.all([
    namesOf(
      db,
      orgId,
      "person",
      rows.flatMap((r) => [r.raisedById, r.takenUpById]),
    ),
    namesOf(
      db,
      orgId,
      "cell",
      rows.map((r) => r.cellId),
    ),
    affectedOf(db, orgId, ids),
    proposalRefs(
      db,
      orgId,
      rows.map((r) => r.decisionId).filter((id): id is string => id !== null),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    place: r.place,
    status: r.status as ObstacleStatus,
    cell: cells(r.cellId),
    raisedBy: people(r.raisedById),
    affectedCells: affected.get(r.id) ?? [],
    affectedCount: (affected.get(r.id) ?? []).length,
    takenUpBy: people(r.takenUpById),
    takenUpAt: r.takenUpAt,
    endedAt: r.endedAt,
    outcome: r.outcome,
    decision: r.decisionId ? { id: r.decisionId, title: decisions.get(r.decisionId)?.title ?? null } : null,
    leadDays: r.leadDays === null ? null : Number(r.leadDays),
    fromSession: r.sourceSessionId !== null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  }));
}

function abilitiesOf(caller: Caller, row: ObstacleTable, affected: { id: string }[]) {
  const open = OPEN_OBSTACLE.includes(row.status);
  return {
    affectCellIds: open
      ? caller.cells.map((c) => c.id).filter((id) => id !== row.cellId && !affected.some((a) => a.id === id))
      : [],
    ...abilitiesFrom({ takeUp: () => checkTakeUp(caller, row), end: () => checkEnd(caller, row) }),
  };
}

export async function getObstacle(db: Tx, auth: AuthContext, obstacleId: string): Promise<Obstacle> {
  const row = await obstacleRow(db, auth.orgId, obstacleId);
  const [summary] = await toSummaries(db, auth.orgId, [row]);
  const { affectedCount: _, ...rest } = summary;
  return {
    ...rest,
    body: row.body,
    example: row.example,
    abilities: abilitiesOf(await callerOf(db, auth), row, summary.affectedCells),
  };
}

export async function listObstacles(
  db: Tx,
  auth: AuthContext,
  query: ObstacleListQuery,
): Promise<Page<ObstacleSummary>> {
  let q = selectInOrg(db, "obstacle", auth.orgId).selectAll("obstacle");
  if (query.status) q = q.where("obstacle.status", "=", query.status);
  if (query.cellId) {
    const cellId = query.cellId;
    q = q.where((eb) =>
      eb.or([
        eb("obstacle.cellId", "=", cellId),
        eb(
          "obstacle.id",
          "in",
          eb
            .selectFrom("obstacleAffect")
            .select("obstacleAffect.obstacleId")
            .where(inOrg(auth.orgId, "obstacleAffect"))
            .where("obstacleAffect.cellId", "=", cellId),
        ),
      ]),
    );
  }
  const rows = await keysetQuery(q, query, {
    key: "obstacle.createdAt",
    id: "obstacle.id",
    dir: "desc",
  }).execute();
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.createdAt, r.id],
  );
  return { items: await toSummaries(db, auth.orgId, page.items), nextCursor: page.nextCursor };
}
