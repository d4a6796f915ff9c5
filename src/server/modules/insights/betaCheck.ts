/**
 * The Beta check: an anonymous pulse survey on the 12 BetaCodex laws (1 = Alpha … 5 = Beta).
 *
 * How the answer is kept apart from the person (domain brief §6.1 on surveys, §6.2 on differencing):
 * - `betaCheckParticipation` (checkId, personId) exists only to refuse a second answer. It has no time,
 *   no id of its own and nothing of the answer.
 * - The answer is never stored as a row. Each of its twelve scores adds one to a counter
 *   `betaCheckTally` (check, law, score) that was created with the check; a counter update carries no
 *   order, no time and no row identity, so there is no "answer row" whose insertion order or rowid
 *   could be lined up with the participation rows (a row per answer with a random id would still be
 *   linkable on SQLite by rowid order and on PostgreSQL by physical order).
 * - A comment goes into the check's one JSON list at a random position, so the list's order says
 *   nothing about who answered when.
 * - Results are shown only after the check has closed, and only with at least k answers: while a check
 *   is open, watching the results change before and after a colleague answers would reveal their
 *   answer (differencing).
 * What remains: someone with database access *while* a person answers sees the transaction (both the
 * participation row and the counters change). That is an operator's view, not an application's.
 */
import { randomInt, randomUUID } from "node:crypto";
import { sql } from "kysely";
import type {
  BetaCheck,
  BetaCheckAnswerInput,
  BetaCheckInput,
  BetaCheckResults,
  BetaTrend,
} from "../../../shared/insights.ts";
import { isUniqueViolation } from "../../db/connect.ts";
import { afterKeyset, decodeCursor, toPage } from "../../db/pagination.ts";
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import "./tables.ts";

const LAWS = Array.from({ length: 12 }, (_, i) => i + 1);
const SCORES = [1, 2, 3, 4, 5];
const today = (now: Date) => now.toISOString().slice(0, 10);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

type CheckRow = {
  id: string;
  orgId: string;
  cellId: string | null;
  title: string;
  opensOn: string;
  closesOn: string;
  createdAt: string;
};

