/**
 * k-suppression (domain brief §6.3): a figure covering fewer than k people is "too few to show", and so
 * is any figure that could be recovered by subtracting shown figures.
 *
 * Every deal, offer and request belongs to exactly one cell, so the organisation's figure is made of the
 * cells' figures: with the organisation total shown, the cells that are suppressed can be recovered *as
 * a group* (total minus every shown cell). That group must therefore never be a single cell, and it must
 * cover at least k people itself. Rule:
 *   1. a cell with fewer than k members is suppressed ("fewerThanK");
 *   2. while the suppressed cells are exactly one, or together have fewer than k distinct members, the
 *      shown cell with the fewest members (then the lowest id) is suppressed too ("complementary");
 *   3. if no shown cell is left to add, the organisation total is suppressed ("complementary");
 *   4. the organisation total is suppressed when the organisation has fewer than k people ("fewerThanK").
 * Invariant (tested property-based): with the organisation total shown, the suppressed cells are none, or
 * at least two covering at least k distinct people; every shown cell has at least k members.
 * Peer medians are taken over shown cells only, so they reveal nothing that is not shown anyway.
 */
export type SuppressionReason = "fewerThanK" | "complementary";
export type SuppressionInput = {
  k: number;
  orgPeople: number;
  cells: { id: string; members: readonly string[] }[];
};
export type Suppression = {
  cells: Map<string, SuppressionReason | null>;
  org: SuppressionReason | null;
};

export function suppress({ k, orgPeople, cells }: SuppressionInput): Suppression {
  const result = new Map<string, SuppressionReason | null>();
  const size = new Map(cells.map((c) => [c.id, new Set(c.members).size]));
  for (const cell of cells) result.set(cell.id, (size.get(cell.id) ?? 0) < k ? "fewerThanK" : null);
  if (orgPeople < k) {
    for (const cell of cells) result.set(cell.id, result.get(cell.id) ?? "complementary");
    return { cells: result, org: "fewerThanK" };
  }
  let org: SuppressionReason | null = null;
  const suppressed = () => cells.filter((c) => result.get(c.id) !== null);
  const covered = (list: typeof cells) => new Set(list.flatMap((c) => c.members)).size;
  for (;;) {
    const hidden = suppressed();
    if (hidden.length === 0 || (hidden.length >= 2 && covered(hidden) >= k)) break;
    const candidates = cells
      .filter((c) => result.get(c.id) === null)
      .sort((a, b) => (size.get(a.id) ?? 0) - (size.get(b.id) ?? 0) || a.id.localeCompare(b.id));
    if (candidates.length === 0) {
      org = "complementary";
      break;
    }
    result.set(candidates[0].id, "complementary");
  }
  return { cells: result, org };
}
