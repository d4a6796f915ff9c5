import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildTestApp,
  invite,
  type Session,
  sessionFrom,
  signUp,
  type TestApp,
} from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { LiveClient } from "../../../../test/liveTestKit.ts";
import { CLOSE_SIGNED_OUT, MAX_SOCKETS_PER_PERSON } from "./roomRoutes.ts";

/**
 * The live route as app.ts mounts it, over the real session kinds (sessions.ts): a confidential
 * Kollegiale Beratung is invisible over the websocket to members who are not among its participants
 * (issue 5, acceptance 4), and a Lean Coffee proposal reaches the other participant.
 */
describe.each(engines)("live route with the real session kinds (%s)", (engine) => {
  let server: TestApp;
  let base: string;
  let steward: Session;
  let member: Session;
  let outsider: Session;
  let kbSessionId: string;
  let leanSessionId: string;
  const url = (sessionId: string) =>
    `${base.replace(/^http/, "ws")}/api/exchange/sessions/${sessionId}/live?after=0`;
  const post = async (session: Session, path: string, payload: object) => {
    const response = await server.app.inject({
      method: "POST",
      url: path,
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; session: { id: string } };
  };

  beforeAll(async () => {
    server = await buildTestApp(engine);
    base = await server.app.listen({ port: 0, host: "127.0.0.1" });
    steward = await signUp(server.app);
    member = await invite(server.app, steward, "member", "Case Owner");
    outsider = await invite(server.app, steward, "member", "Not Invited");
    const kb = await post(member, "/api/exchange/formats", {
      name: "Team Süd",
      type: "kollegialeBeratung",
      startsOn: "2026-12-02",
    });
    kbSessionId = (
      await post(member, `/api/exchange/formats/${kb.id}/sessions`, {
        participantIds: [steward.info.person.id],
        caseOwnerId: member.info.person.id,
      })
    ).session.id;
    const lean = await post(steward, "/api/exchange/formats", {
      name: "Preise & Rabatte",
      type: "leanCoffee",
      cadence: "weekly",
      startsOn: "2026-12-01",
    });
    leanSessionId = (await post(steward, `/api/exchange/formats/${lean.id}/sessions`, {})).session.id;
  });

  afterAll(async () => {
    await server?.close();
  });

  it("a confidential session answers 404 over the websocket to a member who is not a participant", async () => {
    await expect(LiveClient.open(url(kbSessionId), outsider.cookie)).rejects.toMatchObject({ status: 404 });
    const owner = await LiveClient.open(url(kbSessionId), member.cookie);
    await owner.until(() => owner.messages.some((m) => m.type === "presence"));
    expect(owner.messages[0]).toMatchObject({ type: "welcome", seq: 0 });
    expect(owner.view).not.toBeNull();
    await owner.close();
  });

  it("a proposed topic reaches the other participant", async () => {
    const [a, b] = await Promise.all(
      [steward, member].map((p) => LiveClient.open(url(leanSessionId), p.cookie)),
    );
    await Promise.all([a, b].map((c) => c.until(() => c.messages.some((m) => m.type === "presence"))));
    const seq = b.seq;
    a.send({ type: "propose", title: "Rabattstaffeln" });
    await b.until(() => b.seq === seq + 1);
    expect(JSON.stringify(b.view)).toContain("Rabattstaffeln");
    a.send({ type: "vote", topicId: 42 });
    await a.until(() => a.errors().length === 1);
    expect(a.errors()[0].code).toBe("VALIDATION");
    expect(b.errors()).toEqual([]);
    await Promise.all([a, b].map((c) => c.close()));
  });

  it("refuses a person's 21st open socket (429) and takes the next one once one closes", async () => {
    const person = await invite(server.app, steward, "member", "Many Tabs");
    const sockets = [];
    for (let i = 0; i < MAX_SOCKETS_PER_PERSON; i++)
      sockets.push(await LiveClient.open(url(leanSessionId), person.cookie));
    await expect(LiveClient.open(url(leanSessionId), person.cookie)).rejects.toMatchObject({ status: 429 });
    // Others are not limited by this person's sockets.
    const other = await LiveClient.open(url(leanSessionId), member.cookie);
    await sockets[0].close();
    // The server counts the socket out when its close reaches it.
    let again: LiveClient | undefined;
    for (let tries = 0; !again && tries < 50; tries++)
      again = await LiveClient.open(url(leanSessionId), person.cookie).catch(async () => {
        await new Promise((done) => setTimeout(done, 50));
        return undefined;
      });
    if (!again) throw new Error("a closed socket was never counted out");
    await Promise.all([...sockets.slice(1), other, again].map((c) => c.close()));
  });

  it("closes a person's sockets as soon as they sign out, and all of them after signing out everywhere", async () => {
    const person = await invite(server.app, steward, "member", "Signs Out");
    const second = await signIn(person);
    const [a, b] = await Promise.all(
      [person, second].map((s) => LiveClient.open(url(leanSessionId), s.cookie)),
    );
    const bystander = await LiveClient.open(url(leanSessionId), member.cookie);
    const signOut = (session: Session, path: string) =>
      server.app.inject({
        method: "POST",
        url: path,
        headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      });
    expect((await signOut(person, "/api/auth/sign-out")).statusCode).toBe(204);
    // Well before the periodic session check (a minute): the announcement closes it.
    await a.until(() => a.closedWith !== null, 5000);
    expect(a.closedWith).toBe(CLOSE_SIGNED_OUT);
    expect(b.closedWith).toBeNull();
    expect((await signOut(second, "/api/auth/sign-out-everywhere")).statusCode).toBe(204);
    await b.until(() => b.closedWith !== null, 5000);
    expect(b.closedWith).toBe(CLOSE_SIGNED_OUT);
    expect(bystander.closedWith).toBeNull();
    await bystander.close();
  });

  async function signIn(person: Session & { email: string; password: string }): Promise<Session> {
    const response = await server.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: person.email, password: person.password },
    });
    expect(response.statusCode).toBe(200);
    return sessionFrom(response);
  }
});
