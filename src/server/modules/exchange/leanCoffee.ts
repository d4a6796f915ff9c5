/**
 * Lean Coffee as a pure session kind (domain.md §4.1): collect and pitch topics, merge duplicates
 * with their votes, dot voting with N votes per person (stacking allowed, a vote can be taken back,
 * optionally hidden until voting closes), discuss the top topic in a timebox, thumb vote at its end
 * (a majority up extends with a shorter timebox, otherwise the topic is discussed), takeaways.
 *
 * `decide` checks an action against the state and answers events; `reduce` applies them. Both are
 * pure: ids and instants come from the state and the `now` handed in, so a replay gives the same board.
 * The timer is stored as events with instants; clients compute the remaining time themselves.
 */
import {
  type LeanCoffeeAction,
  LeanCoffeeActionSchema,
  type LeanCoffeePhase,
  type LeanCoffeeTopic,
  type LeanCoffeeView,
  type Thumb,
} from "../../../shared/exchangeLive/leanCoffee.ts";
import type { Refusal, Timer } from "../../../shared/exchangeLive/protocol.ts";
import { AppError } from "../../platform/errors.ts";
import type { RoomEvent, SessionKind } from "./types.ts";

export type { LeanCoffeeAction, LeanCoffeeTopic, LeanCoffeeView, Thumb, Timer };
export type LeanCoffeeState = {
  phase: LeanCoffeePhase;
  facilitatorId: string | null;
  anonymous: boolean;
  votesPerPerson: number;
  hideVotes: boolean;
  timeboxMs: number;
  extensionMs: number;
  topics: LeanCoffeeTopic[];
  /** person → topic → dots. Never leaves the room as such: view() shows totals and the viewer's own. */
  votes: Record<string, Record<string, number>>;
  current: { topicId: string; timer: Timer } | null;
  thumbs: Record<string, Thumb>;
};

type Emitted = { type: string; payload: unknown };
const refuse = (reason: Refusal): never => {
  throw new AppError("CONFLICT", { action: reason });
};

const live = (state: LeanCoffeeState, id: string) => {
  const topic = state.topics.find((t) => t.id === id);
  return topic && !topic.mergedInto ? topic : undefined;
};
export const votesOn = (state: LeanCoffeeState, id: string) =>
  Object.values(state.votes).reduce((sum, mine) => sum + (mine[id] ?? 0), 0);
const votesOf = (state: LeanCoffeeState, personId: string) =>
  Object.values(state.votes[personId] ?? {}).reduce((sum, n) => sum + n, 0);

export function initialLeanCoffee(): LeanCoffeeState {
  return {
    phase: "collecting",
    facilitatorId: null,
    anonymous: false,
    votesPerPerson: 3,
    hideVotes: false,
    timeboxMs: 8 * 60_000,
    extensionMs: 3 * 60_000,
    topics: [],
    votes: {},
    current: null,
    thumbs: {},
  };
}

/**
 * The events a new session's board opens with: who facilitates, whether it is anonymous, and the
 * format's backlog — topics proposed before the session, asynchronously — as its first topics.
 */
export function openingLeanCoffee(opening: {
  facilitatorId: string | null;
  anonymous: boolean;
  backlog: { title: string; pitch: string; authorId: string | null }[];
}): Emitted[] {
  const defaults = initialLeanCoffee();
  return [
    ...(opening.facilitatorId
      ? [{ type: "facilitator.set", payload: { personId: opening.facilitatorId } }]
      : []),
    {
      type: "configured",
      payload: {
        votesPerPerson: defaults.votesPerPerson,
        hideVotes: defaults.hideVotes,
        timeboxMs: defaults.timeboxMs,
        extensionMs: defaults.extensionMs,
        anonymous: opening.anonymous,
      },
    },
    ...opening.backlog.map((topic, i) => ({
      type: "topic.proposed",
      payload: {
        id: `t${i + 1}`,
        title: topic.title,
        pitch: topic.pitch,
        authorId: opening.anonymous ? null : topic.authorId,
      },
    })),
  ];
}

