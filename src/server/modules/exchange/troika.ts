/**
 * Troika Consulting (Liberating Structures, domain.md §4.7) as a pure session kind: the facilitator
 * forms groups of three from those present in the room (a leftover makes a group of two or four), or
 * names them; after a minute of silent preparation every group runs one rotation per member, each of
 * four timed steps — the client explains, the consultants ask, the consultants discuss while the
 * client turns away (remote: camera and microphone off), the client reflects. Member i of a group is
 * the client in round i, so everyone is client exactly once; a smaller group waits out the last round.
 *
 * `decide` takes who is present from the room (`context.present`) but writes the groups it formed into
 * the event, so a replay gives the same groups whoever is present then. Re-forming (someone left or
 * came late) restarts the rotation with the new groups.
 */
import type { Refusal, Timer } from "../../../shared/exchangeLive/protocol.ts";
import {
  TROIKA_MINUTES,
  TROIKA_STEPS,
  type TroikaAction,
  TroikaActionSchema,
  type TroikaGroup,
  type TroikaPhase,
  type TroikaRole,
  type TroikaStep,
  type TroikaView,
} from "../../../shared/exchangeLive/troika.ts";
import { AppError } from "../../platform/errors.ts";
import type { DecideContext, RoomEvent, SessionKind } from "./types.ts";

export type { TroikaAction, TroikaView };
export type TroikaState = {
  phase: TroikaPhase;
  facilitatorId: string | null;
  minutes: Record<"prepare" | TroikaStep, number>;
  formation: number;
  groups: TroikaGroup[];
  /** 0-based round; member `round` of each group is its client. */
  round: number;
  step: TroikaStep | null;
  timer: Timer;
};
type Emitted = { type: string; payload: unknown };

const refuse = (reason: Refusal): never => {
  throw new AppError("CONFLICT", { action: reason });
};
const forbid = (reason: Refusal): never => {
  throw new AppError("FORBIDDEN", { action: reason });
};

export function initialTroika(): TroikaState {
  return {
    phase: "forming",
    facilitatorId: null,
    minutes: { ...TROIKA_MINUTES },
    formation: 0,
    groups: [],
    round: 0,
    step: null,
    timer: { durationMs: 0, startedAt: null, elapsedMs: 0 },
  };
}

export function openingTroika(opening: { facilitatorId: string | null }): Emitted[] {
  return opening.facilitatorId
    ? [{ type: "facilitator.set", payload: { personId: opening.facilitatorId } }]
    : [];
}

/** The number of rounds: the largest group's size, so each member of every group is client once. */
export const roundsOf = (groups: TroikaGroup[]) =>
  groups.reduce((max, g) => Math.max(max, g.memberIds.length), 0);

