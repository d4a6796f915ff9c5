import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { sql } from "kysely";
import type { Db } from "../db/connect.ts";
import type { Write } from "../db/writeLog.ts";
import { ReadCache } from "./readCache.ts";
import { type EventBus, encodeMessage } from "./realtime/eventBus.ts";
import { busChannel } from "./realtime/pgEventBus.ts";

/**
 * Keeps the read cache's versions right: which organisation a write was made for (the signed-in
 * request making it), and on PostgreSQL the writes of the other instances, which arrive over the
 * event bus (LISTEN/NOTIFY on the live rooms' channel) as `{ from, writes }` once committed.
 */
const requestScope = new AsyncLocalStorage<FastifyRequest>();

export const CACHE_TOPIC = "readCache";
/** Pairs of organisation (null: every one) and table (null: every table). */
type CacheMessage = { from: string; writes?: [string | null, string | null][]; all?: boolean };

// Far below the bus's 7000-byte limit: a pair is about 60 bytes.
const MAX_PAIRS = 80;

/**
 * The organisation a write is attributed to: the signed-in caller's on a non-public route. Public
 * routes (sign-up, invitation links) may create or join another organisation, so their writes count
 * for every one, as do writes outside any request.
 */
function orgOfCurrentRequest(): string | undefined {
  const request = requestScope.getStore();
  if (!request || request.routeOptions?.config?.public === true) return undefined;
  return request.auth?.orgId;
}

export function createReadCache(app: FastifyInstance, db: Db, bus: EventBus, maxBytes: number): ReadCache {
  db.writes.currentOrg = orgOfCurrentRequest;
  // Everything after onRequest (auth, handler, hooks) runs inside the request's scope.
  app.addHook("onRequest", (request, _reply, done) => requestScope.run(request, done));
  if (db.engine !== "postgres" || maxBytes <= 0) return new ReadCache(db.writes, maxBytes);

  const instance = randomUUID();
  let listening = false;
  const unsubscribe = bus.subscribe(
    CACHE_TOPIC,
    (message) => {
      const { from, writes, all } = message as CacheMessage;
      if (from === instance) return;
      if (all) db.writes.bumpAll();
      else db.writes.bump((writes ?? []).map(([org, table]) => ({ org: org ?? undefined, table })));
    },
    // Messages may have been missed while the listener was away: nothing cached before is trusted.
    () => db.writes.bumpAll(),
  );
  const listen = bus.ready().then(
    () => {
      listening = true;
    },
    (error: unknown) => app.log.error({ err: error }, "read cache: no event bus, reads stay uncached"),
  );
  // Serving starts with the cache on (the listener is up within milliseconds on a healthy database).
  app.addHook("onReady", async () => listen);

  let pending: Write[] = [];
  const stopFollowing = db.writes.onCommitted((writes) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(...writes);
  });
  const flush = () => {
    const message = messageFor(instance, pending);
    pending = [];
    bus.publish(CACHE_TOPIC, message).catch((error: unknown) => {
      // The others may now serve a stale answer until their next miss; make it visible.
      app.log.error({ err: error }, "read cache: could not tell the other instances about a write");
    });
  };
  app.addHook("onClose", async () => {
    unsubscribe();
    stopFollowing();
  });
  return new ReadCache(db.writes, maxBytes, () => listening && (bus.listening?.() ?? true));
}

/** Coalesces a tick's writes into one message: distinct pairs, or whole organisations, or everything. */
export function messageFor(from: string, writes: readonly Write[]): CacheMessage {
  const pairs = new Set(writes.map((w) => JSON.stringify([w.org ?? null, w.table])));
  if (pairs.size <= MAX_PAIRS) return { from, writes: [...pairs].map((p) => JSON.parse(p)) };
  const orgs = new Set(writes.map((w) => w.org ?? null));
  if (orgs.size <= MAX_PAIRS && !orgs.has(null)) return { from, writes: [...orgs].map((o) => [o, null]) };
  return { from, all: true };
}

/**
 * A CLI command on PostgreSQL (rollup rebuild, restore, demo) writes beside running servers that
 * cache: when it wrote anything, closing its database tells them to forget every cached answer.
 */
export function tellingServers(db: Db): Db {
  if (db.engine !== "postgres") return db;
  let wrote = false;
  db.writes.onCommitted(() => {
    wrote = true;
  });
  return {
    ...db,
    close: async () => {
      if (wrote) {
        const message: CacheMessage = { from: "cli", all: true };
        const payload = encodeMessage(CACHE_TOPIC, message);
        await sql`select pg_notify(${busChannel(db.pgSchema)}, ${payload})`
          .execute(db.kysely)
          .catch(() => {});
      }
      await db.close();
    },
  };
}
