import type { Board, Deal } from "../../../shared/customers/deals.ts";

type Column = Board["columns"][number];

/** A column's count and its sum in the deal's currency, changed by one deal leaving (-1) or arriving (+1). */
function adjustTotals(column: Column, deal: Deal, sign: 1 | -1): Pick<Column, "count" | "totals"> {
  const totals = column.totals.some((t) => t.currency === deal.currency)
    ? column.totals
    : [...column.totals, { currency: deal.currency, amount: 0 }];
  return {
    count: column.count + sign,
    totals: totals.map((t) =>
      t.currency === deal.currency ? { ...t, amount: t.amount + sign * deal.amount } : t,
    ),
  };
}

/**
 * The board's optimistic moves: a deal leaves its column and lands on top of another, counts and
 * sums follow. Rolling back is the same move in the other direction with the deal as it was.
 */
export function relocateDeal(board: Board, deal: Deal, toStageId: string): Board {
  const target = board.columns.find((column) => column.stage.id === toStageId);
  if (!target) return board;
  const moved: Deal = {
    ...deal,
    stageId: toStageId,
    stageName: target.stage.name,
    outcome: target.stage.outcome,
  };
  return {
    ...board,
    columns: board.columns.map((column) => {
      const had = column.deals.some((d) => d.id === deal.id);
      const left = had
        ? {
            ...column,
            ...adjustTotals(column, deal, -1),
            deals: column.deals.filter((d) => d.id !== deal.id),
          }
        : column;
      if (column.stage.id !== toStageId) return left;
      return { ...left, ...adjustTotals(left, moved, 1), deals: [moved, ...left.deals] };
    }),
  };
}

/** The server's answer replaces the optimistic copy (new version, updatedAt). */
export function replaceDeal(board: Board, deal: Deal): Board {
  return {
    ...board,
    columns: board.columns.map((column) => ({
      ...column,
      deals: column.deals.map((d) => (d.id === deal.id ? deal : d)),
    })),
  };
}

/** "Load more" of one column appends the next page behind the deals already shown. */
export function appendColumnPage(
  board: Board,
  stageId: string,
  page: { items: Deal[]; nextCursor: string | null },
): Board {
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column.stage.id !== stageId) return column;
      const known = new Set(column.deals.map((d) => d.id));
      return {
        ...column,
        deals: [...column.deals, ...page.items.filter((d) => !known.has(d.id))],
        nextCursor: page.nextCursor,
      };
    }),
  };
}

export function findDeal(board: Board, dealId: string): Deal | undefined {
  for (const column of board.columns) {
    const deal = column.deals.find((d) => d.id === dealId);
    if (deal) return deal;
  }
  return undefined;
}

/** The neighbouring stage for ←/→ on a focused card, or null at either end. */
export function neighbourStage(board: Board, stageId: string, step: -1 | 1): string | null {
  const index = board.columns.findIndex((column) => column.stage.id === stageId);
  const next = board.columns[index + step];
  return index >= 0 && next ? next.stage.id : null;
}
