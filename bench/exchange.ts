/**
 * Live room fan-out (issue 5, acceptance 7): 300 participants (websocket clients) in one Lean Coffee on
 * one server (SQLite, its own process, the whole app): the format and session are made through the
 * HTTP API, the first participant facilitates (six topics, voting open, 10 dots each) and participants
 * take turns dot voting. For each vote: the time from sending it until every one of the 300 clients has
 * received its event with their own view — p50 and p99 — and the server's memory per connection (RSS
 * and heap after connecting, minus before, divided by 300). The clients share this process, so the
 * figure includes their own message handling (an upper bound).
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
import { startSession } from "../src/server/platform/auth/sessions.ts";
import type { Format, SessionPage } from "../src/shared/exchange.ts";
import type { LeanCoffeeView } from "../src/shared/exchangeLive/leanCoffee.ts";
import { LiveClient } from "../test/liveTestKit.ts";

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
  ["--expose-gc", "--import", "tsx", fileURLToPath(new URL("../test/liveTestServer.ts", import.meta.url))],
  {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LIVE_REGISTRY: "{}",
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

// The facilitator makes the format and starts the session over HTTP, as the web app does.
async function post<T>(path: string, body: object): Promise<T> {
  const session = (await (
    await fetch(`${base}/api/auth/session`, { headers: { cookie: cookies[0] } })
  ).json()) as {
    csrfToken: string;
  };
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      cookie: cookies[0],
      "content-type": "application/json",
      "x-csrf-token": session.csrfToken,
      origin: base,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
const format = await post<Format>("/api/exchange/formats", {
  name: "Preise & Rabatte (bench)",
  type: "leanCoffee",
  startsOn: "2026-11-27",
});
const started = await post<SessionPage>(`/api/exchange/formats/${format.id}/sessions`, {
  facilitatorId: people[0].id,
});
const roomUrl = `${base.replace(/^http/, "ws")}/api/exchange/sessions/${started.session.id}/live?after=0`;

// The facilitator loads the room first, so the memory delta is the connections, not the room.
const facilitator = await LiveClient.open(roomUrl, cookies[0]);
await facilitator.until(() => facilitator.messages.some((m) => m.type === "welcome"));
const steps: object[] = [
  { type: "facilitate" },
  {
    type: "configure",
    votesPerPerson: 10,
    hideVotes: false,
    timeboxMinutes: 8,
    extensionMinutes: 4,
    anonymous: false,
  },
  ...[
    "Rabattstaffeln",
    "Stadtwerke-Ausschreibungen",
    "Skonto",
    "Preiserhöhung 2027",
    "Rahmenverträge",
    "Angebotsfristen",
  ].map((title) => ({ type: "propose", title })),
  { type: "openVoting" },
];
for (const step of steps) {
  const seq = facilitator.seq + 1;
  facilitator.send(step);
  await facilitator.until(() => facilitator.seq >= seq || facilitator.errors().length > 0);
}
if (facilitator.errors().length)
  throw new Error(`facilitating failed: ${JSON.stringify(facilitator.errors())}`);
const topicIds = (facilitator.view as LeanCoffeeView).topics.map((t) => t.id);
// The first collection returns start-up garbage to the system; measure from the settled state after it.
await serverMemory();
await new Promise((resolve) => setTimeout(resolve, 500));
const before = await serverMemory();
const clients: LiveClient[] = [];
for (let i = 1; i < PARTICIPANTS; i += 50)
  clients.push(
    ...(await Promise.all(
      cookies.slice(i, Math.min(i + 50, PARTICIPANTS)).map((cookie) => LiveClient.open(roomUrl, cookie)),
    )),
  );
await Promise.all(clients.map((c) => c.until(() => c.messages.some((m) => m.type === "welcome"), 30_000)));
const after = await serverMemory();
const everyone = [facilitator, ...clients];
console.log(`${everyone.length} participants in one Lean Coffee (${topicIds.length} topics); dot voting …`);

// Latency of one vote: from send until the last participant has its event. Each voter has 10 dots.
const latencies: number[] = [];
for (let i = 0; i < VOTES; i++) {
  const voter = clients[Math.floor(i / 10) % clients.length];
  const seq = facilitator.seq + 1;
  const started = performance.now();
  voter.send({ type: "vote", topicId: topicIds[i % topicIds.length] });
  await Promise.all(everyone.map((c) => c.until(() => c.seq >= seq, 10_000)));
  latencies.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}
const refused = clients.reduce((sum, c) => sum + c.errors().length, 0);
latencies.sort((a, b) => a - b);
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
const perConnection = (field: "rss" | "heapUsed") =>
  ((after[field] - before[field]) / PARTICIPANTS / 1024).toFixed(1);
console.log(
  `exchange live room: ${PARTICIPANTS} participants in one Lean Coffee, ${VOTES} dot votes (${refused} refused) on one server (SQLite)`,
);
console.log(
  `  fan-out send → all ${PARTICIPANTS} received: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
);
console.log(
  `  server memory per connection: RSS ${perConnection("rss")} KiB, heap ${perConnection("heapUsed")} KiB`,
);

await Promise.all(everyone.map((c) => c.close()));
await new Promise<void>((resolve) => {
  server.once("exit", () => resolve());
  server.kill("SIGTERM");
});
rmSync(dir, { recursive: true, force: true });
