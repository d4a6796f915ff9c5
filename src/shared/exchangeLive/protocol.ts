/**
 * The live room's wire contract (exchange module, issue 5): the websocket messages, the actions each
 * session kind accepts and the view each kind sends. Server and browser both import this file; the
 * server's `view()` functions are typed with the view types below, so the compiler keeps them in step.
 *
 * Socket: `GET /api/exchange/sessions/:sessionId/live?after=<seq>` (websocket; 401 signed out, 403
 * foreign Origin, 404 unknown or — confidential — not a participant).
 *
 * Server → client (`ServerMessage`):
 *   welcome   { seq, view }                 first message: the viewer's view as of `seq` (= `after`, or the
 *                                           last stored seq when `after` is beyond it); events follow
 *   event     { seq, event, at, view }      one stored event (seq = previous + 1) and the view after it
 *   presence  { personIds }                 who is in the room now, on any server; on connect and on change
 *   error     { code, message, fields?, ref? }  only to the sender of a refused/malformed message; socket
 *                                           stays open. `message` is in the person's language; a refused
 *                                           action carries its reason as `fields.action` (a stable English
 *                                           key from `REFUSALS`, e.g. "cell taken", "facilitator only")
 * Client → server (`ClientMessage`): an action `{ type, …, ref? }` of the session's kind (schemas below);
 *   `ref` (≤ 64 chars) comes back on the error it caused. Max 16 KiB per message, 30/s (burst 60).
 *   Every action is answered: by its event(s) to everyone, or by an error to the sender.
 * Presence lists are coalesced (changes within ~25 ms go out as one list); people on a server that
 * crashed drop out within ~15 s. Without a socket: `GET /api/exchange/sessions/:id/board` (SessionBoard).
 * Close codes: 4008 slow reader (reconnect with `?after=` the last seq), 4401 signed out.
 *
 * Views never contain who voted for what, and anonymous contributions carry `authorId: null`.
 * Timers are `{ durationMs, startedAt, elapsedMs }`: remaining = durationMs − elapsedMs − (now − startedAt
 * while startedAt is set); clients count down themselves.
 *
 * This file holds the messages; each session kind's actions and view have their own file in this folder.
 */
import { z } from "zod";
import type { KbView } from "./kollegialeBeratung.ts";
import type { LeanCoffeeView } from "./leanCoffee.ts";
import type { OpenSpaceView } from "./openSpace.ts";
import type { RetroView } from "./retrospective.ts";
import type { TroikaView } from "./troika.ts";

// ——— Messages ———

/** The kinds with a live board (a format's `type`). */
export type LiveKind = "leanCoffee" | "kollegialeBeratung" | "retrospective" | "troika" | "openSpace";
/** The view each kind sends in `welcome` and `event` messages. */
export type LiveViewOf = {
  leanCoffee: LeanCoffeeView;
  kollegialeBeratung: KbView;
  retrospective: RetroView;
  troika: TroikaView;
  openSpace: OpenSpaceView;
};

export type ServerMessage<View = unknown> =
  | { type: "welcome"; seq: number; view: View }
  | { type: "event"; seq: number; event: string; at: string; view: View }
  | { type: "presence"; personIds: string[] }
  | { type: "error"; code: string; message: string; fields?: Record<string, string>; ref?: string };

/** An action of the session's kind; `ref` is echoed on the error it causes. */
export type ClientMessage = { type: string; ref?: string; [key: string]: unknown };

/**
 * Why an action was refused: `fields.action` of an `error` message (code CONFLICT or FORBIDDEN). Stable
 * English keys — the browser shows its own text for each, in the person's language.
 */
export const REFUSALS = [
  "author only",
  "case owner only",
  "case owner or moderator only",
  "cell taken",
  "closed",
  "convener only",
  "facilitator only",
  "moderator only",
  "no groups formed",
  "no method chosen",
  "no such room",
  "no such proposal",
  "no such session",
  "no such slot",
  "no such topic",
  "no topic in discussion",
  "no vote to take back",
  "no votes left",
  "not collecting",
  "note-taker only",
  "nothing to time yet",
  "one group per person",
  "one role per person",
  "roles not set",
  "room in use",
  "same cell",
  "same topic",
  "slot in use",
  "the case owner listens in this phase",
  "the case owner reports; others ask",
  "timer not running",
  "timer running",
  "too few present",
  "too many notes",
  "too many rooms",
  "too many slots",
  "topic already discussed",
  "topic not waiting",
  "voting has started",
  "voting is not open",
  "voting not closed",
  "wrong phase",
] as const;
export type Refusal = (typeof REFUSALS)[number];

/** A shared timer; clients compute the remaining time from it. */
export type Timer = { durationMs: number; startedAt: string | null; elapsedMs: number };

export const personRef = z.string().min(1).max(64);

// ——— Over HTTP ———

/**
 * `GET /api/exchange/sessions/:sessionId/board` — the caller's view of a session's board from its stored
 * events, without a socket (the session page's record, printing, harvesting). 404 like the room.
 */
export const SessionBoardSchema = z.object({
  kind: z.enum(["leanCoffee", "kollegialeBeratung", "retrospective", "troika", "openSpace"]),
  seq: z.number().int(),
  view: z.unknown(),
});
export type SessionBoard = {
  [K in LiveKind]: { kind: K; seq: number; view: LiveViewOf[K] };
}[LiveKind];
