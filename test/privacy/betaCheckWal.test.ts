import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldBetaChecks } from "../../src/server/modules/insights/betaCheckFold.ts";
import { loadDataKey } from "../../src/server/platform/dataKey.ts";
import { apiAs } from "../app.ts";
import { answerOf, DAY, expectedDistribution, K, type Probe, setUpProbe } from "./betaCheckKit.ts";

/**
 * Issue 13's SQLite probe, repeated: replaying the write-ahead log commit by commit linked every answer
 * to a name. Here the attacker is stronger than a copy of the files: a reader holds a read transaction
 * open for the whole run, so no checkpoint can empty the WAL and every frame written stays in it. The
 * replay applies the frames commit by commit to a copy of the database and looks at each state.
 */

type State = {
  participants: Set<string>;
  pool: Map<string, string>;
  tally: Map<string, number>;
  comments: string;
};

/** Every committed state in the WAL, applied to `base` (the database file before the first frame). */
function* replayWal(base: Buffer, wal: Buffer): Generator<{ frames: Buffer[]; db: Buffer }> {
  const pageSize = wal.readUInt32BE(8);
  const salt = wal.subarray(16, 24);
  let db = Buffer.from(base);
  let frames: Buffer[] = [];
  let pending: { page: number; data: Buffer }[] = [];
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    const header = wal.subarray(at, at + 24);
    // Frames of an earlier WAL generation carry other salts: the log ends where they begin.
    if (!header.subarray(8, 16).equals(salt)) break;
    const data = wal.subarray(at + 24, at + 24 + pageSize);
    frames.push(data);
    pending.push({ page: header.readUInt32BE(0), data });
    const commitSize = header.readUInt32BE(4);
    if (commitSize === 0) continue;
    const next = Buffer.alloc(commitSize * pageSize);
    db.copy(next, 0, 0, Math.min(db.length, next.length));
    for (const { page, data: bytes } of pending) bytes.copy(next, (page - 1) * pageSize);
    db = next;
    yield { frames, db };
    frames = [];
    pending = [];
  }
}

function readState(file: string, bytes: Buffer, checkId: string): State {
  writeFileSync(file, bytes);
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const db = new SQLite(file);
  try {
    const participants = new Set(
      db
        .prepare(`select "personId" from "betaCheckParticipation" where "checkId" = ?`)
        .all(checkId)
        .map((r) => (r as { personId: string }).personId),
    );
    const pool = new Map(
      db
        .prepare(`select "id", "sealed" from "betaCheckPool" where "checkId" = ?`)
        .all(checkId)
        .map((r) => [(r as { id: string }).id, (r as { sealed: string }).sealed]),
    );
    const tally = new Map(
      db
        .prepare(`select "law", "score", "count" from "betaCheckTally" where "checkId" = ?`)
        .all(checkId)
        .map((r) => {
          const row = r as { law: number; score: number; count: number };
          return [`${row.law}:${row.score}`, row.count];
        }),
    );
    const comments =
      (
        db.prepare(`select "comments" from "betaCheckComments" where "checkId" = ?`).get(checkId) as
          | { comments: string }
          | undefined
      )?.comments ?? "[]";
    return { participants, pool, tally, comments };
  } finally {
    db.close();
  }
}

const answersIn = (tally: Map<string, number>) =>
  [1, 2, 3, 4, 5].reduce((sum, score) => sum + (tally.get(`1:${score}`) ?? 0), 0);

