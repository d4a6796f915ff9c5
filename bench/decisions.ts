/**
 * Decision-log search over 100,000 decisions on SQLite (issue 4, acceptance 5: p50 under 50 ms).
 * The decisions come from the demo generator at its large size, written once into
 * `bench/.data/decisions.db` next to a small demo organisation (its people, cells and customers) and
 * reused afterwards. Each query goes through the HTTP route (auth, validation, serialisation) with
 * `app.inject`, so the figure is what a client waits for minus the network.
 *
 *   npx tsx bench/decisions.ts            (ROUNDS=20 by default)
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createDb, migrateToLatest } from "../src/server/db/connect.ts";
import { generateDecisions } from "../src/server/demo/decisions.ts";
import { generateDemo } from "../src/server/demo/generate.ts";
import { benchApp, percentile } from "./kit.ts";

const DIR = join(import.meta.dirname, ".data");
const FILE = join(DIR, "decisions.db");
const ROUNDS = Number(process.env.ROUNDS ?? 20);

mkdirSync(DIR, { recursive: true });
const fresh = !existsSync(FILE);
const db = createDb(`sqlite:${FILE}`);
await migrateToLatest(db);
const k = db.kysely;
if (fresh) {
  const started = Date.now();
  console.log(`generating 100,000 decisions into ${FILE} (once; reused afterwards) …`);
  const demo = await generateDemo(db, { size: "small" });
  const cells = await k
    .selectFrom("cell")
    .select(["id", "name", "kind"])
    .where("orgId", "=", demo.orgId)
    .execute();
  const members = await k
    .selectFrom("cellMember")
    .select(["cellId", "personId"])
    .where("orgId", "=", demo.orgId)
    .execute();
  await k.transaction().execute((trx) =>
    generateDecisions(trx, {
      orgId: demo.orgId,
      size: "large",
      seed: 2,
      today: Date.now(),
      cells,
      members,
    }),
  );
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const org = await k.selectFrom("organisation").select("id").executeTakeFirstOrThrow();
const decided = Number(
  (
    await k
      .selectFrom("proposal")
      .select(k.fn.countAll<number>().as("n"))
      .where("orgId", "=", org.id)
      .where("decidedAt", "is not", null)
      .executeTakeFirstOrThrow()
  ).n,
);
const someone = await k
  .selectFrom("person")
  .select(["id", "orgId"])
  .where("orgId", "=", org.id)
  .executeTakeFirstOrThrow();
const cell = await k
  .selectFrom("proposal")
  .select("cellId")
  .where("orgId", "=", org.id)
  .executeTakeFirstOrThrow();
const account = await k
  .selectFrom("proposalLink")
  .select("targetId")
  .where("orgId", "=", org.id)
  .where("type", "=", "account")
  .executeTakeFirstOrThrow();

const { app, cookie } = await benchApp(db, someone);

// What people type into the log's search box, with and without filters; the last two match nothing,
// so they read every decision (the worst case).
const queries = [
  "q=rabatt",
  "q=Messestand",
  "q=zahlungsziel",
  "q=pilotprojekt",
  "q=notebooks",
  "q=tandem&kind=consent",
  "q=rabatt&kind=advice",
  `q=rabatt&cellId=${cell.cellId}`,
  "q=rabatt&from=2025-01-01&to=2025-06-30",
  "kind=consent",
  `cellId=${cell.cellId}`,
  "linkType=guardrail&linkId=discount",
  `linkType=account&linkId=${account.targetId}`,
  "from=2025-03-01&to=2025-03-31",
  "q=gegen%20den%20rat",
  "q=keinetrefferhier",
  "q=keinetrefferhier&kind=consent",
];

const timings: number[] = [];
const perQuery = new Map<string, number[]>();
for (let round = 0; round < ROUNDS + 1; round++) {
  for (const query of queries) {
    const started = process.hrtime.bigint();
    const response = await app.inject({
      method: "GET",
      url: `/api/decision-log?limit=50&${query}`,
      headers: { cookie },
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
    if (round === 0) continue; // warm-up
    timings.push(ms);
    perQuery.set(query, [...(perQuery.get(query) ?? []), ms]);
  }
}
console.log(
  `decision log on SQLite: ${decided.toLocaleString("en")} decisions, ${ROUNDS} rounds of ${queries.length} queries`,
);
console.log("query                                               p50 ms   max ms");
for (const [query, values] of perQuery)
  console.log(
    `${query.slice(0, 50).padEnd(50)} ${percentile(values, 50).toFixed(2).padStart(7)} ${Math.max(...values)
      .toFixed(2)
      .padStart(8)}`,
  );
const p50 = percentile(timings, 50);
console.log(
  `all queries: p50 ${p50.toFixed(2)} ms, p95 ${percentile(timings, 95).toFixed(2)} ms (target p50 < 50 ms)`,
);
await app.close();
await db.close();
if (p50 >= 50) process.exitCode = 1;
