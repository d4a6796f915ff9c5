import { selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";

export { authorize } from "../org/policy.ts";

/**
 * Who may do what with customers. Every member reads and writes (PRODUCT.md rules 1 and 4); only a
 * hand-over needs a member of the cell that owns the customer — a cell gives away its own customers.
 */
export async function isCellMember(db: Tx, auth: AuthContext, cellId: string): Promise<boolean> {
  const row = await selectInOrg(db, "cellMember", auth.orgId)
    .select("personId")
    .where("cellId", "=", cellId)
    .where("personId", "=", auth.person.id)
    .executeTakeFirst();
  return row !== undefined;
}
