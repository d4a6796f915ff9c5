import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { newMarker, type SeededOrganisation, seedOrganisation } from "../../../../test/factories.ts";

type Export = {
  exportedAt: string;
  organisation: { name: string };
  profile: Record<string, unknown>;
  sections: Record<string, Record<string, unknown>[]>;
};

describe.each(engines)("personal-data export on %s", (engine) => {
  let t: TestApp;
  let org: SeededOrganisation;
  beforeAll(async () => {
    t = await buildTestApp(engine);
    org = await seedOrganisation(t.app, newMarker("pd"));
  });
  afterAll(() => t?.close());

  async function download(session = org.member, language?: string) {
    const response = await injectAs(t.app, session, {
      method: "GET",
      url: "/api/me/export",
      ...(language ? { headers: { "accept-language": language } } : {}),
    });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers["content-type"]).toBe("application/zip");
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="periphery-personal-data-2026-11-26.zip"',
    );
    const files = unzipSync(new Uint8Array(response.rawPayload));
    const text = (name: string) => new TextDecoder().decode(files[name]);
    return {
      names: Object.keys(files).sort(),
      data: JSON.parse(text("data.json")) as Export,
      html: text("index.html"),
    };
  }

  it("holds the member's rows from every module, without secrets, as JSON and a readable page", async () => {
    const { names, data, html } = await download();
    expect(names).toEqual(["data.json", "index.html"]);
    const me = org.member.info.person;
    expect(data.profile).toMatchObject({
      id: me.id,
      name: me.name,
      email: org.member.email,
      hasPassword: true,
    });
    expect(data.organisation.name).toBe(`${org.marker} Organisation`);
    const s = data.sections;
    // Rows from each module the member worked in (test/factories.ts seeds them as the member).
    expect(s.cells.map((c) => c.id)).toContain(org.ids.cellId[0]);
    expect(s.sessions.length).toBeGreaterThan(0);
    expect(s.invitationsToYou).toHaveLength(1);
    expect(s.dealsYouAreInvolvedIn.map((d) => d.id)).toEqual(expect.arrayContaining(org.ids.dealId));
    expect(s.timelineEntries.length).toBeGreaterThan(0);
    expect(s.handovers).toHaveLength(1);
    expect(s.imports).toHaveLength(1);
    expect(s.auditEntriesByYou.length).toBeGreaterThan(0);
    expect(s.auditEntriesAboutYou.length).toBeGreaterThan(0);
    const filled = Object.entries(s)
      .filter(([, rows]) => rows.length > 0)
      .map(([key]) => key);
    expect(filled.length).toBeGreaterThan(15);
    // Nothing of another person's secrets or of the member's own: hashes of passwords and tokens.
    const json = JSON.stringify(data);
    expect(json).not.toMatch(/passwordHash|tokenHash|\$scrypt|\$argon/);
    for (const session of s.sessions) expect(session).not.toHaveProperty("id");
    // The readable page shows the same data, escaped, in the person's language.
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Your personal data in Periphery");
    expect(html).toContain(`${org.marker} Organisation`);
    expect(html).toContain("Deals you are involved in");
    expect(html).toContain(`${org.marker} Deal 0.1`);
    expect(html).not.toContain("<script");
  });

  it("lists Beta check participation only: no answer, score or comment ever reaches the export", async () => {
    const { data } = await download();
    const participation = data.sections.betaCheckParticipation;
    for (const row of participation)
      expect(Object.keys(row).sort()).toEqual(["closesOn", "id", "opensOn", "title"]);
    expect(Object.keys(data.sections).filter((key) => /tally|pool|comment/i.test(key))).toEqual([]);
  });

  it("is written in German for a German-speaking person, and audited", async () => {
    const me = (
      await injectAs(t.app, org.steward, { method: "GET", url: `/api/people/${org.steward.info.person.id}` })
    ).json();
    const patched = await injectAs(t.app, org.steward, {
      method: "PATCH",
      url: `/api/people/${me.id}`,
      payload: { version: me.version, locale: "de" },
    });
    expect(patched.statusCode).toBe(200);
    const { html } = await download(org.steward);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("Deine personenbezogenen Daten in Periphery");
    expect(html).toContain("Einladungen, die du verschickt hast");
    const audit = (await injectAs(t.app, org.steward, { method: "GET", url: "/api/audit?limit=500" })).json();
    const exported = audit.items.filter((e: { action: string }) => e.action === "person.dataExported");
    expect(exported.map((e: { subjectId: string }) => e.subjectId)).toEqual(
      expect.arrayContaining([org.member.info.person.id, org.steward.info.person.id]),
    );
  });

  it("exports only the signed-in person's own data and needs a session", async () => {
    const { data } = await download(org.secondSteward);
    expect(data.profile.id).toBe(org.secondSteward.info.person.id);
    expect(JSON.stringify(data)).not.toContain(org.member.email);
    const anonymous = await t.app.inject({ method: "GET", url: "/api/me/export" });
    expect(anonymous.statusCode).toBe(401);
  });
});
