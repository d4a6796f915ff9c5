/**
 * Open Space (Harrison Owen, domain.md §4.2) as a pure session kind: the facilitator sets the theme
 * and the marketplace grid (time slots × rooms); anyone convenes a session by placing it in a free
 * cell (a taken cell is refused with 409), moves or withdraws their own; anyone adds notes to a
 * session (its news); the proceedings — every session with its notes, in grid order — are part of
 * every view and final once the facilitator closes the event.
 *
 * The convener is kept in the state so only they move or withdraw their session; in an anonymous
 * session the view shows nobody's name (only `mine` to the convener), and notes are stored without one.
 */
import {
  type OpenSpaceAction,
  OpenSpaceActionSchema,
  type OpenSpaceNote,
  type OpenSpacePhase,
  type OpenSpaceProceedingsEntry,
  type OpenSpaceProposal,
  type OpenSpaceSession,
  type OpenSpaceView,
} from "../../../shared/exchangeLive/openSpace.ts";
import type { Refusal } from "../../../shared/exchangeLive/protocol.ts";
import { AppError } from "../../platform/errors.ts";
import type { RoomEvent, SessionKind } from "./types.ts";

export type { OpenSpaceAction, OpenSpaceView };

type StoredSession = Omit<OpenSpaceSession, "mine" | "convenerId"> & { convenerId: string };
export type OpenSpaceState = {
  phase: OpenSpacePhase;
  facilitatorId: string | null;
  anonymous: boolean;
  theme: string;
  proposals: OpenSpaceProposal[];
  slots: { id: string; label: string }[];
  rooms: { id: string; name: string }[];
  /** Sessions on the grid; a withdrawn one is removed. */
  sessions: StoredSession[];
  /** Ids handed out so far, so a removed slot's or withdrawn session's id is never reused. */
  issued: { slots: number; rooms: number; sessions: number };
};
type Emitted = { type: string; payload: unknown };

/** Enough for a two-day event with many parallel rooms; keeps a view well under the socket limits. */
export const MAX_SLOTS = 24;
export const MAX_ROOMS = 30;
export const MAX_NOTES_PER_SESSION = 200;

const refuse = (reason: Refusal): never => {
  throw new AppError("CONFLICT", { action: reason });
};
const forbid = (reason: Refusal): never => {
  throw new AppError("FORBIDDEN", { action: reason });
};

export function initialOpenSpace(): OpenSpaceState {
  return {
    phase: "marketplace",
    facilitatorId: null,
    anonymous: false,
    theme: "",
    proposals: [],
    slots: [],
    rooms: [],
    sessions: [],
    issued: { slots: 0, rooms: 0, sessions: 0 },
  };
}

/** Facilitator, anonymity, and the format's backlog as proposals (topics submitted before the event). */
export function openingOpenSpace(opening: {
  facilitatorId: string | null;
  anonymous: boolean;
  backlog?: { title: string; pitch: string; authorId: string | null }[];
}): Emitted[] {
  return [
    ...(opening.facilitatorId
      ? [{ type: "facilitator.set", payload: { personId: opening.facilitatorId } }]
      : []),
    { type: "configured", payload: { anonymous: opening.anonymous } },
    ...(opening.backlog ?? []).map((topic, i) => ({
      type: "proposal.added",
      payload: {
        id: `p${i + 1}`,
        title: topic.title.slice(0, 200),
        description: topic.pitch.slice(0, 2000),
        authorId: opening.anonymous ? null : topic.authorId,
      },
    })),
  ];
}

const occupant = (state: OpenSpaceState, slotId: string, roomId: string) =>
  state.sessions.find((s) => s.slotId === slotId && s.roomId === roomId);

