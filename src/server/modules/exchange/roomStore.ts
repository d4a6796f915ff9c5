import { PostgresAdapter, sql } from "kysely";
import type { Tx } from "../../db/scope.ts";
import { selectInOrg } from "../../db/scope.ts";
import type { RoomEvent } from "./types.ts";

/** The stored events of live sessions (migration 2026-11-27T0500_create_session_events). */
export type SessionEventTable = {
  orgId: string;
  sessionId: string;
  seq: number;
  type: string;
  /** JSON text. */
  payload: string;
  actorId: string | null;
  at: string;
};

// Declared here rather than in schema.ts: the table belongs to this module, and the schema file is
// edited by every module at once.
declare module "../../db/schema.ts" {
  interface Database {
    sessionEvent: SessionEventTable;
  }
}

const toEvent = (row: Pick<SessionEventTable, "seq" | "type" | "payload" | "actorId" | "at">): RoomEvent => ({
  seq: row.seq,
  type: row.type,
  payload: JSON.parse(row.payload),
  actorId: row.actorId,
  at: row.at,
});

/** Events of a session after `after`, in seq order (`limit` for paging through a long session). */
export async function eventsAfter(
  db: Tx,
  orgId: string,
  sessionId: string,
  after: number,
  limit = 10_000,
): Promise<RoomEvent[]> {
  const rows = await selectInOrg(db, "sessionEvent", orgId)
    .select(["seq", "type", "payload", "actorId", "at"])
    .where("sessionId", "=", sessionId)
    .where("seq", ">", after)
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

export async function lastSeq(db: Tx, orgId: string, sessionId: string): Promise<number> {
  const row = await selectInOrg(db, "sessionEvent", orgId)
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("sessionId", "=", sessionId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * Makes servers appending to the same session take turns until the transaction ends (a PostgreSQL
 * transaction-level advisory lock on the session id). Without it, two busy servers keep colliding on
 * the next seq and retrying. SQLite has one writer at a time anyway, so nothing is needed there.
 */
export async function lockSessionForAppend(tx: Tx, sessionId: string): Promise<void> {
  if (!(tx.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`sessionEvent:${sessionId}`}))`.execute(tx);
}

/**
 * Appends events right after `afterSeq`, which must be the session's last seq as the caller's state
 * knows it. Run inside the write transaction: when another server appended meanwhile, the primary
 * key (sessionId, seq) refuses the insert with a unique violation and the caller retries on the newer
 * state (room.ts). So seqs never repeat or skip, whichever server writes.
 */
export async function appendEvents(
  tx: Tx,
  input: {
    orgId: string;
    sessionId: string;
    afterSeq: number;
    actorId: string | null;
    at: Date;
    events: { type: string; payload: unknown }[];
  },
): Promise<RoomEvent[]> {
  if (input.events.length === 0) return [];
  const at = input.at.toISOString();
  const rows = input.events.map((event, i) => ({
    orgId: input.orgId,
    sessionId: input.sessionId,
    seq: input.afterSeq + i + 1,
    type: event.type,
    payload: JSON.stringify(event.payload ?? null),
    actorId: input.actorId,
    at,
  }));
  await tx.insertInto("sessionEvent").values(rows).execute();
  return rows.map(toEvent);
}
