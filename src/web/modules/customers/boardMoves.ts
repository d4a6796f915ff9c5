import type { Board, Deal } from "../../../shared/customers.ts";

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
      const deals = column.deals.filter((d) => d.id !== deal.id);
      let { count, amount } = column;
      if (had) {
        count -= 1;
        amount -= deal.amount;
      }
      if (column.stage.id !== toStageId) return { ...column, deals, count, amount };
      return { ...column, deals: [moved, ...deals], count: count + 1, amount: amount + moved.amount };
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
