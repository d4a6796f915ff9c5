/**
 * Names of this module's objects for other modules' links (a proposal linked to an obstacle or a
 * framework condition). Kept apart from the services so the decisions module can import it without
 * importing the system module's writes.
 */
import { selectInOrg, type Tx } from "../../db/scope.ts";

export type Labelled = { id: string; label: string; cellId: string | null };

export async function obstacleLabels(db: Tx, orgId: string, ids: string[]): Promise<Labelled[]> {
  if (ids.length === 0) return [];
  return selectInOrg(db, "obstacle", orgId)
    .select(["id", "title as label", "cellId"])
    .where("id", "in", ids)
    .execute();
}

export async function conditionLabels(db: Tx, orgId: string, ids: string[]): Promise<Labelled[]> {
  if (ids.length === 0) return [];
  const rows = await selectInOrg(db, "frameworkCondition", orgId)
    .select(["id", "title as label"])
    .where("id", "in", ids)
    .execute();
  return rows.map((r) => ({ ...r, cellId: null }));
}
