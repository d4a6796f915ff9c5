import type { LightMyRequestResponse } from "fastify";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import {
  databaseFingerprint,
  newMarker,
  type SeededOrganisation,
  seedOrganisation,
} from "../../../../test/factories.ts";
import { fillPath, type Operation, operationsOf } from "../../../../test/openapi.ts";

/** A response as the client reads it: a ZIP's files unpacked, everything else as sent. */
function readable(response: LightMyRequestResponse): string {
  if (!String(response.headers["content-type"]).startsWith("application/zip")) return response.body;
  const files = unzipSync(new Uint8Array(response.rawPayload));
  return Object.values(files)
    .map((bytes) => new TextDecoder().decode(bytes))
    .join("\n");
}

/** Every GET of the API document with the organisation's ids in its path; enums take each value. */
function readUrls(operations: Operation[], ids: Record<string, string[]>): string[] {
  const urls: string[] = [];
  for (const op of operations.filter((o) => o.method === "GET" && !o.isPublic)) {
    let tuples: Record<string, string>[] = [{}];
    let complete = true;
    for (const p of op.pathParams) {
      const values = Array.isArray(p.schema.enum) ? p.schema.enum.map(String) : ids[p.name];
      if (!values?.length) complete = false;
      tuples = tuples.flatMap((t) => (values ?? []).map((v) => ({ ...t, [p.name]: v })));
    }
    if (!complete) continue;
    for (const tuple of tuples) {
      const path = fillPath(op.path, tuple);
      urls.push(path);
      const format = op.queryParams.find((q) => q.name === "format" && Array.isArray(q.schema.enum));
      for (const value of format?.schema.enum ?? []) urls.push(`${path}?format=${value}`);
    }
  }
  return urls;
}

