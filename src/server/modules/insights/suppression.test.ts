import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppress } from "./suppression.ts";

const scenario = fc
  .record({
    k: fc.integer({ min: 3, max: 8 }),
    people: fc.integer({ min: 0, max: 30 }),
    cells: fc.array(fc.array(fc.nat(29), { maxLength: 12 }), { maxLength: 8 }),
  })
  .map(({ k, people, cells }) => ({
    k,
    orgPeople: people,
    cells: cells.map((members, i) => ({
      id: `cell-${i}`,
      members: [...new Set(members.filter((m) => m < people).map((m) => `p${m}`))],
    })),
  }));

describe("k-suppression", () => {
  it("shows no cell with fewer than k members", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { cells } = suppress(input);
        return input.cells.every((c) => cells.get(c.id) !== null || c.members.length >= input.k);
      }),
    );
  });

  it("never lets a suppressed cell be recovered as organisation total minus the shown cells", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { cells, org } = suppress(input);
        if (org !== null) return true;
        const hidden = input.cells.filter((c) => cells.get(c.id) !== null);
        // What subtraction recovers is the hidden cells' sum: never one cell, never fewer than k people.
        const covered = new Set(hidden.flatMap((c) => c.members)).size;
        return hidden.length === 0 || (hidden.length >= 2 && covered >= input.k);
      }),
    );
  });

  it("hides the organisation total when it has fewer than k people", () => {
    fc.assert(
      fc.property(scenario, (input) => input.orgPeople >= input.k || suppress(input).org === "fewerThanK"),
    );
  });

  it("a worked case: one small cell takes the next smallest with it", () => {
    const result = suppress({
      k: 5,
      orgPeople: 20,
      cells: [
        { id: "a", members: ["1", "2"] },
        { id: "b", members: ["3", "4", "5", "6", "7"] },
        { id: "c", members: ["8", "9", "10", "11", "12", "13"] },
      ],
    });
    expect(Object.fromEntries(result.cells)).toEqual({ a: "fewerThanK", b: "complementary", c: null });
    expect(result.org).toBeNull();
  });

  it("a group never shown on its own covers a hidden cell: nothing more is hidden beside it", () => {
    const cells = [
      { id: "a", members: ["1", "2"] },
      { id: "b", members: ["3", "4", "5", "6", "7"] },
    ];
    const alone = suppress({ k: 5, orgPeople: 12, cells });
    expect(Object.fromEntries(alone.cells)).toEqual({ a: "fewerThanK", b: "complementary" });
    const withGroup = suppress({
      k: 5,
      orgPeople: 12,
      cells: [...cells, { id: "", members: ["8", "9", "10"], unshown: true }],
    });
    expect(withGroup.cells.get("b")).toBeNull();
    expect(withGroup.org).toBeNull();
  });
});
