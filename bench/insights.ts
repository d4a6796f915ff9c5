/**
 * `npx tsx bench/insights.ts` (also run by `npm run bench`): a cell's insights page data on the large
 * demo organisation (≥ 1,000,000 deals) in SQLite at 50 concurrent connections, against a bare Fastify
 * JSON route measured in the same run (the floor), and the time of a deal write that moves the rollup.
 * Target (issue 7, acceptance 4): insights p50 < 30 ms and p99 < 150 ms; a deal write p50 < 5 ms.
 *
 * Rows:
 * - the cell's page by month and by week, and the organisation's page — answered from the read cache
 *   while nothing they read changes;
 * - the cell's page while a colleague moves a deal of that cell ten times a second (every move
 *   invalidates the cache, so the answer is read from the rollup again every tenth of a second);
 * - the page read straight from the rollup, no cache, one request at a time (the service time);
 * - a deal moved between an open stage and "won" (triggers: board totals and the insights rollup),
 *   one request at a time over HTTP, and the same UPDATE alone in the database.
 *
 * Uses `bench/.data/large.db` like bench/customers.ts (generated once if missing; delete it after a
 * change to the generator). The rollup triggers are re-created from the current rollupSql.ts on every
 * run, so a reused database measures the triggers of the code at hand.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createDb, migrateToLatest } from "../src/server/db/connect.ts";
import { generateDemo } from "../src/server/demo/generate.ts";
import { DEMO_STEWARD } from "../src/server/demo/names.ts";
import { loadInsights } from "../src/server/modules/insights/queries.ts";
import { recreateRollupTriggers } from "../src/server/modules/insights/rollupTriggers.ts";
import { csrfTokenFor } from "../src/server/platform/auth/plugin.ts";
import { resolveSession } from "../src/server/platform/auth/sessions.ts";
import {
  benchApp,
  CONNECTIONS,
  DURATION_S,
  type Load,
  measureFloor,
  measureLoad,
  percentile,
} from "./kit.ts";

const WRITES = Number(process.env.BENCH_WRITES ?? 300);
/** BENCH_INSIGHTS_DB points at another SQLite file (e.g. a medium demo) for a quick run. */
const FILE = process.env.BENCH_INSIGHTS_DB ?? join(import.meta.dirname, ".data", "large.db");