describe.each(engines)("erasure of personal data on %s", (engine) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let operations: Operation[];
  beforeAll(async () => {
    t = await buildTestApp(engine);
    org = await seedOrganisation(t.app, newMarker("er"));
    operations = operationsOf((await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json());
  });
  afterAll(() => t?.close());

  const person = (id: string) => injectAs(t.app, org.steward, { method: "GET", url: `/api/people/${id}` });
  const erase = async (by: typeof org.steward, id: string, version?: number) =>
    injectAs(t.app, by, {
      method: "POST",
      url: `/api/people/${id}/erasure`,
      payload: { version: version ?? (await person(id)).json().version },
    });

  it("replaces the member's name and e-mail by a pseudonym in every API answer, export, search and table", async () => {
    const { member, steward } = org;
    const formerName = member.info.person.name;
    const formerEmail = member.email;
    // Copies of the name the product itself makes: a role change's audit entry and an offer's advice note.
    for (const role of ["steward", "member"]) {
      const current = (await person(member.info.person.id)).json();
      const changed = await injectAs(t.app, steward, {
        method: "PUT",
        url: `/api/people/${member.info.person.id}/role`,
        payload: { version: current.version, role },
      });
      expect(changed.statusCode).toBe(200);
    }
    const offerId = org.ids.offerId[0];
    const offer = (await injectAs(t.app, member, { method: "GET", url: `/api/offers/${offerId}` })).json();
    const asked = await injectAs(t.app, member, {
      method: "POST",
      url: `/api/offers/${offerId}/advice`,
      payload: { note: "Is 10 % too much?", version: offer.version },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const before = await injectAs(t.app, steward, { method: "GET", url: "/api/export/customers.json" });
    expect(before.body).toContain(formerName);

    const erased = await erase(steward, member.info.person.id);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ name: "Former member 1", email: "", erased: true, active: false });

    // The former person cannot come back: the session ended, the password is gone.
    expect((await injectAs(t.app, member, { method: "GET", url: "/api/org" })).statusCode).toBe(401);
    const signIn = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: formerEmail, password: member.password },
    });
    expect(signIn.statusCode).toBe(401);

    const leaks: string[] = [];
    const check = (url: string, body: string) => {
      const lower = body.toLowerCase();
      if (lower.includes(formerName.toLowerCase()) || lower.includes(formerEmail.toLowerCase()))
        leaks.push(url);
    };
    const urls = readUrls(operations, org.ids);
    // Searches for the former name find nothing of it (and answer without it).
    for (const op of operations.filter((o) => o.method === "GET" && o.pathParams.length === 0))
      for (const q of op.queryParams.filter((p) => p.name === "q"))
        urls.push(`${op.path}?${q.name}=${encodeURIComponent(formerName)}`);
    let read = 0;
    for (const url of urls) {
      const response = await injectAs(t.app, steward, { method: "GET", url });
      if (response.statusCode !== 200) continue;
      read += 1;
      check(url, readable(response));
    }
    expect(leaks).toEqual([]);
    expect(read).toBeGreaterThan(40);
    // The organisation's records stay, now under the pseudonym: the deal the member was involved in.
    const deal = (
      await injectAs(t.app, steward, { method: "GET", url: `/api/deals/${org.ids.dealId[0]}` })
    ).json();
    expect(JSON.stringify(deal)).toContain("Former member 1");
    const exported = await injectAs(t.app, steward, { method: "GET", url: "/api/export/customers.json" });
    expect(exported.body).toContain("Former member 1");

    // A database reader finds neither: not in the search index tables, the audit log or anywhere.
    const tables = await databaseFingerprint(t.db);
    const holding = Object.entries(tables)
      .filter(([, rows]) => {
        const text = rows.join("\n").toLowerCase();
        return text.includes(formerName.toLowerCase()) || text.includes(formerEmail.toLowerCase());
      })
      .map(([table]) => table);
    expect(holding).toEqual([]);
    expect(Object.keys(tables).filter((name) => name.endsWith("Search")).length).toBeGreaterThan(3);

    // Audited, without the erased name.
    const audit = await injectAs(t.app, steward, { method: "GET", url: "/api/audit?limit=500" });
    const entry = audit.json().items.find((e: { action: string }) => e.action === "person.erased") as Record<
      string,
      unknown
    >;
    expect(entry).toMatchObject({ subjectId: member.info.person.id });
    expect(JSON.stringify(entry)).toContain("Former member 1");
  });

  it("cannot be undone or repeated, and counts pseudonyms per organisation", async () => {
    const again = await erase(org.steward, org.member.info.person.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("PERSON_ERASED");
    const reactivate = await injectAs(t.app, org.steward, {
      method: "PUT",
      url: `/api/people/${org.member.info.person.id}/active`,
      payload: { version: (await person(org.member.info.person.id)).json().version, active: true },
    });
    expect(reactivate.statusCode).toBe(409);
    expect(reactivate.json().error.code).toBe("PERSON_ERASED");

    const colleague = await invite(t.app, org.steward, "member", "Zora Zweite");
    const second = await erase(org.steward, colleague.info.person.id);
    expect(second.json().name).toBe("Former member 2");
  });

  it("answers 403 to a member erasing someone else, 409 on a stale version, in German on request", async () => {
    const colleague = await invite(t.app, org.steward, "member", "Paul Bleibt");
    const other = await invite(t.app, org.steward, "member", "Rita Rot");
    const forbidden = await erase(colleague, other.info.person.id);
    expect(forbidden.statusCode).toBe(403);
    const stale = await injectAs(t.app, org.steward, {
      method: "POST",
      url: `/api/people/${other.info.person.id}/erasure`,
      headers: { "accept-language": "de" },
      payload: { version: 99 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/inzwischen/);
    const bad = await injectAs(t.app, org.steward, {
      method: "POST",
      url: `/api/people/${other.info.person.id}/erasure`,
      headers: { "accept-language": "de" },
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.version).toBe("Pflichtfeld.");
    expect((await person(other.info.person.id)).json()).toMatchObject({ name: "Rita Rot", erased: false });
    // A person may ask for their own erasure; it signs them out.
    const self = await erase(colleague, colleague.info.person.id);
    expect(self.statusCode).toBe(200);
    expect((await injectAs(t.app, colleague, { method: "GET", url: "/api/org" })).statusCode).toBe(401);
  });

  it("refuses to erase the last steward", async () => {
    const lone = await buildTestApp(engine);
    try {
      const { signUp } = await import("../../../../test/app.ts");
      const steward = await signUp(lone.app, { language: "de" });
      const current = await injectAs(lone.app, steward, {
        method: "GET",
        url: `/api/people/${steward.info.person.id}`,
      });
      const refused = await injectAs(lone.app, steward, {
        method: "POST",
        url: `/api/people/${steward.info.person.id}/erasure`,
        payload: { version: current.json().version },
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("LAST_STEWARD");
    } finally {
      await lone.close();
    }
  });
});
