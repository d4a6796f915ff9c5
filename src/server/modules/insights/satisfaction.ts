/**
 * Customer satisfaction scores per account (1–5). A score counts for the cell that owned the account
 * when it was recorded; the rollup trigger adds it to that cell's figure. No person is stored with it.
 */
import { randomUUID } from "node:crypto";
import type { SatisfactionScore, SatisfactionScoreInput } from "../../../shared/insights/satisfaction.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { inOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound } from "../../platform/errors.ts";
import "./tables.ts";

async function accountCell(db: Tx, orgId: string, accountId: string): Promise<string> {
  const account = await db
    .selectFrom("account")
    .select("cellId")
    .where(inOrg(orgId))
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw notFound();
  return account.cellId;
}

export async function recordScore(
  db: Tx,
  auth: AuthContext,
  accountId: string,
  input: SatisfactionScoreInput,
  now: Date,
): Promise<SatisfactionScore> {
  const cellId = await accountCell(db, auth.orgId, accountId);
  const row = {
    id: randomUUID(),
    orgId: auth.orgId,
    accountId,
    cellId,
    ...input,
    createdAt: now.toISOString(),
  };
  await db.insertInto("satisfactionScore").values(row).execute();
  const { orgId: _, ...out } = row;
  return out;
}

export async function listScores(
  db: Tx,
  orgId: string,
  accountId: string,
  query: { cursor?: string; limit: number },
) {
  await accountCell(db, orgId, accountId);
  const q = db
    .selectFrom("satisfactionScore")
    .select(["id", "accountId", "cellId", "score", "surveyedOn", "note", "createdAt"])
    .where(inOrg(orgId))
    .where("accountId", "=", accountId);
  const rows = await keysetQuery(q, query, { key: "surveyedOn", id: "id", dir: "desc" }).execute();
  return toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.surveyedOn, r.id],
  );
}
