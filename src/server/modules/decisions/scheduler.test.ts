import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { call } from "../../../../test/factories.decisions.ts";
import { addCellMember } from "../../../../test/factories.ts";
import { startSmtp, unwrap } from "../../../../test/smtp.ts";
import { runDueNotifications } from "./scheduler.ts";

const DAY = 86_400_000;

describe.each(engines)("decision reminders and e-mails on %s", (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let decider: Session & { email: string };
  let answers: Session & { email: string }; // asked, advises
  let silent: Session & { email: string }; // asked, never answers
  let cellMate: Session & { email: string }; // in the asked cell, no e-mail for reminders
  let bystander: Session & { email: string }; // not asked
  let cellId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await buildTestApp(engine, {
      smtpUrl: smtp.url,
      sessionIdleMs: 400 * DAY,
      sessionAbsoluteMs: 400 * DAY,
    });
    decider = await signUp(t.app);
    answers = await invite(t.app, decider, "member", "Ada Answers");
    silent = await invite(t.app, decider, "member", "Sam Silent");
    cellMate = await invite(t.app, decider, "member", "Cem Cellmate");
    bystander = await invite(t.app, decider, "member", "Bea Bystander");
    cellId = (await call(t.app, decider, "POST", "/api/cells", { name: "Pricing", kind: "centre" }, 201)).id;
    await addCellMember(t.app, decider, cellId, cellMate.info.person.id);
    const prefs = await call(t.app, cellMate, "GET", "/api/me/notification-preferences");
    expect(prefs.mailConfigured).toBe(true);
    await call(t.app, cellMate, "PUT", "/api/me/notification-preferences", {
      email: { ...prefs.email, windowClosing: false },
      version: prefs.version,
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const mailsTo = (person: { email: string }, subject: RegExp) =>
    smtp.inbox.filter((m) => m.to.includes(person.email) && subject.test(m.body));
  const unread = async (session: Session, kind: string) =>
    (await call(t.app, session, "GET", "/api/notifications")).items.filter(
      (n: { kind: string }) => n.kind === kind,
    ).length;

  it("asks by e-mail, reminds only the asked who have not answered, once, and prompts the review once", async () => {
    t.clock.current = new Date("2026-11-26T09:00:00Z");
    const created = await call(t.app, decider, "POST", "/api/proposals", {
      title: "Trade fair stand in Leipzig",
      problem: "Visitors from the east are hard to reach",
      proposal: "Book a small stand",
      impact: "medium",
    });
    await call(t.app, decider, "POST", `/api/proposals/${created.id}/asked`, {
      personIds: [answers.info.person.id, silent.info.person.id],
      cellIds: [cellId],
      version: created.version,
    });
    for (const asked of [answers, silent, cellMate])
      expect(mailsTo(asked, /Subject: Your advice is asked: Trade fair/)).toHaveLength(1);
    expect(mailsTo(bystander, /Trade fair/)).toHaveLength(0);
    await call(t.app, answers, "POST", `/api/proposals/${created.id}/advice`, {
      body: "Share one with partners",
    });

    // Three days after the 26th: the window closes at midnight starting the 30th, Berlin time.
    expect(created.adviceWindowClosesAt).toBe("2026-11-29T23:00:00.000Z");
    const early = await runDueNotifications(t.db.kysely, t.app.mailer, new Date("2026-11-28T22:00:00Z"));
    expect(early.reminders).toBe(0);

    const closing = new Date("2026-11-29T08:00:00Z");
    const [first, second] = await Promise.all([
      runDueNotifications(t.db.kysely, t.app.mailer, closing, "http://periphery.test"),
      runDueNotifications(t.db.kysely, t.app.mailer, closing, "http://periphery.test"),
    ]);
    expect(first.reminders + second.reminders).toBe(2); // silent and the cell mate
    const again = await runDueNotifications(t.db.kysely, t.app.mailer, new Date("2026-11-29T20:00:00Z"));
    expect(again).toEqual({ reminders: 0, reviewsDue: 0, mailed: 0 });

    const reminders = mailsTo(silent, /Subject: Advice window closing soon/);
    expect(reminders).toHaveLength(1);
    expect(unwrap(reminders[0].body)).toContain(`http://periphery.test/decisions/${created.id}`);
    expect(mailsTo(cellMate, /Advice window closing/)).toHaveLength(0); // chose no such e-mail …
    t.clock.current = new Date("2026-11-29T21:00:00Z");
    expect(await unread(cellMate, "windowClosing")).toBe(1); // … but sees it in the app
    expect(await unread(answers, "windowClosing")).toBe(0);
    expect(await unread(bystander, "windowClosing")).toBe(0);
    expect(await unread(decider, "windowClosing")).toBe(0);

    t.clock.current = new Date("2026-11-30T09:00:00Z");
    const decided = await call(t.app, decider, "GET", `/api/proposals/${created.id}`);
    await call(t.app, decider, "POST", `/api/proposals/${created.id}/decision`, {
      decision: "We book the small stand",
      adviceUse: "We share it with a partner, as Ada advised.",
      reviewDate: "2027-03-01",
      version: decided.version,
    });
    expect(mailsTo(answers, /Subject: Decided: Trade fair/)).toHaveLength(1);
    expect(mailsTo(bystander, /Decided/)).toHaveLength(0);

    // The review date comes at midnight in Berlin (23:00 UTC the day before), not at UTC midnight.
    const notYet = await runDueNotifications(t.db.kysely, t.app.mailer, new Date("2027-02-28T22:59:00Z"));
    expect(notYet.reviewsDue).toBe(0);
    const due = await runDueNotifications(t.db.kysely, t.app.mailer, new Date("2027-02-28T23:00:00Z"));
    expect(due.reviewsDue).toBe(1);
    const dueAgain = await runDueNotifications(t.db.kysely, t.app.mailer, new Date("2027-03-02T09:00:00Z"));
    expect(dueAgain.reviewsDue).toBe(0);
    expect(mailsTo(decider, /Subject: Time to review: Trade fair/)).toHaveLength(1);
    const total = smtp.inbox.length;
    await runDueNotifications(t.db.kysely, t.app.mailer, new Date("2027-03-05T09:00:00Z"));
    expect(smtp.inbox.length).toBe(total);
  });

  it("sends no e-mail a person turned off, and none when SMTP is not configured", async () => {
    const prefs = await call(t.app, bystander, "GET", "/api/me/notification-preferences");
    await call(t.app, bystander, "PUT", "/api/me/notification-preferences", {
      email: { ...prefs.email, adviceRequested: false },
      version: prefs.version,
    });
    const created = await call(t.app, decider, "POST", "/api/proposals", {
      title: "Quiet proposal",
      problem: "p",
      proposal: "p",
    });
    await call(t.app, decider, "POST", `/api/proposals/${created.id}/asked`, {
      personIds: [bystander.info.person.id],
      version: created.version,
    });
    expect(mailsTo(bystander, /Quiet proposal/)).toHaveLength(0);
    expect(await unread(bystander, "adviceRequested")).toBe(1);

    const unconfigured = { configured: false, send: async () => true };
    const result = await runDueNotifications(t.db.kysely, unconfigured, new Date("2026-12-10T09:00:00Z"));
    expect(result.mailed).toBe(0);
    const response = await injectAs(t.app, bystander, {
      method: "GET",
      url: "/api/notifications/unread-count",
    });
    expect(response.json().count).toBeGreaterThan(0);
  });
});
