import { describe, expect, it } from "vitest";
import type { Board, Deal } from "../../../shared/customers/deals.ts";
import { appendColumnPage, neighbourStage, relocateDeal, replaceDeal } from "./boardMoves.ts";

const stage = (id: string, position: number) => ({
  id,
  name: `Stage ${id}`,
  position,
  outcome: "open" as const,
  probability: 10,
});
const deal = (id: string, stageId: string, amount: number): Deal => ({
  id,
  cellId: "c",
  cellName: "Cell",
  accountId: "a",
  accountName: "Account",
  title: `Deal ${id}`,
  amount,
  currency: "EUR",
  stageId,
  stageName: `Stage ${stageId}`,
  outcome: "open",
  expectedClose: null,
  probability: 10,
  source: "",
  lostReason: "",
  keepOpenOnAcceptance: false,
  description: "",
  type: "",
  people: [],
  createdAt: "2026-11-27T00:00:00Z",
  updatedAt: "2026-11-27T00:00:00Z",
  closedAt: null,
  version: 1,
});
const board = (): Board => ({
  cellId: "c",
  columns: [
    {
      stage: stage("s1", 0),
      deals: [deal("d1", "s1", 100), deal("d2", "s1", 50)],
      count: 5,
      totals: [{ currency: "EUR", amount: 900 }],
      nextCursor: "x",
    },
    {
      stage: stage("s2", 1),
      deals: [deal("d3", "s2", 70)],
      count: 1,
      totals: [{ currency: "EUR", amount: 70 }],
      nextCursor: null,
    },
  ],
});

describe("board moves", () => {
  it("moves a deal on top of the target column and carries count and sum along", () => {
    const moved = relocateDeal(board(), deal("d1", "s1", 100), "s2");
    expect(moved.columns[0]).toMatchObject({ count: 4, totals: [{ currency: "EUR", amount: 800 }] });
    expect(moved.columns[0].deals.map((d) => d.id)).toEqual(["d2"]);
    expect(moved.columns[1]).toMatchObject({ count: 2, totals: [{ currency: "EUR", amount: 170 }] });
    expect(moved.columns[1].deals[0]).toMatchObject({ id: "d1", stageId: "s2", stageName: "Stage s2" });
  });

  it("keeps sums apart per currency: a CHF deal adds a CHF total and leaves the EUR one alone", () => {
    const moved = relocateDeal(board(), { ...deal("d9", "s1", 40), currency: "CHF" }, "s2");
    expect(moved.columns[1]).toMatchObject({
      count: 2,
      totals: [
        { currency: "EUR", amount: 70 },
        { currency: "CHF", amount: 40 },
      ],
    });
  });

  it("rolls back by moving the original deal back", () => {
    const original = deal("d1", "s1", 100);
    const back = relocateDeal(relocateDeal(board(), original, "s2"), original, "s1");
    expect(back.columns.map((c) => [c.count, c.totals[0].amount])).toEqual([
      [5, 900],
      [1, 70],
    ]);
    expect(back.columns[0].deals.map((d) => d.id).sort()).toEqual(["d1", "d2"]);
  });

  it("replaces the optimistic copy with the server's answer and appends further pages once", () => {
    const replaced = replaceDeal(board(), { ...deal("d3", "s2", 70), version: 2 });
    expect(replaced.columns[1].deals[0].version).toBe(2);
    const more = appendColumnPage(board(), "s1", {
      items: [deal("d2", "s1", 50), deal("d4", "s1", 9)],
      nextCursor: null,
    });
    expect(more.columns[0].deals.map((d) => d.id)).toEqual(["d1", "d2", "d4"]);
    expect(more.columns[0].nextCursor).toBeNull();
  });

  it("finds the neighbouring stage for the arrow keys", () => {
    expect(neighbourStage(board(), "s1", 1)).toBe("s2");
    expect(neighbourStage(board(), "s1", -1)).toBeNull();
    expect(neighbourStage(board(), "s2", 1)).toBeNull();
  });
});