describe("Beta check on sqlite, its WAL replayed by someone reading the files", () => {
  let probe: Probe;
  let checkId: string;
  let attacker: SQLite.Database;
  let base: Buffer;
  let file: string;

  beforeAll(async () => {
    probe = await setUpProbe("sqlite", 9);
    file = probe.t.db.sqliteFile as string;
    // Start from an empty WAL, keep the database file as it is now, then pin every frame to come.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(probe.t.db.kysely);
    base = readFileSync(file);
    attacker = new SQLite(file, { readonly: true });
    attacker.prepare("begin").run();
    attacker.prepare(`select count(*) from "betaCheck"`).get();
  });
  afterAll(async () => {
    if (attacker?.open) attacker.close();
    await probe?.close();
    rmSync(`/tmp/beta-wal-replay-${process.pid}.db`, { force: true });
  });

  it("never shows a counter change beside fewer than k participations, in any committed state", async () => {
    const { t, people } = probe;
    const key = loadDataKey(t.config);
    const check = await apiAs<{ id: string }>(t.app, people[1], "POST", "/api/beta-checks", {
      cellId: probe.cellId,
      closesOn: "2026-11-30",
    });
    checkId = check.id;
    // Answers come one by one, the fold job runs after each — it folds only once 2k are pooled.
    for (let i = 0; i < 8; i++) {
      await apiAs(t.app, people[i], "POST", `/api/beta-checks/${checkId}/answers`, answerOf(i));
      await foldBetaChecks(t.db, key, t.clock.now());
    }
    t.clock.advance(5 * DAY);
    const results = await apiAs<{ status: string; participants: number; laws: { distribution: number[] }[] }>(
      t.app,
      people[8],
      "GET",
      `/api/beta-checks/${checkId}/results`,
    );
    expect(results).toMatchObject({ status: "shown", participants: 8 });
    expect(results.laws.map((l) => l.distribution)).toEqual(expectedDistribution([0, 1, 2, 3, 4, 5, 6, 7]));

    // The attacker's copy of the WAL: every commit since the base, none checkpointed away.
    const wal = readFileSync(`${file}-wal`);
    const replayFile = `/tmp/beta-wal-replay-${process.pid}.db`;
    let previous = readState(replayFile, base, checkId);
    // The strongest reading: a pooled row is linked to the participation written in the same commit.
    const personOfPoolRow = new Map<string, string>();
    let sinceLastChange = new Set<string>();
    const beforeLastChange = new Set<string>();
    const changes: { people: string[]; newSince: number; heldBack: number; answers: number }[] = [];
    let commits = 0;
    let comments = 0;
    for (const { frames, db } of replayWal(base, wal)) {
      commits++;
      const state = readState(replayFile, db, checkId);
      const joined = [...state.participants].filter((p) => !previous.participants.has(p));
      const added = [...state.pool.keys()].filter((id) => !previous.pool.has(id));
      const removed = [...previous.pool.keys()].filter((id) => !state.pool.has(id));
      const counted = [...state.tally].some(([cell, count]) => (previous.tally.get(cell) ?? 0) !== count);
      expect(added.length, "one pooled answer per participation").toBe(joined.length);
      if (joined.length === 1) personOfPoolRow.set(added[0], joined[0]);
      // A pooled answer is ciphertext: the comments written appear in no frame before a fold takes them.
      if (!counted)
        for (const frame of frames) expect(frame.toString("latin1")).not.toContain("decisions still wait");
      if (counted) {
        expect(joined, "no participation in a commit that changes a counter").toEqual([]);
        const folded = removed.map((id) => personOfPoolRow.get(id) as string);
        const answers = answersIn(state.tally) - answersIn(previous.tally);
        expect(answers).toBe(removed.length);
        changes.push({
          people: folded,
          newSince: sinceLastChange.size,
          heldBack: folded.filter((p) => beforeLastChange.has(p)).length,
          answers,
        });
        for (const p of sinceLastChange) beforeLastChange.add(p);
        sinceLastChange = new Set();
      }
      if (state.comments !== previous.comments) comments++;
      for (const p of joined) sinceLastChange.add(p);
      previous = state;
    }
    expect(commits).toBeGreaterThan(8);
    expect(comments, "the comment list changed only in the folds").toBeLessThanOrEqual(changes.length);
    // Two folds: at 2k pooled (2k − k folded, k held back) and at close (the k held back and the rest).
    expect(changes.map((c) => c.answers)).toEqual([2 * K - K, 8 - (2 * K - K)]);
    const everyone = changes.flatMap((c) => c.people);
    expect(new Set(everyone).size, "each person's answer is folded once").toBe(8);
    for (const change of changes) {
      // Whoever links pool rows to participations sees each counter change as the sum of ≥ k people…
      expect(new Set(change.people).size).toBeGreaterThanOrEqual(K);
      // …and never as the sum of fewer than k people who joined since the last change: either k or
      // more joined since, or k or more of the answers are held back from before it.
      expect(change.newSince >= K || change.heldBack >= K).toBe(true);
    }
    expect(changes[0].newSince).toBeGreaterThanOrEqual(K);
  });

  it("empties the WAL after a fold and leaves no pooled ciphertext in the database file", async () => {
    attacker.prepare("rollback").run();
    attacker.close();
    const { t, people } = probe;
    const key = loadDataKey(t.config);
    const check = await apiAs<{ id: string }>(t.app, people[1], "POST", "/api/beta-checks", {
      cellId: probe.cellId,
      closesOn: "2026-12-20",
    });
    for (let i = 0; i < 2 * K; i++)
      await apiAs(t.app, people[i], "POST", `/api/beta-checks/${check.id}/answers`, answerOf(i));
    const pooled = await t.db.kysely
      .selectFrom("betaCheckPool")
      .select(["id", "sealed"])
      .where("checkId", "=", check.id)
      .execute();
    expect(pooled).toHaveLength(2 * K);
    expect(await foldBetaChecks(t.db, key, t.clock.now())).toMatchObject({ folded: K });
    expect(statSync(`${file}-wal`).size).toBe(0);
    const remaining = new Set(
      (
        await t.db.kysely.selectFrom("betaCheckPool").select("id").where("checkId", "=", check.id).execute()
      ).map((r) => r.id),
    );
    expect(remaining.size).toBe(K);
    // secure_delete: the folded rows' sealed bytes are overwritten, not left in free space.
    const bytes = readFileSync(file).toString("latin1");
    for (const row of pooled.filter((p) => !remaining.has(p.id)))
      expect(bytes.includes(row.sealed.slice(0, 64))).toBe(false);
  });
});
