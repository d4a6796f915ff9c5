import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { type KbState, kollegialeBeratung } from "./kollegialeBeratung.ts";
import { type LeanCoffeeState, leanCoffee, viewLeanCoffee } from "./leanCoffee.ts";
import { eventsAfter } from "./roomStore.ts";
import { canJoin, sessionKindOf } from "./sessions.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies, asserted by the tests
type Json = Record<string, any>;

describe.each(engines)("exchange over HTTP on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let member: Session;
  let outsider: Session;
  let colleague: Session;
  let other: Session;

  async function call(
    session: Session | null,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: object,
    expected?: number,
  ) {
    // Each write a second later, so lists ordered by time have one order on both engines.
    if (method !== "GET") t.clock.advance(1000);
    const response = await injectAs(t.app, session, { method, url, ...(payload ? { payload } : {}) });
    if (expected !== undefined && response.statusCode !== expected)
      throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
    return response;
  }
  const json = async (...args: Parameters<typeof call>) => (await call(...args)).json() as Json;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    steward = await signUp(t.app);
    member = await invite(t.app, steward, "member", "Olga Owner");
    colleague = await invite(t.app, steward, "member", "Karl Consultant");
    outsider = await invite(t.app, steward, "member", "Nora Outside");
    other = await signUp(t.app, { organisationName: "Other GmbH" });
  });
  afterAll(() => t.close());

  it("creates, edits (409 on a stale version) and deletes formats, org-scoped", async () => {
    const created = await json(
      steward,
      "POST",
      "/api/exchange/formats",
      {
        name: "Lean Coffee Preise & Rabatte",
        type: "leanCoffee",
        cadence: "weekly",
        startsOn: "2026-12-01",
        timeOfDay: "09:30",
        timeZone: "Europe/Berlin",
      },
      201,
    );
    expect(created).toMatchObject({ access: "open", participants: [], version: 1, durationMinutes: 60 });
    const edited = await json(
      member,
      "PATCH",
      `/api/exchange/formats/${created.id}`,
      {
        version: 1,
        access: "invitation",
        participantIds: [member.info.person.id],
      },
      200,
    );
    expect(edited.participants).toEqual([{ id: member.info.person.id, name: "Olga Owner" }]);
    const stale = await call(steward, "PATCH", `/api/exchange/formats/${created.id}`, {
      version: 1,
      name: "x",
    });
    expect(stale.statusCode).toBe(409);
    expect((await call(other, "GET", `/api/exchange/formats/${created.id}`)).statusCode).toBe(404);
    expect((await json(other, "GET", "/api/exchange/formats")).items).toEqual([]);
    const invalid = await call(steward, "POST", "/api/exchange/formats", {
      name: "x",
      type: "leanCoffee",
      startsOn: "2026-12-01",
      timeZone: "Mars/Olympus",
    });
    expect(invalid.statusCode).toBe(400);
    expect((await call(steward, "DELETE", `/api/exchange/formats/${created.id}?version=1`)).statusCode).toBe(
      409,
    );
    expect((await call(steward, "DELETE", `/api/exchange/formats/${created.id}?version=2`)).statusCode).toBe(
      204,
    );
    expect((await call(steward, "GET", `/api/exchange/formats/${created.id}`)).statusCode).toBe(404);
  });

  it("keeps a topic backlog between sessions, named or anonymous", async () => {
    const format = await json(
      steward,
      "POST",
      "/api/exchange/formats",
      {
        name: "Backlog",
        type: "leanCoffee",
        startsOn: "2026-12-01",
      },
      201,
    );
    await call(member, "POST", `/api/exchange/formats/${format.id}/topics`, { title: "Rabatte" }, 201);
    const anonymous = await json(
      member,
      "POST",
      `/api/exchange/formats/${format.id}/topics`,
      {
        title: "Angst vor Preisgesprächen",
        anonymous: true,
      },
      201,
    );
    expect(anonymous.author).toBeNull();
    const topics = await json(steward, "GET", `/api/exchange/formats/${format.id}/topics`, undefined, 200);
    expect(topics.items.map((t: Json) => [t.title, t.author?.name ?? null])).toEqual([
      ["Rabatte", "Olga Owner"],
      ["Angst vor Preisgesprächen", null],
    ]);
    // A session starts with the backlog on its board, the facilitator set, authors kept unless anonymous.
    const started = await json(steward, "POST", `/api/exchange/formats/${format.id}/sessions`, {}, 201);
    const orgId = steward.info.organisation.id;
    const events = await eventsAfter(t.db.kysely, orgId, started.session.id, 0);
    const board = events.reduce<LeanCoffeeState>((s, e) => leanCoffee.reduce(s, e), leanCoffee.initial());
    const view = viewLeanCoffee(board, { personId: member.info.person.id });
    expect(view.facilitatorId).toBe(steward.info.person.id);
    expect(view.topics.map((t) => [t.id, t.title, t.authorId])).toEqual([
      ["t1", "Rabatte", member.info.person.id],
      ["t2", "Angst vor Preisgesprächen", null],
    ]);
    // Handing over in the session header hands over the live board too.
    const handedOver = await json(
      steward,
      "PUT",
      `/api/exchange/sessions/${started.session.id}/facilitator`,
      { personId: member.info.person.id, version: started.session.version },
      200,
    );
    expect(handedOver.session.facilitator.id).toBe(member.info.person.id);
    const handedBoard = await json(
      member,
      "GET",
      `/api/exchange/sessions/${started.session.id}/board`,
      undefined,
      200,
    );
    expect(handedBoard.view.facilitatorId).toBe(member.info.person.id);
    await call(
      steward,
      "DELETE",
      `/api/exchange/formats/${format.id}/topics/${anonymous.id}`,
      undefined,
      204,
    );
    expect((await json(steward, "GET", `/api/exchange/formats/${format.id}/topics`)).items).toHaveLength(1);
  });

  it("serves ICS per format and per person, and a secret feed URL that works without a cookie", async () => {
    const format = await json(
      steward,
      "POST",
      "/api/exchange/formats",
      {
        name: "Retro Team Süd",
        type: "retrospective",
        cadence: "fortnightly",
        startsOn: "2026-12-03",
        timeOfDay: "14:00",
        timeZone: "Europe/Vienna",
        access: "invitation",
        participantIds: [colleague.info.person.id],
      },
      201,
    );
    const ics = await call(steward, "GET", `/api/exchange/formats/${format.id}/calendar.ics`, undefined, 200);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent("vevent") ?? undefined,
    );
    expect(event.summary).toBe("Retro Team Süd");
    expect(ics.body).toContain("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH\r\n");
    expect(event.startDate.zone?.tzid).toBe("Europe/Vienna");

    const mine = (session: Session) => call(session, "GET", "/api/exchange/me/calendar.ics", undefined, 200);
    expect((await mine(colleague)).body).toContain("Retro Team Süd");
    expect((await mine(outsider)).body).not.toContain("Retro Team Süd");

    const feed = await json(colleague, "POST", "/api/exchange/me/calendar-feed", undefined, 201);
    const path = new URL(feed.url).pathname;
    const viaToken = await call(null, "GET", path, undefined, 200);
    expect(viaToken.body).toContain("Retro Team Süd");
    // A new URL ends the old one.
    await call(colleague, "POST", "/api/exchange/me/calendar-feed", undefined, 201);
    expect((await call(null, "GET", path)).statusCode).toBe(404);
  });

  it("rotates the facilitator, keeps anonymous contributions and carries open actions to the next session", async () => {
    const format = await json(
      steward,
      "POST",
      "/api/exchange/formats",
      {
        name: "Retro",
        type: "retrospective",
        startsOn: "2026-12-01",
        access: "invitation",
        participantIds: [member.info.person.id, colleague.info.person.id],
      },
      201,
    );
    const first = await json(
      steward,
      "POST",
      `/api/exchange/formats/${format.id}/sessions`,
      { anonymous: true },
      201,
    );
    expect(first.session.facilitator.id).toBe(member.info.person.id);
    const id = first.session.id;
    const noted = await json(
      colleague,
      "POST",
      `/api/exchange/sessions/${id}/contributions`,
      { body: "Too many meetings" },
      201,
    );
    expect(noted.contributions).toEqual([
      expect.objectContaining({ body: "Too many meetings", author: null }),
    ]);
    const action = await json(
      member,
      "POST",
      `/api/exchange/sessions/${id}/harvest`,
      {
        kind: "action",
        title: "Cancel the Friday call",
        personId: colleague.info.person.id,
        dueDate: "2026-12-10",
      },
      201,
    );
    expect(action).toMatchObject({
      person: { name: "Karl Consultant" },
      dueDate: "2026-12-10",
      doneAt: null,
    });
    const done = await json(
      member,
      "POST",
      `/api/exchange/sessions/${id}/harvest`,
      {
        kind: "action",
        title: "Done already",
        personId: member.info.person.id,
        dueDate: "2026-12-05",
      },
      201,
    );
    await call(member, "POST", `/api/exchange/harvest/${done.id}/done`, { version: 1 }, 200);
    const page = await json(
      steward,
      "PUT",
      `/api/exchange/sessions/${id}/facilitator`,
      {
        personId: steward.info.person.id,
        version: 1,
      },
      200,
    );
    expect(page.session.facilitator.id).toBe(steward.info.person.id);
    await call(steward, "POST", `/api/exchange/sessions/${id}/end`, { version: 1 }, 409);
    await call(steward, "POST", `/api/exchange/sessions/${id}/end`, { version: 2 }, 200);

    t.clock.advance(60_000);
    const second = await json(colleague, "POST", `/api/exchange/formats/${format.id}/sessions`, {}, 201);
    expect(second.carriedActions.map((a: Json) => a.title)).toEqual(["Cancel the Friday call"]);
    // The participants in their order, after the last facilitator (steward was not invited: first one).
    expect(second.session.facilitator).not.toBeNull();
    const sessions = await json(
      outsider,
      "GET",
      `/api/exchange/formats/${format.id}/sessions`,
      undefined,
      200,
    );
    expect(sessions.items).toHaveLength(2);
  });

  it("routes the harvest: a learning, an obstacle and a proposal through the decisions service", async () => {
    const format = await json(
      steward,
      "POST",
      "/api/exchange/formats",
      {
        name: "LC",
        type: "leanCoffee",
        startsOn: "2026-12-01",
      },
      201,
    );
    const started = await json(member, "POST", `/api/exchange/formats/${format.id}/sessions`, {}, 201);
    const id = started.session.id;
    const learning = await json(
      member,
      "POST",
      `/api/exchange/sessions/${id}/harvest`,
      {
        kind: "learning",
        title: "Ask for the budget first",
        body: "It saves a round",
      },
      201,
    );
    const obstacle = await json(
      member,
      "POST",
      `/api/exchange/sessions/${id}/harvest`,
      {
        kind: "obstacle",
        title: "The CRM logs us out hourly",
      },
      201,
    );
    const proposal = await json(
      member,
      "POST",
      `/api/exchange/sessions/${id}/harvest`,
      {
        kind: "proposal",
        title: "Try two-week pricing windows",
        body: "Prices change too often",
      },
      201,
    );
    const rows = await t.db.kysely
      .selectFrom("learning")
      .selectAll()
      .where("id", "=", learning.targetId)
      .execute();
    expect(rows[0]).toMatchObject({ title: "Ask for the budget first", sourceSessionId: id });
    expect(
      await t.db.kysely.selectFrom("obstacle").select("title").where("id", "=", obstacle.targetId).execute(),
    ).toEqual([{ title: "The CRM logs us out hourly" }]);
    const created = await json(steward, "GET", `/api/proposals/${proposal.targetId}`, undefined, 200);
    expect(created).toMatchObject({ title: "Try two-week pricing windows", status: "open" });
    const page = await json(steward, "GET", `/api/exchange/sessions/${id}`, undefined, 200);
    expect(page.harvest.map((h: Json) => h.kind)).toEqual(["learning", "obstacle", "proposal"]);
  });

  it("keeps a Kollegiale Beratung confidential: 404 for non-participants, publish only by the case owner", async () => {
    const format = await json(
      steward,
      "POST",
      "/api/exchange/formats",
      {
        name: "KB Team Süd",
        type: "kollegialeBeratung",
        startsOn: "2026-12-01",
      },
      201,
    );
    const url = `/api/exchange/formats/${format.id}/sessions`;
    expect((await call(member, "POST", url, { participantIds: [colleague.info.person.id] })).statusCode).toBe(
      400,
    );
    const started = await json(
      member,
      "POST",
      url,
      {
        participantIds: [colleague.info.person.id, steward.info.person.id],
        caseOwnerId: member.info.person.id,
      },
      201,
    );
    const id = started.session.id;
    expect(started.session).toMatchObject({ confidential: true, caseOwner: { name: "Olga Owner" } });
    await call(
      colleague,
      "POST",
      `/api/exchange/sessions/${id}/contributions`,
      { body: "Secret case notes" },
      201,
    );
    // The room opens with the roles cast at the start: the case owner's case, the facilitator moderates.
    const opening = await eventsAfter(t.db.kysely, steward.info.organisation.id, id, 0);
    const room = opening.reduce<KbState>(
      (s, e) => kollegialeBeratung.reduce(s, e),
      kollegialeBeratung.initial(),
    );
    expect(room.roles.caseOwnerId).toBe(member.info.person.id);
    expect(room.roles.moderatorId).toBe(started.session.facilitator.id);

    for (const [session, status] of [
      [outsider, 404],
      [other, 404],
      [colleague, 200],
    ] as const) {
      expect((await call(session, "GET", `/api/exchange/sessions/${id}`)).statusCode).toBe(status);
    }
    const listed = await json(outsider, "GET", url, undefined, 200);
    expect(listed.items).toEqual([]);
    const outsiderAuth = {
      sessionId: "",
      orgId: steward.info.organisation.id,
      person: { ...outsider.info.person, role: "member" as const, locale: "en" as const },
    };
    expect(await canJoin(t.db.kysely, outsiderAuth, id)).toBe(false);
    expect(
      await canJoin(
        t.db.kysely,
        { ...outsiderAuth, person: { ...outsiderAuth.person, id: colleague.info.person.id } },
        id,
      ),
    ).toBe(true);
    expect((await sessionKindOf(t.db.kysely, steward.info.organisation.id, id))?.kind).toBe(
      "kollegialeBeratung",
    );
    expect(await sessionKindOf(t.db.kysely, other.info.organisation.id, id)).toBeNull();

    // Nothing leaves the room through the harvest; only the case owner publishes, and only the chosen text.
    expect(
      (
        await call(colleague, "POST", `/api/exchange/sessions/${id}/harvest`, {
          kind: "learning",
          title: "x",
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call(colleague, "POST", `/api/exchange/sessions/${id}/publish`, { text: "x" })).statusCode,
    ).toBe(403);
    expect(
      (await call(outsider, "POST", `/api/exchange/sessions/${id}/publish`, { text: "x" })).statusCode,
    ).toBe(404);
    const published = await json(
      member,
      "POST",
      `/api/exchange/sessions/${id}/publish`,
      {
        text: "Asking for a clear no early helps undecided customers",
      },
      201,
    );
    const learning = await t.db.kysely
      .selectFrom("learning")
      .selectAll()
      .where("id", "=", published.targetId)
      .executeTakeFirstOrThrow();
    expect(learning).toMatchObject({
      body: "Asking for a clear no early helps undecided customers",
      sourceSessionId: null,
    });
    expect(JSON.stringify(learning)).not.toContain(member.info.person.id);
    expect(JSON.stringify(learning)).not.toContain("Secret case notes");
  });
});