export function decideLeanCoffee(
  state: LeanCoffeeState,
  action: LeanCoffeeAction,
  actor: { personId: string },
  now: Date,
): Emitted[] {
  const me = actor.personId;
  const at = now.toISOString();
  if (state.phase === "closed") refuse("closed");
  // Facilitation is a role anyone takes (it rotates); the steering actions below belong to it.
  const steer = () => {
    if (state.facilitatorId !== me) refuse("facilitator only");
  };
  switch (action.type) {
    case "facilitate":
      return [{ type: "facilitator.set", payload: { personId: me } }];
    case "configure":
      steer();
      // Changing N or hiding once dots are on the board would break what people already did.
      if (state.phase !== "collecting") refuse("voting has started");
      return [
        {
          type: "configured",
          payload: {
            votesPerPerson: action.votesPerPerson,
            hideVotes: action.hideVotes,
            timeboxMs: action.timeboxMinutes * 60_000,
            extensionMs: Math.min(action.extensionMinutes, action.timeboxMinutes) * 60_000,
            anonymous: action.anonymous,
          },
        },
      ];
    case "propose":
      return [
        {
          type: "topic.proposed",
          payload: {
            id: `t${state.topics.length + 1}`,
            title: action.title,
            pitch: action.pitch,
            authorId: state.anonymous ? null : me,
          },
        },
      ];
    case "pitch": {
      const topic = live(state, action.topicId) ?? refuse("no such topic");
      // Anonymous topics have no author: anyone may pitch them.
      if (topic.authorId && topic.authorId !== me && state.facilitatorId !== me) refuse("author only");
      return [{ type: "topic.pitched", payload: { topicId: topic.id, pitch: action.pitch } }];
    }
    case "merge": {
      const from = live(state, action.topicId) ?? refuse("no such topic");
      const into = live(state, action.intoId) ?? refuse("no such topic");
      if (from.id === into.id) refuse("same topic");
      if (from.status !== "toDiscuss" || into.status === "discussed") refuse("topic already discussed");
      return [{ type: "topic.merged", payload: { topicId: from.id, intoId: into.id } }];
    }
    case "openVoting":
      steer();
      if (state.phase !== "collecting") refuse("not collecting");
      return [{ type: "voting.opened", payload: {} }];
    case "vote": {
      if (state.phase !== "voting") refuse("voting is not open");
      const topic = live(state, action.topicId) ?? refuse("no such topic");
      if (votesOf(state, me) >= state.votesPerPerson) refuse("no votes left");
      return [{ type: "vote.cast", payload: { personId: me, topicId: topic.id } }];
    }
    case "unvote": {
      if (state.phase !== "voting") refuse("voting is not open");
      if (!(state.votes[me]?.[action.topicId] ?? 0)) refuse("no vote to take back");
      return [{ type: "vote.withdrawn", payload: { personId: me, topicId: action.topicId } }];
    }
    case "closeVoting":
      steer();
      if (state.phase !== "voting") refuse("voting is not open");
      return [{ type: "voting.closed", payload: {} }];
    case "pull": {
      steer();
      if (state.phase !== "discussing") refuse("voting not closed");
      const topic = live(state, action.topicId) ?? refuse("no such topic");
      if (topic.status !== "toDiscuss") refuse("topic not waiting");
      return [{ type: "topic.pulled", payload: { topicId: topic.id, durationMs: state.timeboxMs } }];
    }
    case "startTimer":
      steer();
      if (!state.current) refuse("no topic in discussion");
      if (state.current?.timer.startedAt) refuse("timer running");
      return [{ type: "timer.started", payload: { at } }];
    case "stopTimer":
      steer();
      if (!state.current?.timer.startedAt) refuse("timer not running");
      return [{ type: "timer.stopped", payload: { at } }];
    case "thumb":
      if (!state.current) refuse("no topic in discussion");
      return [{ type: "thumb.given", payload: { personId: me, value: action.value } }];
    case "resolveThumbs": {
      steer();
      const current = state.current ?? refuse("no topic in discussion");
      const given = Object.values(state.thumbs);
      const ups = given.filter((t) => t === "up").length;
      const events: Emitted[] = [];
      if (current.timer.startedAt) events.push({ type: "timer.stopped", payload: { at } });
      // domain.md §4.1: a majority up extends with a shorter timebox; otherwise move on.
      if (given.length > 0 && ups * 2 > given.length)
        events.push({
          type: "topic.extended",
          payload: { topicId: current.topicId, durationMs: state.extensionMs },
        });
      else events.push({ type: "topic.discussed", payload: { topicId: current.topicId } });
      return events;
    }
    case "takeaway": {
      const topic = live(state, action.topicId) ?? refuse("no such topic");
      return [{ type: "takeaway.added", payload: { topicId: topic.id, text: action.text } }];
    }
    case "close":
      steer();
      return [{ type: "closed", payload: {} }];
  }
}

