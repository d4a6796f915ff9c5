/**
 * The suppression decision for one chart window (suppression.ts has the rule): who was a member of each
 * cell for the whole of each period (from the membership history), and which cells had events of each
 * figure in each period (one grouped read of the rollup). `decide(figure, period)` is memoised, so a page
 * asks as often as it likes. Every aggregate over people goes through here: the insights pages, and the
 * system module's service figures.
 */
import type { Figure, Grain } from "../../../shared/insights/figures.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import { figureValue, type Row } from "./figures.ts";
import { type Suppression, suppress } from "./suppression.ts";
import "../org/tables.ts";
import "./tables.ts";

export type Stay = { cellId: string; personId: string; joinedAt: string; leftAt: string | null };

const GRAIN: Record<Grain, string> = { week: "w", month: "m" };

/** The instant a period ends (exclusive): the next Monday, or the first of the next month (UTC). */
export function periodEnd(grain: Grain, period: string): string {
  const start = new Date(`${period}T00:00:00.000Z`);
  const end =
    grain === "week"
      ? new Date(start.getTime() + 7 * 86_400_000)
      : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return end.toISOString();
}

/**
 * The people who were members of the cell from the period's first instant to its end. A person who
 * joined during the period, or left before its end, does not count for it: so a join never unhides a
 * completed period, and a leave never hides one that was shown (issue 13).
 */
export function membersThroughout(
  stays: readonly Stay[],
  cellId: string,
  from: string,
  to: string,
): string[] {
  const members = new Set<string>();
  for (const s of stays) {
    if (s.cellId === cellId && s.joinedAt <= from && (s.leftAt === null || s.leftAt >= to))
      members.add(s.personId);
  }
  return [...members];
}

/**
 * Every stay in the organisation's cells. A demo organisation's generator writes current members only:
 * there, a member without any recorded stay counts from the cell's creation (the demo's history is
 * made for members who were there all along); anywhere else every member has a stay (the service writes
 * one with each join, the migration gave current members one from the cell's creation).
 */
export async function readStays(db: Tx, orgId: string): Promise<Stay[]> {
  const stays = await selectInOrg(db, "cellMembership", orgId)
    .select(["cellId", "personId", "joinedAt", "leftAt"])
    .execute();
  const org = await db.selectFrom("organisation").select("isDemo").where("id", "=", orgId).executeTakeFirst();
  if (Number(org?.isDemo ?? 0) !== 1) return stays;
  const known = new Set(stays.map((s) => `${s.cellId} ${s.personId}`));
  const members = await selectInOrg(db, "cellMember", orgId)
    .innerJoin("cell", "cell.id", "cellMember.cellId")
    .select(["cellMember.cellId", "cellMember.personId", "cell.createdAt"])
    .execute();
  for (const m of members) {
    if (!known.has(`${m.cellId} ${m.personId}`))
      stays.push({ cellId: m.cellId, personId: m.personId, joinedAt: m.createdAt, leftAt: null });
  }
  return stays;
}

export type SuppressionPlan = {
  /** Members for the whole period, per cell. */
  members(cellId: string, period: string): string[];
  decide(figure: Figure, period: string): Suppression;
};

export async function suppressionPlan(
  db: Tx,
  orgId: string,
  input: {
    k: number;
    orgPeople: number;
    grain: Grain;
    periods: readonly string[];
    currency: string;
    cellIds: readonly string[];
    stays?: readonly Stay[];
  },
): Promise<SuppressionPlan> {
  const { k, orgPeople, grain, periods, currency, cellIds } = input;
  const stays = input.stays ?? (await readStays(db, orgId));
  // Whether a cell had events of a figure: the counts per rollup figure and currency are enough.
  const activity = new Map<string, Row[]>();
  if (periods.length > 0 && cellIds.length > 0) {
    const rows = await db
      .selectFrom("insightRollup")
      .select((eb) => [
        "cellId",
        "period",
        "figure",
        "currency",
        eb.fn.sum<number | string>("count").as("count"),
      ])
      .where(inOrg(orgId))
      .where("grain", "=", GRAIN[grain])
      .where("period", ">=", periods[0])
      .where("period", "<=", periods[periods.length - 1])
      .where("cellId", "<>", "*")
      .groupBy(["cellId", "period", "figure", "currency"])
      .execute();
    for (const r of rows) {
      const key = `${r.cellId} ${r.period}`;
      const list = activity.get(key) ?? [];
      list.push({
        period: r.period,
        figure: r.figure,
        currency: r.currency,
        bucket: 0,
        count: Number(r.count),
        total: 0,
      });
      activity.set(key, list);
    }
  }
  const membersOf = new Map<string, string[]>();
  const members = (cellId: string, period: string) => {
    const key = `${cellId} ${period}`;
    let list = membersOf.get(key);
    if (!list) {
      list = membersThroughout(stays, cellId, `${period}T00:00:00.000Z`, periodEnd(grain, period));
      membersOf.set(key, list);
    }
    return list;
  };
  const decided = new Map<string, Suppression>();
  return {
    members,
    decide(figure, period) {
      const key = `${figure} ${period}`;
      let result = decided.get(key);
      if (!result) {
        result = suppress({
          k,
          orgPeople,
          cells: cellIds.map((id) => ({
            id,
            members: members(id, period),
            active: figureValue(figure, activity.get(`${id} ${period}`) ?? [], currency).n > 0,
          })),
        });
        decided.set(key, result);
      }
      return result;
    },
  };
}
