/**
 * The Beta check: an anonymous pulse survey on the 12 BetaCodex laws (1 = Alpha … 5 = Beta) — its
 * writes. Reads are in betaCheckQueries.ts, the fold in betaCheckFold.ts. PRODUCT.md rules 2 and 8:
 * nobody, not even someone reading the database or its files, can tell which answer is whose.
 *
 * How an answer is kept apart from the person (issue 13 names the probes this withstands):
 * - Who may answer is fixed when the check opens: the members at that moment (`betaCheckEligible`),
 *   and k with them (`minAnswers`). Someone joining the cell later can neither answer nor be the
 *   k-th answer that lets results show (and then subtract their own).
 * - Answering writes, in one transaction, the participation row (checkId, personId: only to refuse a
 *   second answer; no time, no order key) and the answer into the pool (`betaCheckPool`): sealed with
 *   the data key kept outside the database (platform/dataKey.ts), padded to one size, under a random
 *   id, in a table without rowid. A dump shows who took part, never what they answered.
 * - The counters (`betaCheckTally`: check × law × score) and the comment list change only in the fold
 *   (betaCheckFold.ts), a separate transaction that takes a shuffled batch of at least k pooled answers.
 *   No counter's row version (PostgreSQL `xmin`), no WAL commit (SQLite) and no order or time puts a
 *   single participation beside a counter change.
 * - Results show only after the check closed and with at least k answers; while it is open the
 *   participant count moves in steps of k, so watching it does not show when each answer came.
 * What remains is said on "what is measured here" (definitions.ts): the colleagues who answered, all
 * but one together, can work out the last one's answer from any result — no aggregate prevents that.
 */
import { randomUUID } from "node:crypto";
import type { BetaCheckAnswerInput, BetaCheckInput } from "../../../shared/insights/betaCheck.ts";
import { isUniqueViolation } from "../../db/connect.ts";
import { inOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import type { DataKey } from "../../platform/dataKey.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { sealAnswer } from "./betaCheckSeal.ts";
import { checkAnswerBetaCheck } from "./policy.ts";
import "./tables.ts";

export const LAWS = Array.from({ length: 12 }, (_, i) => i + 1);
export const SCORES = [1, 2, 3, 4, 5];
export const today = (now: Date) => now.toISOString().slice(0, 10);
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export type CheckRow = {
  id: string;
  orgId: string;
  cellId: string | null;
  title: string;
  opensOn: string;
  closesOn: string;
  createdAt: string;
  minAnswers: number | null;
  eligibleFixed: number;
  closeFolded: number;
};

export async function checkRow(db: Tx, orgId: string, checkId: string): Promise<CheckRow> {
  const row = await db
    .selectFrom("betaCheck")
    .selectAll()
    .where(inOrg(orgId))
    .where("id", "=", checkId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export const isClosed = (row: { closesOn: string }, now: Date) => today(now) > row.closesOn;
export const hasOpened = (row: { opensOn: string }, now: Date) => today(now) >= row.opensOn;

export async function orgMinGroupSize(db: Tx, orgId: string): Promise<number> {
  const org = await db
    .selectFrom("organisation")
    .select("minGroupSize")
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  return org.minGroupSize;
}

/**
 * Opening fixes who may answer (the cell's members, or everyone in the organisation, at this moment) and
 * k. Idempotent and safe on two servers: the conditional update claims the opening, a second caller
 * finds it claimed (PostgreSQL re-checks the condition after waiting for the row lock).
 */
export async function openCheck(db: Tx, row: CheckRow, now: Date): Promise<void> {
  if (row.eligibleFixed || !hasOpened(row, now)) return;
  const k = await orgMinGroupSize(db, row.orgId);
  const claimed = await db
    .updateTable("betaCheck")
    .set({ eligibleFixed: 1, minAnswers: k })
    .where("id", "=", row.id)
    .where("eligibleFixed", "=", 0)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return;
  const members = row.cellId
    ? db
        .selectFrom("cellMember")
        .select((eb) => [eb.val(row.orgId).as("orgId"), eb.val(row.id).as("checkId"), "personId"])
        .where(inOrg(row.orgId))
        .where("cellId", "=", row.cellId)
    : db
        .selectFrom("person")
        .select((eb) => [eb.val(row.orgId).as("orgId"), eb.val(row.id).as("checkId"), "id as personId"])
        .where(inOrg(row.orgId));
  await db
    .insertInto("betaCheckEligible")
    .columns(["orgId", "checkId", "personId"])
    .expression(members)
    .execute();
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
      .where(inOrg(auth.orgId))
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
  // A check opening today fixes its eligible list now; a later one when it opens (fold job or first answer).
  await openCheck(db, await checkRow(db, auth.orgId, id), now);
  return id;
}

/**
 * One answer: the participation row and the sealed answer in the pool — one transaction, nothing else.
 * The counters are not touched here (betaCheckFold.ts).
 */
export async function answerCheck(
  db: Tx,
  auth: AuthContext,
  checkId: string,
  input: BetaCheckAnswerInput,
  now: Date,
  dataKey: DataKey,
): Promise<void> {
  const row = await checkRow(db, auth.orgId, checkId);
  if (new Set(input.scores.map((s) => s.law)).size !== 12)
    throw new AppError("VALIDATION", { scores: "each law once" });
  if (isClosed(row, now) || !hasOpened(row, now)) throw new AppError("CONFLICT", { check: "closed" });
  await openCheck(db, row, now);
  await checkAnswerBetaCheck(db, auth, checkId);
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
  const scores = LAWS.map((law) => input.scores.find((s) => s.law === law)?.score ?? 0);
  await db
    .insertInto("betaCheckPool")
    .values({
      id: randomUUID(),
      orgId: auth.orgId,
      checkId,
      keyId: dataKey.id,
      sealed: sealAnswer(dataKey, { scores, comment: input.comment }),
    })
    .execute();
}
