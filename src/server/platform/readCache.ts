import type { FastifyReply } from "fastify";
import type { z } from "zod";
import type { WriteLog } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";

/** Kept encoded: a hit then costs no UTF-8 encoding of a board of 80 kB. */
type Entry = { version: number; body: Buffer };

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

  async json(key: string, tables: readonly (keyof Database)[], read: () => Promise<string>): Promise<Buffer> {
    if (!this.writes) return Buffer.from(await read());
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
    const body = Buffer.from(await read());
    if (this.#entries.size >= this.capacity)
      this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.set(key, { version, body });
    return body;
  }
}

/** Send a read through the cache, serialised by the route's own response schema. */
export async function sendCached<S extends z.ZodType>(
  reply: FastifyReply,
  cache: ReadCache,
  read: { key: string; tables: readonly (keyof Database)[]; schema: S; load: () => Promise<z.output<S>> },
) {
  const body = await cache.json(read.key, read.tables, async () =>
    JSON.stringify(read.schema.encode(await read.load())),
  );
  // Bytes are sent as they are: Fastify serialises only objects.
  return reply.type("application/json; charset=utf-8").send(body);
}
