/**
 * A retrospective (Derby and Larsen, domain.md §4.4) as a pure session kind: the five phases moved on
 * by the facilitator, each with a timer, and cards per phase — anonymous when the session is. Action
 * items with a person and a date are harvested over HTTP (harvest.ts), so the next retrospective of
 * the format shows the open ones (follow-through).
 */
import type { Refusal } from "../../../shared/exchangeLive/protocol.ts";
import {
  RETRO_PHASES,
  type RetroAction,
  RetroActionSchema,
  type RetroPhase,
  type RetroView,
} from "../../../shared/exchangeLive/retrospective.ts";
import { AppError } from "../../platform/errors.ts";
import type { RoomEvent, SessionKind } from "./types.ts";

export type { RetroAction, RetroView };
export { RETRO_PHASES, RetroActionSchema };
/** Everyone in a retrospective sees the same board; anonymous cards were stored without a name. */
export type RetroState = RetroView;

const refuse = (reason: Refusal): never => {
  throw new AppError("CONFLICT", { action: reason });
};

export function initialRetro(): RetroState {
  return {
    phase: "setTheStage",
    facilitatorId: null,
    anonymous: false,
    timer: { durationMs: 0, startedAt: null, elapsedMs: 0 },
    cards: [],
  };
}

/** The events a new retrospective opens with: its facilitator and whether cards carry names. */
export function openingRetro(opening: { facilitatorId: string | null; anonymous: boolean }) {
  return [
    ...(opening.facilitatorId
      ? [{ type: "facilitator.set", payload: { personId: opening.facilitatorId } }]
      : []),
    { type: "configured", payload: { anonymous: opening.anonymous } },
  ];
}

export function decideRetro(
  state: RetroState,
  action: RetroAction,
  actor: { personId: string },
  now: Date,
): { type: string; payload: unknown }[] {
  if (state.phase === "closed") refuse("closed");
  if (action.type === "facilitate")
    return [{ type: "facilitator.set", payload: { personId: actor.personId } }];
  if (action.type === "card")
    return [
      {
        type: "card.added",
        payload: {
          id: `c${state.cards.length + 1}`,
          phase: state.phase,
          text: action.text,
          authorId: state.anonymous ? null : actor.personId,
        },
      },
    ];
  if (state.facilitatorId !== actor.personId) refuse("facilitator only");
  switch (action.type) {
    case "nextPhase": {
      const index = RETRO_PHASES.indexOf(state.phase as (typeof RETRO_PHASES)[number]);
      return [{ type: "phase.started", payload: { phase: RETRO_PHASES[index + 1] ?? "closed" } }];
    }
    case "startTimer":
      if (state.timer.startedAt) refuse("timer running");
      return [
        { type: "timer.started", payload: { at: now.toISOString(), durationMs: action.minutes * 60_000 } },
      ];
    case "stopTimer":
      if (!state.timer.startedAt) refuse("timer not running");
      return [{ type: "timer.stopped", payload: { at: now.toISOString() } }];
  }
}

export function reduceRetro(
  state: RetroState,
  event: Omit<RoomEvent, "seq" | "at"> & { seq?: number },
): RetroState {
  const p = (event.payload ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case "facilitator.set":
      return { ...state, facilitatorId: String(p.personId) };
    case "configured":
      return { ...state, anonymous: Boolean(p.anonymous) };
    case "phase.started":
      return {
        ...state,
        phase: p.phase as RetroPhase,
        timer: { durationMs: 0, startedAt: null, elapsedMs: 0 },
      };
    case "timer.started":
      // A fresh timebox each start: the facilitator sets the minutes for the activity at hand.
      return { ...state, timer: { durationMs: Number(p.durationMs), startedAt: String(p.at), elapsedMs: 0 } };
    case "timer.stopped": {
      const { timer } = state;
      const ran = timer.startedAt ? Math.max(0, Date.parse(String(p.at)) - Date.parse(timer.startedAt)) : 0;
      return { ...state, timer: { ...timer, startedAt: null, elapsedMs: timer.elapsedMs + ran } };
    }
    case "card.added":
      return {
        ...state,
        cards: [
          ...state.cards,
          {
            id: String(p.id),
            phase: p.phase as RetroPhase,
            text: String(p.text),
            authorId: p.authorId == null ? null : String(p.authorId),
          },
        ],
      };
    default:
      return state;
  }
}

export const retrospective: SessionKind<RetroState, RetroAction, RetroView> = {
  kind: "retrospective",
  actionSchema: RetroActionSchema,
  initial: initialRetro,
  reduce: reduceRetro,
  decide: decideRetro,
  view: (state): RetroView => state,
};
