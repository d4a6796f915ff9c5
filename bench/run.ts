/**
 * `npm run bench`: throughput of the main read routes on the medium demo organisation (SQLite),
 * printed as a ratio against a bare Fastify JSON route measured in the same run (the floor), so the
 * numbers compare across machines. Never run by `npm test`. Then runs `bench/customers.ts` (board and
 * deal list on the large demo, generated once into `bench/.data/large.db`) and `bench/decisions.ts`
 * (decision-log search over 100,000 decisions, generated once into `bench/.data/decisions.db`) and
 * `bench/exchange.ts` (live room fan-out to 300 websocket participants).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Fastify from "fastify";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { createDb, migrateToLatest } from "../src/server/db/connect.ts";
import { generateDemo } from "../src/server/demo/generate.ts";
import { csrfTokenFor } from "../src/server/platform/auth/plugin.ts";
import { resolveSession, startSession } from "../src/server/platform/auth/sessions.ts";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

async function measure(url: string, headers: Record<string, string> = {}) {
  // Load from a worker thread, so the client's work is not on the server's event loop.
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers,
    workers: 1,
  });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

const floorApp = Fastify();
floorApp.get("/floor", async () => ({ ok: true }));
const floorUrl = await floorApp.listen({ port: 0, host: "127.0.0.1" });
const floor = await measure(`${floorUrl}/floor`);
await floorApp.close();

const dir = mkdtempSync(join(tmpdir(), "periphery-bench-"));
const config = { ...loadConfig({ LOG_LEVEL: "silent" }), rateLimitPerMinute: 100_000_000 };
const db = createDb(`sqlite:${join(dir, "bench.db")}`);
await migrateToLatest(db);
const demo = await generateDemo(db, { size: "medium" });
const app = await buildApp({ config, db, logger: false });
const appUrl = await app.listen({ port: 0, host: "127.0.0.1" });
const { token } = await startSession(db.kysely, config, { id: demo.stewardId, orgId: demo.orgId });
const auth = await resolveSession(db.kysely, config, token);
if (!auth) throw new Error("the bench session did not resolve");
const headers = { cookie: `periphery_session=${token}`, "x-csrf-token": csrfTokenFor(app.csrfSecret, auth) };

const routes = [
  "/api/auth/session",
  "/api/org",
  "/api/cells?limit=50",
  "/api/people?limit=50",
  "/api/people?limit=50&q=mann",
  "/api/audit?limit=50",
];
console.log(`floor (bare Fastify JSON route): ${floor.rps.toFixed(0)} req/s, p99 ${floor.p99} ms`);
console.log(
  `medium demo: ${demo.people} people, ${demo.cells} cells; ${CONNECTIONS} connections, ${DURATION_S} s each`,
);
console.log("route                              req/s   ratio to floor   p99 ms");
for (const route of routes) {
  const r = await measure(`${appUrl}${route}`, headers);
  console.log(
    `${route.padEnd(34)} ${r.rps.toFixed(0).padStart(6)}   ${(r.rps / floor.rps).toFixed(3).padStart(14)}   ${String(r.p99).padStart(6)}`,
  );
}
await app.close();
await db.close();
rmSync(dir, { recursive: true, force: true });

await import("./customers.ts");
await import("./decisions.ts");
await import("./exchange.ts");
await import("./library.ts");
await import("./insights.ts");
