/**
 * The board's obstacle lead times (raised → ended), for the organisation and per raising cell, on the
 * shared suppression path (insights/suppression.ts; issue 13: one path for every aggregate over people).
 * The people behind a cell's figure are the raisers of its ended obstacles who are still its members
 * (a cell below k members therefore never shows one); behind the organisation's, every raiser. A cell
 * with fewer than k is "too few to show", and because the organisation's count and histogram are the
 * sums of the cells' plus those of obstacles raised for the organisation as a whole (in no cell, never
 * shown on their own), complementary suppression hides a second cell, or the organisation figure, so
 * the total minus the shown cells never gives a hidden cell away.
 */
import type { ObstacleLeadTimes } from "../../../shared/system.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import { suppress } from "../insights/suppression.ts";
import { leadTimeFigure, type Sample } from "./figures.ts";
import { minGroupSizeOf, namesOf } from "./names.ts";
import { OPEN_OBSTACLE } from "./obstacles.ts";

/** The id the organisation-wide group (obstacles in no cell) takes in the suppression decision. */
const NO_CELL = "";
const TOO_FEW = { tooFewToShow: true } as const;

/** Reads only ended obstacles' three columns through the (orgId, endedAt) index. */
export async function obstacleLeadTimes(db: Tx, orgId: string): Promise<ObstacleLeadTimes> {
  const k = await minGroupSizeOf(db, orgId);
  const ended = await selectInOrg(db, "obstacle", orgId)
    .select(["cellId", "raisedById", "leadDays"])
    .where("endedAt", "is not", null)
    .execute();
  const open = await selectInOrg(db, "obstacle", orgId)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("status", "in", OPEN_OBSTACLE)
    .executeTakeFirstOrThrow();
  const members = await selectInOrg(db, "cellMember", orgId).select(["cellId", "personId"]).execute();
  const isMember = new Set(members.map((m) => `${m.cellId} ${m.personId}`));
  const byGroup = new Map<string, Sample[]>();
  for (const r of ended) {
    const group = r.cellId ?? NO_CELL;
    byGroup.set(group, [
      ...(byGroup.get(group) ?? []),
      { days: Number(r.leadDays ?? 0), personId: r.raisedById },
    ]);
  }
  const peopleOf = (samples: Sample[]) => samples.flatMap((s) => (s.personId ? [s.personId] : []));
  const all = [...byGroup.values()].flat();
  const decision = suppress({
    k,
    orgPeople: new Set(peopleOf(all)).size,
    cells: [...byGroup].map(([id, samples]) => ({
      id,
      members: peopleOf(samples).filter((p) => id === NO_CELL || isMember.has(`${id} ${p}`)),
      unshown: id === NO_CELL,
    })),
  });
  const cellIds = [...byGroup.keys()].filter((id) => id !== NO_CELL);
  const cells = await namesOf(db, orgId, "cell", cellIds);
  return {
    organisation: decision.org === null ? leadTimeFigure(all, k) : TOO_FEW,
    cells: cellIds
      .map((cellId) => ({
        cell: cells(cellId) ?? { id: cellId, name: "" },
        leadTime:
          decision.cells.get(cellId) === null ? leadTimeFigure(byGroup.get(cellId) ?? [], k) : TOO_FEW,
      }))
      .sort((a, b) => a.cell.name.localeCompare(b.cell.name)),
    open: Number(open.n),
    minGroupSize: k,
  };
}
