import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { LiveClient } from "../../../../test/liveTestKit.ts";
import { CLOSE_SIGNED_OUT } from "../exchange/roomRoutes.ts";

type Member = Session & { email: string; password: string };

describe.each(engines)("offboarding on %s", (engine) => {
  let t: TestApp;
  let base: string;
  let steward: Member;
  beforeAll(async () => {
    t = await buildTestApp(engine);
    base = await t.app.listen({ port: 0, host: "127.0.0.1" });
    steward = await signUp(t.app);
  });
  afterAll(async () => t?.close());

  const signIn = (person: Member, lang = "de") =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "accept-language": lang },
      payload: { email: person.email, password: person.password },
    });
  const setActive = async (by: Session, personId: string, active: boolean, version?: number) => {
    const current = (await injectAs(t.app, by, { method: "GET", url: `/api/people/${personId}` })).json();
    return injectAs(t.app, by, {
      method: "PUT",
      url: `/api/people/${personId}/active`,
      payload: { version: version ?? current.version, active },
    });
  };

  it("ends a leaver's sessions, sockets, invitations and feed at once, refuses sign-in clearly, and keeps their work", async () => {
    const leaver = await invite(t.app, steward, "member", "Lena Geht");
    const cell = await injectAs(t.app, leaver, {
      method: "POST",
      url: "/api/cells",
      payload: { name: "Team Lena", kind: "periphery" },
    });
    expect(cell.statusCode).toBe(201);
    const sent = await injectAs(t.app, leaver, {
      method: "POST",
      url: "/api/invitations",
      payload: { email: "friend.of.lena@example.test", role: "member" },
    });
    const inviteToken = sent.json().link.split("/invite/")[1];
    const feed = await injectAs(t.app, leaver, { method: "POST", url: "/api/exchange/me/calendar-feed" });
    const feedPath = new URL(feed.json().url).pathname;
    expect((await t.app.inject({ method: "GET", url: feedPath })).statusCode).toBe(200);
    const format = await injectAs(t.app, steward, {
      method: "POST",
      url: "/api/exchange/formats",
      payload: { name: "Preise", type: "leanCoffee", cadence: "weekly", startsOn: "2026-12-01" },
    });
    const session = await injectAs(t.app, steward, {
      method: "POST",
      url: `/api/exchange/formats/${format.json().id}/sessions`,
      payload: {},
    });
    const socket = await LiveClient.open(
      `${base.replace(/^http/, "ws")}/api/exchange/sessions/${session.json().session.id}/live?after=0`,
      leaver.cookie,
    );

    const deactivated = await setActive(steward, leaver.info.person.id, false);
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect(deactivated.json().active).toBe(false);

    expect((await injectAs(t.app, leaver, { method: "GET", url: "/api/org" })).statusCode).toBe(401);
    await socket.until(() => socket.closedWith !== null, 5000);
    expect(socket.closedWith).toBe(CLOSE_SIGNED_OUT);
    const refused = await signIn(leaver);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: "PERSON_DEACTIVATED" });
    expect(refused.json().error.message).toMatch(/deaktiviert/);
    // A wrong password says nothing about the account.
    expect((await signIn({ ...leaver, password: "nicht das Passwort" })).json().error.code).toBe(
      "INVALID_CREDENTIALS",
    );
    expect(
      (await t.app.inject({ method: "GET", url: `/api/invitations/by-token/${inviteToken}` })).statusCode,
    ).toBe(410);
    expect((await t.app.inject({ method: "GET", url: feedPath })).statusCode).toBe(404);
    // Their work stays, under their name.
    const cellNow = await injectAs(t.app, steward, { method: "GET", url: `/api/cells/${cell.json().id}` });
    expect(cellNow.json().name).toBe("Team Lena");
    const people = (await injectAs(t.app, steward, { method: "GET", url: "/api/people?q=Lena" })).json();
    expect(people.items).toEqual([expect.objectContaining({ name: "Lena Geht", active: false })]);

    const reactivated = await setActive(steward, leaver.info.person.id, true);
    expect(reactivated.json().active).toBe(true);
    expect((await signIn(leaver)).statusCode).toBe(200);

    const audit = (await injectAs(t.app, steward, { method: "GET", url: "/api/audit?limit=50" })).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toContain("person.deactivated");
    expect(actions).toContain("person.reactivated");
  });

  it("is for stewards only, detects a stale version and keeps the last active steward", async () => {
    const member = await invite(t.app, steward, "member", "Mo Mitglied");
    const other = await invite(t.app, steward, "member", "Olga Andere");
    expect((await setActive(member, other.info.person.id, false)).statusCode).toBe(403);
    const current = (
      await injectAs(t.app, steward, { method: "GET", url: `/api/people/${other.info.person.id}` })
    ).json().version as number;
    expect((await setActive(steward, other.info.person.id, false, current + 5)).statusCode).toBe(409);
    const own = await setActive(steward, steward.info.person.id, false);
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe("LAST_STEWARD");
  });
});