type Payload = Record<string, unknown>;
const str = (p: Payload, key: string) => String(p[key]);

/** Applies one stored event. Events come from `decide`; anything else leaves the state as it was. */
export function reduceLeanCoffee(
  state: LeanCoffeeState,
  event: Omit<RoomEvent, "seq" | "at"> & { seq?: number },
): LeanCoffeeState {
  const p = (event.payload ?? {}) as Payload;
  const mapTopic = (id: string, change: (t: LeanCoffeeTopic) => LeanCoffeeTopic) =>
    state.topics.map((t) => (t.id === id ? change(t) : t));
  switch (event.type) {
    case "facilitator.set":
      return { ...state, facilitatorId: str(p, "personId") };
    case "configured":
      return {
        ...state,
        votesPerPerson: Number(p.votesPerPerson),
        hideVotes: Boolean(p.hideVotes),
        timeboxMs: Number(p.timeboxMs),
        extensionMs: Number(p.extensionMs),
        anonymous: Boolean(p.anonymous),
      };
    case "topic.proposed":
      return {
        ...state,
        topics: [
          ...state.topics,
          {
            id: str(p, "id"),
            title: str(p, "title"),
            pitch: str(p, "pitch"),
            authorId: p.authorId == null ? null : str(p, "authorId"),
            mergedInto: null,
            status: "toDiscuss",
            takeaways: [],
          },
        ],
      };
    case "topic.pitched":
      return { ...state, topics: mapTopic(str(p, "topicId"), (t) => ({ ...t, pitch: str(p, "pitch") })) };
    case "topic.merged": {
      const from = str(p, "topicId");
      const into = str(p, "intoId");
      // Each person's dots on the duplicate move to the topic it joined: nobody's count changes.
      const votes = Object.fromEntries(
        Object.entries(state.votes).map(([person, mine]) => {
          const { [from]: moved = 0, ...rest } = mine;
          return [person, moved ? { ...rest, [into]: (rest[into] ?? 0) + moved } : rest];
        }),
      );
      const topics = state.topics.map((t) =>
        t.id === from ? { ...t, mergedInto: into } : t.mergedInto === from ? { ...t, mergedInto: into } : t,
      );
      return { ...state, topics, votes };
    }
    case "voting.opened":
      return { ...state, phase: "voting" };
    case "vote.cast": {
      const person = str(p, "personId");
      const id = str(p, "topicId");
      const mine = state.votes[person] ?? {};
      return { ...state, votes: { ...state.votes, [person]: { ...mine, [id]: (mine[id] ?? 0) + 1 } } };
    }
    case "vote.withdrawn": {
      const person = str(p, "personId");
      const id = str(p, "topicId");
      const { [id]: had = 0, ...rest } = state.votes[person] ?? {};
      const mine = had > 1 ? { ...rest, [id]: had - 1 } : rest;
      return { ...state, votes: { ...state.votes, [person]: mine } };
    }
    case "voting.closed":
      return { ...state, phase: "discussing" };
    case "topic.pulled": {
      const id = str(p, "topicId");
      // The topic under discussion before moves on: one topic is discussed at a time.
      const previous = state.current?.topicId;
      const topics = state.topics.map((t) =>
        t.id === id
          ? { ...t, status: "discussing" as const }
          : t.id === previous
            ? { ...t, status: "discussed" as const }
            : t,
      );
      return {
        ...state,
        topics,
        thumbs: {},
        current: { topicId: id, timer: { durationMs: Number(p.durationMs), startedAt: null, elapsedMs: 0 } },
      };
    }
    case "timer.started":
      if (!state.current) return state;
      return {
        ...state,
        current: { ...state.current, timer: { ...state.current.timer, startedAt: str(p, "at") } },
      };
    case "timer.stopped": {
      if (!state.current) return state;
      const timer = state.current.timer;
      const elapsedMs =
        timer.elapsedMs +
        (timer.startedAt ? Math.max(0, Date.parse(str(p, "at")) - Date.parse(timer.startedAt)) : 0);
      return { ...state, current: { ...state.current, timer: { ...timer, startedAt: null, elapsedMs } } };
    }
    case "thumb.given":
      return { ...state, thumbs: { ...state.thumbs, [str(p, "personId")]: p.value as Thumb } };
    case "topic.extended":
      if (!state.current) return state;
      return {
        ...state,
        thumbs: {},
        current: {
          ...state.current,
          timer: { durationMs: Number(p.durationMs), startedAt: null, elapsedMs: 0 },
        },
      };
    case "topic.discussed":
      return {
        ...state,
        thumbs: {},
        current: null,
        topics: mapTopic(str(p, "topicId"), (t) => ({ ...t, status: "discussed" })),
      };
    case "takeaway.added":
      return {
        ...state,
        topics: mapTopic(str(p, "topicId"), (t) => ({ ...t, takeaways: [...t.takeaways, str(p, "text")] })),
      };
    case "closed":
      return { ...state, phase: "closed", current: null };
    default:
      return state;
  }
}

