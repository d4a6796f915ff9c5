import type { SessionBoard } from "../../../shared/exchangeLive/protocol.ts";
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound } from "../../platform/errors.ts";
import { visibleSession } from "./queries.ts";
import { eventsAfter } from "./roomStore.ts";
import { sessionKindOf } from "./sessions.ts";

/**
 * A session's board as the caller would see it in the room, from its stored events — for the session
 * page's record after the room is closed, printing (Open Space proceedings) and harvesting from it.
 * 404 like the room: not in the organisation, or confidential and not a participant.
 */
export async function sessionBoard(db: Tx, auth: AuthContext, sessionId: string): Promise<SessionBoard> {
  const row = await visibleSession(db, auth, sessionId);
  const kind = await sessionKindOf(db, auth.orgId, sessionId);
  if (!kind) throw notFound();
  let state = kind.initial();
  let seq = 0;
  const page = 10_000;
  for (;;) {
    const events = await eventsAfter(db, auth.orgId, sessionId, seq, page);
    for (const event of events) state = kind.reduce(state, event);
    if (events.length > 0) seq = events[events.length - 1].seq;
    if (events.length < page) break;
  }
  // The kind's view function is typed by its view type; the pairing of kind and view is sessions.ts's.
  return { kind: row.kind, seq, view: kind.view(state, { personId: auth.person.id }) } as SessionBoard;
}
