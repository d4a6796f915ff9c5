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
 *   error     { code, message, ref? }       only to the sender of a refused/malformed message; socket stays open
 * Client → server (`ClientMessage`): an action `{ type, …, ref? }` of the session's kind (schemas below);
 *   `ref` (≤ 64 chars) comes back on the error it caused. Max 16 KiB per message, 30/s (burst 60).
 * Close codes: 4008 slow reader (reconnect with `?after=` the last seq), 4401 signed out.
 *
 * Views never contain who voted for what, and anonymous contributions carry `authorId: null`.
 * Timers are `{ durationMs, startedAt, elapsedMs }`: remaining = durationMs − elapsedMs − (now − startedAt
 * while startedAt is set); clients count down themselves.
 */
import { z } from "zod";

// ——— Messages ———

/** The kinds with a live board (a format's `type`). */
export type LiveKind = "leanCoffee" | "kollegialeBeratung" | "retrospective" | "troika" | "openSpace";

export type ServerMessage<View = unknown> =
  | { type: "welcome"; seq: number; view: View }
  | { type: "event"; seq: number; event: string; at: string; view: View }
  | { type: "presence"; personIds: string[] }
  | { type: "error"; code: string; message: string; ref?: string };

/** An action of the session's kind; `ref` is echoed on the error it causes. */
export type ClientMessage = { type: string; ref?: string; [key: string]: unknown };

/** A shared timer; clients compute the remaining time from it. */
export type Timer = { durationMs: number; startedAt: string | null; elapsedMs: number };

// ——— Lean Coffee (domain.md §4.1) ———

const leanTitle = z.string().trim().min(1).max(200);
const leanBody = z.string().trim().max(2000);
const topicId = z.string().min(1).max(20);
const minutes = z.number().int().min(1).max(60);

export const LeanCoffeeActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("facilitate") }),
  z.object({
    type: z.literal("configure"),
    votesPerPerson: z.number().int().min(1).max(10),
    hideVotes: z.boolean(),
    timeboxMinutes: minutes,
    extensionMinutes: minutes,
    anonymous: z.boolean(),
  }),
  z.object({ type: z.literal("propose"), title: leanTitle, pitch: leanBody.default("") }),
  z.object({ type: z.literal("pitch"), topicId, pitch: leanBody }),
  z.object({ type: z.literal("merge"), topicId, intoId: topicId }),
  z.object({ type: z.literal("openVoting") }),
  z.object({ type: z.literal("vote"), topicId }),
  z.object({ type: z.literal("unvote"), topicId }),
  z.object({ type: z.literal("closeVoting") }),
  z.object({ type: z.literal("pull"), topicId }),
  z.object({ type: z.literal("startTimer") }),
  z.object({ type: z.literal("stopTimer") }),
  z.object({ type: z.literal("thumb"), value: z.enum(["up", "sideways", "down"]) }),
  z.object({ type: z.literal("resolveThumbs") }),
  z.object({ type: z.literal("takeaway"), topicId, text: z.string().trim().min(1).max(2000) }),
  z.object({ type: z.literal("close") }),
]);
export type LeanCoffeeAction = z.infer<typeof LeanCoffeeActionSchema>;

export type Thumb = "up" | "sideways" | "down";
export type TopicStatus = "toDiscuss" | "discussing" | "discussed";
export type LeanCoffeePhase = "collecting" | "voting" | "discussing" | "closed";
export type LeanCoffeeTopic = {
  id: string;
  title: string;
  pitch: string;
  /** Null when contributions are anonymous. */
  authorId: string | null;
  /** Set when merged into another topic; its votes moved there. */
  mergedInto: string | null;
  status: TopicStatus;
  takeaways: string[];
};

export type LeanCoffeeView = {
  phase: LeanCoffeePhase;
  facilitatorId: string | null;
  anonymous: boolean;
  votesPerPerson: number;
  hideVotes: boolean;
  timeboxMs: number;
  extensionMs: number;
  /**
   * Live topics (merged ones folded away, their titles in `mergedTitles`); sorted by votes once voting
   * is closed. `votes` is null while voting is open with hidden votes.
   */
  topics: (LeanCoffeeTopic & { mergedTitles: string[]; votes: number | null })[];
  /** The viewer's own dots per topic id. */
  myVotes: Record<string, number>;
  myVotesLeft: number;
  current: { topicId: string; timer: Timer } | null;
  thumbs: { up: number; sideways: number; down: number; mine: Thumb | null };
};

