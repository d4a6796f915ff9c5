/**
 * Who may do what in insights (in the shape of platform/policy.ts). Every member reads every cell's
 * figures (PRODUCT.md rule 4). A cell's chart settings ("limits change here", fixed baselines) are set by
 * its members — the cell reads its own process; the organisation's by anyone in it. A Beta check is
 * answered only by the people fixed as eligible when it opened (issue 13: later joiners neither answer
 * nor count towards k).
 */
import { selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound } from "../../platform/errors.ts";
import { check, isCellMember } from "../../platform/policy.ts";
import "../org/tables.ts";
import "./tables.ts";

/** A cell of another organisation is 404 (never confirmed); a cell the caller is not in, 403. */
export async function checkEditChartSettings(
  db: Tx,
  auth: AuthContext,
  cellId: string | null,
): Promise<void> {
  if (cellId === null) return;
  const cell = await selectInOrg(db, "cell", auth.orgId)
    .select("id")
    .where("id", "=", cellId)
    .executeTakeFirst();
  if (!cell) throw notFound();
  check(await isCellMember(db, auth.orgId, cellId, auth.person.id));
}

/** Fixed when the check opened: the cell's members at that moment. */
export async function isEligible(db: Tx, checkId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom("betaCheckEligible")
    .select("personId")
    .where("checkId", "=", checkId)
    .where("personId", "=", personId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function checkAnswerBetaCheck(db: Tx, auth: AuthContext, checkId: string): Promise<void> {
  check(await isEligible(db, checkId, auth.person.id), "FORBIDDEN", { check: "notEligible" });
}
