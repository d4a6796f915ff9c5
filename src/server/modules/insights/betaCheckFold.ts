/**
 * The fold: pooled Beta check answers become counters and comments in batches, in a transaction of
 * their own (betaCheck.ts explains why). Run by the scheduler `start` runs (main.ts), and before the
 * results of a closed check are read, so results never wait for the next run.
 *
 * While a check is open the fold waits until at least 2k answers are pooled, then folds all but k of
 * them, chosen at random: every batch holds at least k answers, and so does the fold at close (the k
 * held back plus whatever came since). Folding everything at k would leave the last few answers of a
 * check — fewer than k, perhaps one — to be folded alone at close, where whoever watches the database
 * would read them as the sum of the few people who answered last. Someone who links each pooled row to
 * the participation written beside it therefore sees counters move only by the sum of at least k people's
 * answers, in disjoint groups.
 *
 * At close: if all answers together are fewer than k (they would never be shown) the pooled ones are
 * deleted unread instead of folded — folded, the counters would hold them for anyone reading the
 * database. Pooled rows this server cannot open (sealed with another data key: instances configured with
 * different `DATA_KEY`s, or a lost key file) are left for an instance that can while the check is open,
 * and deleted at close as lost.
 *
 * Inside a batch nothing keeps the pool's order: deltas are summed per counter and written in the fixed
 * (law, score) order, comments are shuffled into random places of the list.
 */
import { randomInt } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { Db } from "../../db/connect.ts";
import type { Database } from "../../db/schema.ts";
import { inOrg } from "../../db/scope.ts";
import { scrubDeleted } from "../../db/scrub.ts";
import type { DataKey } from "../../platform/dataKey.ts";
import { isClosed, LAWS, openCheck, orgMinGroupSize, today } from "./betaCheck.ts";
import { answersIn } from "./betaCheckQueries.ts";
import { type PooledAnswer, unsealAnswer } from "./betaCheckSeal.ts";

export type FoldReport = { folded: number; discarded: number; lost: number; checks: number };

/** Fisher–Yates with the CSPRNG: the order must not be guessable from the pool's or Math.random's. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Fixes the eligible list of checks that opened since the last run, then folds every check with pooled
 * answers or a pending fold at close. `scope` narrows it to one organisation or check (the result routes).
 */
export async function foldBetaChecks(
  db: Db,
  dataKey: DataKey,
  now: Date,
  scope: { orgId?: string; checkId?: string } = {},
): Promise<FoldReport> {
  const report: FoldReport = { folded: 0, discarded: 0, lost: 0, checks: 0 };
  let opening = db.kysely
    .selectFrom("betaCheck")
    .selectAll()
    .where("eligibleFixed", "=", 0)
    .where("opensOn", "<=", today(now))
    // A check that closed without ever being answered needs no list (the demo's closed checks).
    .where("closesOn", ">=", today(now));
  if (scope.orgId) opening = opening.where(inOrg(scope.orgId));
  if (scope.checkId) opening = opening.where("id", "=", scope.checkId);
  for (const row of await opening.execute())
    await db.kysely.transaction().execute((trx) => openCheck(trx, row, now));

  let due = db.kysely
    .selectFrom("betaCheck")
    .select("id")
    .where("closeFolded", "=", 0)
    .where((eb) =>
      eb.or([
        eb("closesOn", "<", today(now)),
        eb("id", "in", eb.selectFrom("betaCheckPool").select("checkId")),
      ]),
    );
  if (scope.orgId) due = due.where(inOrg(scope.orgId));
  if (scope.checkId) due = due.where("id", "=", scope.checkId);
  for (const { id } of await due.execute()) {
    const result = await db.kysely.transaction().execute((trx) => foldCheck(trx, dataKey, id, now));
    report.folded += result.folded;
    report.discarded += result.discarded;
    report.lost += result.lost;
    if (result.deleted) report.checks++;
  }
  if (report.checks > 0) await scrubDeleted(db, ["betaCheckPool", "betaCheckTally", "betaCheckComments"]);
  return report;
}

