/**
 * `npx tsx bench/cache.ts`: the read cache's worth — board, deal list and a cell's insights on the
 * medium demo at 50 connections, each cached, cached with a random unknown parameter per request (the
 * raw-URL key of old missed every one of these), and uncached (READ_CACHE_BYTES=0), as ratios to the
 * bare Fastify floor measured in the same run.
 *
 * SQLite by default (the demo is generated once into `bench/.data/medium.db`);
 * `BENCH_DATABASE_URL=postgres://…?schema=bench_cache` runs it on PostgreSQL (generated once there).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { createDb, migrateToLatest } from "../src/server/db/connect.ts";
import { generateDemo } from "../src/server/demo/generate.ts";
import { DEMO_STEWARD } from "../src/server/demo/names.ts";
import { csrfTokenFor } from "../src/server/platform/auth/plugin.ts";
import { resolveSession } from "../src/server/platform/auth/sessions.ts";
import { benchApp, CONNECTIONS, DURATION_S, type Load, measureFloor, measureLoad } from "./kit.ts";

const FILE = join(import.meta.dirname, ".data", "medium.db");
const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${FILE}`;
const db = createDb(url);
await migrateToLatest(db);
const k = db.kysely;
const existing = await k
  .selectFrom("person")
  .select("id")
  .where("email", "=", DEMO_STEWARD.email)
  .executeTakeFirst();
if (!existing || (url.startsWith("sqlite:") && !existsSync(FILE))) {
  const started = Date.now();
  console.log(`generating the medium demo into ${url.split("?")[0]} (once; reused afterwards) …`);
  await generateDemo(db, { size: "medium" });
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
const steward = await k
  .selectFrom("person")
  .select(["id", "orgId"])
  .where("email", "=", DEMO_STEWARD.email)
  .executeTakeFirstOrThrow();
const busiest = await k
  .selectFrom("deal")
  .select(["cellId", k.fn.countAll<number>().as("deals")])
  .where("orgId", "=", steward.orgId)
  .groupBy("cellId")
  .orderBy("deals", "desc")
  .limit(1)
  .executeTakeFirstOrThrow();
const deals = (await sql<{ n: number }>`select count(*) as n from "deal"`.execute(k)).rows[0].n;

const floor = await measureFloor();
const cell = busiest.cellId;
const routes: [string, string][] = [
  ["board", `/api/cells/${cell}/board`],
  ["deal list", `/api/deals?cellId=${cell}&outcome=open&sort=amount&dir=desc&limit=50`],
  ["insights of the cell", `/api/insights/cells/${cell}`],
];
console.log(
  `${db.engine}, medium demo: ${deals} deals, busiest cell ${busiest.deals} deals; ${CONNECTIONS} connections, ${DURATION_S} s each`,
);
console.log(
  `${"route".padEnd(44)} ${"req/s".padStart(7)} ${"ratio".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)}`,
);
const row = (name: string, r: Load) =>
  console.log(
    `${name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} ${(r.rps / floor.rps).toFixed(3).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)}${r.timeouts ? ` (${r.timeouts} timeouts)` : ""}`,
  );
row("floor (bare Fastify JSON route)", floor);

for (const cache of [true, false]) {
  const { app, config, token } = await benchApp(db, steward, { cache });
  const appUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  const auth = await resolveSession(k, config, token);
  if (!auth) throw new Error("the bench session did not resolve");
  const headers = {
    cookie: `periphery_session=${token}`,
    "x-csrf-token": csrfTokenFor(app.csrfSecret, auth),
    "accept-encoding": "gzip, deflate, br",
  };
  for (const [name, route] of routes) {
    if (cache) {
      row(`${name}, cached`, await measureLoad(`${appUrl}${route}`, headers));
      const noise = `${route}${route.includes("?") ? "&" : "?"}utm=[<id>]`;
      row(`${name}, cached, unknown parameter per request`, await measureLoad(`${appUrl}${noise}`, headers));
    } else row(`${name}, uncached`, await measureLoad(`${appUrl}${route}`, headers));
  }
  if (cache) {
    const { hits, misses } = app.readCache.stats;
    console.log(
      `cache: ${hits} hits, ${misses} misses, ${app.readCache.size} entries, ${app.readCache.bytes} bytes`,
    );
  }
  await app.close();
}
await db.close();