export function decideOpenSpace(
  state: OpenSpaceState,
  action: OpenSpaceAction,
  actor: { personId: string },
): Emitted[] {
  const me = actor.personId;
  if (state.phase === "closed") refuse("closed");
  const steer = () => {
    if (state.facilitatorId !== me) forbid("facilitator only");
  };
  const cell = (slotId: string, roomId: string) => {
    if (!state.slots.some((s) => s.id === slotId)) refuse("no such slot");
    if (!state.rooms.some((r) => r.id === roomId)) refuse("no such room");
  };
  const own = (sessionId: string) => {
    const session = state.sessions.find((s) => s.id === sessionId) ?? refuse("no such session");
    if (session.convenerId !== me) forbid("convener only");
    return session;
  };
  switch (action.type) {
    case "facilitate":
      return [{ type: "facilitator.set", payload: { personId: me } }];
    case "setTheme":
      steer();
      return [{ type: "theme.set", payload: { theme: action.theme } }];
    case "addSlot":
      steer();
      if (state.slots.length >= MAX_SLOTS) refuse("too many slots");
      return [{ type: "slot.added", payload: { id: `s${state.issued.slots + 1}`, label: action.label } }];
    case "addRoom":
      steer();
      if (state.rooms.length >= MAX_ROOMS) refuse("too many rooms");
      return [{ type: "room.added", payload: { id: `r${state.issued.rooms + 1}`, name: action.name } }];
    case "removeSlot":
      steer();
      if (!state.slots.some((s) => s.id === action.slotId)) refuse("no such slot");
      if (state.sessions.some((s) => s.slotId === action.slotId)) refuse("slot in use");
      return [{ type: "slot.removed", payload: { slotId: action.slotId } }];
    case "removeRoom":
      steer();
      if (!state.rooms.some((r) => r.id === action.roomId)) refuse("no such room");
      if (state.sessions.some((s) => s.roomId === action.roomId)) refuse("room in use");
      return [{ type: "room.removed", payload: { roomId: action.roomId } }];
    case "place":
      cell(action.slotId, action.roomId);
      if (action.proposalId && !state.proposals.some((p) => p.id === action.proposalId))
        refuse("no such proposal");
      if (occupant(state, action.slotId, action.roomId)) refuse("cell taken");
      return [
        {
          type: "session.placed",
          payload: {
            id: `o${state.issued.sessions + 1}`,
            title: action.title,
            description: action.description,
            slotId: action.slotId,
            roomId: action.roomId,
            convenerId: me,
            ...(action.proposalId ? { proposalId: action.proposalId } : {}),
          },
        },
      ];
    case "move": {
      const session = own(action.sessionId);
      cell(action.slotId, action.roomId);
      const there = occupant(state, action.slotId, action.roomId);
      // Every action is answered (an event or an error), so a move onto itself is refused too.
      if (there?.id === session.id) refuse("same cell");
      if (there) refuse("cell taken");
      return [
        {
          type: "session.moved",
          payload: { sessionId: session.id, slotId: action.slotId, roomId: action.roomId },
        },
      ];
    }
    case "withdraw":
      own(action.sessionId);
      return [{ type: "session.withdrawn", payload: { sessionId: action.sessionId } }];
    case "note": {
      const session = state.sessions.find((s) => s.id === action.sessionId) ?? refuse("no such session");
      if (session.notes.length >= MAX_NOTES_PER_SESSION) refuse("too many notes");
      return [
        {
          type: "note.added",
          payload: { sessionId: session.id, text: action.text, authorId: state.anonymous ? null : me },
        },
      ];
    }
    case "close":
      steer();
      return [{ type: "closed", payload: {} }];
  }
}

type Payload = Record<string, unknown>;

