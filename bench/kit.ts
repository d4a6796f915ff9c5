/**
 * What every benchmark shares: the app with a signed-in person, load at 50 connections (autocannon)
 * against the bare Fastify route measured in the same run (the floor), and percentiles.
 */
import autocannon from "autocannon";
import Fastify from "fastify";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import type { Db } from "../src/server/db/connect.ts";
import { startSession } from "../src/server/platform/auth/sessions.ts";

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
/** 50 is the targets' load; BENCH_CONNECTIONS=1 shows each route's service time. */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export type Load = { rps: number; p50: number; p99: number; timeouts: number };

/** `[<id>]` in the URL becomes a fresh id per request (autocannon's idReplacement): unknown parameters. */
export async function measureLoad(url: string, headers: Record<string, string> = {}): Promise<Load> {
  // The load is generated in a worker thread: sharing the server's event loop would add the client's
  // work to every latency measured (floor and routes alike).
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers,
    workers: 1,
    idReplacement: url.includes("[<id>]"),
  });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses`);
  // Requests still unanswered after autocannon's 10 s timeout count as errors: report, don't hide them.
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    timeouts: result.errors,
  };
}

/** A bare Fastify JSON route: the app-free floor every ratio is taken against. */
export function floorApp() {
  const floor = Fastify();
  floor.get("/floor", async () => ({ ok: true }));
  return floor;
}

/** The floor under the same load as the routes. */
export async function measureFloor(): Promise<Load> {
  const floor = floorApp();
  const url = await floor.listen({ port: 0, host: "127.0.0.1" });
  const load = await measureLoad(`${url}/floor`);
  await floor.close();
  return load;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * `BENCH_CACHE=off` bypasses the read cache on purpose (READ_CACHE_BYTES=0): every bench then measures
 * what the database and serialisation cost, not memory.
 */
export const CACHE_OFF = process.env.BENCH_CACHE === "off";

/** The whole app on `db` without rate limits, and a session of `person` (its cookie). */
export async function benchApp(
  db: Db,
  person: { id: string; orgId: string },
  options: { cache?: boolean } = {},
) {
  const cache = options.cache ?? !CACHE_OFF;
  const config = {
    ...loadConfig({ LOG_LEVEL: "silent" }),
    rateLimitPerMinute: 100_000_000,
    ...(cache ? {} : { readCacheBytes: 0 }),
  };
  const app = await buildApp({ config, db, logger: false });
  await app.ready();
  const { token } = await startSession(db.kysely, config, person);
  return { app, config, token, cookie: `periphery_session=${token}` };
}
