import { gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { WriteLog } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";

/**
 * Kept encoded: a hit costs no UTF-8 encoding of an 80 kB board, and its gzip form (about a tenth of
 * the bytes, made on the first request that accepts it) is compressed once per version, not per answer.
 */
export class CachedBody {
  #gzip: Buffer | undefined;

  constructor(readonly json: Buffer) {}

  get gzip(): Buffer {
    this.#gzip ??= gzipSync(this.json, { level: 6 });
    return this.#gzip;
  }
}

type Entry = { version: number; body: CachedBody };

/**
 * Serialised answers of hot reads (the pipeline board, deal lists), shared by everyone in an
 * organisation — possible because everyone sees the same data (PRODUCT.md rule 5: transparent by
 * default, no per-person views). An entry is served only while none of the tables it was read from
 * has been written since ({@link WriteLog}); otherwise it is read again. Only with SQLite, where this
 * process is the only writer; with PostgreSQL (several app processes) every read goes to the database.
 */
export class ReadCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly writes: WriteLog | undefined,
    private readonly capacity = 500,
  ) {}

  async json(
    key: string,
    tables: readonly (keyof Database)[],
    read: () => Promise<string>,
  ): Promise<CachedBody> {
    if (!this.writes) return new CachedBody(Buffer.from(await read()));
    // Read the version before the data: a write while `read` awaits makes the entry stale at once.
    const version = this.writes.versionOf(tables);
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      if (entry.version === version) {
        this.#entries.set(key, entry);
        return entry.body;
      }
    }
    const body = new CachedBody(Buffer.from(await read()));
    if (this.#entries.size >= this.capacity)
      this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { version, body });
    return body;
  }
}

const acceptsGzip = (request: FastifyRequest) => /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");

/** Send a read through the cache, serialised by the route's own response schema, gzipped if accepted. */
export async function sendCached<S extends z.ZodType>(
  request: FastifyRequest,
  reply: FastifyReply,
  read: { tables: readonly (keyof Database)[]; schema: S; load: () => Promise<z.output<S>> },
) {
  const { orgId } = request.auth ?? {};
  const body = await request.server.readCache.json(`${orgId} ${request.url}`, read.tables, async () =>
    JSON.stringify(read.schema.encode(await read.load())),
  );
  // Bytes are sent as they are: Fastify serialises only objects.
  reply.type("application/json; charset=utf-8").header("vary", "accept-encoding");
  if (acceptsGzip(request)) return reply.header("content-encoding", "gzip").send(body.gzip);
  return reply.send(body.json);
}
