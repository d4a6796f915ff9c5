/**
 * Who may do what on the board and in the catalogue. Reads are open to every member (PRODUCT.md
 * rule 4). Working on the system — taking up an obstacle and ending it — is for stewards and the
 * members of centre cells (the people who used to manage and the centre that serves); the steward
 * role reads nothing more (rule 6). A service is described and served by its centre cell's members;
 * it is pulled and rated by members of periphery cells (rule 7).
 */
import { selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, forbidden } from "../../platform/errors.ts";

export type MyCell = { id: string; kind: string };
export type Caller = { auth: AuthContext; cells: MyCell[] };

/** The caller with the cells they belong to (and those cells' kinds), read once per request. */
export async function callerOf(db: Tx, auth: AuthContext): Promise<Caller> {
  const cells = await selectInOrg(db, "cellMember", auth.orgId)
    .innerJoin("cell", "cell.id", "cellMember.cellId")
    .select(["cell.id", "cell.kind"])
    .where("cellMember.personId", "=", auth.person.id)
    .orderBy("cell.name")
    .execute();
  return { auth, cells };
}

export const isSteward = (caller: Caller) => caller.auth.person.role === "steward";
export const isMemberOf = (caller: Caller, cellId: string | null) =>
  cellId !== null && caller.cells.some((c) => c.id === cellId);
export const isInCentreCell = (caller: Caller) => caller.cells.some((c) => c.kind === "centre");
/** A steward or a member of any centre cell works on the system. */
export const worksOnSystem = (caller: Caller) => isSteward(caller) || isInCentreCell(caller);
export const peripheryCellIds = (caller: Caller) =>
  caller.cells.filter((c) => c.kind === "periphery").map((c) => c.id);

export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}

/** A transition that does not fit the current status. */
export function assertStatus(status: string, allowed: string[], field = "status"): void {
  if (!allowed.includes(status)) throw new AppError("CONFLICT", { [field]: status });
}

/** A cell named in input must be one of the organisation's (not found otherwise, never confirmed). */
export async function cellInOrg(db: Tx, orgId: string, cellId: string, field = "cellId") {
  const cell = await selectInOrg(db, "cell", orgId)
    .select(["id", "name", "kind"])
    .where("id", "=", cellId)
    .executeTakeFirst();
  if (!cell) throw new AppError("VALIDATION", { [field]: "not found" });
  return cell;
}
