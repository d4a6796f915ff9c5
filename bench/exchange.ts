/**
 * Live room fan-out (issue 5, acceptance 7): 300 participants (websocket clients) in one session on
 * one server (SQLite, its own process); one of them votes repeatedly. For each vote: the time from
 * sending it until every one of the 300 clients has received its event — p50 and p99 — and the
 * server's memory per connection (RSS and heap after connecting, minus before, divided by 300).
 * The clients share this process, so the figure includes their own message handling (an upper bound).
 *
 *   npx tsx bench/exchange.ts            (VOTES=200, PARTICIPANTS=300 by default)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/server/config.ts";
import { createDb, migrateToLatest } from "../src/server/db/connect.ts";
import { generateDemo } from "../src/server/demo/generate.ts";
import { LiveClient, liveUrl } from "../src/server/modules/exchange/liveTestKit.ts";
import { startSession } from "../src/server/platform/auth/sessions.ts";

const PARTICIPANTS = Number(process.env.PARTICIPANTS ?? 300);
const VOTES = Number(process.env.VOTES ?? 200);
// Under the per-socket limit of 30 messages per second.
const PAUSE_MS = 40;

const dir = mkdtempSync(join(tmpdir(), "periphery-bench-exchange-"));
const databaseUrl = `sqlite:${join(dir, "bench.db")}`;
const db = createDb(databaseUrl);
await migrateToLatest(db);
const demo = await generateDemo(db, { size: "medium" });
console.log(`demo generated; starting ${PARTICIPANTS} sessions and the server …`);
const people = await db.kysely
  .selectFrom("person")
  .select("id")
  .where("orgId", "=", demo.orgId)
  .limit(PARTICIPANTS)
  .execute();
if (people.length < PARTICIPANTS) throw new Error(`the demo has only ${people.length} people`);
const config = loadConfig({ LOG_LEVEL: "silent" });
const cookies: string[] = [];
for (const person of people) {
  const { token } = await startSession(db.kysely, config, { id: person.id, orgId: demo.orgId });
  cookies.push(`periphery_session=${token}`);
}
await db.close();

const server: ChildProcess = spawn(
  process.execPath,
  [
    "--expose-gc",
    "--import",
    "tsx",
    fileURLToPath(new URL("../src/server/modules/exchange/liveTestServer.ts", import.meta.url)),
  ],
  {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LIVE_REGISTRY: JSON.stringify({ bench: { orgId: demo.orgId } }),
    },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  },
);
// Never leave the server behind when the bench fails.
process.on("exit", () => server.kill());
const base = await new Promise<string>((resolve, reject) => {
  let out = "";
  server.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    const match = /LISTENING (\S+)/.exec(out);
    if (match) resolve(match[1]);
  });
  server.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
});
const serverMemory = () =>
  new Promise<NodeJS.MemoryUsage>((resolve) => {
    server.once("message", (m) => resolve(m as NodeJS.MemoryUsage));
    server.send("memory");
  });

// One warm-up participant loads the room, so the memory delta is the connections, not the room.
const warm = await LiveClient.open(liveUrl(base, "bench"), cookies[0]);
await warm.until(() => warm.messages.some((m) => m.type === "welcome"));
// The first collection returns start-up garbage to the system; measure from the settled state after it.
await serverMemory();
await new Promise((resolve) => setTimeout(resolve, 500));
const before = await serverMemory();
const clients: LiveClient[] = [];
for (let i = 0; i < PARTICIPANTS; i += 50)
  clients.push(
    ...(await Promise.all(
      cookies.slice(i, i + 50).map((cookie) => LiveClient.open(liveUrl(base, "bench"), cookie)),
    )),
  );
await Promise.all(clients.map((c) => c.until(() => c.messages.some((m) => m.type === "welcome"), 30_000)));
const after = await serverMemory();
console.log(`${PARTICIPANTS} participants connected; voting …`);

// Latency of one vote: from send until the last client has its event.
const voter = clients[0];
const latencies: number[] = [];
for (let i = 0; i < VOTES; i++) {
  const seq = voter.seq + 1;
  const started = performance.now();
  voter.send({ type: "vote", topic: `topic-${i % 6}` });
  await Promise.all(clients.map((c) => c.until(() => c.seq >= seq, 10_000)));
  latencies.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}
const refused = voter.errors().length;
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
const perConnection = (field: "rss" | "heapUsed") =>
  ((after[field] - before[field]) / PARTICIPANTS / 1024).toFixed(1);
console.log(
  `exchange live room: ${PARTICIPANTS} participants, ${VOTES} votes (${refused} refused) on one server (SQLite)`,
);
console.log(
  `  fan-out send → all ${PARTICIPANTS} received: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
);
console.log(
  `  server memory per connection: RSS ${perConnection("rss")} KiB, heap ${perConnection("heapUsed")} KiB`,
);

await Promise.all([warm, ...clients].map((c) => c.close()));
await new Promise<void>((resolve) => {
  server.once("exit", () => resolve());
  server.kill("SIGTERM");
});
rmSync(dir, { recursive: true, force: true });