type SharedView = Omit<LeanCoffeeView, "myVotes" | "myVotesLeft" | "thumbs"> & {
  thumbCounts: { up: number; sideways: number; down: number };
};
/**
 * The part of the view that is the same for every viewer, computed once per state: a room sends one
 * view per participant for every event, and states are never changed in place (reduce returns new
 * ones), so the state object is a safe key.
 */
const sharedViews = new WeakMap<LeanCoffeeState, SharedView>();

function sharedView(state: LeanCoffeeState): SharedView {
  const cached = sharedViews.get(state);
  if (cached) return cached;
  const hidden = state.hideVotes && state.phase === "voting";
  const totals = new Map<string, number>();
  for (const mine of Object.values(state.votes))
    for (const [id, n] of Object.entries(mine)) totals.set(id, (totals.get(id) ?? 0) + n);
  const mergedTitles = new Map<string, string[]>();
  for (const t of state.topics)
    if (t.mergedInto) mergedTitles.set(t.mergedInto, [...(mergedTitles.get(t.mergedInto) ?? []), t.title]);
  const topics = state.topics
    .filter((t) => !t.mergedInto)
    .map((t) => ({
      ...t,
      mergedTitles: mergedTitles.get(t.id) ?? [],
      votes: hidden ? null : (totals.get(t.id) ?? 0),
    }));
  if (state.phase !== "collecting" && state.phase !== "voting")
    topics.sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0));
  const thumbs = Object.values(state.thumbs);
  const shared: SharedView = {
    phase: state.phase,
    facilitatorId: state.facilitatorId,
    anonymous: state.anonymous,
    votesPerPerson: state.votesPerPerson,
    hideVotes: state.hideVotes,
    timeboxMs: state.timeboxMs,
    extensionMs: state.extensionMs,
    topics,
    current: state.current,
    thumbCounts: {
      up: thumbs.filter((t) => t === "up").length,
      sideways: thumbs.filter((t) => t === "sideways").length,
      down: thumbs.filter((t) => t === "down").length,
    },
  };
  sharedViews.set(state, shared);
  return shared;
}

/**
 * What one participant sees: topics (merged ones folded away) with their vote totals, sorted by
 * votes once voting is closed; the viewer's own dots; thumb counts. Who voted for what is never in a
 * view; while voting is open with hidden votes, totals are withheld too (null).
 */
export function viewLeanCoffee(state: LeanCoffeeState, viewer: { personId: string }): LeanCoffeeView {
  const { thumbCounts, ...shared } = sharedView(state);
  return {
    ...shared,
    myVotes: state.votes[viewer.personId] ?? {},
    myVotesLeft: state.votesPerPerson - votesOf(state, viewer.personId),
    thumbs: { ...thumbCounts, mine: state.thumbs[viewer.personId] ?? null },
  };
}

export const leanCoffee: SessionKind<LeanCoffeeState, LeanCoffeeAction, LeanCoffeeView> = {
  kind: "leanCoffee",
  actionSchema: LeanCoffeeActionSchema,
  initial: initialLeanCoffee,
  reduce: reduceLeanCoffee,
  decide: decideLeanCoffee,
  view: viewLeanCoffee,
};
