/**
 * k-suppression (domain brief §6.3, PRODUCT.md rules 2 and 8): a figure covering fewer than k people is
 * "too few to show", and so is any figure that could be recovered by subtracting shown figures.
 *
 * The decision is taken per period and per figure (suppressionPlan.ts feeds it): the members of a
 * period are the people who were in the cell for the *whole* period (from its first instant to its
 * end), so a join or a leave never changes a completed period, and a longer period (a month) never
 * counts more people than a shorter one inside it. A cell with no event of the figure in the period is
 * "inactive": its value is empty and anybody can know that (every member reads the deals), so for
 * subtraction it counts as known.
 *
 * Every deal, offer and request belongs to exactly one cell, so the organisation's figure is the sum of
 * the cells' figures: with the organisation total shown, the suppressed *active* cells can be recovered
 * as a group (total minus every shown cell minus the known-empty ones). Rule:
 *   1. a cell with fewer than k members in the period is suppressed ("fewerThanK");
 *   2. while the suppressed active cells are exactly one, or together have fewer than k distinct members,
 *      the shown active cell with the fewest members (then the lowest id) is suppressed too
 *      ("complementary"); an inactive cell cannot serve, its emptiness is known;
 *   3. if no shown active cell is left to add, the organisation total is suppressed ("complementary");
 *   4. the organisation total is suppressed when the organisation has fewer than k people ("fewerThanK").
 * Invariant (property-tested, and audited as linear equations in test/privacy/): with the organisation
 * total shown, the suppressed active cells are none, or at least two covering at least k distinct people;
 * every shown cell has at least k members.
 * Peer medians are taken over cells shown in that period for that figure, so they reveal nothing that is
 * not shown anyway.
 */
export type SuppressionReason = "fewerThanK" | "complementary";
export type SuppressionInput = {
  k: number;
  orgPeople: number;
  /**
   * `active`: the cell has events of the figure in the period (default true). `unshown`: a group inside
   * the organisation total that the answer never shows on its own (obstacles raised for the organisation
   * as a whole, in no cell): it counts as suppressed from the start, so it can cover a hidden cell.
   */
  cells: { id: string; members: readonly string[]; active?: boolean; unshown?: boolean }[];
};
export type Suppression = {
  cells: Map<string, SuppressionReason | null>;
  org: SuppressionReason | null;
};

export function suppress({ k, orgPeople, cells }: SuppressionInput): Suppression {
  const result = new Map<string, SuppressionReason | null>();
  const size = new Map(cells.map((c) => [c.id, new Set(c.members).size]));
  const isActive = (c: SuppressionInput["cells"][number]) => c.active !== false;
  for (const cell of cells)
    result.set(cell.id, cell.unshown || (size.get(cell.id) ?? 0) < k ? "fewerThanK" : null);
  if (orgPeople < k) {
    for (const cell of cells) result.set(cell.id, result.get(cell.id) ?? "complementary");
    return { cells: result, org: "fewerThanK" };
  }
  let org: SuppressionReason | null = null;
  const covered = (list: typeof cells) => new Set(list.flatMap((c) => c.members)).size;
  for (;;) {
    const hidden = cells.filter((c) => isActive(c) && result.get(c.id) !== null);
    if (hidden.length === 0 || (hidden.length >= 2 && covered(hidden) >= k)) break;
    const candidates = cells
      .filter((c) => isActive(c) && result.get(c.id) === null)
      .sort((a, b) => (size.get(a.id) ?? 0) - (size.get(b.id) ?? 0) || a.id.localeCompare(b.id));
    if (candidates.length === 0) {
      org = "complementary";
      break;
    }
    result.set(candidates[0].id, "complementary");
  }
  return { cells: result, org };
}