async function checkRow(db: Tx, orgId: string, checkId: string): Promise<CheckRow> {
  const row = await db
    .selectFrom("betaCheck")
    .selectAll()
    .where("orgId", "=", orgId)
    .where("id", "=", checkId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

const statusOf = (row: CheckRow, now: Date) => (today(now) > row.closesOn ? "closed" : "open");

async function isMember(db: Tx, cellId: string, personId: string) {
  const row = await db
    .selectFrom("cellMember")
    .select("personId")
    .where("cellId", "=", cellId)
    .where("personId", "=", personId)
    .executeTakeFirst();
  return row !== undefined;
}

async function toCheck(db: Tx, auth: AuthContext, rows: CheckRow[], now: Date): Promise<BetaCheck[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counts = await db
    .selectFrom("betaCheckParticipation")
    .select(["checkId", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("orgId", "=", auth.orgId)
    .where("checkId", "in", ids)
    .groupBy("checkId")
    .execute();
  const mine = await db
    .selectFrom("betaCheckParticipation")
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
    const status = statusOf(r, now);
    const mayAnswer = r.cellId === null || memberOf.some((m) => m.cellId === r.cellId);
    return {
      id: r.id,
      cellId: r.cellId,
      cellName: cells.find((c) => c.id === r.cellId)?.name ?? null,
      title: r.title,
      opensOn: r.opensOn,
      closesOn: r.closesOn,
      status,
      participants: Number(counts.find((c) => c.checkId === r.id)?.n ?? 0),
      answered,
      canAnswer: status === "open" && today(now) >= r.opensOn && !answered && mayAnswer,
      createdAt: r.createdAt,
    };
  });
}

export async function createCheck(
  db: Tx,
  auth: AuthContext,
  input: BetaCheckInput,
  now: Date,
): Promise<string> {
  if (input.cellId) {
    const cell = await db
      .selectFrom("cell")
      .select("id")
      .where("orgId", "=", auth.orgId)
      .where("id", "=", input.cellId)
      .executeTakeFirst();
    if (!cell) throw notFound();
  }
  const opensOn = input.opensOn ?? today(now);
  if (input.closesOn < opensOn) throw new AppError("VALIDATION", { closesOn: "before opensOn" });
  if (input.closesOn > addDays(opensOn, 92))
    throw new AppError("VALIDATION", { closesOn: "more than 92 days" });
  const id = randomUUID();
  await db
    .insertInto("betaCheck")
    .values({
      id,
      orgId: auth.orgId,
      cellId: input.cellId,
      title: input.title,
      opensOn,
      closesOn: input.closesOn,
      createdAt: now.toISOString(),
    })
    .execute();
  await db
    .insertInto("betaCheckTally")
    .values(
      LAWS.flatMap((law) =>
        SCORES.map((score) => ({ orgId: auth.orgId, checkId: id, law, score, count: 0 })),
      ),
    )
    .execute();
  await db
    .insertInto("betaCheckComments")
    .values({ checkId: id, orgId: auth.orgId, comments: "[]" })
    .execute();
  return id;
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
  const after = decodeCursor(query.cursor, 2);
  let q = db.selectFrom("betaCheck").selectAll().where("orgId", "=", auth.orgId);
  if (query.cellId === "org") q = q.where("cellId", "is", null);
  else if (query.cellId) q = q.where("cellId", "=", query.cellId);
  if (after) q = q.where(({ ref }) => afterKeyset(ref("createdAt"), ref("id"), after, "desc"));
  const rows = await q
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => [r.createdAt, r.id],
  );
  return { items: await toCheck(db, auth, page.items, now), nextCursor: page.nextCursor };
}

/** One answer: participation recorded, counters raised, comment placed at random — one transaction. */
export async function answerCheck(
  db: Tx,
  auth: AuthContext,
  checkId: string,
  input: BetaCheckAnswerInput,
  now: Date,
): Promise<void> {
  const row = await checkRow(db, auth.orgId, checkId);
  if (new Set(input.scores.map((s) => s.law)).size !== 12)
    throw new AppError("VALIDATION", { scores: "each law once" });
  if (statusOf(row, now) === "closed" || today(now) < row.opensOn)
    throw new AppError("CONFLICT", { check: "closed" });
  if (row.cellId && !(await isMember(db, row.cellId, auth.person.id))) throw new AppError("FORBIDDEN");
  const already = await db
    .selectFrom("betaCheckParticipation")
    .select("personId")
    .where("checkId", "=", checkId)
    .where("personId", "=", auth.person.id)
    .executeTakeFirst();
  if (already) throw new AppError("CONFLICT", { check: "answered" });
  try {
    await db
      .insertInto("betaCheckParticipation")
      .values({ orgId: auth.orgId, checkId, personId: auth.person.id })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", { check: "answered" });
    throw error;
  }
  for (const { law, score } of input.scores) {
    await db
      .updateTable("betaCheckTally")
      .set({ count: sql`"count" + 1` })
      .where("checkId", "=", checkId)
      .where("law", "=", law)
      .where("score", "=", score)
      .execute();
  }
  if (input.comment) {
    // Raise the row lock first (PostgreSQL), then read-modify-write the list.
    await db
      .updateTable("betaCheckComments")
      .set({ orgId: auth.orgId })
      .where("checkId", "=", checkId)
      .execute();
    const current = await db
      .selectFrom("betaCheckComments")
      .select("comments")
      .where("checkId", "=", checkId)
      .executeTakeFirstOrThrow();
    const list = JSON.parse(current.comments) as string[];
    list.splice(randomInt(list.length + 1), 0, input.comment);
    await db
      .updateTable("betaCheckComments")
      .set({ comments: JSON.stringify(list) })
      .where("checkId", "=", checkId)
      .execute();
  }
}

async function tallies(db: Tx, checkIds: string[]) {
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
/** Every answer scores law 1 once, so law 1's counts add up to the number of answers. */
const answersIn = (rows: Tally[]) => rows.filter((r) => r.law === 1).reduce((s, r) => s + Number(r.count), 0);

export async function checkResults(
  db: Tx,
  auth: AuthContext,
  checkId: string,
  k: number,
  now: Date,
): Promise<BetaCheckResults> {
  const row = await checkRow(db, auth.orgId, checkId);
  if (statusOf(row, now) === "open") return { status: "open", checkId, closesOn: row.closesOn };
  const rows = await tallies(db, [checkId]);
  const participants = answersIn(rows);
  if (participants < k) return { status: "tooFewToShow", checkId, reason: "fewerThanK" };
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
    .where("orgId", "=", auth.orgId)
    .where("closesOn", "<", today(now));
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
      if (participants < k) return { status: "tooFewToShow" as const, ...head };
      return {
        status: "shown" as const,
        ...head,
        participants,
        means: lawResults(mine).map((l) => l.mean),
      };
    }),
  };
}
