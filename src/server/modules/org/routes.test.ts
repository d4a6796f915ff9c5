import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, sessionFrom, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";

describe.each(engines)("organisation, people and cells on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  it("lets a steward change settings, logs the change, and shows it to every member", async () => {
    const steward = await signUp(t.app);
    const member = await invite(t.app, steward);
    const org = (await injectAs(t.app, member, { method: "GET", url: "/api/org" })).json();
    expect(org.minGroupSize).toBe(5);
    expect(org.abilities.editSettings).toBe(false);

    const changed = await injectAs(t.app, steward, {
      method: "PATCH",
      url: "/api/org",
      payload: { version: org.version, minGroupSize: 7, currency: "CHF" },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ minGroupSize: 7, currency: "CHF", version: org.version + 1 });

    const audit = (await injectAs(t.app, member, { method: "GET", url: "/api/audit" })).json();
    const entry = audit.items.find((e: { action: string }) => e.action === "organisation.settingsChanged");
    expect(entry.details).toEqual({ minGroupSize: { from: 5, to: 7 }, currency: { from: "EUR", to: "CHF" } });
    expect(entry.actorName).toBe("Mara Steward");
  });

  it("refuses settings changes by a member with 403 and a stale version with 409", async () => {
    const steward = await signUp(t.app);
    const member = await invite(t.app, steward);
    const forbidden = await injectAs(t.app, member, {
      method: "PATCH",
      url: "/api/org",
      payload: { version: 1, name: "Taken over" },
    });
    expect(forbidden.statusCode).toBe(403);
    await injectAs(t.app, steward, {
      method: "PATCH",
      url: "/api/org",
      payload: { version: 1, name: "First" },
    });
    const stale = await injectAs(t.app, steward, {
      method: "PATCH",
      url: "/api/org",
      payload: { version: 1, name: "Second" },
      headers: { "accept-language": "de" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: "STALE_VERSION" });
    expect(stale.json().error.message).toContain("inzwischen");
    expect((await injectAs(t.app, steward, { method: "GET", url: "/api/org" })).json().name).toBe("First");
  });

  it("changes roles only by a steward, audited, and never removes the last steward", async () => {
    const steward = await signUp(t.app);
    const member = await invite(t.app, steward);
    const memberId = member.info.person.id;
    const byMember = await injectAs(t.app, member, {
      method: "PUT",
      url: `/api/people/${memberId}/role`,
      payload: { version: 1, role: "steward" },
    });
    expect(byMember.statusCode).toBe(403);

    const promoted = await injectAs(t.app, steward, {
      method: "PUT",
      url: `/api/people/${memberId}/role`,
      payload: { version: 1, role: "steward" },
    });
    expect(promoted.json()).toMatchObject({ role: "steward", version: 2 });

    const self = steward.info.person;
    const stepDown = await injectAs(t.app, steward, {
      method: "PUT",
      url: `/api/people/${self.id}/role`,
      payload: { version: self.version, role: "member" },
    });
    expect(stepDown.json().role).toBe("member");
    const lastOne = await injectAs(t.app, member, {
      method: "PUT",
      url: `/api/people/${memberId}/role`,
      payload: { version: 2, role: "member" },
    });
    expect(lastOne.statusCode).toBe(409);
    expect(lastOne.json().error.code).toBe("LAST_STEWARD");
    const actions = (await injectAs(t.app, member, { method: "GET", url: "/api/audit" }))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === "person.roleChanged")).toHaveLength(2);
  });

  it("lets people edit their own profile, not someone else's, and finds them by skill", async () => {
    const steward = await signUp(t.app);
    const member = await invite(t.app, steward, "member", "Lena Ausschreibung");
    const me = member.info.person;
    const edited = await injectAs(t.app, member, {
      method: "PATCH",
      url: `/api/people/${me.id}`,
      payload: {
        version: me.version,
        skills: ["Öffentliche Vergabe", "Verhandlung"],
        languages: ["de", "en"],
      },
    });
    expect(edited.json()).toMatchObject({
      skills: ["Öffentliche Vergabe", "Verhandlung"],
      languages: ["de", "en"],
    });
    const notMine = await injectAs(t.app, steward, {
      method: "PATCH",
      url: `/api/people/${me.id}`,
      payload: { version: 2, name: "Renamed" },
    });
    expect(notMine.statusCode).toBe(403);

    const found = await injectAs(t.app, steward, {
      method: "GET",
      url: "/api/people?skill=öffentliche%20vergabe",
    });
    expect(found.json().items.map((p: { name: string }) => p.name)).toEqual(["Lena Ausschreibung"]);
    const partial = await injectAs(t.app, steward, { method: "GET", url: "/api/people?skill=Vergabe" });
    expect(partial.json().items).toEqual([]);
  });

  it("lets any member shape cells: create, edit, members in several cells, agreements, delete", async () => {
    const steward = await signUp(t.app);
    const member = await invite(t.app, steward);
    const nord = (
      await injectAs(t.app, member, {
        method: "POST",
        url: "/api/cells",
        payload: {
          name: "Team Nord",
          kind: "periphery",
          purpose: "Mittelstand im Norden",
          marketSlice: "PLZ 20–29",
        },
      })
    ).json();
    const pricing = (
      await injectAs(t.app, member, {
        method: "POST",
        url: "/api/cells",
        payload: { name: "Pricing", kind: "centre" },
      })
    ).json();
    const personId = member.info.person.id;
    for (const cell of [nord, pricing]) {
      const added = await injectAs(t.app, steward, {
        method: "PUT",
        url: `/api/cells/${cell.id}/members/${personId}`,
        payload: {},
      });
      expect(added.json().members).toEqual([{ id: personId, name: "Jonas Member" }]);
    }
    const person = (await injectAs(t.app, steward, { method: "GET", url: `/api/people/${personId}` })).json();
    expect(person.cellIds.sort()).toEqual([nord.id, pricing.id].sort());

    const renamed = await injectAs(t.app, steward, {
      method: "PATCH",
      url: `/api/cells/${nord.id}`,
      payload: { version: nord.version, purpose: "Familienunternehmen im Norden" },
    });
    expect(renamed.json()).toMatchObject({ purpose: "Familienunternehmen im Norden", version: 2 });

    const agreement = await injectAs(t.app, member, {
      method: "POST",
      url: `/api/cells/${nord.id}/agreements`,
      payload: {
        title: "Rabatte bis 15 % entscheiden wir selbst",
        body: "Darüber holen wir Rat bei Pricing.",
      },
    });
    expect(agreement.statusCode).toBe(201);
    const listed = (
      await injectAs(t.app, steward, { method: "GET", url: `/api/cells/${nord.id}/agreements` })
    ).json();
    expect(listed.items.map((a: { title: string }) => a.title)).toEqual([
      "Rabatte bis 15 % entscheiden wir selbst",
    ]);

    expect(
      (await injectAs(t.app, member, { method: "DELETE", url: `/api/cells/${pricing.id}` })).statusCode,
    ).toBe(204);
    const cells = (await injectAs(t.app, member, { method: "GET", url: "/api/cells" })).json();
    expect(cells.items.map((c: { name: string }) => c.name)).toEqual(["Team Nord"]);
    expect(
      (await injectAs(t.app, member, { method: "GET", url: `/api/cells/${pricing.id}` })).statusCode,
    ).toBe(404);
  });

  it("pages through cells with a keyset cursor and rejects a forged cursor with 400", async () => {
    const steward = await signUp(t.app);
    for (const name of ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]) {
      await injectAs(t.app, steward, {
        method: "POST",
        url: "/api/cells",
        payload: { name, kind: "periphery" },
      });
    }
    const first = (await injectAs(t.app, steward, { method: "GET", url: "/api/cells?limit=2" })).json();
    expect(first.items.map((c: { name: string }) => c.name)).toEqual(["Alpha", "Beta"]);
    const second = (
      await injectAs(t.app, steward, { method: "GET", url: `/api/cells?limit=2&cursor=${first.nextCursor}` })
    ).json();
    expect(second.items.map((c: { name: string }) => c.name)).toEqual(["Delta", "Epsilon"]);
    const third = (
      await injectAs(t.app, steward, { method: "GET", url: `/api/cells?limit=2&cursor=${second.nextCursor}` })
    ).json();
    expect(third).toMatchObject({ items: [{ name: "Gamma" }], nextCursor: null });
    const forged = await injectAs(t.app, steward, { method: "GET", url: "/api/cells?cursor=bm90LWpzb24" });
    expect(forged.statusCode).toBe(400);
  });

  it("lets only stewards invite stewards, refuses a taken e-mail, and revokes invitations", async () => {
    const steward = await signUp(t.app);
    const member = await invite(t.app, steward);
    const asMember = await injectAs(t.app, member, {
      method: "POST",
      url: "/api/invitations",
      payload: { email: "new.steward@example.test", role: "steward" },
    });
    expect(asMember.statusCode).toBe(403);
    const taken = await injectAs(t.app, member, {
      method: "POST",
      url: "/api/invitations",
      payload: { email: steward.email },
    });
    expect(taken.statusCode).toBe(409);
    const created = await injectAs(t.app, member, {
      method: "POST",
      url: "/api/invitations",
      payload: { email: "kollegin@example.test" },
    });
    expect(created.json()).toMatchObject({
      mailed: false,
      invitation: { email: "kollegin@example.test", role: "member" },
    });
    const pending = (await injectAs(t.app, steward, { method: "GET", url: "/api/invitations" })).json();
    expect(pending.items.map((i: { email: string }) => i.email)).toEqual(["kollegin@example.test"]);
    const id = created.json().invitation.id;
    expect(
      (await injectAs(t.app, steward, { method: "DELETE", url: `/api/invitations/${id}` })).statusCode,
    ).toBe(204);
    const token = created.json().link.split("/invite/")[1];
    expect(
      (await t.app.inject({ method: "GET", url: `/api/invitations/by-token/${token}` })).statusCode,
    ).toBe(410);
  });

  it("expires invitation links after 14 days", async () => {
    const steward = await signUp(t.app);
    const created = await injectAs(t.app, steward, {
      method: "POST",
      url: "/api/invitations",
      payload: { email: "late@example.test" },
    });
    const token = created.json().link.split("/invite/")[1];
    t.clock.advance(15 * 86_400_000);
    const accept = await t.app.inject({
      method: "POST",
      url: `/api/invitations/by-token/${token}/accept`,
      payload: { name: "Too Late", password: "long enough pass", language: "en" },
    });
    expect(accept.statusCode).toBe(410);
  });
});

