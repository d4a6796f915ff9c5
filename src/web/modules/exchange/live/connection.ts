import { replaceEqualDeep } from "@tanstack/react-query";
import type { ClientMessage, ServerMessage } from "../../../../shared/exchangeLive/protocol.ts";

/**
 * One browser's connection to a session's live room (src/shared/exchangeLive/protocol.ts): keeps the last
 * seq it applied, reconnects with `?after=seq` and a growing, jittered delay, and holds the newest
 * view. Views are structurally shared with the previous one (`replaceEqualDeep`): whatever did not
 * change keeps its identity, so memoised parts of a board skip re-rendering when an event changed
 * something else. Bursts of messages (a catch-up) are applied and announced once.
 */
export type Connection = "connecting" | "live" | "reconnecting" | "signedOut";

export type LiveSnapshot<View> = {
  view: View | null;
  seq: number;
  presence: string[];
  connection: Connection;
  /** Failed connection attempts since the last welcome. */
  attempts: number;
  /** The newest event's type, for announcements. */
  lastEvent: string | null;
};

export type LiveError = { code: string; message: string; ref?: string };

/** Close codes of the server (roomRoutes.ts): 4401 signed out; 4008 slow reader — reconnect. */
const CLOSE_SIGNED_OUT = 4401;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000, 15_000];

export class LiveConnection<View = unknown> {
  #socket: WebSocket | null = null;
  #snapshot: LiveSnapshot<View> = {
    view: null,
    seq: 0,
    presence: [],
    connection: "connecting",
    attempts: 0,
    lastEvent: null,
  };
  #pending: Partial<LiveSnapshot<View>> | null = null;
  #flushTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #listeners = new Set<() => void>();
  #stopped = false;
  #refs = 0;

  constructor(
    readonly sessionId: string,
    readonly onError: (error: LiveError) => void,
  ) {}

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = () => this.#snapshot;

  start(): void {
    this.#stopped = false;
    this.#connect();
    window.addEventListener("online", this.#reconnectNow);
  }

  stop(): void {
    this.#stopped = true;
    window.removeEventListener("online", this.#reconnectNow);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#flushTimer) clearTimeout(this.#flushTimer);
    this.#socket?.close(1000);
    this.#socket = null;
  }

  /** Sends an action; false when the room is not connected (the caller says so). */
  send(action: ClientMessage): boolean {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.#snapshot.connection !== "live") return false;
    socket.send(JSON.stringify({ ...action, ref: action.ref ?? `a${++this.#refs}` }));
    return true;
  }

  #reconnectNow = () => {
    if (this.#stopped || this.#snapshot.connection === "live") return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#connect();
  };

  #url(): string {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const seq = this.#pending?.seq ?? this.#snapshot.seq;
    return `${scheme}://${window.location.host}/api/exchange/sessions/${encodeURIComponent(this.sessionId)}/live?after=${seq}`;
  }

  #connect(): void {
    if (this.#stopped) return;
    const socket = new WebSocket(this.#url());
    this.#socket = socket;
    socket.onmessage = (message) => {
      if (this.#socket !== socket) return;
      try {
        this.#receive(JSON.parse(String(message.data)) as ServerMessage<View>);
      } catch {
        // A frame we cannot read: start over from the last seq applied.
        socket.close(4000);
      }
    };
    socket.onclose = (event) => {
      if (this.#socket !== socket || this.#stopped) return;
      this.#socket = null;
      if (event.code === CLOSE_SIGNED_OUT) {
        this.#update({ connection: "signedOut", presence: [] });
        return;
      }
      const attempts = (this.#pending?.attempts ?? this.#snapshot.attempts) + 1;
      this.#update({ connection: "reconnecting", attempts });
      const base = BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)];
      this.#retryTimer = setTimeout(() => this.#connect(), base / 2 + Math.random() * base);
    };
  }

  #receive(message: ServerMessage<View>): void {
    const current = { ...this.#snapshot, ...this.#pending };
    switch (message.type) {
      case "welcome":
        this.#update({
          seq: message.seq,
          view: replaceEqualDeep(current.view, message.view) as View,
          connection: "live",
          attempts: 0,
        });
        return;
      case "event":
        // Already applied (a repeated catch-up) or a gap (should not happen): the seq decides.
        if (message.seq <= current.seq) return;
        if (message.seq !== current.seq + 1) {
          this.#socket?.close(4000);
          return;
        }
        this.#update({
          seq: message.seq,
          view: replaceEqualDeep(current.view, message.view) as View,
          lastEvent: message.event,
        });
        return;
      case "presence":
        this.#update({ presence: replaceEqualDeep(current.presence, message.personIds) });
        return;
      case "error":
        this.onError({ code: message.code, message: message.message, ref: message.ref });
        return;
    }
  }

  /** Collects changes and announces them once the current burst of messages is handled. */
  #update(change: Partial<LiveSnapshot<View>>): void {
    this.#pending = { ...this.#pending, ...change };
    if (this.#flushTimer) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = null;
      this.#snapshot = { ...this.#snapshot, ...this.#pending };
      this.#pending = null;
      for (const listener of this.#listeners) listener();
    }, 0);
  }
}
