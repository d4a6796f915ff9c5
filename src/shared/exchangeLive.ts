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
 */
import { z } from "zod";

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

// ——— Troika Consulting (domain.md §4.7, Liberating Structures) ———

/** The steps of one rotation; "prepare" happens once, before the first. */
export const TROIKA_STEPS = ["explain", "ask", "discuss", "reflect"] as const;
export type TroikaStep = (typeof TROIKA_STEPS)[number];
/** Suggested minutes per step (≈10 minutes per person); the facilitator may configure others. */
export const TROIKA_MINUTES: Record<"prepare" | TroikaStep, number> = {
  prepare: 1,
  explain: 2,
  ask: 2,
  discuss: 5,
  reflect: 2,
};
export type TroikaPhase = "forming" | "preparing" | "consulting" | "closed";

const stepMinutes = z.number().int().min(1).max(30);
export const TroikaActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("facilitate") }),
  z.object({
    type: z.literal("configure"),
    minutes: z.object({
      prepare: stepMinutes,
      explain: stepMinutes,
      ask: stepMinutes,
      discuss: stepMinutes,
      reflect: stepMinutes,
    }),
  }),
  /**
   * Facilitator: form the groups — from those present in the room (trios, a leftover makes a group of
   * two or four), or as given. Again later re-forms them and restarts the rotation.
   */
  z.object({
    type: z.literal("formTrios"),
    groups: z.array(z.array(personRef).min(2).max(6)).min(1).max(100).optional(),
  }),
  /** Facilitator: forming → preparing → each rotation's steps → closed. Each step's timer starts at once. */
  z.object({ type: z.literal("next") }),
  /** Facilitator: resume the step's timer, or restart it with other minutes. */
  z.object({ type: z.literal("startTimer"), minutes: stepMinutes.optional() }),
  z.object({ type: z.literal("stopTimer") }),
  z.object({ type: z.literal("close") }),
]);
export type TroikaAction = z.infer<typeof TroikaActionSchema>;

export type TroikaGroup = {
  id: string;
  /** In rotation order: member i is the client in round i. */
  memberIds: string[];
};
export type TroikaRole = "client" | "consultant" | "waiting" | "unassigned";
export type TroikaView = {
  phase: TroikaPhase;
  facilitatorId: string | null;
  minutes: Record<"prepare" | TroikaStep, number>;
  /** How often the groups were formed (1 after the first forming). */
  formation: number;
  /** `clientId` of the current round (null before consulting, or when all of a smaller group had their turn). */
  groups: (TroikaGroup & { clientId: string | null })[];
  /** 0-based; `rounds` = the largest group's size, so everyone is client once. */
  round: number;
  rounds: number;
  /** The step of the current round while consulting, else null. */
  step: TroikaStep | null;
  timer: Timer;
  me: {
    groupId: string | null;
    role: TroikaRole;
    /** The client during "discuss": back turned (remote: camera and microphone off), only listening. */
    turnedAway: boolean;
  };
};

// ——— Open Space (domain.md §4.2, Harrison Owen) ———

const cellId = z.string().min(1).max(20);
export const OpenSpaceActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("facilitate") }),
  /** Facilitator: the theme or question of the event. */
  z.object({ type: z.literal("setTheme"), theme: z.string().trim().min(1).max(300) }),
  /** Facilitator: the grid — time slots (rows) and rooms (columns), in the order added. */
  z.object({ type: z.literal("addSlot"), label: z.string().trim().min(1).max(40) }),
  z.object({ type: z.literal("addRoom"), name: z.string().trim().min(1).max(60) }),
  /** Facilitator: refused (409) while a session sits in the slot or room. */
  z.object({ type: z.literal("removeSlot"), slotId: cellId }),
  z.object({ type: z.literal("removeRoom"), roomId: cellId }),
  /**
   * Anyone: convene a session in a free cell (409 when taken). With `proposalId`, a proposal from before
   * the event (the format's topic backlog) is taken off the list of proposals as it is placed.
   */
  z.object({
    type: z.literal("place"),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).default(""),
    slotId: cellId,
    roomId: cellId,
    proposalId: cellId.optional(),
  }),
  /** The convener only: to another free cell (409 when taken), or off the grid. */
  z.object({ type: z.literal("move"), sessionId: cellId, slotId: cellId, roomId: cellId }),
  z.object({ type: z.literal("withdraw"), sessionId: cellId }),
  /** Anyone: a note on a session (its news for the proceedings). */
  z.object({ type: z.literal("note"), sessionId: cellId, text: z.string().trim().min(1).max(4000) }),
  /** Facilitator: the closing circle; the proceedings are final. */
  z.object({ type: z.literal("close") }),
]);
export type OpenSpaceAction = z.infer<typeof OpenSpaceActionSchema>;

export type OpenSpacePhase = "marketplace" | "closed";
export type OpenSpaceNote = { text: string; authorId: string | null };
export type OpenSpaceSession = {
  id: string;
  title: string;
  description: string;
  slotId: string;
  roomId: string;
  /** Null when the session is anonymous. */
  convenerId: string | null;
  /** True for the viewer's own sessions (they may move and withdraw them). */
  mine: boolean;
  notes: OpenSpaceNote[];
};
export type OpenSpaceProceedingsEntry = {
  slotId: string;
  slotLabel: string;
  roomId: string;
  roomName: string;
  sessionId: string;
  title: string;
  description: string;
  convenerId: string | null;
  notes: OpenSpaceNote[];
};
/** A session proposed before the event (OpenSpace DEV: collected online in the weeks before). */
export type OpenSpaceProposal = { id: string; title: string; description: string; authorId: string | null };
export type OpenSpaceView = {
  phase: OpenSpacePhase;
  facilitatorId: string | null;
  anonymous: boolean;
  theme: string;
  /** Proposals from the format's backlog not placed yet; anyone places one into a free cell. */
  proposals: OpenSpaceProposal[];
  slots: { id: string; label: string }[];
  rooms: { id: string; name: string }[];
  /** Sessions on the grid (withdrawn ones are gone), in grid order. */
  sessions: OpenSpaceSession[];
  /** Every session with its notes in grid order (slot, then room) — final once `phase` is "closed". */
  proceedings: OpenSpaceProceedingsEntry[];
};

/**
 * The proceedings as Markdown text (theme, then per session "slot · room: title", its description and
 * notes), for printing or for harvesting as a learning. Names are left out: pass `nameOf` to add the
 * convener's name. At most `maxChars` (a harvest body takes 10,000): sessions that do not fit are left
 * out whole and the text ends with "…".
 */
export function compileProceedings(
  view: OpenSpaceView,
  nameOf?: (personId: string) => string,
  maxChars = 10_000,
): string {
  const blocks: string[] = [];
  if (view.theme) blocks.push(`# ${view.theme}`);
  for (const entry of view.proceedings) {
    const convener = entry.convenerId && nameOf ? ` (${nameOf(entry.convenerId)})` : "";
    const lines = [`## ${entry.slotLabel} · ${entry.roomName}: ${entry.title}${convener}`];
    if (entry.description) lines.push("", entry.description);
    if (entry.notes.length > 0)
      lines.push("", ...entry.notes.map((note) => `- ${note.text.replace(/\n/g, "\n  ")}`));
    blocks.push(lines.join("\n"));
  }
  let text = "";
  for (const block of blocks) {
    const next = text ? `${text}\n\n${block}` : block;
    if (next.length > maxChars - 3) return text ? `${text}\n\n…` : `${block.slice(0, maxChars - 1)}…`;
    text = next;
  }
  return text;
}

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