describe.each(engines)("first start on %s", (engine) => {
  it("offers setup until the first real organisation exists, then refuses a second one", async () => {
    const t = await buildTestApp(engine, { allowNewOrganisations: false });
    try {
      expect((await t.app.inject({ method: "GET", url: "/api/setup" })).json()).toMatchObject({
        firstStart: true,
        demoAvailable: true,
      });
      await signUp(t.app, { language: "de" });
      expect((await t.app.inject({ method: "GET", url: "/api/setup" })).json()).toMatchObject({
        firstStart: false,
        demoAvailable: false,
      });
      const second = await t.app.inject({
        method: "POST",
        url: "/api/setup/organisation",
        payload: {
          organisationName: "Other",
          language: "en",
          name: "X Y",
          email: "x@example.test",
          password: "long enough pass",
        },
      });
      expect(second.statusCode).toBe(409);
      expect((await t.app.inject({ method: "POST", url: "/api/setup/demo", payload: {} })).statusCode).toBe(
        409,
      );
    } finally {
      await t.close();
    }
  });

  it("opens the German demo as a seller in Team Nord whose board has deals, or as the persona chosen", async () => {
    const t = await buildTestApp(engine, { allowNewOrganisations: false });
    try {
      const demo = await t.app.inject({ method: "POST", url: "/api/setup/demo", payload: {} });
      expect(demo.statusCode).toBe(200);
      expect(demo.json().organisation).toMatchObject({ isDemo: true, defaultLanguage: "de" });
      const seller = sessionFrom(demo);
      expect(seller.info.person.role).toBe("member");
      const cells = (await injectAs(t.app, seller, { method: "GET", url: "/api/cells" })).json().items as {
        id: string;
        name: string;
      }[];
      expect(cells.map((c) => c.name)).toEqual(
        expect.arrayContaining(["Team Nord", "Team Süd", "Öffentlicher Sektor", "Pricing"]),
      );
      const nord = cells.find((c) => c.name === "Team Nord");
      expect(seller.info.person.cellIds).toEqual([nord?.id]);
      const board = await injectAs(t.app, seller, { method: "GET", url: `/api/cells/${nord?.id}/board` });
      const open = board
        .json()
        .columns.filter((c: { stage: { outcome: string } }) => c.stage.outcome === "open");
      expect(open.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBeGreaterThan(10);

      const steward = await t.app.inject({
        method: "POST",
        url: "/api/setup/demo",
        payload: { persona: "steward" },
      });
      expect(steward.json().organisation.id).toBe(demo.json().organisation.id);
      expect(steward.json().person).toMatchObject({ name: "Mara Lindqvist", role: "steward" });
      const centre = sessionFrom(
        await t.app.inject({ method: "POST", url: "/api/setup/demo", payload: { persona: "centre" } }),
      );
      const pricing = cells.find((c) => c.name === "Pricing");
      expect(centre.info.person.cellIds).toContain(pricing?.id);
      const unknown = await t.app.inject({
        method: "POST",
        url: "/api/setup/demo",
        payload: { persona: "boss" },
      });
      expect(unknown.statusCode).toBe(400);
    } finally {
      await t.close();
    }
  });

  it("switches the demo persona for a new session, and only in the demo organisation", async () => {
    const t = await buildTestApp(engine, { allowNewOrganisations: true });
    try {
      const seller = sessionFrom(await t.app.inject({ method: "POST", url: "/api/setup/demo", payload: {} }));
      const personas = await injectAs(t.app, seller, { method: "GET", url: "/api/demo/personas" });
      expect(personas.statusCode).toBe(200);
      expect(personas.json().current).toBe("seller");
      expect(personas.json().items.map((p: { persona: string }) => p.persona)).toEqual([
        "seller",
        "steward",
        "centre",
      ]);
      expect(personas.json().items[0]).toMatchObject({
        personId: seller.info.person.id,
        cellName: "Team Nord",
      });

      const switched = await injectAs(t.app, seller, {
        method: "POST",
        url: "/api/demo/persona",
        payload: { persona: "steward" },
      });
      expect(switched.statusCode).toBe(200);
      const steward = sessionFrom(switched);
      expect(steward.info.person).toMatchObject({ name: "Mara Lindqvist", role: "steward" });
      // The seller's session ended with the switch.
      expect((await injectAs(t.app, seller, { method: "GET", url: "/api/auth/session" })).statusCode).toBe(
        401,
      );
      const now = await injectAs(t.app, steward, { method: "GET", url: "/api/demo/personas" });
      expect(now.json().current).toBe("steward");
      const bad = await injectAs(t.app, steward, { method: "POST", url: "/api/demo/persona", payload: {} });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toHaveProperty("persona");

      // A real organisation has no personas: 404, nobody switches into the demo from there.
      const real = await signUp(t.app);
      expect((await injectAs(t.app, real, { method: "GET", url: "/api/demo/personas" })).statusCode).toBe(
        404,
      );
      const into = await injectAs(t.app, real, {
        method: "POST",
        url: "/api/demo/persona",
        payload: { persona: "steward" },
      });
      expect(into.statusCode).toBe(404);
      expect((await t.app.inject({ method: "GET", url: "/api/demo/personas" })).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it("offers sign-in once someone has a password: a colleague invited into the demo signs in again", async () => {
    const t = await buildTestApp(engine, { allowNewOrganisations: false });
    try {
      expect((await t.app.inject({ method: "GET", url: "/api/setup" })).json()).toMatchObject({
        firstStart: true,
        signInAvailable: false,
      });
      const steward = sessionFrom(
        await t.app.inject({ method: "POST", url: "/api/setup/demo", payload: { persona: "steward" } }),
      );
      const colleague = await invite(t.app, steward, "member", "Jonas Kollege");
      expect(colleague.info.organisation.isDemo).toBe(true);
      // Still only the demo: the first start stays, and sign-in is offered beside it.
      expect((await t.app.inject({ method: "GET", url: "/api/setup" })).json()).toMatchObject({
        firstStart: true,
        demoAvailable: true,
        signInAvailable: true,
      });
      const out = await injectAs(t.app, colleague, {
        method: "POST",
        url: "/api/auth/sign-out",
        payload: {},
      });
      expect(out.statusCode).toBe(204);
      const back = await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: colleague.email, password: colleague.password },
      });
      expect(back.statusCode).toBe(200);
      expect(back.json().person).toMatchObject({ name: "Jonas Kollege", email: colleague.email });
      expect(back.json().organisation.isDemo).toBe(true);
      // A colleague with a password is never a persona: switching never enters their account.
      const personas = (
        await injectAs(t.app, sessionFrom(back), { method: "GET", url: "/api/demo/personas" })
      ).json();
      expect(personas.current).toBeNull();
      expect(personas.items.map((p: { personId: string }) => p.personId)).not.toContain(
        back.json().person.id,
      );
    } finally {
      await t.close();
    }
  });
});
