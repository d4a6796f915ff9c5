import { randomUUID } from "node:crypto";
import type { Language } from "../../../shared/common.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import type { ServerMessage } from "../../../shared/exchangeLive/protocol.ts";
import { type Db, isUniqueViolation } from "../../db/connect.ts";
import { AppError } from "../../platform/errors.ts";
import { errorMessage } from "../../platform/i18n.ts";
import type { EventBus } from "../../platform/realtime/eventBus.ts";
import { appendEvents, eventsAfter, lockSessionForAppend } from "./roomStore.ts";
import type { AnySessionKind, RoomEvent } from "./types.ts";

/**
 * The live room of one session on this server: the session's state (its kind's `reduce` over the
 * stored events), the sockets connected here, and who is present on any server.
 *
 * Ordering is one promise chain per room (`run`): loading, pulling new events, a socket joining and
 * an action are each one step of it. So a socket that joins gets its catch-up and only then joins the
 * fan-out, and events that arrive meanwhile wait in the chain — nothing is sent twice or skipped
 * without a per-socket buffer. Events reach the room only from the database (`pull`, after a bus
 * wake-up or after this server appended), so every server sends the same events in the same order.
 */

/** A connected socket as the room sees it; roomRoutes.ts implements it over a websocket. */
export interface RoomClient {
  readonly personId: string;
  readonly lang: Language;
  send(message: ServerMessage): void;
}

/** Bus topic of "session N has events up to seq": rooms on every server read what they lack. */
export const SESSION_TOPIC = "exchange.session";
const PRESENCE_TOPIC = "exchange.presence";

type SessionWake = { sessionId: string; seq: number };
/**
 * Presence between servers. `personId` + `here`: someone came or left (sent at once). `people`: a
 * heartbeat — who is still here on that server (a room's people in chunks, re-sent every beat); an
 * entry not refreshed within the TTL is dropped, so a crashed server's people vanish and a lost
 * "left" note heals. `ask`: a server that just opened the room asks the others to announce theirs.
 */
type PresenceNote = {
  sessionId: string;
  serverId: string;
  personId?: string;
  here?: boolean;
  people?: string[];
  ask?: boolean;
};

/** Person ids per heartbeat message: ≈ 4 KB, well under the bus's 7,000-byte limit. */
const PEOPLE_PER_BEAT = 100;
/** Defaults: re-announce every 5 s, forget after three missed beats, re-read every open room every 5 s. */
export const PRESENCE_BEAT_MS = 5000;
export const PRESENCE_TTL_MS = 15_000;
export const RESYNC_MS = 5000;
/** Presence changes within this window go out as one list. */
const PRESENCE_COALESCE_MS = 25;

/** Tries of an action that lost the race for the next seq to another server before giving up. */
const MAX_APPEND_TRIES = 10;

export type RoomHubOptions = {
  db: Db;
  bus: EventBus;
  now: () => Date;
  onError: (error: unknown) => void;
  /** How often this server re-announces who is present here (tests shorten it). */
  presenceBeatMs?: number;
  /** After how long without a re-announcement a person present on another server is dropped. */
  presenceTtlMs?: number;
  /**
   * How often each open room reads what is stored beyond what it delivered: a wake-up lost between
   * another server's commit and its NOTIFY would otherwise show only with the next event.
   */
  resyncMs?: number;
};

/** All live rooms of this server. One per app; rooms exist while a socket is connected to them. */
export class RoomHub {
  readonly serverId = randomUUID();
  readonly #rooms = new Map<string, Room>();
  #unsubscribe: (() => void)[] = [];
  #timers: NodeJS.Timeout[] = [];

  constructor(readonly options: RoomHubOptions) {}

  get presenceTtlMs(): number {
    return this.options.presenceTtlMs ?? PRESENCE_TTL_MS;
  }

