import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invite, signUp } from "../../../../test/app.ts";
import { createTestDb, engines, PG_URL } from "../../../../test/db.ts";
import { buildLiveApp, LiveClient, liveUrl, type SessionRegistry } from "../../../../test/liveTestKit.ts";
import type { Db } from "../../db/connect.ts";
import type { App } from "../../platform/http.ts";

/**
 * Acceptance 2 of issue 5: two server processes on one PostgreSQL database share one live session.
 * Real processes, real websockets; the servers only meet through the database (events and NOTIFY).
 */
const SCRIPT = fileURLToPath(new URL("../../../../test/liveTestServer.ts", import.meta.url));

function startServer(
  databaseUrl: string,
  registry: SessionRegistry,
): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LIVE_REGISTRY: JSON.stringify(registry),
      // Presence heartbeat shortened, so the crash test below converges in about a second.
      LIVE_PRESENCE_BEAT_MS: "200",
      LIVE_PRESENCE_TTL_MS: "1500",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+)/.exec(out);
      if (match) resolve({ base: match[1], child });
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe.runIf(engines.includes("postgres"))("live room across two server processes (postgres)", () => {
  let db: Db;
  let app: App;
  const registry: SessionRegistry = {};
  const servers: ChildProcess[] = [];
  let bases: string[] = [];
  let cookies: string[] = [];

  beforeAll(async () => {
    db = await createTestDb("postgres");
    app = await buildLiveApp(db, registry);
    await app.ready();
    const steward = await signUp(app);
    const members = await Promise.all([1, 2, 3].map((i) => invite(app, steward, "member", `Member ${i}`)));
    cookies = [steward, ...members].map((s) => s.cookie);
    registry["lean-1"] = { orgId: steward.info.organisation.id };
    registry["crash-1"] = { orgId: steward.info.organisation.id };
    const url = new URL(PG_URL);
    url.searchParams.set("schema", db.pgSchema ?? "");
    const started = await Promise.all([
      startServer(url.toString(), registry),
      startServer(url.toString(), registry),
    ]);
    servers.push(...started.map((s) => s.child));
    bases = started.map((s) => s.base);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await app?.close();
    await db?.close();
  });

  it("participants on different servers see the same events in the same order, each once", async () => {
    // Two participants on each server.
    const clients = await Promise.all(
      cookies.map((cookie, i) => LiveClient.open(liveUrl(bases[i % 2], "lean-1"), cookie)),
    );
    await Promise.all(clients.map((c) => c.until(() => c.messages.some((m) => m.type === "welcome"))));
    // Everyone sees everyone present, wherever they are connected.
    await Promise.all(
      clients.map((c) =>
        c.until(() => {
          const presence = c.messages.filter((m) => m.type === "presence").at(-1);
          return presence?.type === "presence" && presence.personIds.length === 4;
        }),
      ),
    );

    // Everyone votes at once, so the two servers race for the same seqs.
    const VOTES = 10;
    for (let round = 0; round < VOTES; round++)
      for (const [i, c] of clients.entries()) c.send({ type: "vote", topic: `topic-${(round + i) % 3}` });
    const total = VOTES * clients.length;
    await Promise.all(clients.map((c) => c.until(() => c.seq === total, 20_000)));

    const orders = clients.map((c) => c.events().map((e) => `${e.seq}:${e.event}:${e.at}`));
    for (const order of orders) {
      expect(order).toEqual(orders[0]);
      expect(order.map((e) => Number(e.split(":")[0]))).toEqual(
        Array.from({ length: total }, (_, i) => i + 1),
      );
    }
    const totals = clients.map((c) => (c.view as { totals: Record<string, number> }).totals);
    for (const t of totals) expect(t).toEqual(totals[0]);
    expect(Object.values(totals[0]).reduce((a, b) => a + b, 0)).toBe(total);
    for (const c of clients) expect(c.errors()).toEqual([]);

    const stored = await db.kysely
      .selectFrom("sessionEvent")
      .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("seq").as("max")])
      .where("sessionId", "=", "lean-1")
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(total);
    expect(Number(stored.max)).toBe(total);
    await Promise.all(clients.map((c) => c.close()));
  }, 40_000);

  // Last: it kills a server.
  it("a server that crashes (SIGKILL: it never says who left) drops out of the others' presence", async () => {
    const latest = (c: LiveClient) => {
      const last = c.messages.filter((m) => m.type === "presence").at(-1);
      return last?.type === "presence" ? last.personIds : [];
    };
    const [survivor, doomed] = await Promise.all(
      [0, 1].map((i) => LiveClient.open(liveUrl(bases[i], "crash-1"), cookies[i])),
    );
    await Promise.all([survivor, doomed].map((c) => c.until(() => latest(c).length === 2)));
    servers[1].kill("SIGKILL");
    await survivor.until(() => latest(survivor).length === 1, 20_000);
    expect(survivor.closedWith).toBeNull();
    await survivor.close();
  }, 40_000);
});
