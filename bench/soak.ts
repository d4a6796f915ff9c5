/**
 * Soak (issue 14, acceptance 5): the real server (`periphery start`, SQLite, medium demo) under mixed
 * load for SOAK_MINUTES (default 30) — SOAK_USERS people (default 8) reading the board, lists and
 * insights and writing deals and decisions over HTTP, a live Lean Coffee with SOAK_ROOM websocket
 * participants (default 12) voting and unvoting, some of them leaving and rejoining every minute, and an
 * import of 200 accounts every SOAK_IMPORT_MINUTES (default 5). Each minute: the server's heap after
 * forced garbage collection and the p99 latency of that minute's HTTP requests.
 *
 * The server runs as a child process with --expose-gc and bench/soakProbe.ts, which answers over the
 * IPC channel: the heap is the server's alone (not this load generator's), and no inspector port or
 * extra route is opened. Deals a person creates are deleted again beyond 40 of them and proposals are
 * withdrawn, so the data grows like a team's (audit log, timeline, imports), not without bound.
 *
 * Fails (exit 1) when heap growth > 10 % or p99 drift > 1.5× — the last five minutes against the first
 * five (shorter runs compare their first and last halves) — or when any request fails.
 *
 *   npm run soak                 SOAK_MINUTES=3 npm run soak
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../src/server/config.ts";
import { createDb, migrateToLatest } from "../src/server/db/connect.ts";
import { generateDemo } from "../src/server/demo/generate.ts";
import { startSession } from "../src/server/platform/auth/sessions.ts";
import { percentile } from "./kit.ts";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const USERS = Number(process.env.SOAK_USERS ?? 8);
const ROOM = Number(process.env.SOAK_ROOM ?? 12);
const IMPORT_MINUTES = Number(process.env.SOAK_IMPORT_MINUTES ?? 5);
const THINK_MS = 50;
const WINDOW = Math.max(1, Math.min(5, Math.floor(MINUTES / 2)));

type Socket = {
  on(event: "message", listener: (data: Buffer) => void): void;
  on(event: "close" | "open", listener: () => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  send(data: string): void;
  close(): void;
};
const WsClient = createRequire(import.meta.url)("ws") as new (
  url: string,
  options: { headers: Record<string, string> },
) => Socket;

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "periphery-soak-"));
const databaseUrl = `sqlite:${join(dir, "soak.db")}`;
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  PORT: String(port),
  HOST: "127.0.0.1",
  PUBLIC_URL: base,
  // One client address carries everyone's load here; the limit is not what is measured.
  RATE_LIMIT_PER_MINUTE: "100000000",
  LOG_LEVEL: "warn",
  DATA_KEY_FILE: join(dir, "data.key"),
};

// The demo and the sessions are made before the server starts, as bench/exchange.ts does.
const started = Date.now();
const db = createDb(databaseUrl);
await migrateToLatest(db);
const demo = await generateDemo(db, { size: "medium" });
const members = await db.kysely
  .selectFrom("cellMember")
  .select(["personId", "cellId"])
  .where("orgId", "=", demo.orgId)
  .orderBy("personId")
  .execute();
const people = [...new Map(members.map((m) => [m.personId, m.cellId])).entries()].slice(0, USERS + ROOM);
if (people.length < USERS + ROOM) throw new Error(`the demo has only ${people.length} cell members`);
const config = loadConfig(env);
const cookies: string[] = [];
for (const [id] of people) {
  const { token } = await startSession(db.kysely, config, { id, orgId: demo.orgId });
  cookies.push(`periphery_session=${token}`);
}
await db.close();
console.log(`medium demo: ${demo.people} people, ${demo.cells} cells (${Date.now() - started} ms)`);

const server: ChildProcess = spawn(
  process.execPath,
  ["--expose-gc", "--import", "tsx", "--import", "./bench/soakProbe.ts", "src/server/main.ts", "start"],
  { cwd: root, env, stdio: ["ignore", "pipe", "inherit", "ipc"] },
);
process.on("exit", () => server.kill());
await new Promise<void>((resolve, reject) => {
  let out = "";
  server.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes("Periphery is running")) resolve();
  });
  server.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
});
const heap = () =>
  new Promise<NodeJS.MemoryUsage>((resolve) => {
    server.once("message", (m) => resolve(m as NodeJS.MemoryUsage));
    server.send("memory");
  });

/** This minute's latencies and failures. */
let minute = { latencies: [] as number[], requests: 0, failures: 0 };
const failures: string[] = [];
/** Every latency by route pattern, for the slowest routes in the closing lines. */
const byRoute = new Map<string, number[]>();
const routeOf = (method: string, path: string) =>
  `${method} ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id").replace(/\?.*/, "")}`;

