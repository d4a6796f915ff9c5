import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines, PG_URL } from "../db.ts";

/**
 * What a PostgreSQL failover does to a running server, with a real TCP proxy between the app (a real
 * `periphery start` process) and the database: the proxy is killed, frozen (connections stay open but
 * nothing passes — a network partition) and every backend of the app is terminated, all under
 * 50-connection mixed load. The process must survive, every request must get an answer (200 or 503 in
 * the error shape, never a hang), and the app must recover by itself.
 */

const TIMEOUT_MS = 2000;
const APP_NAME = `periphery_failover_${randomBytes(3).toString("hex")}`;
const pgTarget = new URL(PG_URL);

class FlakyProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  private frozen = false;
  port = 0;

  async listen(): Promise<void> {
    this.server = createServer((client) => this.accept(client));
    this.server.listen(this.port, "127.0.0.1");
    await once(this.server, "listening");
    const address = this.server.address();
    if (address && typeof address === "object") this.port = address.port;
  }

  private accept(client: Socket): void {
    const pair: { client: Socket; upstream: Socket | null } = { client, upstream: null };
    this.pairs.add(pair);
    const open = () => {
      const upstream = tcpConnect(Number(pgTarget.port || 5432), pgTarget.hostname);
      pair.upstream = upstream;
      client.on("data", (chunk) => upstream.write(chunk));
      upstream.on("data", (chunk) => client.write(chunk));
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on("close", end).on("error", end);
      upstream.on("close", end).on("error", end);
      if (this.frozen) this.pausePair(pair);
    };
    if (this.frozen) {
      client.pause();
      this.waiting.push(open);
    } else open();
  }

  private waiting: (() => void)[] = [];

  private pausePair(pair: { client: Socket; upstream: Socket | null }): void {
    pair.client.pause();
    pair.upstream?.pause();
  }

  /** The database host is gone: every connection reset, nothing listens. */
  async kill(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream?.destroy();
    }
    this.pairs.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise((done) => server.close(done));
  }

  /** A partition: connections stay open, new ones are accepted, but no byte passes either way. */
  freeze(): void {
    this.frozen = true;
    for (const pair of this.pairs) this.pausePair(pair);
  }

  thaw(): void {
    this.frozen = false;
    for (const { client, upstream } of this.pairs) {
      client.resume();
      upstream?.resume();
    }
    for (const open of this.waiting.splice(0)) open();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  await new Promise((done) => server.close(done));
  return typeof address === "object" && address ? address.port : 0;
}

/** `phase` when the request started; `settled` whether it also ended in that phase. */
type Sample = { phase: string; settled: boolean; ms: number; status: number; shaped: boolean };

