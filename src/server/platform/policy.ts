/**
 * One shape for permissions in every module (issue 13 item 5, STYLE.md habit 3), the one
 * `decisions/policy.ts` first wrote: a module's `policy.ts` names its predicates (questions such as
 * `isSteward`, `isDecider`, `isMemberOf`), writes `check…` functions from them that the services call and
 * that throw the AppError the route answers with, and builds the abilities a response carries from the
 * same checks (`abilitiesFrom`), so an ability never says yes where the route says 403 and the web app
 * never re-implements a rule. Roles carry no read privilege (PRODUCT.md rule 6): every predicate here is
 * about acting, never about reading more.
 */
import type { ErrorCode } from "../../shared/errors.ts";
import { selectInOrg, type Tx } from "../db/scope.ts";
import type { AuthContext } from "./auth/sessions.ts";
import { AppError } from "./errors.ts";

/** Throws `code` (403 FORBIDDEN unless said otherwise) when the rule does not allow the act. */
export function check(
  allowed: boolean,
  code: ErrorCode = "FORBIDDEN",
  fields?: Record<string, string>,
): void {
  if (!allowed) throw new AppError(code, fields);
}

/** Whether a `check…` passes: the bridge from the checks the services call to the abilities a response shows. */
export function allows(run: () => void): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** An abilities object whose every flag is the outcome of the check the matching route runs. */
export function abilitiesFrom<K extends string>(checks: Record<K, () => void>): Record<K, boolean> {
  const result = {} as Record<K, boolean>;
  for (const key of Object.keys(checks) as K[]) result[key] = allows(checks[key]);
  return result;
}

/* Predicates every module shares */

/** A steward may change organisation settings and roles (rule 6); nothing else. */
export const isSteward = (auth: AuthContext) => auth.person.role === "steward";
export const isSelf = (auth: AuthContext, personId: string) => auth.person.id === personId;

/** "Is a member of this cell": the one read of it, for services that ask about a single cell. */
export async function isCellMember(
  db: Tx,
  orgId: string,
  cellId: string,
  personId: string,
): Promise<boolean> {
  const row = await selectInOrg(db, "cellMember", orgId)
    .select("personId")
    .where("cellId", "=", cellId)
    .where("personId", "=", personId)
    .executeTakeFirst();
  return row !== undefined;
}
