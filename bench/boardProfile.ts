/**
 * `node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/boardProfile.ts`: the uncached board of the
 * busiest cell, asked one request at a time (BENCH_REQUESTS, default 300) over app.inject, so a CPU
 * profile shows what one uncached board costs. Reads the demo of bench/cache.ts (run that first) or
 * BENCH_DATABASE_URL. Prints the mean service time.
 */
import { join } from "node:path";
import { createDb } from "../src/server/db/connect.ts";
import { DEMO_STEWARD } from "../src/server/demo/names.ts";
import { benchApp } from "./kit.ts";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const db = createDb(
  process.env.BENCH_DATABASE_URL ?? `sqlite:${join(import.meta.dirname, ".data", "medium.db")}`,
);
const k = db.kysely;
const steward = await k
  .selectFrom("person")
  .select(["id", "orgId"])
  .where("email", "=", DEMO_STEWARD.email)
  .executeTakeFirstOrThrow();
const { cellId } = await k
  .selectFrom("deal")
  .select(["cellId", k.fn.countAll<number>().as("deals")])
  .where("orgId", "=", steward.orgId)
  .groupBy("cellId")
  .orderBy("deals", "desc")
  .limit(1)
  .executeTakeFirstOrThrow();
const { app, cookie } = await benchApp(db, steward, { cache: false });
const ask = async () => {
  const response = await app.inject({
    method: "GET",
    url: `/api/cells/${cellId}/board`,
    headers: { cookie },
  });
  if (response.statusCode !== 200) throw new Error(`board answered ${response.statusCode}`);
};
for (let i = 0; i < 20; i++) await ask();
const started = performance.now();
for (let i = 0; i < REQUESTS; i++) await ask();
console.log(
  `${db.engine}: uncached board, ${((performance.now() - started) / REQUESTS).toFixed(2)} ms per request`,
);
await app.close();
await db.close();