export function reduceOpenSpace(
  state: OpenSpaceState,
  event: Omit<RoomEvent, "seq" | "at"> & { seq?: number },
): OpenSpaceState {
  const p = (event.payload ?? {}) as Payload;
  const str = (key: string) => String(p[key]);
  const mapSession = (id: string, change: (s: StoredSession) => StoredSession) =>
    state.sessions.map((s) => (s.id === id ? change(s) : s));
  switch (event.type) {
    case "facilitator.set":
      return { ...state, facilitatorId: str("personId") };
    case "configured":
      return { ...state, anonymous: Boolean(p.anonymous) };
    case "theme.set":
      return { ...state, theme: str("theme") };
    case "proposal.added":
      return {
        ...state,
        proposals: [
          ...state.proposals,
          {
            id: str("id"),
            title: str("title"),
            description: str("description"),
            authorId: p.authorId == null ? null : str("authorId"),
          },
        ],
      };
    case "slot.added":
      return {
        ...state,
        slots: [...state.slots, { id: str("id"), label: str("label") }],
        issued: { ...state.issued, slots: state.issued.slots + 1 },
      };
    case "room.added":
      return {
        ...state,
        rooms: [...state.rooms, { id: str("id"), name: str("name") }],
        issued: { ...state.issued, rooms: state.issued.rooms + 1 },
      };
    case "slot.removed":
      return { ...state, slots: state.slots.filter((s) => s.id !== str("slotId")) };
    case "room.removed":
      return { ...state, rooms: state.rooms.filter((r) => r.id !== str("roomId")) };
    case "session.placed":
      return {
        ...state,
        sessions: [
          ...state.sessions,
          {
            id: str("id"),
            title: str("title"),
            description: str("description"),
            slotId: str("slotId"),
            roomId: str("roomId"),
            convenerId: str("convenerId"),
            notes: [],
          },
        ],
        issued: { ...state.issued, sessions: state.issued.sessions + 1 },
        proposals:
          p.proposalId == null ? state.proposals : state.proposals.filter((x) => x.id !== p.proposalId),
      };
    case "session.moved":
      return {
        ...state,
        sessions: mapSession(str("sessionId"), (s) => ({
          ...s,
          slotId: str("slotId"),
          roomId: str("roomId"),
        })),
      };
    case "session.withdrawn":
      return { ...state, sessions: state.sessions.filter((s) => s.id !== str("sessionId")) };
    case "note.added": {
      const note: OpenSpaceNote = {
        text: str("text"),
        authorId: p.authorId == null ? null : str("authorId"),
      };
      return {
        ...state,
        sessions: mapSession(str("sessionId"), (s) => ({ ...s, notes: [...s.notes, note] })),
      };
    }
    case "closed":
      return { ...state, phase: "closed" };
    default:
      return state;
  }
}

/** Sessions in grid order: by slot (rows, as added), then room (columns, as added). */
function inGridOrder(state: OpenSpaceState): StoredSession[] {
  const slotIndex = new Map(state.slots.map((s, i) => [s.id, i]));
  const roomIndex = new Map(state.rooms.map((r, i) => [r.id, i]));
  return [...state.sessions].sort(
    (a, b) =>
      (slotIndex.get(a.slotId) ?? 0) - (slotIndex.get(b.slotId) ?? 0) ||
      (roomIndex.get(a.roomId) ?? 0) - (roomIndex.get(b.roomId) ?? 0),
  );
}

export function viewOpenSpace(state: OpenSpaceState, viewer: { personId: string }): OpenSpaceView {
  const slotLabel = new Map(state.slots.map((s) => [s.id, s.label]));
  const roomName = new Map(state.rooms.map((r) => [r.id, r.name]));
  const sessions = inGridOrder(state).map(
    (s): OpenSpaceSession => ({
      ...s,
      convenerId: state.anonymous ? null : s.convenerId,
      mine: s.convenerId === viewer.personId,
    }),
  );
  const proceedings = sessions.map(
    (s): OpenSpaceProceedingsEntry => ({
      slotId: s.slotId,
      slotLabel: slotLabel.get(s.slotId) ?? "",
      roomId: s.roomId,
      roomName: roomName.get(s.roomId) ?? "",
      sessionId: s.id,
      title: s.title,
      description: s.description,
      convenerId: s.convenerId,
      notes: s.notes,
    }),
  );
  return {
    phase: state.phase,
    facilitatorId: state.facilitatorId,
    anonymous: state.anonymous,
    theme: state.theme,
    proposals: state.proposals,
    slots: state.slots,
    rooms: state.rooms,
    sessions,
    proceedings,
  };
}

export const openSpace: SessionKind<OpenSpaceState, OpenSpaceAction, OpenSpaceView> = {
  kind: "openSpace",
  actionSchema: OpenSpaceActionSchema,
  initial: initialOpenSpace,
  reduce: reduceOpenSpace,
  decide: decideOpenSpace,
  view: viewOpenSpace,
};
