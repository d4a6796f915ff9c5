/**
 * Library search over 50,000 entries on SQLite (issue 6, acceptance 1: p50 under 20 ms). The entries
 * come from the demo generator's library at its large size, written once into
 * `bench/.data/library.db` next to a small demo organisation (its people, cells, customers) and
 * reused afterwards — not the whole large demo (1.1 million deals, ~10 minutes, 3 GB), which adds
 * nothing the search reads. Each query goes through the HTTP route (auth, validation, search,
 * snippets, serialisation) with `app.inject`; the floor is a bare Fastify JSON route called the same way.
 *
 *   npx tsx bench/library.ts            (ROUNDS=20 by default)
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createDb, migrateToLatest } from "../src/server/db/connect.ts";
import { generateDemo } from "../src/server/demo/generate.ts";
import { generateLibrary } from "../src/server/demo/library.ts";
import { benchApp, floorApp, percentile } from "./kit.ts";

const DIR = join(import.meta.dirname, ".data");
const FILE = join(DIR, "library.db");
const ROUNDS = Number(process.env.ROUNDS ?? 20);

mkdirSync(DIR, { recursive: true });
const fresh = !existsSync(FILE);
const db = createDb(`sqlite:${FILE}`);
await migrateToLatest(db);
const k = db.kysely;
if (fresh) {
  const started = Date.now();
  console.log(`generating 50,000 library entries into ${FILE} (once; reused afterwards) …`);
  const demo = await generateDemo(db, { size: "small" });
  await k
    .transaction()
    .execute((trx) => generateLibrary(trx, { orgId: demo.orgId, size: "large", seed: 2, today: Date.now() }));
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const org = await k.selectFrom("organisation").select("id").executeTakeFirstOrThrow();
const count = async (table: "learning" | "libraryQuestion") =>
  Number(
    (
      await k
        .selectFrom(table)
        .select(k.fn.countAll<number>().as("n"))
        .where("orgId", "=", org.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
const entries = await count("learning");
const questions = await count("libraryQuestion");
const someone = await k
  .selectFrom("person")
  .select(["id", "orgId"])
  .where("orgId", "=", org.id)
  .executeTakeFirstOrThrow();
const cell = await k
  .selectFrom("learning")
  .select("careCellId")
  .where("orgId", "=", org.id)
  .where("careCellId", "is not", null)
  .executeTakeFirstOrThrow();

const { app, cookie } = await benchApp(db, someone);

// The acceptance words, common and rare words, filters, and words that match nothing.
const queries = [
  "q=Rabattverhandlung",
  "q=Stadtwerk",
  "q=Verhandlung%20Rabatt",
  "q=negotiation%20discount",
  "q=Ausschreibung",
  "q=Einkauf",
  "q=workshop",
  "q=Kliniken%20Preiserh%C3%B6hung",
  "q=Rabatt&kind=playbook",
  `q=Verhandlung&cellId=${cell.careCellId}`,
  "q=Pilot&tag=pricing",
  "q=Angebot&from=2025-06-01&to=2025-12-31",
  "q=Ausschreibung&type=question",
  "kind=winStory",
  `cellId=${cell.careCellId}`,
  "q=keinetrefferhier",
  "q=W%C3%A4rmepumpe&kind=insight",
];

const floor = floorApp();
await floor.ready();

const timings: number[] = [];
const floorTimings: number[] = [];
const perQuery = new Map<string, number[]>();
const hits = new Map<string, number>();
for (let round = 0; round < ROUNDS + 1; round++) {
  for (const query of queries) {
    const started = process.hrtime.bigint();
    const response = await app.inject({
      method: "GET",
      url: `/api/library/search?limit=20&${query}`,
      headers: { cookie },
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
    const floorStarted = process.hrtime.bigint();
    await floor.inject({ method: "GET", url: "/floor" });
    if (round === 0) {
      hits.set(query, response.json().items.length);
      continue; // warm-up
    }
    floorTimings.push(Number(process.hrtime.bigint() - floorStarted) / 1e6);
    timings.push(ms);
    perQuery.set(query, [...(perQuery.get(query) ?? []), ms]);
  }
}
console.log(
  `library search on SQLite: ${entries.toLocaleString("en")} entries, ${questions.toLocaleString("en")} questions, ${ROUNDS} rounds of ${queries.length} queries (first page of 20)`,
);
console.log("query                                               hits   p50 ms   max ms");
for (const [query, values] of perQuery)
  console.log(
    `${query.slice(0, 50).padEnd(50)} ${String(hits.get(query)).padStart(5)} ${percentile(values, 50).toFixed(2).padStart(8)} ${Math.max(
      ...values,
    )
      .toFixed(2)
      .padStart(8)}`,
  );
const p50 = percentile(timings, 50);
console.log(
  `floor (bare Fastify route, inject): p50 ${percentile(floorTimings, 50).toFixed(3)} ms, p95 ${percentile(floorTimings, 95).toFixed(3)} ms`,
);
console.log(
  `all queries: p50 ${p50.toFixed(2)} ms, p95 ${percentile(timings, 95).toFixed(2)} ms (target p50 < 20 ms)`,
);
await floor.close();
await app.close();
await db.close();
if (p50 >= 20) process.exitCode = 1;
