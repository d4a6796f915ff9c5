import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, sessionFrom, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { mailTo, startSmtp, unwrap } from "../../../../test/smtp.ts";

const signIn = (t: TestApp, email: string, password: string, cookie?: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password },
    headers: cookie ? { cookie } : {},
  });

describe.each(engines)("sign-in and sessions on %s", (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await buildTestApp(engine, {
      smtpUrl: smtp.url,
      sessionIdleMs: 30 * 60_000,
      sessionAbsoluteMs: 8 * 3_600_000,
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("sets an httpOnly SameSite session cookie and gives a new session id at every sign-in", async () => {
    const owner = await signUp(t.app);
    const first = await signIn(t, owner.email, owner.password);
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.find((c) => c.name === "periphery_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    const firstSession = sessionFrom(first);

    const second = await signIn(t, owner.email, owner.password, firstSession.cookie);
    const secondSession = sessionFrom(second);
    expect(secondSession.cookie).not.toBe(firstSession.cookie);
    // The session presented at sign-in is gone: a fixated id never becomes a signed-in one.
    expect(
      (await injectAs(t.app, firstSession, { method: "GET", url: "/api/auth/session" })).statusCode,
    ).toBe(401);
    expect(
      (await injectAs(t.app, secondSession, { method: "GET", url: "/api/auth/session" })).statusCode,
    ).toBe(200);
  });

  it("answers a wrong password and an unknown e-mail identically", async () => {
    const owner = await signUp(t.app);
    const wrong = await signIn(t, owner.email, "not the password");
    const unknown = await signIn(t, "nobody@example.test", "not the password");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe("INVALID_CREDENTIALS");
  });

  it("locks sign-in for an e-mail after 10 wrong passwords in a row, with a clear message, until the window passes", async () => {
    const owner = await signUp(t.app);
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await signIn(t, owner.email, `wrong ${attempt}`)).statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: owner.email, password: owner.password },
      headers: { "accept-language": "de" },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("SIGN_IN_LOCKED");
    expect(locked.json().error.message).toContain("15 Minuten");
    t.clock.advance(16 * 60_000);
    expect((await signIn(t, owner.email, owner.password)).statusCode).toBe(200);
  });

  it("ends a session after the idle timeout", async () => {
    const owner = await signUp(t.app);
    t.clock.advance(29 * 60_000);
    expect((await injectAs(t.app, owner, { method: "GET", url: "/api/org" })).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const expired = await injectAs(t.app, owner, { method: "GET", url: "/api/org" });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe("UNAUTHENTICATED");
  });

  it("ends an active session after its absolute lifetime", async () => {
    const owner = await signUp(t.app);
    // Active every 25 minutes (inside the 30-minute idle timeout) for almost 8 hours.
    for (let step = 0; step < 19; step++) {
      t.clock.advance(25 * 60_000);
      expect((await injectAs(t.app, owner, { method: "GET", url: "/api/org" })).statusCode).toBe(200);
    }
    t.clock.advance(25 * 60_000);
    expect((await injectAs(t.app, owner, { method: "GET", url: "/api/org" })).statusCode).toBe(401);
  });

  it("makes a stolen session cookie useless after sign-out everywhere", async () => {
    const owner = await signUp(t.app);
    const stolen = sessionFrom(await signIn(t, owner.email, owner.password));
    const out = await injectAs(t.app, owner, {
      method: "POST",
      url: "/api/auth/sign-out-everywhere",
      payload: {},
    });
    expect(out.statusCode).toBe(204);
    expect((await injectAs(t.app, stolen, { method: "GET", url: "/api/cells" })).statusCode).toBe(401);
    expect((await injectAs(t.app, owner, { method: "GET", url: "/api/cells" })).statusCode).toBe(401);
    const audit = await injectAs(t.app, sessionFrom(await signIn(t, owner.email, owner.password)), {
      method: "GET",
      url: "/api/audit",
    });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain(
      "person.signedOutEverywhere",
    );
  });

  it("rejects a cookie-authenticated write without the CSRF token, with a foreign token or from a foreign origin", async () => {
    const owner = await signUp(t.app);
    const other = await signUp(t.app);
    const cell = { name: "Team Nord", kind: "periphery" };
    const attempts = [
      { cookie: owner.cookie },
      { cookie: owner.cookie, "x-csrf-token": other.csrfToken },
      { cookie: owner.cookie, "x-csrf-token": owner.csrfToken, origin: "https://evil.example" },
    ];
    for (const headers of attempts) {
      const response = await t.app.inject({ method: "POST", url: "/api/cells", payload: cell, headers });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe("CSRF");
    }
    const cells = await injectAs(t.app, owner, { method: "GET", url: "/api/cells" });
    expect(cells.json().items).toEqual([]);
    const allowed = await injectAs(t.app, owner, {
      method: "POST",
      url: "/api/cells",
      payload: cell,
      headers: { origin: "http://localhost:3000" },
    });
    expect(allowed.statusCode).toBe(201);
  });

  it("serves a Content-Security-Policy and no-store on the API", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/setup" });
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("resets a forgotten password by e-mail and ends the old sessions", async () => {
    const owner = await signUp(t.app, { language: "de" });
    const request = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: owner.email },
    });
    expect(request.statusCode).toBe(202);
    const body = unwrap((await mailTo(smtp.inbox, owner.email)).body);
    expect(body).toContain("Passwort");
    const token = body.match(/reset-password\/([\w-]+)/)?.[1] as string;

    const confirm = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/confirm",
      payload: { token, password: "a brand new passphrase" },
    });
    expect(confirm.statusCode).toBe(200);
    expect((await injectAs(t.app, owner, { method: "GET", url: "/api/org" })).statusCode).toBe(401);
    expect((await signIn(t, owner.email, owner.password)).statusCode).toBe(401);
    expect((await signIn(t, owner.email, "a brand new passphrase")).statusCode).toBe(200);
    const reused = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/confirm",
      payload: { token, password: "yet another passphrase" },
    });
    expect(reused.statusCode).toBe(410);
  });

  it("answers a reset request for an unknown e-mail the same way and sends nothing", async () => {
    const before = smtp.inbox.length;
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: "nobody@example.test" },
    });
    expect(response.statusCode).toBe(202);
    expect(smtp.inbox.length).toBe(before);
  });

  it("e-mails an invitation link that a colleague can accept", async () => {
    const owner = await signUp(t.app, { organisationName: "Nordlicht Vertrieb" });
    const email = "colleague.invited@example.test";
    const created = await injectAs(t.app, owner, {
      method: "POST",
      url: "/api/invitations",
      payload: { email, role: "member", language: "de" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().mailed).toBe(true);
    const mail = unwrap((await mailTo(smtp.inbox, email)).body);
    expect(mail).toContain("Nordlicht Vertrieb");
    const token = mail.match(/invite\/([\w-]+)/)?.[1] as string;
    expect(created.json().link).toContain(token);

    const preview = await t.app.inject({ method: "GET", url: `/api/invitations/by-token/${token}` });
    expect(preview.json()).toMatchObject({ organisationName: "Nordlicht Vertrieb", email });
    const accepted = await t.app.inject({
      method: "POST",
      url: `/api/invitations/by-token/${token}/accept`,
      payload: { name: "Kolle Gin", password: "long enough pass", language: "de" },
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().person).toMatchObject({ email, role: "member", locale: "de" });
    const again = await t.app.inject({
      method: "POST",
      url: `/api/invitations/by-token/${token}/accept`,
      payload: { name: "Someone Else", password: "long enough pass", language: "de" },
    });
    expect(again.statusCode).toBe(410);
  });
});