const fresh = !existsSync(FILE);
const db = createDb(`sqlite:${FILE}`);
await migrateToLatest(db);
if (fresh) {
  const started = Date.now();
  console.log(`generating the large demo into ${FILE} (once; reused afterwards) …`);
  await generateDemo(db, { size: "large" });
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
await recreateRollupTriggers(db.kysely, "sqlite");
const k = db.kysely;
const steward = await k
  .selectFrom("person")
  .select(["id", "orgId"])
  .where("email", "=", DEMO_STEWARD.email)
  .executeTakeFirstOrThrow();
const deals = Number(
  (await k.selectFrom("deal").select(k.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
);
// The busiest cell by the board totals (no scan of the deals).
const busiest = await k
  .selectFrom("dealTotal")
  .select(["cellId", k.fn.sum<number>("count").as("deals")])
  .where("orgId", "=", steward.orgId)
  .groupBy("cellId")
  .orderBy("deals", "desc")
  .limit(1)
  .executeTakeFirstOrThrow();
const cell = busiest.cellId;
const rollupRows = Number(
  (await k.selectFrom("insightRollup").select(k.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
);

const floor = await measureFloor();

const { app, config, token } = await benchApp(db, steward);
const appUrl = await app.listen({ port: 0, host: "127.0.0.1" });
const auth = await resolveSession(db.kysely, config, token);
if (!auth) throw new Error("the bench session did not resolve");
const headers = {
  cookie: `periphery_session=${token}`,
  "x-csrf-token": csrfTokenFor(app.csrfSecret, auth),
  "accept-encoding": "gzip, deflate, br",
};

const stages = await k
  .selectFrom("pipelineStage")
  .select(["id", "outcome"])
  .where("orgId", "=", steward.orgId)
  .orderBy("position")
  .execute();
const openStage = stages.find((s) => s.outcome === "open")?.id as string;
const wonStage = stages.find((s) => s.outcome === "won")?.id as string;
const openDeal = await k
  .selectFrom("deal")
  .select(["id", "version"])
  .where("orgId", "=", steward.orgId)
  .where("cellId", "=", cell)
  .where("stageId", "=", openStage)
  .limit(2)
  .execute();

/** Moves a deal open ⇄ won over HTTP; returns the request's latency in ms. */
let version = openDeal[0].version;
let moves = 0;
async function move(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${appUrl}/api/deals/${openDeal[0].id}/stage`, {
    method: "PUT",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ stageId: moves % 2 === 0 ? wonStage : openStage, version }),
  });
  if (!response.ok) throw new Error(`moving the deal: ${response.status} ${await response.text()}`);
  version = (await response.json()).version;
  moves++;
  return performance.now() - started;
}

async function whileDealsMove<T>(work: () => Promise<T>): Promise<{ result: T; moves: number }> {
  const before = moves;
  let running = true;
  const mover = (async () => {
    while (running) {
      await move();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await work();
  running = false;
  await mover;
  return { result, moves: moves - before };
}

console.log(
  `large demo: ${deals} deals, ${rollupRows} rollup rows; busiest cell ${cell} with ${busiest.deals} deals; ` +
    `${CONNECTIONS} connections, ${DURATION_S} s each`,
);
const row = (name: string, r: { rps?: number; p50: number; p99: number; timeouts?: number }, ratio: string) =>
  console.log(
    `${name.padEnd(44)} ${(r.rps?.toFixed(0) ?? "-").padStart(7)} ${ratio.padStart(8)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${String(r.timeouts ?? "-").padStart(8)}`,
  );
console.log(
  `${"route".padEnd(44)} ${"req/s".padStart(7)} ${"ratio".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"timeouts".padStart(8)}`,
);
row("floor (bare Fastify JSON route)", floor, "1.000");

let missed = 0;
const check = (name: string, r: Load) => {
  row(name, r, (r.rps / floor.rps).toFixed(3));
  if (r.p50 >= 30 || r.p99 >= 150 || r.timeouts > 0) missed++;
};
const pages: [string, string][] = [
  ["cell insights by month", `/api/insights/cells/${cell}?grain=month`],
  ["cell insights by week", `/api/insights/cells/${cell}?grain=week`],
  ["organisation insights by month", "/api/insights/org?grain=month"],
];
for (const [name, route] of pages) check(name, await measureLoad(`${appUrl}${route}`, headers));
{
  const { result, moves: n } = await whileDealsMove(() => measureLoad(`${appUrl}${pages[0][1]}`, headers));
  check(`cell by month, 10 deal moves/s (${n})`, result);
}
{
  // Service time of the uncached read, in process.
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    await loadInsights(k, steward.orgId, cell, { grain: i % 2 ? "week" : "month" }, new Date());
    times.push(performance.now() - started);
  }
  row(
    "cell insights, uncached, one at a time",
    { p50: percentile(times, 50), p99: percentile(times, 99) },
    "-",
  );
}
{
  const http: number[] = [];
  for (let i = 0; i < WRITES; i++) http.push(await move());
  const p50 = percentile(http, 50);
  row(`deal move open⇄won over HTTP (${WRITES})`, { p50, p99: percentile(http, 99) }, "-");
  if (p50 >= 5) missed++;
  const direct: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const started = performance.now();
    await k
      .updateTable("deal")
      .set({
        stageId: i % 2 === 0 ? wonStage : openStage,
        closedAt: i % 2 === 0 ? new Date().toISOString() : null,
      })
      .where("id", "=", openDeal[1]?.id ?? openDeal[0].id)
      .execute();
    direct.push(performance.now() - started);
  }
  row(
    `the same UPDATE in the database (${WRITES})`,
    { p50: percentile(direct, 50), p99: percentile(direct, 99) },
    "-",
  );
}
// Leave the demo as found: the moved deal back in its open stage (its won rows in the rollup go to 0).
if (moves % 2 === 1) await move();
console.log(
  missed === 0
    ? "target met: insights p50 < 30 ms and p99 < 150 ms; deal write p50 < 5 ms"
    : `${missed} measurement(s) miss the target`,
);
await app.close();
await db.close();