/** A small seeded generator (mulberry32 over an FNV-1a hash of the seed text). */
function random(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Groups of three from `people` (deterministic for the same people and seed): k = round(n / 3) groups
 * dealt in turn from a seeded shuffle, so sizes are 3, with leftovers making groups of 2 or 4.
 */
export function formGroups(people: readonly string[], seed: string): TroikaGroup[] {
  const pool = [...new Set(people)].sort();
  if (pool.length < 2) return [];
  const next = random(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const k = Math.max(1, Math.round(pool.length / 3));
  const groups: TroikaGroup[] = Array.from({ length: k }, (_, i) => ({ id: `g${i + 1}`, memberIds: [] }));
  pool.forEach((person, i) => {
    groups[i % k].memberIds.push(person);
  });
  return groups;
}

const minutesMs = (m: number) => m * 60_000;

export function decideTroika(
  state: TroikaState,
  action: TroikaAction,
  actor: { personId: string },
  now: Date,
  context: DecideContext = { present: [] },
): Emitted[] {
  const me = actor.personId;
  const at = now.toISOString();
  if (state.phase === "closed") refuse("closed");
  if (action.type === "facilitate") return [{ type: "facilitator.set", payload: { personId: me } }];
  if (state.facilitatorId !== me) forbid("facilitator only");
  const stepStarted = (phase: TroikaPhase, round: number, step: TroikaStep | null): Emitted => ({
    type: "step.started",
    payload: { phase, round, step, durationMs: minutesMs(state.minutes[step ?? "prepare"]), at },
  });
  switch (action.type) {
    case "configure":
      return [{ type: "configured", payload: { minutes: action.minutes } }];
    case "formTrios": {
      let groups: TroikaGroup[];
      if (action.groups) {
        const all = action.groups.flat();
        if (new Set(all).size !== all.length) refuse("one group per person");
        groups = action.groups.map((memberIds, i) => ({ id: `g${i + 1}`, memberIds }));
      } else {
        groups = formGroups(context.present, `${at}|${state.formation}`);
        if (groups.length === 0) refuse("too few present");
      }
      const events: Emitted[] = [{ type: "groups.formed", payload: { groups } }];
      // New groups mid-way: their rotation starts over, so each new member is client once.
      if (state.phase === "consulting") events.push(stepStarted("consulting", 0, "explain"));
      return events;
    }
    case "next": {
      if (state.phase === "forming") {
        if (state.groups.length === 0) refuse("no groups formed");
        return [stepStarted("preparing", 0, null)];
      }
      if (state.phase === "preparing") return [stepStarted("consulting", 0, "explain")];
      const index = TROIKA_STEPS.indexOf(state.step ?? "reflect");
      if (index < TROIKA_STEPS.length - 1)
        return [stepStarted("consulting", state.round, TROIKA_STEPS[index + 1])];
      if (state.round + 1 < roundsOf(state.groups))
        return [stepStarted("consulting", state.round + 1, "explain")];
      return [{ type: "closed", payload: { at } }];
    }
    case "startTimer":
      if (state.phase === "forming") refuse("nothing to time yet");
      if (state.timer.startedAt) refuse("timer running");
      return [
        {
          type: "timer.started",
          payload: { at, durationMs: action.minutes ? minutesMs(action.minutes) : undefined },
        },
      ];
    case "stopTimer":
      if (!state.timer.startedAt) refuse("timer not running");
      return [{ type: "timer.stopped", payload: { at } }];
    case "close":
      return [{ type: "closed", payload: { at } }];
  }
}

type Payload = Record<string, unknown>;

const stopped = (timer: Timer, at: string): Timer => ({
  ...timer,
  startedAt: null,
  elapsedMs:
    timer.elapsedMs + (timer.startedAt ? Math.max(0, Date.parse(at) - Date.parse(timer.startedAt)) : 0),
});

export function reduceTroika(
  state: TroikaState,
  event: Omit<RoomEvent, "seq" | "at"> & { seq?: number },
): TroikaState {
  const p = (event.payload ?? {}) as Payload;
  switch (event.type) {
    case "facilitator.set":
      return { ...state, facilitatorId: String(p.personId) };
    case "configured":
      return { ...state, minutes: { ...(p.minutes as TroikaState["minutes"]) } };
    case "groups.formed":
      return {
        ...state,
        formation: state.formation + 1,
        groups: (p.groups as TroikaGroup[]).map((g) => ({
          id: String(g.id),
          memberIds: g.memberIds.map(String),
        })),
      };
    case "step.started":
      return {
        ...state,
        phase: p.phase as TroikaPhase,
        round: Number(p.round),
        step: (p.step ?? null) as TroikaStep | null,
        timer: { durationMs: Number(p.durationMs), startedAt: String(p.at), elapsedMs: 0 },
      };
    case "timer.started":
      return {
        ...state,
        timer:
          p.durationMs == null
            ? { ...state.timer, startedAt: String(p.at) }
            : { durationMs: Number(p.durationMs), startedAt: String(p.at), elapsedMs: 0 },
      };
    case "timer.stopped":
      return { ...state, timer: stopped(state.timer, String(p.at)) };
    case "closed":
      return {
        ...state,
        phase: "closed",
        step: null,
        timer: state.timer.startedAt ? stopped(state.timer, String(p.at)) : state.timer,
      };
    default:
      return state;
  }
}

/** Everyone sees all groups; each viewer also gets their own group, role and whether they are turned away. */
export function viewTroika(state: TroikaState, viewer: { personId: string }): TroikaView {
  const consulting = state.phase === "consulting";
  const groups = state.groups.map((g) => ({
    ...g,
    clientId: consulting ? (g.memberIds[state.round] ?? null) : null,
  }));
  const mine = groups.find((g) => g.memberIds.includes(viewer.personId)) ?? null;
  const role: TroikaRole = !mine
    ? "unassigned"
    : !consulting || mine.clientId === null
      ? "waiting"
      : mine.clientId === viewer.personId
        ? "client"
        : "consultant";
  return {
    phase: state.phase,
    facilitatorId: state.facilitatorId,
    minutes: state.minutes,
    formation: state.formation,
    groups,
    round: state.round,
    rounds: roundsOf(state.groups),
    step: consulting ? state.step : null,
    timer: state.timer,
    me: {
      groupId: mine?.id ?? null,
      role,
      turnedAway: role === "client" && state.step === "discuss",
    },
  };
}

export const troika: SessionKind<TroikaState, TroikaAction, TroikaView> = {
  kind: "troika",
  actionSchema: TroikaActionSchema,
  initial: initialTroika,
  reduce: reduceTroika,
  decide: decideTroika,
  view: viewTroika,
};
