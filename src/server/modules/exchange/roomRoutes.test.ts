import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { LiveClient } from "./liveTestKit.ts";

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
});
