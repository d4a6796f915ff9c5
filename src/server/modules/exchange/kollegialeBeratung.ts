/**
 * Kollegiale Beratung (peer case consultation after Tietze, domain.md §4.5) as a pure session kind:
 * roles (case owner, moderator, consultants, note-taker), six phases with per-phase timers, the
 * method chosen for the consultation, in which the case owner only listens. The moderator moves the
 * phases and the timer. Who may be in the room at all is decided by `canJoin` (participants only).
 *
 * Nothing leaves the room from here: publishing is the case owner's explicit, anonymised opt-in over
 * HTTP (`POST /api/exchange/sessions/:sessionId/publish`, harvest.ts), with only the text they chose.
 */
import {
  KB_PHASE_MINUTES,
  KB_PHASES,
  type KbAction,
  KbActionSchema,
  type KbContribution,
  type KbMethod,
  type KbPhase,
  type KbRole,
  type KbRoles,
  type KbView,
} from "../../../shared/exchangeLive/kollegialeBeratung.ts";
import type { Refusal, Timer } from "../../../shared/exchangeLive/protocol.ts";
import { AppError } from "../../platform/errors.ts";
import type { RoomEvent, SessionKind } from "./types.ts";

export type { KbAction, KbPhase, KbRoles, KbView };
export { KB_PHASE_MINUTES, KB_PHASES, KbActionSchema };
export type KbState = {
  phase: KbPhase;
  roles: KbRoles;
  timer: Timer;
  caseTitle: string;
  keyQuestion: string;
  method: KbMethod | null;
  /** Ideas from consultants (consultation phase) and notes from the note-taker, in order. */
  contributions: KbContribution[];
  /** What the case owner takes forward (closing). */
  takeaway: string;
};

const refuse = (reason: Refusal): never => {
  throw new AppError("CONFLICT", { action: reason });
};
const forbid = (reason: Refusal): never => {
  throw new AppError("FORBIDDEN", { action: reason });
};

export function initialKb(): KbState {
  return {
    phase: "casting",
    roles: { caseOwnerId: null, moderatorId: null, noteTakerId: null, consultantIds: [] },
    timer: { durationMs: KB_PHASE_MINUTES.casting * 60_000, startedAt: null, elapsedMs: 0 },
    caseTitle: "",
    keyQuestion: "",
    method: null,
    contributions: [],
    takeaway: "",
  };
}

/**
 * Roles cast when the session was started (case owner, moderator = facilitator, the others consult),
 * so the room and the confidentiality boundary agree on whose case it is. None when they clash.
 */
export function openingKb(opening: {
  caseOwnerId: string | null;
  moderatorId: string | null;
  participantIds: string[];
}): { type: string; payload: unknown }[] {
  const { caseOwnerId, moderatorId } = opening;
  const consultantIds = opening.participantIds.filter((id) => id !== caseOwnerId && id !== moderatorId);
  if (!caseOwnerId || !moderatorId || caseOwnerId === moderatorId || consultantIds.length === 0) return [];
  return [
    { type: "roles.assigned", payload: { caseOwnerId, moderatorId, noteTakerId: null, consultantIds } },
  ];
}

