/**
 * Who may do what on the board and in the catalogue. Reads are open to every member (PRODUCT.md
 * rule 4). Working on the system — taking up an obstacle and ending it — is for stewards and the
 * members of centre cells (the people who used to manage and the centre that serves); the steward
 * role reads nothing more (rule 6). A service is described and served by its centre cell's members;
 * it is pulled and rated by members of periphery cells (rule 7). In the shape of platform/policy.ts:
 * predicates over the caller, `check…` functions the services call, abilities built from the same checks.
 */
import { selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError } from "../../platform/errors.ts";
import { abilitiesFrom, check, isSteward } from "../../platform/policy.ts";
import type { ObstacleTable, ServiceRequestTable } from "./tables.ts";

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

export const isMemberOf = (caller: Caller, cellId: string | null) =>
  cellId !== null && caller.cells.some((c) => c.id === cellId);
export const isInCentreCell = (caller: Caller) => caller.cells.some((c) => c.kind === "centre");
/** A steward or a member of any centre cell works on the system. */
export const worksOnSystem = (caller: Caller) => isSteward(caller.auth) || isInCentreCell(caller);
export const peripheryCellIds = (caller: Caller) =>
  caller.cells.filter((c) => c.kind === "periphery").map((c) => c.id);

/** A cell acts through its members: raising for it, "affects us too", describing, serving, pulling, rating. */
export const checkMemberOf = (caller: Caller, cellId: string | null) => check(isMemberOf(caller, cellId));
export const checkWorksOnSystem = (caller: Caller) => check(worksOnSystem(caller));

/** A transition that does not fit the current status. */
export function checkStatus(status: string, allowed: string[], field = "status"): void {
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

/* The steps on a request and an obstacle: the services call these, the read models' abilities too. */

export function checkServe(
  caller: Caller,
  row: Pick<ServiceRequestTable, "servingCellId" | "status">,
  step: string,
) {
  checkMemberOf(caller, row.servingCellId);
  checkStatus(
    row.status,
    { accept: ["requested"], deliver: ["accepted"], decline: ["requested", "accepted"] }[step] ?? [],
  );
}

export function checkRate(
  caller: Caller,
  row: Pick<ServiceRequestTable, "requestingCellId" | "status" | "rating">,
) {
  checkMemberOf(caller, row.requestingCellId);
  checkStatus(row.status, ["delivered"]);
  if (row.rating !== null) throw new AppError("CONFLICT", { rating: "already rated" });
}

export function requestAbilities(caller: Caller, row: ServiceRequestTable) {
  return abilitiesFrom({
    accept: () => checkServe(caller, row, "accept"),
    deliver: () => checkServe(caller, row, "deliver"),
    decline: () => checkServe(caller, row, "decline"),
    rate: () => checkRate(caller, row),
  });
}

export function checkTakeUp(caller: Caller, row: Pick<ObstacleTable, "status">) {
  checkWorksOnSystem(caller);
  checkStatus(row.status, ["raised"]);
}

export function checkEnd(caller: Caller, row: Pick<ObstacleTable, "status">) {
  checkWorksOnSystem(caller);
  checkStatus(row.status, ["takenUp"]);
}
