/**
 * Table types of the org module added after the first migration, merged into the one `Database`
 * interface (migration 2026-12-02T2300_cell_membership).
 */
export interface CellMembershipTable {
  id: string;
  orgId: string;
  cellId: string;
  personId: string;
  /** ISO instant the stay began. */
  joinedAt: string;
  /** ISO instant it ended; NULL while the person is a member. */
  leftAt: string | null;
}

declare module "../../db/schema.ts" {
  interface Database {
    cellMembership: CellMembershipTable;
  }
}
