import type { z } from "zod";
import type { Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";

/**
 * The contract between the live room (realtime foundation: room.ts, roomStore.ts, roomRoutes.ts) and
 * the session kinds (formats and mechanics: sessions.ts and one file per kind).
 *
 * A session's state is never stored: it is `reduce` folded over the session's stored events, so two
 * servers that saw the same events hold the same state, and a reconnecting browser catches up by seq.
 */

/** One stored event of a live session. `seq` counts 1, 2, 3, … per session without gaps. */
export type RoomEvent = { seq: number; type: string; payload: unknown; actorId: string | null; at: string };

/** Given to `decide` by the room. Whatever a decision takes from it must go into the events it emits. */
export type DecideContext = { present: readonly string[] };

export interface SessionKind<State, Action, View = unknown> {
  /** "leanCoffee" | "kollegialeBeratung" | … */
  kind: string;
  /** Validates every client message `{ type, … }` that is not a room message; refused input never reaches `decide`. */
  actionSchema: z.ZodType<Action>;
  initial(): State;
  /** Pure. Must accept every event `decide` ever produced (stored events are replayed on each start). */
  reduce(state: State, event: Omit<RoomEvent, "seq" | "at"> & { seq?: number }): State;
  /**
   * Pure: the events an action causes (none is fine). Throws AppError for a refused action — the
   * actor gets an error message in their language, nothing is stored.
   */
  decide(
    state: State,
    action: Action,
    actor: { personId: string },
    now: Date,
    /** What the room knows beyond the events: who is present (on any server), sorted. */
    context?: DecideContext,
  ): { type: string; payload: unknown }[];
  /**
   * What one participant may see (hidden votes, anonymous cards). Participants receive only views,
   * never raw event payloads or actor ids, so a view is the only place visibility is decided.
   */
  view(state: State, viewer: { personId: string }): View;
}

/**
 * Any kind, as the room handles it. The room never looks inside State or Action, and the methods are
 * declared in method syntax (bivariant), so a `SessionKind<LeanCoffeeState, LeanCoffeeAction>` fits.
 */
export type AnySessionKind = SessionKind<unknown, unknown>;

/**
 * Implemented by sessions.ts. `false` for a session that does not exist, is in another organisation,
 * or is confidential and the person is not among its participants — the route answers 404 for all
 * of them alike, so a confidential session's existence does not leak.
 */
export type CanJoin = (db: Tx, auth: AuthContext, sessionId: string) => Promise<boolean>;

/** Implemented by sessions.ts: the kind of a session of this organisation, or null when there is none. */
export type SessionKindOf = (db: Tx, orgId: string, sessionId: string) => Promise<AnySessionKind | null>;

/** The websocket messages themselves (ServerMessage, ClientMessage) are in src/shared/exchangeLive/protocol.ts. */
