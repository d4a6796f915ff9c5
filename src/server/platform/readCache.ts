import { AsyncLocalStorage } from "node:async_hooks";
import { gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Database } from "../db/schema.ts";
import type { WriteLog } from "../db/writeLog.ts";

/**
 * Kept encoded: a hit costs no UTF-8 encoding of an 80 kB board, and its gzip form (about a tenth of
 * the bytes, made on the first request that accepts it) is compressed once per version, not per answer.
 */
export class CachedBody {
  #gzip: Buffer | undefined;
  /** Told the gzip form's size once it exists, while the body is in the cache (its byte count). */
  onGzip: ((bytes: number) => void) | undefined;

  constructor(readonly json: Buffer) {}

  get gzip(): Buffer {
    if (!this.#gzip) {
      this.#gzip = gzipSync(this.json, { level: 6 });
      this.onGzip?.(this.#gzip.length);
    }
    return this.#gzip;
  }
}

type Entry = { version: number; body: CachedBody; bytes: number };

/** What a cached read declared it reads; tests compare it with the SQL the read actually runs. */
export const cachedReadScope = new AsyncLocalStorage<{ tables: readonly (keyof Database)[] }>();

// Map bookkeeping and the key's characters, roughly: it keeps tiny entries from looking free.
const ENTRY_OVERHEAD = 200;

/**
 * Serialised answers of hot reads (the pipeline board, deal lists, insights), shared by everyone in an
 * organisation — possible because everyone sees the same data (PRODUCT.md rule 5: transparent by
 * default, no per-person views). An entry is served only while none of the tables it was read from has
 * been written for its organisation since ({@link WriteLog}); otherwise it is read again. Bounded in
 * bytes (JSON plus gzip form), least recently used first out. On PostgreSQL the write log also hears
 * the other instances' writes (readCacheSync.ts); while it cannot, `active` is false and every read
 * goes to the database.
 */
export class ReadCache {
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, { version: number; body: Promise<CachedBody> }>();
  #bytes = 0;
  /** Answers served from memory and read from the database while caching (tests, the bench). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly writes: WriteLog,
    readonly maxBytes: number,
    private readonly active: () => boolean = () => true,
  ) {}

  /** Bytes held now (JSON and gzip forms with their overhead); never above `maxBytes`. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  async json(
    org: string,
    key: string,
    tables: readonly (keyof Database)[],
    read: () => Promise<string>,
  ): Promise<CachedBody> {
    const load = async () => new CachedBody(Buffer.from(await cachedReadScope.run({ tables }, read)));
    if (this.maxBytes <= 0 || !this.active()) return load();
    // Read the version before the data: a write while `read` awaits makes the entry stale at once.
    const version = this.writes.versionOf(org, tables);
    const fullKey = `${org}\n${key}`;
    const entry = this.#entries.get(fullKey);
    if (entry) {
      this.#entries.delete(fullKey);
      if (entry.version === version) {
        this.#entries.set(fullKey, entry);
        this.stats.hits++;
        return entry.body;
      }
      this.#release(entry);
    }
    // Concurrent misses of one key at one version share one read (50 requests for a board that just
    // changed would otherwise each run the board's queries).
    const inFlight = this.#loading.get(fullKey);
    if (inFlight && inFlight.version === version) {
      this.stats.hits++;
      return inFlight.body;
    }
    this.stats.misses++;
    const loading = load();
    this.#loading.set(fullKey, { version, body: loading });
    let body: CachedBody;
    try {
      body = await loading;
    } finally {
      if (this.#loading.get(fullKey)?.body === loading) this.#loading.delete(fullKey);
    }
    // Another request may have stored the same key while this one read.
    const raced = this.#entries.get(fullKey);
    if (raced) {
      this.#entries.delete(fullKey);
      this.#release(raced);
    }
    const stored: Entry = { version, body, bytes: body.json.length + fullKey.length + ENTRY_OVERHEAD };
    if (stored.bytes > this.maxBytes / 4) return body;
    body.onGzip = (bytes) => {
      stored.bytes += bytes;
      this.#bytes += bytes;
      this.#evict();
    };
    this.#entries.set(fullKey, stored);
    this.#bytes += stored.bytes;
    this.#evict();
    return body;
  }

  #evict(): void {
    for (const [key, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) return;
      this.#entries.delete(key);
      this.#release(entry);
    }
  }

  #release(entry: Entry): void {
    entry.body.onGzip = undefined;
    this.#bytes -= entry.bytes;
  }
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` make the same key. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * The route's pattern with its validated parameters and query: zod has dropped parameters the route
 * does not know and applied the defaults, so `?perColumn=20&x=1` and `` are the same entry.
 */
export function cacheKeyOf(request: FastifyRequest, extra = ""): string {
  return `${request.method} ${request.routeOptions.url}\n${canonicalJson(request.params ?? {})}\n${canonicalJson(request.query ?? {})}\n${extra}`;
}

const acceptsGzip = (request: FastifyRequest) => /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");

/**
 * Send a read through the cache, serialised by the route's own response schema, gzipped if accepted.
 * `keyExtra` adds what the answer depends on beyond parameters and query (the day, for insights).
 */
export async function sendCached<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  read: {
    tables: readonly (keyof Database)[];
    schema: S;
    load: () => Promise<z.output<S>>;
    keyExtra?: string;
  },
) {
  const orgId = request.auth?.orgId;
  if (!orgId) throw new Error("sendCached serves signed-in requests only");
  const body = await request.server.readCache.json(
    orgId,
    cacheKeyOf(request, read.keyExtra),
    read.tables,
    async () => JSON.stringify(read.schema.encode(await read.load())),
  );
  // Bytes are sent as they are: Fastify serialises only objects.
  reply.type("application/json; charset=utf-8").header("vary", "accept-encoding");
  if (acceptsGzip(request)) return reply.header("content-encoding", "gzip").send(body.gzip);
  return reply.send(body.json);
}
