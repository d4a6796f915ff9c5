import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invite, signUp } from "../../../../test/app.ts";
import { createTestDb, engines } from "../../../../test/db.ts";
import { buildLiveApp, LiveClient, liveUrl, type SessionRegistry } from "../../../../test/liveTestKit.ts";
import type { Db } from "../../db/connect.ts";
import type { App } from "../../platform/http.ts";
import { appendEvents, lastSeq } from "./roomStore.ts";

/**
 * The room heals what the bus loses. Presence: another server's people stay present only while that
 * server keeps re-announcing them — a server that crashed (it never says who left) stops, and its
 * people drop out. Events: an event stored without its wake-up (lost between commit and NOTIFY)
 * reaches everyone by the room's periodic re-read, without waiting for the next event.
 * The intervals are shortened here (beat 100 ms, TTL 1 s, re-read 150 ms).
 */
/** Polls until `predicate` holds (for what no socket message announces). */
async function waitFor(predicate: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const latestPresence = (c: LiveClient) => {
  const last = c.messages.filter((m) => m.type === "presence").at(-1);
  return last?.type === "presence" ? last.personIds : [];
};

describe.each(engines)("live room presence and resync (%s)", (engine) => {
  let db: Db;
  let app: App;
  let base: string;
  const registry: SessionRegistry = {};
  let orgId: string;
  let cookies: string[];
  let personIds: string[];

  beforeAll(async () => {
    db = await createTestDb(engine);
    app = await buildLiveApp(db, registry, {}, { presenceBeatMs: 100, presenceTtlMs: 1000, resyncMs: 150 });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    const steward = await signUp(app);
    const member = await invite(app, steward, "member", "Member");
    orgId = steward.info.organisation.id;
    cookies = [steward.cookie, member.cookie];
    personIds = [steward.info.person.id, member.info.person.id];
    registry.ghost = { orgId };
    registry.beat = { orgId };
    registry.lost = { orgId };
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("drops the people of a server that stopped announcing them (crashed), and keeps those re-announced", async () => {
    const client = await LiveClient.open(liveUrl(base, "ghost"), cookies[0]);
    await client.until(() => latestPresence(client).length === 1);
    // Another server says once that someone joined there, then goes silent: it crashed.
    await app.eventBus.publish("exchange.presence", {
      sessionId: "ghost",
      serverId: "crashed-server",
      personId: "ghost-person",
      here: true,
    });
    await client.until(() => latestPresence(client).includes("ghost-person"));
    await client.until(() => !latestPresence(client).includes("ghost-person"));
    expect(latestPresence(client)).toEqual([personIds[0]]);

    // A server that keeps beating keeps its people present past the TTL.
    const beating = setInterval(() => {
      void app.eventBus.publish("exchange.presence", {
        sessionId: "ghost",
        serverId: "live-server",
        people: ["remote-person"],
      });
    }, 100);
    try {
      await client.until(() => latestPresence(client).includes("remote-person"));
      const seen = client.messages.length;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(latestPresence(client)).toContain("remote-person");
      // No flapping: presence was not re-sent while nothing changed.
      expect(client.messages.slice(seen).filter((m) => m.type === "presence")).toEqual([]);
    } finally {
      clearInterval(beating);
    }
    await client.until(() => !latestPresence(client).includes("remote-person"));
    await client.close();
  });

  it("re-announces its own people on the bus, so other servers keep them", async () => {
    const heard: unknown[] = [];
    const unsubscribe = app.eventBus.subscribe("exchange.presence", (message) => heard.push(message));
    const clients = await Promise.all(
      cookies.map((cookie) => LiveClient.open(liveUrl(base, "beat"), cookie)),
    );
    await Promise.all(clients.map((c) => c.until(() => latestPresence(c).length === 2)));
    const beats = () =>
      heard.filter(
        (m) =>
          (m as { sessionId: string }).sessionId === "beat" &&
          Array.isArray((m as { people?: string[] }).people),
      ) as { people: string[] }[];
    await waitFor(() => beats().length >= 3);
    unsubscribe();
    expect([...(beats().at(-1)?.people ?? [])].sort()).toEqual([...personIds].sort());
    await Promise.all(clients.map((c) => c.close()));
  });

  it("delivers an event whose wake-up was lost, by the periodic re-read", async () => {
    const clients = await Promise.all(
      cookies.map((cookie) => LiveClient.open(liveUrl(base, "lost"), cookie)),
    );
    await Promise.all(clients.map((c) => c.until(() => c.messages.some((m) => m.type === "welcome"))));
    // Another server committed an event and died before its NOTIFY: stored, never announced.
    await db.kysely.transaction().execute((tx) =>
      appendEvents(tx, {
        orgId,
        sessionId: "lost",
        afterSeq: 0,
        actorId: personIds[1],
        at: new Date(),
        events: [{ type: "voted", payload: { topic: "pricing" } }],
      }),
    );
    expect(await lastSeq(db.kysely, orgId, "lost")).toBe(1);
    await Promise.all(clients.map((c) => c.until(() => c.seq === 1)));
    for (const c of clients) {
      expect(c.events().map((e) => [e.seq, e.event])).toEqual([[1, "voted"]]);
      expect((c.view as { totals: Record<string, number> }).totals).toEqual({ pricing: 1 });
    }
    await Promise.all(clients.map((c) => c.close()));
  });
});