describe.runIf(engines.includes("postgres"))("a PostgreSQL failover under load", () => {
  const proxy = new FlakyProxy();
  let child: ChildProcess;
  let base = "";
  let output = "";
  let cookie = "";
  let csrf = "";
  let cellId = "";

  beforeAll(async () => {
    await proxy.listen();
    const schema = `t_failover_${randomBytes(6).toString("hex")}`;
    const url = new URL(PG_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    url.searchParams.set("schema", schema);
    url.searchParams.set("application_name", APP_NAME);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts", "start"], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: base,
        DB_TIMEOUT_MS: String(TIMEOUT_MS),
        RATE_LIMIT_PER_MINUTE: "1000000",
        LOG_LEVEL: "fatal",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    for (let waited = 0; !output.includes("Periphery is running"); waited += 100) {
      if (child.exitCode !== null || waited > 60_000) throw new Error(`server did not start:\n${output}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const created = await fetch(`${base}/api/setup/organisation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        organisationName: "Failover GmbH",
        language: "de",
        name: "Fee Ausfall",
        email: "fee@failover.example",
        password: "ein langes Passwort 17",
      }),
    });
    expect(created.status).toBe(201);
    cookie = (created.headers.get("set-cookie") ?? "").split(";")[0];
    csrf = ((await created.json()) as { csrfToken: string }).csrfToken;
    const cell = await fetch(`${base}/api/cells`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf },
      body: JSON.stringify({ name: "Team Nord", kind: "periphery" }),
    });
    expect(cell.status).toBe(201);
    cellId = ((await cell.json()) as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    child?.kill("SIGKILL");
    await proxy.kill();
  });

  async function request(n: number): Promise<{ status: number; shaped: boolean }> {
    const write = n % 4 === 3;
    const path = ["/api/auth/session", "/api/cells", `/api/accounts?cellId=${cellId}`, "/api/accounts"][
      n % 4
    ];
    const response = await fetch(`${base}${path}`, {
      method: write ? "POST" : "GET",
      headers: {
        cookie,
        "x-csrf-token": csrf,
        "accept-language": "de",
        ...(write ? { "content-type": "application/json" } : {}),
      },
      body: write ? JSON.stringify({ cellId, name: `Stadtwerke ${n}` }) : undefined,
      // A hang is what this test is about: the client gives up far later than the server may take.
      signal: AbortSignal.timeout(TIMEOUT_MS * 10),
    });
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    const shaped = response.ok || (body.error?.code === "UNAVAILABLE" && !!body.error.message);
    return { status: response.status, shaped };
  }

  it("survives a killed proxy, a frozen network and terminated backends, and recovers by itself", async () => {
    const samples: Sample[] = [];
    let phase = "warm";
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running) {
        const started = performance.now();
        const at = phase;
        const result = await request(n++).catch(() => ({ status: 0, shaped: false }));
        samples.push({ phase: at, settled: at === phase, ms: performance.now() - started, ...result });
      }
    };
    const load = Array.from({ length: 50 }, worker);
    const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
    const recovered = async (name: string) => {
      phase = `${name}: recovering`;
      for (let tries = 0; tries < 100; tries++) {
        const { status } = await request(0).catch(() => ({ status: 0 }));
        if (status === 200) return;
        await sleep(200);
      }
      throw new Error(`no recovery after ${name}`);
    };

    await sleep(2000);
    phase = "proxy killed";
    await proxy.kill();
    await sleep(3000);
    await proxy.listen();
    await recovered("proxy killed");

    phase = "network frozen";
    proxy.freeze();
    await sleep(TIMEOUT_MS * 2.5);
    proxy.thaw();
    await recovered("network frozen");

    phase = "backends terminated";
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    for (let round = 0; round < 3; round++) {
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1",
        [APP_NAME],
      );
      await sleep(700);
    }
    await admin.end();
    await recovered("backends terminated");

    phase = "after";
    await sleep(2000);
    running = false;
    await Promise.all(load);

    const byPhase = new Map<string, Sample[]>();
    for (const sample of samples) byPhase.set(sample.phase, [...(byPhase.get(sample.phase) ?? []), sample]);
    for (const [name, list] of byPhase) {
      const statuses = [...new Set(list.map((s) => s.status))].sort().join("/");
      const slowest = Math.max(...list.map((s) => s.ms));
      console.log(
        `failover ${name}: ${list.length} requests, statuses ${statuses}, slowest ${slowest.toFixed(0)} ms (limit ${TIMEOUT_MS} ms + 1 s)`,
      );
    }

    expect(child.exitCode, output).toBeNull();
    // Every request got an answer: a success, or 503 in the error shape — never a hang, a reset or a 500.
    expect(samples.filter((s) => s.status === 0)).toEqual([]);
    expect(samples.filter((s) => !s.shaped).map((s) => `${s.phase}: ${s.status}`)).toEqual([]);
    expect(samples.filter((s) => s.status >= 500 && s.status !== 503)).toEqual([]);
    // Each fault was felt (503s) and nothing failed before or after.
    for (const fault of ["proxy killed", "network frozen", "backends terminated"])
      expect(
        byPhase.get(fault)?.some((s) => s.status === 503),
        fault,
      ).toBe(true);
    for (const calm of ["warm", "after"])
      expect(
        byPhase.get(calm)?.every((s) => !s.settled || s.status === 200 || s.status === 201),
        calm,
      ).toBe(true);
  }, 180_000);
});