export function decideKb(
  state: KbState,
  action: KbAction,
  actor: { personId: string },
  now: Date,
): { type: string; payload: unknown }[] {
  const me = actor.personId;
  const { roles, phase } = state;
  const isOwner = roles.caseOwnerId === me;
  const isModerator = roles.moderatorId === me;
  const moderate = () => {
    if (!isModerator) forbid("moderator only");
  };
  const inPhase = (...phases: KbPhase[]) => {
    if (!phases.includes(phase)) refuse("wrong phase");
  };
  switch (action.type) {
    case "assignRoles": {
      inPhase("casting");
      // Before roles exist anyone casts; afterwards the moderator re-casts.
      if (roles.moderatorId && !isModerator) forbid("moderator only");
      const { caseOwnerId, moderatorId, noteTakerId, consultantIds } = action;
      const ids = [caseOwnerId, moderatorId, ...consultantIds];
      if (new Set(ids).size !== ids.length) refuse("one role per person");
      return [{ type: "roles.assigned", payload: { caseOwnerId, moderatorId, noteTakerId, consultantIds } }];
    }
    case "describeCase":
      if (!isOwner) forbid("case owner only");
      inPhase("casting", "report");
      return [{ type: "case.described", payload: { title: action.title } }];
    case "frameQuestion":
      if (!isOwner && !isModerator) forbid("case owner or moderator only");
      inPhase("keyQuestion");
      return [{ type: "question.framed", payload: { text: action.text } }];
    case "chooseMethod":
      moderate();
      inPhase("method");
      return [{ type: "method.chosen", payload: { method: action.method } }];
    case "nextPhase": {
      moderate();
      if (phase === "closed") refuse("closed");
      if (phase === "casting" && !roles.caseOwnerId) refuse("roles not set");
      if (phase === "method" && !state.method) refuse("no method chosen");
      if (phase === "closing")
        return [{ type: "phase.started", payload: { phase: "closed", durationMs: 0 } }];
      const next = KB_PHASES[KB_PHASES.indexOf(phase as (typeof KB_PHASES)[number]) + 1];
      return [
        { type: "phase.started", payload: { phase: next, durationMs: KB_PHASE_MINUTES[next] * 60_000 } },
      ];
    }
    case "startTimer":
      moderate();
      inPhase(...KB_PHASES);
      if (state.timer.startedAt) refuse("timer running");
      return [
        {
          type: "timer.started",
          payload: {
            at: now.toISOString(),
            durationMs: action.minutes ? action.minutes * 60_000 : undefined,
          },
        },
      ];
    case "stopTimer":
      moderate();
      if (!state.timer.startedAt) refuse("timer not running");
      return [{ type: "timer.stopped", payload: { at: now.toISOString() } }];
    case "contribute":
      // The case owner listens while the consultants consult (the heart of the method).
      if (phase === "consultation" && isOwner) forbid("the case owner listens in this phase");
      inPhase("report", "consultation");
      if (phase === "report" && isOwner) refuse("the case owner reports; others ask");
      return [
        {
          type: "contributed",
          payload: { phase, kind: phase === "report" ? "question" : "idea", text: action.text, authorId: me },
        },
      ];
    case "note":
      if (roles.noteTakerId !== me) forbid("note-taker only");
      inPhase(...KB_PHASES);
      return [{ type: "contributed", payload: { phase, kind: "note", text: action.text, authorId: me } }];
    case "takeForward":
      if (!isOwner) forbid("case owner only");
      inPhase("closing");
      return [{ type: "takeaway.set", payload: { text: action.text } }];
  }
}

type Payload = Record<string, unknown>;

export function reduceKb(state: KbState, event: Omit<RoomEvent, "seq" | "at"> & { seq?: number }): KbState {
  const p = (event.payload ?? {}) as Payload;
  switch (event.type) {
    case "roles.assigned":
      return {
        ...state,
        roles: {
          caseOwnerId: String(p.caseOwnerId),
          moderatorId: String(p.moderatorId),
          noteTakerId: p.noteTakerId == null ? null : String(p.noteTakerId),
          consultantIds: (p.consultantIds as string[]).map(String),
        },
      };
    case "case.described":
      return { ...state, caseTitle: String(p.title) };
    case "question.framed":
      return { ...state, keyQuestion: String(p.text) };
    case "method.chosen":
      return { ...state, method: p.method as KbState["method"] };
    case "phase.started":
      return {
        ...state,
        phase: p.phase as KbPhase,
        timer: { durationMs: Number(p.durationMs), startedAt: null, elapsedMs: 0 },
      };
    case "timer.started":
      return {
        ...state,
        timer: {
          ...state.timer,
          durationMs: p.durationMs == null ? state.timer.durationMs : Number(p.durationMs),
          startedAt: String(p.at),
        },
      };
    case "timer.stopped": {
      const { timer } = state;
      const ran = timer.startedAt ? Math.max(0, Date.parse(String(p.at)) - Date.parse(timer.startedAt)) : 0;
      return { ...state, timer: { ...timer, startedAt: null, elapsedMs: timer.elapsedMs + ran } };
    }
    case "contributed":
      return {
        ...state,
        contributions: [
          ...state.contributions,
          {
            phase: p.phase as KbPhase,
            kind: p.kind as "idea" | "question" | "note",
            text: String(p.text),
            authorId: String(p.authorId),
          },
        ],
      };
    case "takeaway.set":
      return { ...state, takeaway: String(p.text) };
    default:
      return state;
  }
}

/**
 * Everyone in the room sees the same board (the room itself is the confidentiality boundary), plus
 * which role the viewer has and whether they may speak now.
 */
export function viewKb(state: KbState, viewer: { personId: string }): KbView {
  const { roles } = state;
  const role: KbRole =
    roles.caseOwnerId === viewer.personId
      ? "caseOwner"
      : roles.moderatorId === viewer.personId
        ? "moderator"
        : roles.noteTakerId === viewer.personId
          ? "noteTaker"
          : roles.consultantIds.includes(viewer.personId)
            ? "consultant"
            : "observer";
  return {
    ...state,
    myRole: role,
    listening: state.phase === "consultation" && role === "caseOwner",
  };
}

export const kollegialeBeratung: SessionKind<KbState, KbAction, KbView> = {
  kind: "kollegialeBeratung",
  actionSchema: KbActionSchema,
  initial: initialKb,
  reduce: reduceKb,
  decide: decideKb,
  view: viewKb,
};
