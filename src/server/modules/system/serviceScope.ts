/**
 * Which delivered requests a service's lead time and rating may cover — the insights suppression path
 * applied to the catalogue (issue 13: one suppression path for every aggregate over people). A request
 * counts when it was delivered in one of the last 24 complete months in which the serving cell's figure
 * (request lead time or rating) is shown on the insights pages: at least k members for the whole month
 * and not hidden beside another cell. So a service's figure is made only of months that are shown anyway
 * (nothing of a hidden month can be recovered by subtracting the shown months from it), and a centre
 * cell below k shows "too few to show". The running month is never covered: it is not shown either.
 */
import type { Tx } from "../../db/scope.ts";
import { completePeriods } from "../insights/figures.ts";
import { orgContext } from "../insights/queries.ts";
import { suppressionPlan } from "../insights/suppressionPlan.ts";

export type ServiceFigureKind = "lead" | "rating";
/** Per serving cell, the months ("YYYY-MM") whose requests a figure may cover. */
export type ServiceScope = Record<ServiceFigureKind, Map<string, string[]>>;

const WINDOW_MONTHS = 24;
const FIGURE = { lead: "requestLeadTimeDays", rating: "requestRating" } as const;

export async function serviceScope(db: Tx, orgId: string, now: Date): Promise<ServiceScope> {
  const context = await orgContext(db, orgId);
  const periods = completePeriods("month", now, WINDOW_MONTHS);
  const plan = await suppressionPlan(db, orgId, {
    k: context.k,
    orgPeople: context.orgPeople,
    grain: "month",
    periods,
    currency: context.currency,
    cellIds: context.cells.map((c) => c.id),
  });
  const scope: ServiceScope = { lead: new Map(), rating: new Map() };
  for (const kind of ["lead", "rating"] as const) {
    for (const cell of context.cells) {
      const months = periods
        .filter((period) => plan.decide(FIGURE[kind], period).cells.get(cell.id) === null)
        .map((period) => period.slice(0, 7));
      scope[kind].set(cell.id, months);
    }
  }
  return scope;
}

/** Whether a request delivered at `deliveredAt` by `cellId` may count in a figure. */
export function isCovered(
  scope: ServiceScope,
  kind: ServiceFigureKind,
  cellId: string,
  deliveredAt: string | null,
) {
  return deliveredAt !== null && (scope[kind].get(cellId) ?? []).includes(deliveredAt.slice(0, 7));
}