// ——— Kollegiale Beratung (domain.md §4.5) ———

export const KB_PHASES = ["casting", "report", "keyQuestion", "method", "consultation", "closing"] as const;
export type KbPhase = (typeof KB_PHASES)[number] | "closed";
export const KB_METHODS = [
  "brainstorming",
  "headstand",
  "resonanceRound",
  "hypotheses",
  "identification",
  "crossExamination",
  "actstorming",
] as const;
export type KbMethod = (typeof KB_METHODS)[number];
/** Suggested minutes per phase (≈45–50 minutes per case); the moderator may set others. */
export const KB_PHASE_MINUTES: Record<(typeof KB_PHASES)[number], number> = {
  casting: 5,
  report: 10,
  keyQuestion: 5,
  method: 3,
  consultation: 15,
  closing: 7,
};

const personRef = z.string().min(1).max(64);
const longText = z.string().trim().min(1).max(4000);
export const KbActionSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("assignRoles"),
    caseOwnerId: personRef,
    moderatorId: personRef,
    noteTakerId: personRef.nullable().default(null),
    consultantIds: z.array(personRef).min(1).max(20),
  }),
  z.object({ type: z.literal("describeCase"), title: z.string().trim().min(1).max(200) }),
  z.object({ type: z.literal("frameQuestion"), text: longText }),
  z.object({ type: z.literal("chooseMethod"), method: z.enum(KB_METHODS) }),
  z.object({ type: z.literal("nextPhase") }),
  z.object({ type: z.literal("startTimer"), minutes: z.number().int().min(1).max(60).optional() }),
  z.object({ type: z.literal("stopTimer") }),
  z.object({ type: z.literal("contribute"), text: longText }),
  z.object({ type: z.literal("note"), text: longText }),
  z.object({ type: z.literal("takeForward"), text: longText }),
]);
export type KbAction = z.infer<typeof KbActionSchema>;

export type KbRoles = {
  caseOwnerId: string | null;
  moderatorId: string | null;
  noteTakerId: string | null;
  consultantIds: string[];
};
export type KbContribution = {
  phase: KbPhase;
  kind: "idea" | "question" | "note";
  text: string;
  authorId: string;
};
export type KbRole = "caseOwner" | "moderator" | "noteTaker" | "consultant" | "observer";
export type KbView = {
  phase: KbPhase;
  roles: KbRoles;
  timer: Timer;
  caseTitle: string;
  keyQuestion: string;
  method: KbMethod | null;
  /** Questions (report), ideas (consultation) and the note-taker's notes, in order. */
  contributions: KbContribution[];
  /** What the case owner takes forward (closing). */
  takeaway: string;
  myRole: KbRole;
  /** True for the case owner during the consultation: they listen, the consultants talk. */
  listening: boolean;
};

// ——— Retrospective (domain.md §4.4) ———

export const RETRO_PHASES = [
  "setTheStage",
  "gatherData",
  "generateInsights",
  "decideWhatToDo",
  "close",
] as const;
export type RetroPhase = (typeof RETRO_PHASES)[number] | "closed";

export const RetroActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("facilitate") }),
  z.object({ type: z.literal("nextPhase") }),
  z.object({ type: z.literal("startTimer"), minutes: z.number().int().min(1).max(60) }),
  z.object({ type: z.literal("stopTimer") }),
  z.object({ type: z.literal("card"), text: z.string().trim().min(1).max(2000) }),
]);
export type RetroAction = z.infer<typeof RetroActionSchema>;

export type RetroCard = { id: string; phase: RetroPhase; text: string; authorId: string | null };
export type RetroView = {
  phase: RetroPhase;
  facilitatorId: string | null;
  anonymous: boolean;
  timer: Timer;
  cards: RetroCard[];
};
