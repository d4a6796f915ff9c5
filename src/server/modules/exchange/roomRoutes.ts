import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { ServerMessage } from "../../../shared/exchangeLive/protocol.ts";
import { isForeignOrigin, sessionCookieName } from "../../platform/auth/plugin.ts";
import { resolveSession } from "../../platform/auth/sessions.ts";
import { endsSession, SESSIONS_ENDED_TOPIC } from "../../platform/auth/sessionsEnded.ts";
import { AppError } from "../../platform/errors.ts";
import { type App, authOf } from "../../platform/http.ts";
import { requestLanguage } from "../../platform/i18n.ts";
import { errorEvent, type RoomClient, RoomHub, type RoomHubOptions } from "./room.ts";
import type { AnySessionKind, CanJoin, SessionKindOf } from "./types.ts";

/**
 * Limits of the live socket (ARCHITECTURE.md "Reliability settings"). `ws` closes a socket whose
 * frame exceeds `maxPayload` (64 KiB, set where the plugin is registered in app.ts); below that, a
 * message over MAX_MESSAGE_BYTES is refused with an error event and the socket stays open.
 */
export const WS_MAX_PAYLOAD = 64 * 1024;
const MAX_MESSAGE_BYTES = 16 * 1024;
/** Bytes queued for a socket beyond which it is a slow reader: closed, never slowing the room. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Close code telling the client to reconnect with `?after=` its last seq (it lost nothing). */
export const CLOSE_SLOW_READER = 4008;
/** Messages per second per socket, with a burst allowance. */
const RATE_PER_SECOND = 30;
const RATE_BURST = 60;
/**
 * Signing out, being signed out everywhere or the session expiring ends open sockets too (ASVS
 * V7.4.1): each socket re-reads its session this often, which also counts as activity for the idle
 * timeout — being in a live room is using the app.
 */
const SESSION_RECHECK_MS = 60_000;
/** Close code for a socket whose sign-in session ended: sign in again, then reconnect. */
export const CLOSE_SIGNED_OUT = 4401;
/**
 * Open live sockets per person on one server (ASVS V7.4: bounded sessions). A person in a few rooms on a
 * few devices needs a handful; beyond this the upgrade answers 429.
 */
export const MAX_SOCKETS_PER_PERSON = 20;

const ParamsSchema = z.object({ sessionId: z.string().min(1).max(100) });
const QuerySchema = z.object({ after: z.coerce.number().int().min(0).max(1e9).default(0) });

