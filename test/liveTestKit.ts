/**
 * Test support for the live room, independent of the real session kinds: a tiny kind (dot votes on
 * named topics), a session registry standing in for sessions.ts, the app with the live route mounted
 * under /api/test, and a websocket client that records what it receives. Used by room tests, the
 * two-server script (liveTestServer.ts) and bench/exchange.ts.
 */
import { createRequire } from "node:module";
import { z } from "zod";
import { buildApp } from "../src/server/app.ts";
import { type Config, loadConfig } from "../src/server/config.ts";
import type { Db } from "../src/server/db/connect.ts";
import { liveRoomRoutes } from "../src/server/modules/exchange/roomRoutes.ts";
import type {
  AnySessionKind,
  CanJoin,
  SessionKind,
  SessionKindOf,
} from "../src/server/modules/exchange/types.ts";
import { AppError } from "../src/server/platform/errors.ts";
import type { App } from "../src/server/platform/http.ts";
import type { ServerMessage } from "../src/shared/exchangeLive/protocol.ts";

export type TallyState = { votes: Record<string, Record<string, number>>; notes: string[] };
const TallyActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("vote"), topic: z.string().min(1).max(20) }),
  z.object({ type: z.literal("unvote"), topic: z.string().min(1).max(20) }),
  z.object({ type: z.literal("note"), text: z.string().min(1).max(500) }),
]);
type TallyAction = z.infer<typeof TallyActionSchema>;

/** Votes per topic and person; an unvote without a vote is refused; views show totals and your own. */
export const tallyKind: SessionKind<TallyState, TallyAction> = {
  kind: "tally",
  actionSchema: TallyActionSchema,
  initial: () => ({ votes: {}, notes: [] }),
  reduce(state, event) {
    const payload = event.payload as { topic?: string; text?: string };
    if (event.type === "noted") return { ...state, notes: [...state.notes, String(payload.text)] };
    const person = event.actorId ?? "anonymous";
    const topic = String(payload.topic);
    const mine = state.votes[person] ?? {};
    const delta = event.type === "voted" ? 1 : event.type === "unvoted" ? -1 : Number.NaN;
    if (Number.isNaN(delta)) throw new Error(`unknown event ${event.type}`);
    const count = (mine[topic] ?? 0) + delta;
    if (count < 0) throw new Error("negative votes");
    return { ...state, votes: { ...state.votes, [person]: { ...mine, [topic]: count } } };
  },
  decide(state, action, actor) {
    if (action.type === "note") return [{ type: "noted", payload: { text: action.text } }];
    if (action.type === "unvote" && !state.votes[actor.personId]?.[action.topic])
      throw new AppError("CONFLICT");
    return [{ type: action.type === "vote" ? "voted" : "unvoted", payload: { topic: action.topic } }];
  },
  view(state, viewer) {
    const totals: Record<string, number> = {};
    for (const topics of Object.values(state.votes))
      for (const [topic, n] of Object.entries(topics)) totals[topic] = (totals[topic] ?? 0) + n;
    return { totals, mine: state.votes[viewer.personId] ?? {}, notes: state.notes };
  },
};

/** Sessions by id: their organisation and, for a confidential one, who takes part. */
export type SessionRegistry = Record<string, { orgId: string; participants?: string[] }>;

export function registrySessions(registry: SessionRegistry): {
  canJoin: CanJoin;
  sessionKindOf: SessionKindOf;
} {
  return {
    canJoin: async (_db, auth, sessionId) => {
      const session = registry[sessionId];
      if (!session || session.orgId !== auth.orgId) return false;
      return !session.participants || session.participants.includes(auth.person.id);
    },
    sessionKindOf: async (_db, orgId, sessionId) =>
      registry[sessionId]?.orgId === orgId ? (tallyKind as unknown as AnySessionKind) : null,
  };
}

export const TEST_LIVE_PREFIX = "/api/test";

/** The whole app plus the live route over the registry (mounted under /api/test). */
export async function buildLiveApp(
  db: Db,
  registry: SessionRegistry,
  config: Partial<Config> = {},
  live: Omit<Parameters<typeof liveRoomRoutes>[0], "canJoin" | "sessionKindOf"> = {},
) {
  const app: App = await buildApp({
    config: {
      ...loadConfig({ LOG_LEVEL: "silent" }),
      rateLimitPerMinute: 1_000_000,
      allowNewOrganisations: true,
      passwordCost: 10,
      ...config,
    },
    db,
    logger: false,
  });
  await app.register(liveRoomRoutes({ ...registrySessions(registry), ...live }), {
    prefix: TEST_LIVE_PREFIX,
  });
  return app;
}

export function liveUrl(base: string, sessionId: string, after = 0): string {
  return `${base.replace(/^http/, "ws")}${TEST_LIVE_PREFIX}/exchange/sessions/${sessionId}/live?after=${after}`;
}

type WsSocket = {
  readyState: number;
  on(event: string, listener: (...args: never[]) => void): void;
  once(event: string, listener: (...args: never[]) => void): void;
  send(data: string | Buffer, options?: { binary?: boolean }): void;
  close(code?: number): void;
  terminate(): void;
};
// `ws` ships no types in this project; this is the part the tests use.
const WsClient = createRequire(import.meta.url)("ws") as new (
  url: string,
  options?: { headers?: Record<string, string> },
) => WsSocket;

/** A participant's socket: every message received, in order, and the latest view and seq. */
export class LiveClient {
  readonly messages: ServerMessage[] = [];
  seq = 0;
  view: unknown = null;
  closedWith: number | null = null;
  #waiters: (() => void)[] = [];

  private constructor(readonly socket: WsSocket) {
    socket.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      this.messages.push(message);
      if (message.type === "welcome" || message.type === "event") {
        this.seq = message.seq;
        this.view = message.view;
      }
      for (const waiter of this.#waiters) waiter();
    });
    socket.on("close", (code: number) => {
      this.closedWith = code;
      for (const waiter of this.#waiters) waiter();
    });
  }

  /** Opens the socket; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string, cookie: string): Promise<LiveClient> {
    return new Promise((resolve, reject) => {
      const socket = new WsClient(url, { headers: { cookie } });
      const client = new LiveClient(socket);
      socket.once("open", () => resolve(client));
      socket.once("unexpected-response", (_request: never, response: { statusCode: number }) =>
        reject(
          Object.assign(new Error(`upgrade refused: ${response.statusCode}`), {
            status: response.statusCode,
          }),
        ),
      );
      socket.once("error", (error: Error) => reject(error));
    });
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  events(): Extract<ServerMessage, { type: "event" }>[] {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: "event" }> => m.type === "event");
  }

  errors(): Extract<ServerMessage, { type: "error" }>[] {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: "error" }> => m.type === "error");
  }

  /** Resolves when `predicate` holds (checked on every message), or rejects after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== check);
        reject(new Error(`timed out at seq ${this.seq} after ${this.messages.length} messages`));
      }, timeoutMs);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.#waiters = this.#waiters.filter((w) => w !== check);
        resolve();
      };
      this.#waiters.push(check);
    });
  }

  close(): Promise<void> {
    if (this.closedWith !== null) return Promise.resolve();
    const closed = this.until(() => this.closedWith !== null);
    this.socket.close();
    return closed;
  }
}
