import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invite, signUp } from "../../../../test/app.ts";
import { createTestDb, engines } from "../../../../test/db.ts";
import {
  buildLiveApp,
  LiveClient,
  liveUrl,
  type SessionRegistry,
  tallyKind,
} from "../../../../test/liveTestKit.ts";
import type { Db } from "../../db/connect.ts";
import type { App } from "../../platform/http.ts";
import { errorMessage } from "../../platform/i18n.ts";
import { CLOSE_SIGNED_OUT } from "./roomRoutes.ts";
import { eventsAfter } from "./roomStore.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const welcomed = (c: LiveClient) => c.until(() => c.messages.some((m) => m.type === "welcome"));

describe.each(engines)("live room (%s)", (engine) => {
  let db: Db;
  let app: App;
  let base: string;
  const registry: SessionRegistry = {};
  let steward: { cookie: string; info: { person: { id: string }; organisation: { id: string } } };
  let member: typeof steward;
  let outsider: typeof steward;
  let otherOrg: typeof steward;

  beforeAll(async () => {
    db = await createTestDb(engine);
    app = await buildLiveApp(db, registry, {}, { sessionRecheckMs: 200 });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    steward = await signUp(app);
    member = await invite(app, steward as never, "member", "Case Owner");
    outsider = await invite(app, steward as never, "member", "Not Invited");
    otherOrg = await signUp(app, { organisationName: "Other GmbH", language: "de" });
    const orgId = steward.info.organisation.id;
    registry.open = { orgId };
    registry.reconnect = { orgId };
    registry.catchup = { orgId };
    registry.german = { orgId: otherOrg.info.organisation.id };
    registry.confidential = { orgId, participants: [steward.info.person.id, member.info.person.id] };
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("refuses the upgrade: 401 without a session, 404 for another organisation or a non-participant", async () => {
    const status = (url: string, cookie: string) =>
      LiveClient.open(url, cookie).then(
        async (c) => {
          await c.close();
          return 101;
        },
        (error: { status?: number }) => error.status,
      );
    expect(await status(liveUrl(base, "confidential"), "")).toBe(401);
    expect(await status(liveUrl(base, "confidential"), outsider.cookie)).toBe(404);
    expect(await status(liveUrl(base, "confidential"), otherOrg.cookie)).toBe(404);
    expect(await status(liveUrl(base, "open"), otherOrg.cookie)).toBe(404);
    expect(await status(liveUrl(base, "no-such-session"), steward.cookie)).toBe(404);
    expect(await status(liveUrl(base, "confidential"), member.cookie)).toBe(101);
  });

  it("a participant who drops for a while catches up with after=lastSeq: nothing lost, nothing twice", async () => {
    const [a, b, c] = await Promise.all(
      [steward, member, outsider].map((p) => LiveClient.open(liveUrl(base, "reconnect"), p.cookie)),
    );
    await Promise.all([a, b, c].map(welcomed));
    a.send({ type: "vote", topic: "prices" });
    b.send({ type: "vote", topic: "discounts" });
    await c.until(() => c.seq === 2);
    const seen = c.events().map((e) => e.seq);
    await c.close();
    expect(c.closedWith).not.toBeNull();

    // Others act during a real disconnect of 10 s (issue 5, acceptance 3).
    for (let i = 0; i < 10; i++) {
      a.send({ type: "vote", topic: i % 2 ? "prices" : "travel" });
      b.send({ type: "note", text: `note ${i}` });
      await sleep(1000);
    }
    await a.until(() => a.seq === 22);

    const back = await LiveClient.open(liveUrl(base, "reconnect", c.seq), outsider.cookie);
    // Acting right away: the new event must come after the catch-up, not inside it or twice.
    back.send({ type: "vote", topic: "prices" });
    await back.until(() => back.seq === 23);
    const welcome = back.messages.find((m) => m.type === "welcome");
    expect(welcome).toMatchObject({ seq: 2 });
    const all = [...seen, ...back.events().map((e) => e.seq)];
    expect(all).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    await a.until(() => a.seq === 23);
    // Same board as someone who never left (views differ only in the viewer's own votes).
    const board = (v: unknown) => {
      const { totals, notes } = v as { totals: unknown; notes: unknown };
      return { totals, notes };
    };
    expect(board(back.view)).toEqual(board(a.view));
    expect(board(back.view)).toEqual({
      totals: { prices: 7, discounts: 1, travel: 5 },
      notes: Array.from({ length: 10 }, (_, i) => `note ${i}`),
    });
    for (const client of [a, b, back]) expect(client.errors()).toEqual([]);
    await Promise.all([a, b, back].map((x) => x.close()));
  }, 30_000);

  it("clients joining while others act get every event once, in order", async () => {
    const voter = await LiveClient.open(liveUrl(base, "catchup"), steward.cookie);
    await welcomed(voter);
    const joiners: Promise<LiveClient>[] = [];
    for (let i = 0; i < 40; i++) {
      voter.send({ type: "vote", topic: `t${i % 4}` });
      if (i % 5 === 0)
        joiners.push(LiveClient.open(liveUrl(base, "catchup", Math.max(0, i - 3)), member.cookie));
      await sleep(5);
    }
    const clients = await Promise.all(joiners);
    await Promise.all([voter, ...clients].map((c) => c.until(() => c.seq === 40)));
    for (const client of clients) {
      const welcome = client.messages.find((m) => m.type === "welcome");
      const from = welcome?.type === "welcome" ? welcome.seq : -1;
      expect(client.events().map((e) => e.seq)).toEqual(
        Array.from({ length: 40 - from }, (_, i) => from + i + 1),
      );
    }
    await Promise.all([voter, ...clients].map((c) => c.close()));
  }, 20_000);

  it("signing out closes the person's open sockets", async () => {
    const leaving = await invite(app, steward as never, "member", "Leaving Soon");
    const socket = await LiveClient.open(liveUrl(base, "open"), leaving.cookie);
    await welcomed(socket);
    const signedOut = await app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { cookie: leaving.cookie, "x-csrf-token": leaving.csrfToken },
    });
    expect(signedOut.statusCode).toBeLessThan(300);
    await socket.until(() => socket.closedWith !== null, 3000);
    expect(socket.closedWith).toBe(CLOSE_SIGNED_OUT);
  });

  it("a refused action answers its sender only, in their language; the stored events replay", async () => {
    const [a, b] = await Promise.all(
      [steward, member].map((p) => LiveClient.open(liveUrl(base, "open"), p.cookie)),
    );
    await Promise.all([a, b].map(welcomed));
    a.send({ type: "unvote", topic: "nothing", ref: "r1" });
    await a.until(() => a.errors().length === 1);
    expect(a.errors()[0]).toMatchObject({ code: "CONFLICT", ref: "r1" });
    a.send({ type: "vote", topic: "ok" });
    await b.until(() => b.seq === 1);
    expect(b.errors()).toEqual([]);
    const events = await eventsAfter(db.kysely, steward.info.organisation.id, "open", 0);
    expect(events.map((e) => [e.seq, e.type, e.actorId])).toEqual([[1, "voted", steward.info.person.id]]);
    expect(() => events.reduce(tallyKind.reduce, tallyKind.initial())).not.toThrow();
    await Promise.all([a, b].map((c) => c.close()));

    const german = await LiveClient.open(liveUrl(base, "german"), otherOrg.cookie);
    german.send({ type: "unvote", topic: "nichts" });
    await german.until(() => german.errors().length === 1);
    expect(german.errors()[0]).toMatchObject({ code: "CONFLICT", message: errorMessage("CONFLICT", "de") });
    await german.close();
  });
});