/** A client message as sent: JSON text of an object with a string `type`, within the size limit. */
function readMessage(
  data: Buffer,
  isBinary: boolean,
): { type: string; ref?: string } & Record<string, unknown> {
  if (isBinary) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  if (data.byteLength > MAX_MESSAGE_BYTES) throw new AppError("PAYLOAD_TOO_LARGE");
  let value: unknown;
  try {
    value = JSON.parse(data.toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new AppError("BAD_REQUEST");
  const message = value as Record<string, unknown>;
  if (typeof message.type !== "string") throw new AppError("VALIDATION");
  return message as { type: string } & Record<string, unknown>;
}

/** Fills per second up to the burst; each message takes one token. */
function rateLimiter(now = () => Date.now()) {
  let tokens = RATE_BURST;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(RATE_BURST, tokens + ((t - last) / 1000) * RATE_PER_SECOND);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/** What the room needs of a `ws` socket (the package ships no types here). */
type LiveSocket = {
  readonly readyState: number;
  readonly OPEN: number;
  readonly bufferedAmount: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
};

function socketClient(socket: LiveSocket, personId: string, lang: RoomClient["lang"]): RoomClient {
  return {
    personId,
    lang,
    send(message: ServerMessage) {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        // Its close frame queues behind the backlog; end it outright if that does not drain soon.
        socket.close(CLOSE_SLOW_READER, "slow reader");
        setTimeout(() => socket.terminate(), 1000).unref();
        return;
      }
      socket.send(JSON.stringify(message));
    },
  };
}

/**
 * `GET /exchange/sessions/:sessionId/live?after=N` — the live room over a websocket. The upgrade is
 * refused like any request: 401 without a session, 403 from a foreign Origin, 404 when the session
 * is not in the person's organisation or (confidential) they are not among its participants.
 */
export function liveRoomRoutes(
  options: {
    canJoin: CanJoin;
    sessionKindOf: SessionKindOf;
    /** How often an open socket checks that its sign-in session still holds (tests shorten it). */
    sessionRecheckMs?: number;
  } & Pick<RoomHubOptions, "presenceBeatMs" | "presenceTtlMs" | "resyncMs">,
) {
  const recheckMs = options.sessionRecheckMs ?? SESSION_RECHECK_MS;
  return async (app: App) => {
    const hub = new RoomHub({
      db: app.db,
      bus: app.eventBus,
      now: app.config.now,
      onError: (error) => app.log.error({ err: error }, "live room"),
      presenceBeatMs: options.presenceBeatMs,
      presenceTtlMs: options.presenceTtlMs,
      resyncMs: options.resyncMs,
    });
    app.addHook("onClose", async () => hub.close());
    // This server's open sockets by person: for the per-person limit and to close them when their
    // sign-in session ends on any server (sign-out, sign-out everywhere, reset, deactivation).
    const open = new Map<
      string,
      Set<{ sessionId: string; personId: string; close(): void; recheck(): void }>
    >();
    const unsubscribe = app.eventBus.subscribe(
      SESSIONS_ENDED_TOPIC,
      (message) => {
        for (const sockets of open.values())
          for (const socket of sockets) if (endsSession(message, socket)) socket.close();
      },
      // Announcements may have been missed: every socket checks its session now instead of within a minute.
      () => {
        for (const sockets of open.values()) for (const socket of sockets) socket.recheck();
      },
    );
    app.addHook("onClose", async () => unsubscribe());
    // Resolved before the upgrade, so a refused session is an HTTP answer and the socket handler can
    // join synchronously (a message sent right after connecting then queues behind the join).
    const kinds = new WeakMap<FastifyRequest, AnySessionKind>();

    app.get(
      "/exchange/sessions/:sessionId/live",
      {
        websocket: true,
        schema: { params: ParamsSchema, querystring: QuerySchema },
        preHandler: async (request) => {
          const auth = authOf(request);
          if (isForeignOrigin(request, app.config)) throw new AppError("CSRF");
          if ((open.get(auth.person.id)?.size ?? 0) >= MAX_SOCKETS_PER_PERSON)
            throw new AppError("RATE_LIMITED");
          const { sessionId } = request.params as z.infer<typeof ParamsSchema>;
          if (!(await options.canJoin(app.db.kysely, auth, sessionId))) throw new AppError("NOT_FOUND");
          const kind = await options.sessionKindOf(app.db.kysely, auth.orgId, sessionId);
          if (!kind) throw new AppError("NOT_FOUND");
          kinds.set(request, kind);
        },
      },
      (socket, request) => {
        const auth = authOf(request);
        const kind = kinds.get(request);
        if (!kind) throw new AppError("NOT_FOUND");
        const { sessionId } = request.params as z.infer<typeof ParamsSchema>;
        const { after } = request.query as z.infer<typeof QuerySchema>;
        const lang = requestLanguage(request);
        const client = socketClient(socket, auth.person.id, lang);
        const allow = rateLimiter();

        const refuse = (error: unknown, ref?: string) => {
          if (!(error instanceof AppError)) app.log.error({ err: error }, "live room action");
          client.send(errorEvent(error, lang, ref));
        };
        const token = request.cookies[sessionCookieName(app.config)] ?? "";
        const checkSession = async () => {
          // A database hiccup keeps the socket; only a session known to be gone closes it.
          const session = await resolveSession(app.db.kysely, app.config, token).catch(() => undefined);
          if (session === null) socket.close(CLOSE_SIGNED_OUT, "signed out");
        };
        const recheck = setInterval(checkSession, recheckMs);
        recheck.unref();
        const entry = {
          sessionId: auth.sessionId,
          personId: auth.person.id,
          close: () => socket.close(CLOSE_SIGNED_OUT, "signed out"),
          recheck: () => void checkSession(),
        };
        const mine = open.get(auth.person.id) ?? new Set();
        open.set(auth.person.id, mine.add(entry));
        let leave: (() => void) | null = null;
        let closed = false;
        socket.on("close", () => {
          closed = true;
          clearInterval(recheck);
          mine.delete(entry);
          if (mine.size === 0) open.delete(auth.person.id);
          leave?.();
        });
        hub.join({ orgId: auth.orgId, sessionId, kind, after }, client).then(
          (disconnect) => {
            leave = disconnect;
            if (closed) leave();
          },
          (error) => {
            refuse(error);
            socket.close(1011);
          },
        );
        socket.on("message", (data: Buffer, isBinary: boolean) => {
          let ref: string | undefined;
          try {
            if (!allow()) throw new AppError("RATE_LIMITED");
            const { ref: sentRef, ...action } = readMessage(data, isBinary);
            ref = typeof sentRef === "string" ? sentRef.slice(0, 64) : undefined;
            hub.act(sessionId, client, action).catch((error) => refuse(error, ref));
          } catch (error) {
            refuse(error, ref);
          }
        });
      },
    );
  };
}