/** One check's fold, in the caller's transaction. */
export async function foldCheck(
  trx: Transaction<Database>,
  dataKey: DataKey,
  checkId: string,
  now: Date,
): Promise<{ folded: number; discarded: number; lost: number; deleted: boolean }> {
  // The row lock makes two servers fold one check one after the other (a no-op on SQLite's one writer).
  await trx
    .updateTable("betaCheck")
    .set({ closeFolded: sql`"closeFolded"` })
    .where("id", "=", checkId)
    .execute();
  const row = await trx
    .selectFrom("betaCheck")
    .selectAll()
    .where("id", "=", checkId)
    .executeTakeFirstOrThrow();
  const nothing = { folded: 0, discarded: 0, lost: 0, deleted: false };
  const closed = isClosed(row, now);
  if (row.closeFolded) return nothing;
  const k = Math.max(row.minAnswers ?? (await orgMinGroupSize(trx, row.orgId)), 1);
  const pooled = await trx
    .selectFrom("betaCheckPool")
    .select(["id", "keyId", "sealed"])
    .where("checkId", "=", checkId)
    .execute();
  const readable: { id: string; answer: PooledAnswer }[] = [];
  const unreadable: string[] = [];
  for (const p of pooled) {
    const answer = p.keyId === dataKey.id ? unsealAnswer(dataKey, p.sealed) : null;
    if (answer) readable.push({ id: p.id, answer });
    else unreadable.push(p.id);
  }

  let batch: typeof readable = [];
  let discard: string[] = [];
  if (!closed) {
    if (readable.length < 2 * k) return nothing;
    batch = shuffle(readable).slice(k);
  } else {
    const tally = await trx
      .selectFrom("betaCheckTally")
      .select(["law", "score", "count"])
      .where("checkId", "=", checkId)
      .execute();
    if (answersIn(tally) + readable.length >= k) batch = shuffle(readable);
    else discard = readable.map((r) => r.id);
    discard.push(...unreadable);
    await trx.updateTable("betaCheck").set({ closeFolded: 1 }).where("id", "=", checkId).execute();
  }

  if (batch.length > 0) {
    const delta = new Map<string, number>();
    for (const { answer } of batch)
      answer.scores.forEach((score, i) => {
        const key = `${LAWS[i]}:${score}`;
        delta.set(key, (delta.get(key) ?? 0) + 1);
      });
    for (const law of LAWS)
      for (let score = 1; score <= 5; score++) {
        const by = delta.get(`${law}:${score}`);
        if (!by) continue;
        await trx
          .updateTable("betaCheckTally")
          .set({ count: sql`"count" + ${by}` })
          .where("checkId", "=", checkId)
          .where("law", "=", law)
          .where("score", "=", score)
          .execute();
      }
    const comments = batch.map((b) => b.answer.comment).filter((c) => c.length > 0);
    if (comments.length > 0) {
      const current = await trx
        .selectFrom("betaCheckComments")
        .select("comments")
        .where("checkId", "=", checkId)
        .executeTakeFirstOrThrow();
      const list = JSON.parse(current.comments) as string[];
      for (const comment of shuffle(comments)) list.splice(randomInt(list.length + 1), 0, comment);
      await trx
        .updateTable("betaCheckComments")
        .set({ comments: JSON.stringify(list) })
        .where("checkId", "=", checkId)
        .execute();
    }
  }
  const remove = [...batch.map((b) => b.id), ...discard];
  if (remove.length > 0) await trx.deleteFrom("betaCheckPool").where("id", "in", remove).execute();
  return {
    folded: batch.length,
    discarded: closed ? discard.length - unreadable.length : 0,
    lost: closed ? unreadable.length : 0,
    deleted: remove.length > 0,
  };
}
