/**
 * Reads of the Beta check (writes in betaCheck.ts). Results come only from the folded counters, and only
 * once the check has closed and its fold at close has run (the routes run it first, betaCheckFold.ts).
 */
import type { BetaCheck, BetaCheckResults, BetaTrend } from "../../../shared/insights/betaCheck.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { inOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { type CheckRow, checkRow, hasOpened, isClosed, LAWS, orgMinGroupSize, SCORES } from "./betaCheck.ts";

/** k of a check: fixed when it opened; before that (no answers yet) the organisation's current k. */
const kOf = (row: CheckRow, orgK: number) => Math.max(row.minAnswers ?? orgK, 1);

async function toCheck(db: Tx, auth: AuthContext, rows: CheckRow[], now: Date): Promise<BetaCheck[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const orgK = await orgMinGroupSize(db, auth.orgId);
  const counts = await db
    .selectFrom("betaCheckParticipation")
    .select(["checkId", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where(inOrg(auth.orgId))
    .where("checkId", "in", ids)
    .groupBy("checkId")
    .execute();
  const mine = await db
    .selectFrom("betaCheckParticipation")
    .select("checkId")
    .where("checkId", "in", ids)
    .where("personId", "=", auth.person.id)
    .execute();
  const eligible = await db
    .selectFrom("betaCheckEligible")
    .select("checkId")
    .where("checkId", "in", ids)
    .where("personId", "=", auth.person.id)
    .execute();
  const cellIds = [...new Set(rows.flatMap((r) => (r.cellId ? [r.cellId] : [])))];
  const cells = cellIds.length
    ? await db.selectFrom("cell").select(["id", "name"]).where("id", "in", cellIds).execute()
    : [];
  const memberOf = cellIds.length
    ? await db
        .selectFrom("cellMember")
        .select("cellId")
        .where("personId", "=", auth.person.id)
        .where("cellId", "in", cellIds)
        .execute()
    : [];
  return rows.map((r) => {
    const answered = mine.some((m) => m.checkId === r.id);
    const closed = isClosed(r, now);
    const k = kOf(r, orgK);
    const n = Number(counts.find((c) => c.checkId === r.id)?.n ?? 0);
    // Before the list is fixed (a check opening later), today's membership is what it will be fixed from.
    const mayAnswer = r.eligibleFixed
      ? eligible.some((e) => e.checkId === r.id)
      : r.cellId === null || memberOf.some((m) => m.cellId === r.cellId);
    return {
      id: r.id,
      cellId: r.cellId,
      cellName: cells.find((c) => c.id === r.cellId)?.name ?? null,
      title: r.title,
      opensOn: r.opensOn,
      closesOn: r.closesOn,
      status: closed ? ("closed" as const) : ("open" as const),
      // While open, in steps of k: a count that moves with every answer would say when each one came.
      participants: closed ? n : Math.floor(n / k) * k,
      minAnswers: k,
      answered,
      canAnswer: !closed && hasOpened(r, now) && !answered && mayAnswer,
      createdAt: r.createdAt,
    };
  });
}

export async function getCheck(db: Tx, auth: AuthContext, checkId: string, now: Date): Promise<BetaCheck> {
  const [check] = await toCheck(db, auth, [await checkRow(db, auth.orgId, checkId)], now);
  return check;
}

export async function listChecks(
  db: Tx,
  auth: AuthContext,
  query: { cellId?: string; cursor?: string; limit: number },
  now: Date,
) {
  let q = db.selectFrom("betaCheck").selectAll().where(inOrg(auth.orgId));
  if (query.cellId === "org") q = q.where("cellId", "is", null);
  else if (query.cellId) q = q.where("cellId", "=", query.cellId);
  const rows = await keysetQuery(q, query, { key: "createdAt", id: "id", dir: "desc" }).execute();
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.createdAt, r.id],
  );
  return { items: await toCheck(db, auth, page.items, now), nextCursor: page.nextCursor };
}

export async function tallies(db: Tx, checkIds: string[]) {
  if (checkIds.length === 0) return [];
  return db
    .selectFrom("betaCheckTally")
    .select(["checkId", "law", "score", "count"])
    .where("checkId", "in", checkIds)
    .execute();
}

type Tally = { law: number; score: number; count: number };
const lawResults = (rows: Tally[]) =>
  LAWS.map((law) => {
    const distribution = SCORES.map((score) =>
      Number(rows.find((r) => r.law === law && r.score === score)?.count ?? 0),
    );
    const n = distribution.reduce((s, c) => s + c, 0);
    const mean = n === 0 ? 0 : distribution.reduce((s, c, i) => s + c * (i + 1), 0) / n;
    return { law, mean, distribution };
  });
/** Every answer scores law 1 once, so law 1's counts add up to the number of folded answers. */
export const answersIn = (rows: Tally[]) =>
  rows.filter((r) => r.law === 1).reduce((s, r) => s + Number(r.count), 0);

/** Shown from the larger of the check's k (fixed at opening) and today's: lowering k reveals nothing. */
export async function checkResults(
  db: Tx,
  auth: AuthContext,
  checkId: string,
  k: number,
  now: Date,
): Promise<BetaCheckResults> {
  const row = await checkRow(db, auth.orgId, checkId);
  if (!isClosed(row, now)) return { status: "open", checkId, closesOn: row.closesOn };
  const rows = await tallies(db, [checkId]);
  const participants = answersIn(rows);
  if (participants < Math.max(k, row.minAnswers ?? k))
    return { status: "tooFewToShow", checkId, reason: "fewerThanK" };
  const comments = await db
    .selectFrom("betaCheckComments")
    .select("comments")
    .where("checkId", "=", checkId)
    .executeTakeFirst();
  return {
    status: "shown",
    checkId,
    participants,
    laws: lawResults(rows),
    comments: JSON.parse(comments?.comments ?? "[]"),
  };
}

export async function betaTrend(
  db: Tx,
  auth: AuthContext,
  cellId: string | null,
  k: number,
  now: Date,
): Promise<BetaTrend> {
  let q = db
    .selectFrom("betaCheck")
    .selectAll()
    .where(inOrg(auth.orgId))
    .where("closesOn", "<", now.toISOString().slice(0, 10));
  q = cellId ? q.where("cellId", "=", cellId) : q.where("cellId", "is", null);
  const rows = await q.orderBy("closesOn", "desc").orderBy("id").limit(24).execute();
  rows.reverse();
  const all = await tallies(
    db,
    rows.map((r) => r.id),
  );
  return {
    cellId,
    checks: rows.map((r) => {
      const mine = all.filter((t) => t.checkId === r.id);
      const participants = answersIn(mine);
      const head = { checkId: r.id, title: r.title, closesOn: r.closesOn };
      if (participants < Math.max(k, r.minAnswers ?? k)) return { status: "tooFewToShow" as const, ...head };
      return {
        status: "shown" as const,
        ...head,
        participants,
        means: lawResults(mine).map((l) => l.mean),
      };
    }),
  };
}