  /**
   * Connects a client: the welcome view as of `after`, every event after it, then live events.
   * Resolves with the function that disconnects it again.
   */
  async join(
    input: { orgId: string; sessionId: string; kind: AnySessionKind; after: number },
    client: RoomClient,
  ): Promise<() => void> {
    this.#subscribe();
    let room = this.#rooms.get(input.sessionId);
    if (!room) {
      room = new Room(this, input.orgId, input.sessionId, input.kind);
      this.#rooms.set(input.sessionId, room);
      const created = room;
      created.load().catch(() => {
        if (this.#rooms.get(input.sessionId) === created) this.#rooms.delete(input.sessionId);
      });
    }
    const joined = room;
    await joined.join(client, input.after);
    return () => {
      void joined.leave(client).then((empty) => {
        if (empty && this.#rooms.get(input.sessionId) === joined) this.#rooms.delete(input.sessionId);
      });
    };
  }

  /** Validates and applies one client message; refusals go to that client only. */
  async act(sessionId: string, client: RoomClient, action: unknown): Promise<void> {
    const room = this.#rooms.get(sessionId);
    if (!room) throw new AppError("NOT_FOUND");
    await room.act(client, action);
  }

  roomCount(): number {
    return this.#rooms.size;
  }

  async close(): Promise<void> {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    this.#rooms.clear();
  }

  publishPresence(note: Omit<PresenceNote, "serverId">): void {
    this.options.bus
      .publish(PRESENCE_TOPIC, { ...note, serverId: this.serverId })
      .catch(this.options.onError);
  }

  // Subscribed on first use, so an app that never opens a room holds no listening connection.
  #subscribe(): void {
    if (this.#unsubscribe.length > 0) return;
    const { bus } = this.options;
    const beat = setInterval(() => {
      const now = Date.now();
      for (const room of this.#rooms.values()) room.beat(now);
    }, this.options.presenceBeatMs ?? PRESENCE_BEAT_MS);
    const resync = setInterval(() => {
      for (const room of this.#rooms.values()) room.pullSoon();
    }, this.options.resyncMs ?? RESYNC_MS);
    beat.unref();
    resync.unref();
    this.#timers.push(beat, resync);
    this.#unsubscribe.push(
      bus.subscribe(
        SESSION_TOPIC,
        (message) => {
          const { sessionId, seq } = message as SessionWake;
          const room = this.#rooms.get(sessionId);
          if (room && seq > room.seq) room.pullSoon();
        },
        // Wake-ups may have been lost while the listener reconnected: every room reads what is new.
        () => {
          for (const room of this.#rooms.values()) room.pullSoon();
        },
      ),
      bus.subscribe(
        PRESENCE_TOPIC,
        (message) => {
          const note = message as PresenceNote;
          if (note.serverId !== this.serverId) this.#rooms.get(note.sessionId)?.notePresence(note);
        },
        // Back after a listener outage: ask the others to announce now rather than at their next beat.
        () => {
          for (const sessionId of this.#rooms.keys()) this.publishPresence({ sessionId, ask: true });
        },
      ),
    );
  }

  wake(sessionId: string, seq: number): void {
    this.options.bus.publish(SESSION_TOPIC, { sessionId, seq }).catch(this.options.onError);
  }
}

class Room {
  /** Every stored event of the session, in seq order: catch-up replays from it without a query. */
  readonly #events: RoomEvent[] = [];
  #state: unknown;
  readonly #clients = new Set<RoomClient>();
  /** Sockets per person here (a person may have two tabs open). */
  readonly #local = new Map<string, number>();
  /** Who is present on other servers, by server: person → when last announced (ms, this clock). */
  readonly #remote = new Map<string, Map<string, number>>();
  #chain: Promise<unknown> = Promise.resolve();
  #presenceTimer: NodeJS.Timeout | null = null;
  /** The presence list last sent to everyone, and clients that joined since and are owed one. */
  #sentPresence: string[] = [];
  readonly #owedPresence = new Set<RoomClient>();
  #pullQueued = false;

  constructor(
    readonly hub: RoomHub,
    readonly orgId: string,
    readonly sessionId: string,
    readonly kind: AnySessionKind,
  ) {
    this.#state = kind.initial();
  }

  get seq(): number {
    return this.#events.length;
  }

  /** Runs a step after every step queued before it; a failing step does not stop the chain. */
  #run<T>(step: () => Promise<T>): Promise<T> {
    const result = this.#chain.then(step);
    this.#chain = result.catch(() => {});
    return result;
  }

  load(): Promise<void> {
    return this.#run(async () => {
      // Listen first, then read: an event committed in between is both read and announced (and
      // `pull` ignores what it already has), never neither.
      await this.hub.options.bus.ready();
      await this.#pull();
      this.hub.publishPresence({ sessionId: this.sessionId, ask: true });
    });
  }

  /** Coalesces wake-ups: many arriving at once cost one read. */
  pullSoon(): void {
    if (this.#pullQueued) return;
    this.#pullQueued = true;
    this.#run(async () => {
      this.#pullQueued = false;
      await this.#pull();
    }).catch(this.hub.options.onError);
  }

  /** Reads and sends what the database has beyond `seq`. Only call inside `#run`. */
  async #pull(): Promise<void> {
    const events = await eventsAfter(this.hub.options.db.kysely, this.orgId, this.sessionId, this.seq);
    this.#apply(events);
  }

