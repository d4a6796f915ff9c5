import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { call } from "../../../../test/factories.decisions.ts";
import { newMarker, type SeededOrganisation, seedOrganisation } from "../../../../test/factories.ts";
import type { Proposal } from "../../../shared/decisions/proposals.ts";

const DAY = 86_400_000;

describe.each(engines)("decisions on %s", (engine) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let seller: Session; // the member, in the periphery cell that owns account 0
  let colleague: Session; // the second steward, in the centre ("Pricing") cell
  let outsider: Session; // a member nobody asked

  beforeAll(async () => {
    // The clock moves by days here; sessions must outlive that.
    t = await buildTestApp(engine, { sessionIdleMs: 400 * DAY, sessionAbsoluteMs: 400 * DAY });
    org = await seedOrganisation(t.app, newMarker("dec"));
    seller = org.member;
    colleague = org.secondSteward;
    outsider = await invite(t.app, org.steward, "member", "Olli Outsider");
  });
  afterAll(() => t.close());

  const propose = (session: Session, body: object) =>
    call(t.app, session, "POST", "/api/proposals", {
      title: "Discount beyond the band",
      problem: "The customer compares us with a cheaper vendor",
      proposal: "Give 25 % on the consulting days",
      ...body,
    }) as Promise<Proposal>;
  const post = (session: Session, url: string, payload: object) =>
    injectAs(t.app, session, { method: "POST", url, payload });

  it("runs the advice process from an offer: ask, advise, decide against advice with a reason, log and offer link", async () => {
    const offerId = org.ids.offerId[1];
    const created = await propose(seller, {
      impact: "medium",
      links: [
        { type: "offer", id: offerId },
        { type: "guardrail", id: "discount" },
      ],
    });
    expect(created).toMatchObject({ kind: "advice", status: "open", decider: { id: seller.info.person.id } });
    expect(created.links.map((l) => l.type)).toEqual(["offer", "guardrail"]);
    expect(created.links[0].label).toMatch(/\S/);
    // The offer's deal belongs to the periphery cell: the proposal is made there.
    expect(created.cell?.id).toBe(org.ids.cellId[0]);

    const suggestions = await call(t.app, seller, "GET", `/api/proposals/${created.id}/suggestions`);
    expect(suggestions.cells.map((c: { id: string }) => c.id)).toContain(org.ids.cellId[0]);

    const asked = (await call(t.app, seller, "POST", `/api/proposals/${created.id}/asked`, {
      personIds: [colleague.info.person.id],
      cellIds: [org.ids.cellId[1]],
      version: created.version,
    })) as Proposal;
    expect(asked.asked.people).toEqual([
      expect.objectContaining({ id: colleague.info.person.id, answered: false }),
    ]);
    expect(asked.asked.cells).toEqual([expect.objectContaining({ id: org.ids.cellId[1], answered: false })]);
    const bell = await call(t.app, colleague, "GET", "/api/notifications?unread=true");
    expect(bell.items).toContainEqual(
      expect.objectContaining({ kind: "adviceRequested", proposalId: created.id, actor: expect.anything() }),
    );

    // Too early: the window is open and nobody answered yet.
    const early = await post(seller, `/api/proposals/${created.id}/decision`, {
      decision: "25 %",
      adviceUse: "-",
      version: asked.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("ADVICE_WINDOW_OPEN");

    await call(t.app, colleague, "POST", `/api/proposals/${created.id}/advice`, { body: "Stay within 15 %" });
    const outsiderAdvice = await call(t.app, outsider, "POST", `/api/proposals/${created.id}/advice`, {
      body: "Ask what the cheaper vendor leaves out",
    });
    expect(outsiderAdvice.forCells).toEqual([]);
    // The colleague is a member of the asked centre cell: both asked now have answered.
    const answered = (await call(t.app, seller, "GET", `/api/proposals/${created.id}`)) as Proposal;
    expect(answered).toMatchObject({ windowOpen: true, allAnswered: true, adviceCount: 2 });
    expect(answered.abilities.decide).toBe(true);
    const asColleague = (await call(t.app, colleague, "GET", `/api/proposals/${created.id}`)) as Proposal;
    expect(asColleague.abilities.decide).toBe(false);

    const forbidden = await post(colleague, `/api/proposals/${created.id}/decision`, {
      decision: "15 %",
      adviceUse: "mine",
      version: answered.version,
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toEqual({
      error: { code: "NOT_DECIDER", message: expect.stringMatching(/decider/) },
    });

    t.clock.advance(60_000);
    const decided = (await call(t.app, seller, "POST", `/api/proposals/${created.id}/decision`, {
      decision: "We give 25 % once, for this offer",
      adviceUse: "I did not follow the 15 % advice: the customer's volume doubles next year.",
      reviewDate: "2027-03-01",
      version: answered.version,
    })) as Proposal;
    expect(decided).toMatchObject({
      status: "decided",
      decision: { decidedBy: { id: seller.info.person.id } },
    });
    expect(decided.abilities).toMatchObject({ decide: false, advise: false, reviewOutcome: true });

    for (const viewer of [seller, colleague, outsider]) {
      const log = await call(t.app, viewer, "GET", `/api/decision-log?linkType=offer&linkId=${offerId}`);
      expect(log.items.map((i: { id: string }) => i.id)).toContain(created.id);
    }
    const onOffer = await call(t.app, outsider, "GET", `/api/offers/${offerId}/proposals`);
    expect(onOffer.map((p: { id: string }) => p.id)).toContain(created.id);
    const told = await call(t.app, colleague, "GET", "/api/notifications");
    expect(told.items[0]).toMatchObject({ kind: "decisionMade", actor: { id: seller.info.person.id } });

    const late = await post(outsider, `/api/proposals/${created.id}/advice`, { body: "too late" });
    expect(late.json().error.code).toBe("PROPOSAL_CLOSED");
  });

  it("lets the decider decide once the window closed, by the organisation's clock and time zone", async () => {
    const settings = await call(t.app, org.steward, "GET", "/api/decisions/settings");
    const forbidden = await injectAs(t.app, seller, {
      method: "PUT",
      url: "/api/decisions/settings",
      payload: {
        adviceDays: { low: 1, medium: 2, high: 5 },
        timeZone: "America/New_York",
        version: settings.version,
      },
    });
    expect(forbidden.statusCode).toBe(403);
    await call(t.app, org.steward, "PUT", "/api/decisions/settings", {
      adviceDays: { low: 1, medium: 2, high: 5 },
      timeZone: "America/New_York",
      version: settings.version,
    });
    const audit = await call(t.app, org.steward, "GET", "/api/audit");
    expect(audit.items.map((a: { action: string }) => a.action)).toContain("decisionSettings.changed");

    t.clock.current = new Date("2026-11-26T09:00:00Z"); // 04:00 on the 26th in New York
    const created = await propose(seller, { impact: "low" });
    // One whole day after the 26th: closes at midnight starting the 28th, New York time (UTC-5).
    expect(created.adviceWindowClosesAt).toBe("2026-11-28T05:00:00.000Z");
    await call(t.app, seller, "POST", `/api/proposals/${created.id}/asked`, {
      personIds: [outsider.info.person.id],
      version: created.version,
    });
    t.clock.current = new Date("2026-11-28T04:59:59Z");
    const stillOpen = await post(seller, `/api/proposals/${created.id}/decision`, {
      decision: "d",
      adviceUse: "u",
      version: created.version + 1,
    });
    expect(stillOpen.json().error.code).toBe("ADVICE_WINDOW_OPEN");
    t.clock.current = new Date("2026-11-28T05:00:00Z");
    // The asked outsider never answered: the decider does not wait for them.
    const decided = await call(t.app, seller, "POST", `/api/proposals/${created.id}/decision`, {
      decision: "d",
      adviceUse: "No advice came in the window.",
      version: created.version + 1,
    });
    expect(decided.status).toBe("decided");
    const stale = await post(seller, `/api/proposals/${created.id}/review-date`, {});
    expect(stale.statusCode).toBe(404); // wrong method: PUT is the route
    const staleVersion = await injectAs(t.app, seller, {
      method: "PUT",
      url: `/api/proposals/${created.id}/review-date`,
      payload: { reviewDate: "2027-01-01", version: created.version },
    });
    expect(staleVersion.json().error.code).toBe("STALE_VERSION");
    t.clock.current = new Date("2026-11-26T09:00:00Z");
  });

  it("suggests the members of affected cells and people whose skills match the title", async () => {
    const me = await call(t.app, outsider, "GET", `/api/people/${outsider.info.person.id}`);
    await call(t.app, outsider, "PATCH", `/api/people/${outsider.info.person.id}`, {
      skills: ["Preisgestaltung", "Messen"],
      version: me.version,
    });
    const created = await propose(seller, {
      title: "Preisgestaltung für Wartungsverträge",
      links: [{ type: "account", id: org.ids.accountId[1] }],
    });
    const suggestions = await call(t.app, seller, "GET", `/api/proposals/${created.id}/suggestions`);
    expect(suggestions.people).toContainEqual({
      id: outsider.info.person.id,
      name: "Olli Outsider",
      reasons: ["skill:Preisgestaltung"],
    });
    // Account 1 belongs to the centre cell, whose member is the colleague.
    expect(suggestions.cells).toEqual([
      expect.objectContaining({ id: org.ids.cellId[1], reasons: ["affected"] }),
    ]);
    expect(suggestions.people).toContainEqual(
      expect.objectContaining({ id: colleague.info.person.id, reasons: [expect.stringMatching(/^cell:/)] }),
    );
    // The decider is never suggested to themselves.
    expect(suggestions.people.map((p: { id: string }) => p.id)).not.toContain(seller.info.person.id);
  });

  it("hands the decision to a colleague only when they accept; the proposer decides until then", async () => {
    const created = await propose(seller, { deciderId: colleague.info.person.id });
    expect(created.decider.id).toBe(seller.info.person.id);
    expect(created.deciderRequested?.id).toBe(colleague.info.person.id);
    const notAsked = await post(outsider, `/api/proposals/${created.id}/decider/accept`, {
      version: created.version,
    });
    expect(notAsked.statusCode).toBe(403);
    const accepted = (await call(t.app, colleague, "POST", `/api/proposals/${created.id}/decider/accept`, {
      version: created.version,
    })) as Proposal;
    expect(accepted).toMatchObject({ decider: { id: colleague.info.person.id }, deciderRequested: null });
    const proposerNow = await post(seller, `/api/proposals/${created.id}/withdraw`, {
      version: accepted.version,
    });
    expect(proposerNow.json().error.code).toBe("NOT_DECIDER");
    const withdrawn = await call(t.app, colleague, "POST", `/api/proposals/${created.id}/withdraw`, {
      version: accepted.version,
    });
    expect(withdrawn.status).toBe("withdrawn");
  });

  it("passes a consent proposal on the discount band after an objection and an amendment, changing the guardrail", async () => {
    const steward = org.steward;
    const created = await propose(steward, {
      kind: "consent",
      title: "New discount band",
      proposal: "Up to 20 %",
      guardrailChange: { kind: "discount", limitValue: 2000, why: "The market moved" },
    });
    expect(created.links).toEqual([{ type: "guardrail", id: "discount", label: "discount" }]);
    expect(created.rounds).toHaveLength(1);
    const asked = (await call(t.app, steward, "POST", `/api/proposals/${created.id}/asked`, {
      personIds: [seller.info.person.id],
      version: created.version,
    })) as Proposal;
    await call(t.app, seller, "POST", `/api/proposals/${created.id}/consent/entries`, {
      kind: "question",
      body: "Does it apply to running offers?",
    });
    const wrongPhase = await post(seller, `/api/proposals/${created.id}/consent/entries`, {
      kind: "objection",
      body: "x",
    });
    expect(wrongPhase.json().error.code).toBe("CONSENT_PHASE");
    const atConsent = (await call(t.app, steward, "POST", `/api/proposals/${created.id}/consent/phase`, {
      phase: "consent",
      version: asked.version,
    })) as Proposal;
    const noReason = await post(seller, `/api/proposals/${created.id}/consent/entries`, {
      kind: "objection",
      body: "",
    });
    expect(noReason.statusCode).toBe(400);
    await call(t.app, seller, "POST", `/api/proposals/${created.id}/consent/entries`, {
      kind: "objection",
      body: "20 % for everyone erodes margin in small deals",
    });
    const blocked = await post(steward, `/api/proposals/${created.id}/consent/pass`, {
      reviewDate: "2027-06-01",
      version: atConsent.version,
    });
    expect(blocked.json().error.code).toBe("OBJECTION_STANDS");
    const notDecider = await post(seller, `/api/proposals/${created.id}/consent/pass`, {
      reviewDate: "2027-06-01",
      version: atConsent.version,
    });
    expect(notDecider.statusCode).toBe(403);

    const amended = (await call(t.app, steward, "POST", `/api/proposals/${created.id}/amend`, {
      proposal: "Up to 20 % for deals above 50,000 EUR",
      guardrailChange: { kind: "discount", limitValue: 1800, why: "Only large deals" },
      note: "Integrates the margin objection",
      version: atConsent.version,
    })) as Proposal;
    expect(amended.rounds.map((r) => r.number)).toEqual([1, 2]);
    expect(amended.rounds[0].objections).toBe(1);
    const round2 = (await call(t.app, steward, "POST", `/api/proposals/${created.id}/consent/phase`, {
      phase: "consent",
      version: amended.version,
    })) as Proposal;
    await call(t.app, seller, "POST", `/api/proposals/${created.id}/consent/entries`, {
      kind: "consent",
      body: "",
    });
    const noDate = await post(steward, `/api/proposals/${created.id}/consent/pass`, {
      version: round2.version,
    });
    expect(noDate.statusCode).toBe(400);
    const guardrails = async () =>
      Object.fromEntries(
        ((await call(t.app, steward, "GET", "/api/guardrails")) as { kind: string; version: number }[]).map(
          (g) => [g.kind, g],
        ),
      );
    const guardrailBefore = (await guardrails()).discount;
    const passed = (await call(t.app, steward, "POST", `/api/proposals/${created.id}/consent/pass`, {
      reviewDate: "2027-06-01",
      version: round2.version,
    })) as Proposal;
    expect(passed).toMatchObject({ status: "passed", reviewDate: "2027-06-01" });
    const guardrail = (await guardrails()).discount;
    expect(guardrail).toMatchObject({
      limitValue: 1800,
      why: "Only large deals",
      version: guardrailBefore.version + 1,
    });
    const row = await t.db.kysely
      .selectFrom("guardrail")
      .select("changedByProposalId")
      .where("orgId", "=", org.orgId)
      .where("kind", "=", "discount")
      .executeTakeFirstOrThrow();
    expect(row.changedByProposalId).toBe(created.id);
    const log = await call(
      t.app,
      seller,
      "GET",
      "/api/decision-log?kind=consent&linkType=guardrail&linkId=discount",
    );
    expect(log.items[0]).toMatchObject({ id: created.id, status: "passed", rounds: 2 });
  });

  it("lets a member pass a guardrail change by consent: the consent, not the steward role, legitimises it", async () => {
    const created = await propose(seller, {
      kind: "consent",
      guardrailChange: { kind: "paymentTerms", limitValue: 45, why: "Public customers pay slowly" },
    });
    const moved = await call(t.app, seller, "POST", `/api/proposals/${created.id}/consent/phase`, {
      phase: "consent",
      version: created.version,
    });
    // Nobody asked: the decider waits for the window only.
    const early = await post(seller, `/api/proposals/${created.id}/consent/pass`, {
      reviewDate: "2027-01-01",
      version: moved.version,
    });
    expect(early.json().error.code).toBe("ADVICE_WINDOW_OPEN");
    t.clock.advance(10 * DAY);
    await call(t.app, seller, "POST", `/api/proposals/${created.id}/consent/pass`, {
      reviewDate: "2027-01-01",
      version: moved.version,
    });
    t.clock.current = new Date("2026-11-26T09:00:00Z");
    const all = (await call(t.app, seller, "GET", "/api/guardrails")) as { kind: string }[];
    expect(all.find((g) => g.kind === "paymentTerms")).toMatchObject({ limitValue: 45 });
  });

  it("answers 404 for unknown proposals, 409 for stale edits and wrong kinds, 400 for foreign links", async () => {
    const missing = await injectAs(t.app, seller, { method: "GET", url: `/api/proposals/${randomUUID()}` });
    expect(missing.statusCode).toBe(404);
    const created = await propose(seller, {});
    const edited = await injectAs(t.app, seller, {
      method: "PATCH",
      url: `/api/proposals/${created.id}`,
      payload: { title: "Sharper title", version: created.version },
    });
    expect(edited.json().title).toBe("Sharper title");
    const stale = await injectAs(t.app, seller, {
      method: "PATCH",
      url: `/api/proposals/${created.id}`,
      payload: { title: "Lost update", version: created.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("STALE_VERSION");
    const wrongKind = await post(seller, `/api/proposals/${created.id}/amend`, { note: "n", version: 2 });
    expect(wrongKind.json().error.code).toBe("WRONG_PROPOSAL_KIND");
    const foreign = await post(seller, "/api/proposals", {
      title: "t",
      problem: "p",
      proposal: "p",
      links: [{ type: "account", id: randomUUID() }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toEqual({ "links.0.id": "not found" });
    const adviceChangingGuardrail = await post(seller, "/api/proposals", {
      title: "t",
      problem: "p",
      proposal: "p",
      guardrailChange: { kind: "discount", limitValue: 3000 },
    });
    expect(adviceChangingGuardrail.json().error.fields).toEqual({ guardrailChange: "consent only" });
    const german = await injectAs(t.app, colleague, {
      method: "POST",
      url: `/api/proposals/${created.id}/withdraw`,
      payload: { version: 2 },
      headers: { "accept-language": "de" },
    });
    expect(german.json().error.message).toMatch(/entscheidet/);
  });

  it("pages a long advice thread by keyset, oldest first, without gaps or repeats", async () => {
    const created = await propose(seller, {});
    const at = Date.parse("2026-11-26T09:00:00Z");
    await t.db.kysely
      .insertInto("advice")
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          id: randomUUID(),
          orgId: org.orgId,
          proposalId: created.id,
          authorId: outsider.info.person.id,
          body: `advice ${i}`,
          // Pairs share a timestamp: the id breaks the tie.
          createdAt: new Date(at + Math.floor(i / 2) * 1000).toISOString(),
        })),
      )
      .execute();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await call(
        t.app,
        colleague,
        "GET",
        `/api/proposals/${created.id}/advice?limit=64${cursor ? `&cursor=${cursor}` : ""}`,
      )) as { items: { body: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.body));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    expect(seen.slice(0, 2).sort()).toEqual(["advice 0", "advice 1"]);
  });

  it("searches and filters the decision log and prompts the outcome review on the review date", async () => {
    const created = await propose(seller, {
      title: "Replace the demo laptop fleet (Öffentlicher Sektor)",
      impact: "low",
    });
    const early = await post(seller, `/api/proposals/${created.id}/outcome-review`, {
      whatHappened: "x",
      whatWeLearned: "y",
      version: created.version,
    });
    expect(early.json().error.code).toBe("NOT_DECIDED");
    t.clock.advance(5 * DAY);
    const decided = (await call(t.app, seller, "POST", `/api/proposals/${created.id}/decision`, {
      decision: "Lease refurbished ThinkPads",
      adviceUse: "No advice came.",
      reviewDate: "2026-12-15",
      version: created.version,
    })) as Proposal;
    const search = async (query: string) =>
      (await call(t.app, outsider, "GET", `/api/decision-log?${query}`)).items.map(
        (i: { id: string }) => i.id,
      );
    expect(await search("q=THINKPADS")).toEqual([created.id]);
    // Beyond ASCII, upper case finds lower and the other way round (the search text is stored lower-cased).
    expect(await search(`q=${encodeURIComponent("ÖFFENTLICHER")}`)).toEqual([created.id]);
    expect(await search(`q=${encodeURIComponent("öffentlicher sektor")}`)).toEqual([created.id]);
    expect(await search("q=laptop%20fleet&kind=advice")).toEqual([created.id]);
    expect(await search("q=laptop&kind=consent")).toEqual([]);
    expect(await search(`q=laptop&cellId=${org.ids.cellId[1]}`)).toEqual([]);
    expect(await search("q=laptop&from=2026-12-01&to=2026-12-01")).toEqual([created.id]);
    expect(await search("q=laptop&from=2026-12-02")).toEqual([]);

    const dueBefore = await call(t.app, seller, "GET", "/api/decision-log/review-due");
    expect(dueBefore.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
    t.clock.current = new Date("2026-12-15T08:00:00Z");
    const due = await call(t.app, seller, "GET", "/api/decision-log/review-due");
    expect(due.items.map((i: { id: string }) => i.id)).toContain(created.id);
    const notDecider = await post(outsider, `/api/proposals/${created.id}/outcome-review`, {
      whatHappened: "x",
      whatWeLearned: "y",
      version: decided.version,
    });
    expect(notDecider.statusCode).toBe(403);
    const reviewed = (await call(t.app, seller, "POST", `/api/proposals/${created.id}/outcome-review`, {
      whatHappened: "Two laptops failed in the first month",
      whatWeLearned: "Refurbished needs a spare",
      version: decided.version,
    })) as Proposal;
    expect(reviewed.outcomeReview?.whatWeLearned).toBe("Refurbished needs a spare");
    const after = await call(t.app, seller, "GET", "/api/decision-log/review-due");
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
    t.clock.current = new Date("2026-11-26T09:00:00Z");
  });

  it("keeps notifications personal: unread count, mark read, read all, another's is 404", async () => {
    const count = await call(t.app, colleague, "GET", "/api/notifications/unread-count");
    expect(count.count).toBeGreaterThan(0);
    const list = await call(t.app, colleague, "GET", "/api/notifications");
    const first = list.items[0];
    const notMine = await post(outsider, `/api/notifications/${first.id}/read`, {});
    expect(notMine.statusCode).toBe(404);
    expect((await post(colleague, `/api/notifications/${first.id}/read`, {})).statusCode).toBe(204);
    const fewer = await call(t.app, colleague, "GET", "/api/notifications/unread-count");
    expect(fewer.count).toBe(count.count - 1);
    await call(t.app, colleague, "POST", "/api/notifications/read-all", {});
    expect((await call(t.app, colleague, "GET", "/api/notifications/unread-count")).count).toBe(0);

    const prefs = await call(t.app, colleague, "GET", "/api/me/notification-preferences");
    expect(prefs).toMatchObject({ mailConfigured: false, version: 0, email: { decisionMade: true } });
    const saved = await call(t.app, colleague, "PUT", "/api/me/notification-preferences", {
      email: { ...prefs.email, decisionMade: false },
      version: 0,
    });
    expect(saved).toMatchObject({ version: 1, email: { decisionMade: false } });
    const stale = await injectAs(t.app, colleague, {
      method: "PUT",
      url: "/api/me/notification-preferences",
      payload: { email: prefs.email, version: 0 },
    });
    expect(stale.statusCode).toBe(409);
  });
});