type User = { cookie: string; csrf: string; cellId: string; personId: string };
async function call<T>(user: User, method: string, path: string, body?: object): Promise<T | null> {
  const startedAt = performance.now();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: user.cookie,
      "x-csrf-token": user.csrf,
      origin: base,
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const ms = performance.now() - startedAt;
  minute.latencies.push(ms);
  const route = routeOf(method, path);
  if (!byRoute.has(route)) byRoute.set(route, []);
  byRoute.get(route)?.push(ms);
  minute.requests++;
  if (!response.ok) {
    minute.failures++;
    if (failures.length < 20) failures.push(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
    return null;
  }
  return (text ? JSON.parse(text) : {}) as T;
}
async function signedIn(index: number): Promise<User> {
  const [personId, cellId] = people[index] as [string, string];
  const cookie = cookies[index] as string;
  const session = (await (await fetch(`${base}/api/auth/session`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  return { cookie, csrf: session.csrfToken, cellId, personId };
}

const users = await Promise.all(Array.from({ length: USERS }, (_, i) => signedIn(i)));
const accounts =
  (await call<{ items: { id: string }[] }>(users[0] as User, "GET", "/api/accounts?limit=50"))?.items ?? [];
if (!accounts.length) throw new Error(`no accounts to write deals to: ${failures.join("; ")}`);
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

let running = true;
/** One person: reads most of the time, writes deals and decisions now and then. */
async function work(user: User, index: number) {
  const mine: { id: string; version: number }[] = [];
  for (let i = 0; running; i++) {
    const roll = Math.random();
    if (roll < 0.6) {
      await call(
        user,
        "GET",
        pick([
          `/api/cells/${user.cellId}/board`,
          "/api/deals?limit=50",
          "/api/accounts?limit=50",
          "/api/insights/org",
          `/api/insights/cells/${user.cellId}`,
          "/api/proposals?limit=20",
          "/api/decision-log?limit=20",
          "/api/people?limit=50",
        ]),
      );
    } else if (roll < 0.75 || mine.length === 0) {
      const deal = await call<{ id: string; version: number }>(user, "POST", "/api/deals", {
        accountId: pick(accounts).id,
        title: `Soak ${index}-${i}`,
        amount: 1000 + i,
        currency: "EUR",
      });
      if (deal) mine.push({ id: deal.id, version: deal.version });
    } else if (roll < 0.9) {
      const deal = pick(mine);
      const updated = await call<{ version: number }>(user, "PATCH", `/api/deals/${deal.id}`, {
        amount: 2000 + i,
        version: deal.version,
      });
      if (updated) deal.version = updated.version;
    } else {
      const proposal = await call<{ id: string; version: number }>(user, "POST", "/api/proposals", {
        title: `Soak proposal ${index}-${i}`,
        problem: "Rabattstaffeln für Stadtwerke vereinheitlichen.",
        proposal: "Eine Staffel für alle Ausschreibungen.",
      });
      if (proposal)
        await call(user, "POST", `/api/proposals/${proposal.id}/withdraw`, { version: proposal.version });
    }
    while (mine.length > 40) {
      const oldest = mine.shift() as { id: string };
      await call(user, "DELETE", `/api/deals/${oldest.id}`);
    }
    await sleep(THINK_MS);
  }
}

/** A live Lean Coffee: each participant votes and takes the vote back about once a second. */
async function liveRoom(facilitator: User) {
  const format = await call<{ id: string }>(facilitator, "POST", "/api/exchange/formats", {
    name: "Soak Lean Coffee",
    type: "leanCoffee",
    startsOn: new Date().toISOString().slice(0, 10),
  });
  if (!format) throw new Error(`no format: ${failures.join("; ")}`);
  const session = await call<{ session: { id: string } }>(
    facilitator,
    "POST",
    `/api/exchange/formats/${format.id}/sessions`,
    { facilitatorId: facilitator.personId },
  );
  if (!session) throw new Error(`no session: ${failures.join("; ")}`);
  const url = `${base.replace(/^http/, "ws")}/api/exchange/sessions/${session.session.id}/live?after=0`;
  const room = { events: 0, errors: [] as string[], topics: [] as string[] };
  /** A participant's socket, its votes on its topic as its own view shows them, and whether it waits. */
  type Seat = { cookie: string; topicIndex: number; socket?: Socket; mine: number; waiting: boolean };
  const open = (seat: Seat) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = new WsClient(url, { headers: { cookie: seat.cookie } });
      socket.on("message", (data) => {
        const message = JSON.parse(data.toString()) as {
          type: string;
          view?: { topics: { id: string }[]; myVotes?: Record<string, number> };
          message?: string;
          ref?: string;
        };
        if (message.type === "event") room.events++;
        if (message.type === "error") room.errors.push(`room ${message.ref ?? "?"}: ${message.message}`);
        if (message.view?.topics.length) room.topics = message.view.topics.map((t) => t.id);
        const mine = message.view?.myVotes?.[room.topics[seat.topicIndex] ?? ""] ?? 0;
        if (message.type === "error" || mine !== seat.mine) seat.waiting = false;
        if (message.view) seat.mine = mine;
      });
      socket.on("open", () => resolve(socket));
      socket.on("error", reject);
    });
  const seat = (cookie: string, topicIndex: number): Seat => ({
    cookie,
    topicIndex,
    mine: 0,
    waiting: false,
  });
  const host = seat(facilitator.cookie, 0);
  const first = await open(host);
  for (const step of [
    { type: "facilitate" },
    ...["Rabattstaffeln", "Skonto", "Rahmenverträge"].map((title) => ({ type: "propose", title })),
    { type: "openVoting" },
  ]) {
    first.send(JSON.stringify({ ...step, ref: step.type }));
    await sleep(300);
  }
  const seats = cookies.slice(USERS, USERS + ROOM).map((cookie, i) => seat(cookie, i % 3));
  for (const s of seats) s.socket = await open(s);
  // Each participant votes on its topic or takes the vote back, about once a second — and waits for its
  // own view to show the last one first, so a slow minute delays the room instead of refusing actions.
  const loops = seats.map(async (s, i) => {
    for (let turn = 0; running; turn++) {
      if (!s.waiting) {
        s.waiting = true;
        const topicId = room.topics[s.topicIndex];
        const type = s.mine > 0 ? "unvote" : "vote";
        s.socket?.send(JSON.stringify({ type, topicId, ref: `${type} ${i}/${turn} mine ${s.mine}` }));
      }
      await sleep(1000);
      // Every minute a quarter of the room leaves and comes back.
      if (turn % 60 === 59 && i % 4 === Math.floor(turn / 60) % 4 && !s.waiting) {
        s.socket?.close();
        s.socket = await open(s);
      }
    }
  });
  return {
    room,
    async close() {
      await Promise.all(loops);
      for (const s of seats) s.socket?.close();
      first.close();
    },
  };
}

/** 200 new accounts from a CSV, through preview, import and the job's status, as the web app does. */
async function importAccounts(user: User, round: number) {
  const lines = ["Account Name,Website,Billing City"];
  for (let i = 0; i < 200; i++)
    lines.push(`Soak Import ${round}-${i} GmbH,soak-${round}-${i}.example,Kassel`);
  const csv = lines.join("\n");
  const preview = await call<{ mapping: object }>(user, "POST", "/api/import/preview", {
    entity: "accounts",
    csv,
  });
  if (!preview) return;
  const job = await call<{ jobId: string }>(user, "POST", "/api/import", {
    entity: "accounts",
    csv,
    mapping: preview.mapping,
    cellId: user.cellId,
    duplicates: "skip",
  });
  while (job) {
    const status = await call<{ status: string }>(user, "GET", `/api/import/jobs/${job.jobId}`);
    if (status?.status !== "running") {
      if (status?.status !== "done") failures.push(`import ${round} ended ${status?.status}`);
      return;
    }
    await sleep(200);
  }
}

const room = await liveRoom(users[0] as User);
const work$ = users.map((user, i) => work(user, i));
const samples: { heapMb: number; rssMb: number; p99: number; requests: number; failed: number }[] = [];
const allByMinute: number[][] = [];
const imports: Promise<void>[] = [];
console.log(
  `soak: ${MINUTES} min, ${USERS} people over HTTP, ${ROOM} in a live room, an import every ${IMPORT_MINUTES} min`,
);
console.log("minute  requests  failed    p99 ms   heap MB   rss MB   room events");
for (let m = 1; m <= MINUTES; m++) {
  if ((m - 1) % IMPORT_MINUTES === 0) imports.push(importAccounts(users[m % USERS] as User, m));
  await sleep(60_000);
  const done = minute;
  minute = { latencies: [], requests: 0, failures: 0 };
  const memory = await heap();
  const sample = {
    heapMb: memory.heapUsed / 2 ** 20,
    rssMb: memory.rss / 2 ** 20,
    p99: percentile(done.latencies, 99),
    requests: done.requests,
    failed: done.failures,
  };
  samples.push(sample);
  allByMinute.push(done.latencies);
  console.log(
    `${String(m).padStart(6)}  ${String(sample.requests).padStart(8)}  ${String(sample.failed).padStart(6)}  ${sample.p99.toFixed(1).padStart(8)}  ${sample.heapMb.toFixed(1).padStart(8)}  ${sample.rssMb.toFixed(1).padStart(7)}  ${String(room.room.events).padStart(12)}`,
  );
}
running = false;
await Promise.all([...work$, ...imports, room.close()]);

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const firstHeap = mean(samples.slice(0, WINDOW).map((s) => s.heapMb));
const lastHeap = mean(samples.slice(-WINDOW).map((s) => s.heapMb));
const growth = (lastHeap / firstHeap - 1) * 100;
const firstP99 = percentile(allByMinute.slice(0, WINDOW).flat(), 99);
const lastP99 = percentile(allByMinute.slice(-WINDOW).flat(), 99);
const drift = lastP99 / firstP99;
const requests = samples.reduce((sum, s) => sum + s.requests, 0);
const failed = samples.reduce((sum, s) => sum + s.failed, 0) + room.room.errors.length;
console.log(
  `heap (after GC) first ${WINDOW} min ${firstHeap.toFixed(1)} MB, last ${WINDOW} min ${lastHeap.toFixed(1)} MB: growth ${growth.toFixed(1)} % (limit 10 %)`,
);
console.log(
  `p99 first ${WINDOW} min ${firstP99.toFixed(1)} ms, last ${WINDOW} min ${lastP99.toFixed(1)} ms: drift ${drift.toFixed(2)}× (limit 1.5×)`,
);
console.log(`${requests} requests, ${failed} failed; ${room.room.events} live events received by the room`);
const slowest = [...byRoute].map(([route, all]) => ({ route, n: all.length, p99: percentile(all, 99) }));
for (const r of slowest.sort((a, b) => b.p99 - a.p99).slice(0, 6))
  console.log(`  p99 ${r.p99.toFixed(1).padStart(8)} ms  ${r.route} (${r.n} requests)`);
for (const failure of [...failures, ...room.room.errors.slice(0, 10)]) console.log(`  ${failure}`);

await new Promise<void>((resolve) => {
  server.once("exit", () => resolve());
  server.kill("SIGTERM");
});
rmSync(dir, { recursive: true, force: true });
const ok = growth <= 10 && drift <= 1.5 && failed === 0 && failures.length === 0;
console.log(ok ? "soak passed" : "soak FAILED");
process.exit(ok ? 0 : 1);

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