  #apply(events: RoomEvent[]): void {
    for (const event of events) {
      // Seqs are gapless by construction (roomStore.appendEvents); a gap here would mean a row was
      // read before an earlier one committed, so stop and let the next pull bring both in order.
      if (event.seq !== this.seq + 1) {
        if (event.seq > this.seq + 1) this.pullSoon();
        return;
      }
      this.#state = this.kind.reduce(this.#state, event);
      this.#events.push(event);
      const views = new Map<string, unknown>();
      for (const client of this.#clients) {
        const view = views.get(client.personId) ?? this.kind.view(this.#state, { personId: client.personId });
        views.set(client.personId, view);
        client.send({ type: "event", seq: event.seq, event: event.type, at: event.at, view });
      }
    }
  }

  join(client: RoomClient, after: number): Promise<void> {
    return this.#run(async () => {
      await this.#pull();
      // A client beyond what is stored (a reset database, a forged `after`) starts over at the end.
      const from = Math.min(Math.max(0, Math.floor(after)), this.seq);
      // Usually a reconnect at the newest seq: the room's state is that state, nothing to replay.
      let state = from === this.seq ? this.#state : this.kind.initial();
      if (from < this.seq)
        for (const event of this.#events.slice(0, from)) state = this.kind.reduce(state, event);
      client.send({ type: "welcome", seq: from, view: this.kind.view(state, { personId: client.personId }) });
      for (const event of this.#events.slice(from)) {
        state = this.kind.reduce(state, event);
        const view = this.kind.view(state, { personId: client.personId });
        client.send({ type: "event", seq: event.seq, event: event.type, at: event.at, view });
      }
      this.#clients.add(client);
      const count = this.#local.get(client.personId) ?? 0;
      this.#local.set(client.personId, count + 1);
      if (count === 0)
        this.hub.publishPresence({ sessionId: this.sessionId, personId: client.personId, here: true });
      this.#sendPresence(client);
    });
  }

  /** Resolves true when the room has no client left. */
  leave(client: RoomClient): Promise<boolean> {
    return this.#run(async () => {
      if (!this.#clients.delete(client)) return this.#clients.size === 0;
      const count = (this.#local.get(client.personId) ?? 1) - 1;
      if (count > 0) this.#local.set(client.personId, count);
      else {
        this.#local.delete(client.personId);
        this.hub.publishPresence({ sessionId: this.sessionId, personId: client.personId, here: false });
        this.#sendPresence();
      }
      return this.#clients.size === 0;
    });
  }

  /**
   * Decides on the newest state and appends the resulting events right after it. When another server
   * took that seq first, the insert fails on the primary key: read its events and decide again.
   */
  act(client: RoomClient, input: unknown): Promise<void> {
    const parsed = this.kind.actionSchema.safeParse(input);
    if (!parsed.success) return Promise.reject(new AppError("VALIDATION"));
    return this.#run(async () => {
      const { db, now } = this.hub.options;
      for (let attempt = 0; attempt < MAX_APPEND_TRIES; attempt++) {
        let appended: RoomEvent[];
        try {
          appended = await db.kysely.transaction().execute(async (tx) => {
            // Servers writing to one session take turns (PostgreSQL); inside the turn, what the others
            // appended is read first, so the decision is on the newest state and rarely collides.
            await lockSessionForAppend(tx, this.sessionId);
            this.#apply(await eventsAfter(tx, this.orgId, this.sessionId, this.seq));
            const at = now();
            const decided = this.kind.decide(this.#state, parsed.data, { personId: client.personId }, at, {
              present: this.#present(),
            });
            // Never store an event the kind cannot replay: a store that fails to reduce would lock the
            // session for everyone on every server.
            let probe = this.#state;
            for (const event of decided)
              probe = this.kind.reduce(probe, { ...event, actorId: client.personId });
            return appendEvents(tx, {
              orgId: this.orgId,
              sessionId: this.sessionId,
              afterSeq: this.seq,
              actorId: client.personId,
              at,
              events: decided,
            });
          });
        } catch (error) {
          // The seq was taken anyway (a writer outside the lock, such as a session's opening events).
          if (!isUniqueViolation(error)) throw error;
          await this.#pull();
          continue;
        }
        if (appended.length === 0) return;
        this.#apply(appended);
        this.hub.wake(this.sessionId, this.seq);
        return;
      }
      throw new AppError("CONFLICT");
    });
  }

  notePresence(note: PresenceNote): void {
    if (note.ask) {
      this.#announce();
      return;
    }
    const now = Date.now();
    const people = this.#remote.get(note.serverId) ?? new Map<string, number>();
    this.#remote.set(note.serverId, people);
    const before = this.#present();
    if (Array.isArray(note.people)) for (const personId of note.people) people.set(String(personId), now);
    else if (note.personId) {
      if (note.here) people.set(note.personId, now);
      else people.delete(note.personId);
    }
    if (people.size === 0) this.#remote.delete(note.serverId);
    if (!sameList(before, this.#present())) this.#sendPresence();
  }

  /** Who is here on this server, to the other servers, in chunks that fit a bus message. */
  #announce(): void {
    const people = [...this.#local.keys()];
    for (let i = 0; i < people.length; i += PEOPLE_PER_BEAT)
      this.hub.publishPresence({ sessionId: this.sessionId, people: people.slice(i, i + PEOPLE_PER_BEAT) });
  }

  /** The heartbeat: re-announce who is here; forget people other servers stopped announcing. */
  beat(now: number): void {
    this.#announce();
    const before = this.#present();
    const oldest = now - this.hub.presenceTtlMs;
    for (const [serverId, people] of this.#remote) {
      for (const [personId, seen] of people) if (seen < oldest) people.delete(personId);
      if (people.size === 0) this.#remote.delete(serverId);
    }
    if (!sameList(before, this.#present())) this.#sendPresence();
  }

  #present(): string[] {
    const all = new Set(this.#local.keys());
    for (const people of this.#remote.values()) for (const personId of people.keys()) all.add(personId);
    return [...all].sort();
  }

  /**
   * Presence goes out coalesced: a burst of joins (a whole team opening the room at nine) costs one
   * list per client rather than one per join — with 300 joining, that is 300 messages instead of
   * 90,000. Everyone gets the list when it changed; a newly joined client (`to`) gets it anyway.
   */
  #sendPresence(to?: RoomClient): void {
    if (to) this.#owedPresence.add(to);
    if (this.#presenceTimer) return;
    this.#presenceTimer = setTimeout(() => {
      this.#presenceTimer = null;
      const personIds = this.#present();
      const changed = !sameList(personIds, this.#sentPresence);
      this.#sentPresence = personIds;
      const message: ServerMessage = { type: "presence", personIds };
      for (const client of changed ? this.#clients : this.#owedPresence)
        if (this.#clients.has(client)) client.send(message);
      this.#owedPresence.clear();
    }, PRESENCE_COALESCE_MS);
  }
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The error message for a refused client message, in the person's language. */
export function errorEvent(error: unknown, lang: Language, ref?: string): ServerMessage {
  const code: ErrorCode = error instanceof AppError && error.status < 500 ? error.code : "INTERNAL";
  const params = error instanceof AppError ? error.params : undefined;
  const fields = error instanceof AppError && code !== "INTERNAL" ? error.fields : undefined;
  return {
    type: "error",
    code,
    message: errorMessage(code, lang, params),
    ...(fields ? { fields } : {}),
    ...(ref ? { ref } : {}),
  };
}
