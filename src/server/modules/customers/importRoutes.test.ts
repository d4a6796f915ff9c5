import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/import/${name}`, import.meta.url), "utf8");

/** Stages the fixtures name; added where a new organisation does not already have them. */
async function ensureStages(t: TestApp, orgId: string) {
  const existing = await t.db.kysely
    .selectFrom("pipelineStage")
    .select(["name", "position"])
    .where("orgId", "=", orgId)
    .execute();
  const names = new Set(existing.map((s) => s.name.toLowerCase()));
  let position = existing.length ? Math.max(...existing.map((s) => s.position)) + 1 : 0;
  for (const [name, outcome, probability] of [
    ["Qualified", "open", 30],
    ["Proposal", "open", 60],
    ["Won", "won", 100],
    ["Lost", "lost", 0],
  ] as const) {
    if (names.has(name.toLowerCase())) continue;
    await t.db.kysely
      .insertInto("pipelineStage")
      .values({
        id: randomUUID(),
        orgId,
        name,
        position: position++,
        outcome,
        probability,
        createdAt: new Date().toISOString(),
        version: 1,
      })
      .execute();
  }
}

async function waitForJob(t: TestApp, session: Session, jobId: string) {
  for (;;) {
    const job = (await injectAs(t.app, session, { method: "GET", url: `/api/import/jobs/${jobId}` })).json();
    if (job.status !== "running") return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(engines)("CSV import and export on %s", (engine) => {
  let t: TestApp;
  let steward: Session;
  let cellId: string;
  let orgId: string;

  beforeAll(async () => {
    t = await buildTestApp(engine);
    steward = await signUp(t.app);
    orgId = steward.info.organisation.id;
    const cell = await injectAs(t.app, steward, {
      method: "POST",
      url: "/api/cells",
      payload: { name: "North", kind: "periphery", purpose: "", marketSlice: "" },
    });
    cellId = cell.json().id;
    await ensureStages(t, orgId);
  });
  afterAll(() => t.close());

  const importFile = async (entity: string, file: string, extra: Record<string, unknown> = {}) => {
    const csv = fixture(file);
    const preview = await injectAs(t.app, steward, {
      method: "POST",
      url: "/api/import/preview",
      payload: { entity, csv },
    });
    expect(preview.statusCode).toBe(200);
    const body = { entity, csv, mapping: preview.json().mapping, cellId, duplicates: "skip", ...extra };
    const started = await injectAs(t.app, steward, { method: "POST", url: "/api/import", payload: body });
    expect(started.statusCode, started.body).toBe(202);
    return { preview: preview.json(), job: await waitForJob(t, steward, started.json().jobId) };
  };

  it("imports each vendor's accounts, contacts and deals with the automatic mapping", async () => {
    for (const [vendor, files] of [
      ["salesforce", ["salesforce-accounts.csv", "salesforce-contacts.csv", "salesforce-opportunities.csv"]],
      ["hubspot", ["hubspot-companies.csv", "hubspot-contacts.csv", "hubspot-deals.csv"]],
      ["pipedrive", ["pipedrive-organizations.csv", "pipedrive-persons.csv", "pipedrive-deals.csv"]],
    ] as const) {
      for (const [i, entity] of (["accounts", "contacts", "deals"] as const).entries()) {
        const { preview, job } = await importFile(entity, files[i]);
        expect(preview.source).toBe(vendor);
        expect(job.status).toBe("done");
      }
    }
    const accounts = await t.db.kysely
      .selectFrom("account")
      .select(["name", "domain", "size"])
      .where("orgId", "=", orgId)
      .execute();
    expect(accounts.map((a) => a.name).sort()).toEqual([
      "Alpenblick Hotels AG",
      "Bäckerei Sonnenschein KG",
      "Fjord Fisk AS",
      "Nordwind Logistik GmbH",
      "Rheinwerk Maschinenbau",
      "Seeblick Software GmbH",
    ]);
    const deal = await t.db.kysely
      .selectFrom("deal")
      .selectAll()
      .where("title", "=", "Fleet telematics rollout")
      .executeTakeFirstOrThrow();
    expect([Number(deal.amount), deal.expectedClose, deal.probability]).toEqual([
      4_850_000,
      "2026-12-31",
      30,
    ]);
    const contacts = await t.db.kysely
      .selectFrom("contact")
      .select("email")
      .where("orgId", "=", orgId)
      .execute();
    expect(contacts).toHaveLength(6);
  });

  it("imports nothing from a file with 3 broken rows and reports exactly those rows", async () => {
    const csv =
      "Deal Name;Amount;Close Date;Deal Stage;Associated Company\n" +
      "Good one;1.234,56;31.12.2026;Qualified;Nordwind Logistik GmbH\n" +
      "Bad amount;zwölf;31.12.2026;Qualified;Nordwind Logistik GmbH\n" +
      'Good "two";"2.000";2026-12-31;proposal;Nordwind Logistik GmbH\n' +
      "Bad date;100;31.02.2026;Qualified;Nordwind Logistik GmbH\n" +
      "Bad stage;100;31.12.2026;Verhandlung;Nordwind Logistik GmbH\n";
    const before = await t.db.kysely.selectFrom("deal").select("id").where("orgId", "=", orgId).execute();
    const mapping = {
      "Deal Name": "title",
      Amount: "amount",
      "Close Date": "expectedClose",
      "Deal Stage": "stage",
      "Associated Company": "account",
    };
    const body = { entity: "deals", csv, mapping, cellId, duplicates: "skip" };
    const dry = await injectAs(t.app, steward, {
      method: "POST",
      url: "/api/import/dry-run",
      payload: body,
      headers: { "accept-language": "de" },
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, "Amount"],
      [5, "Close Date"],
      [6, "Deal Stage"],
    ]);
    expect(dry.json().errors[0].reason).toBe("„zwölf“ ist keine Zahl.");
    const refused = await injectAs(t.app, steward, { method: "POST", url: "/api/import", payload: body });
    expect(refused.statusCode).toBe(400);
    const after = await t.db.kysely.selectFrom("deal").select("id").where("orgId", "=", orgId).execute();
    expect(after).toHaveLength(before.length);
  });

  it("exports CSV with BOM and header names the importer maps back", async () => {
    const response = await injectAs(t.app, steward, { method: "GET", url: "/api/export/deals?format=csv" });
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith("\uFEFFTitle,Account,Amount")).toBe(true);
    expect(response.body).toContain(
      "Fleet telematics rollout,Nordwind Logistik GmbH,48500.00,EUR,Qualified,2026-12-31,30",
    );
    const csv = response.body;
    const preview = await injectAs(t.app, steward, {
      method: "POST",
      url: "/api/import/preview",
      payload: { entity: "deals", csv },
    });
    expect(Object.values(preview.json().mapping)).toEqual(
      expect.arrayContaining(["title", "account", "amount", "stage"]),
    );
    const json = await injectAs(t.app, steward, { method: "GET", url: "/api/export/accounts?format=json" });
    expect(json.json()).toHaveLength(6);
  });

  it("round-trips the customers document into a fresh organisation", async () => {
    const first = await injectAs(t.app, steward, { method: "GET", url: "/api/export/customers.json" });
    expect(first.statusCode).toBe(200);
    const other = await signUp(t.app, { organisationName: "Fresh GmbH" });
    const imported = await injectAs(t.app, other, {
      method: "POST",
      url: "/api/import/customers.json",
      payload: first.json(),
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const second = await injectAs(t.app, other, { method: "GET", url: "/api/export/customers.json" });
    const withoutKeys = (doc: {
      accounts: { key?: string }[];
      deals: { key?: string; accountKey?: string }[];
      offers: { dealKey?: string }[];
    }) =>
      JSON.stringify({
        ...doc,
        accounts: doc.accounts.map(({ key: _k, ...a }) => a),
        deals: doc.deals.map(({ key: _k, accountKey: _a, ...d }) => d),
        offers: doc.offers.map(({ dealKey: _d, ...o }) => o),
      });
    expect(withoutKeys(second.json())).toBe(withoutKeys(first.json()));
  });
});
