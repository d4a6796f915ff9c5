import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";

/**
 * Duplicates found by name, domain or e-mail, and what each choice (skip, update, create) leaves
 * behind — asserted on the exports, which is what a person sees afterwards.
 */
type Choice = "skip" | "update" | "create";
type Row = Record<string, string | number | null>;

describe.each(engines)("import duplicates on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  /** A fresh organisation with Nordwind (one contact, one deal) and Alpenblick. */
  async function organisation() {
    const steward = await signUp(t.app);
    const as = async (method: "GET" | "POST", url: string, payload?: unknown) => {
      const response = await injectAs(t.app, steward, { method, url, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json();
    };
    const cellId = (
      await as("POST", "/api/cells", {
        name: "North",
        kind: "periphery",
        purpose: "",
        marketSlice: "",
      })
    ).id;
    const account = (name: string, industry: string, website: string) =>
      as("POST", "/api/accounts", { cellId, name, industry, website });
    const nordwind = await account("Nordwind Logistik GmbH", "Logistics", "https://nordwind.example");
    await account("Alpenblick Hotels AG", "Hotels", "alpenblick.example");
    await as("POST", `/api/accounts/${nordwind.id}/contacts`, {
      name: "Mara Lind",
      email: "mara@nordwind.example",
    });
    await as("POST", "/api/deals", {
      accountId: nordwind.id,
      title: "Fleet rollout",
      amount: 100_000,
      currency: "EUR",
    });
    return { steward, cellId, as };
  }

  async function importCsv(
    org: Awaited<ReturnType<typeof organisation>>,
    entity: string,
    csv: string,
    duplicates: Choice,
  ) {
    const mapping = (await org.as("POST", "/api/import/preview", { entity, csv })).mapping;
    const body = { entity, csv, mapping, cellId: org.cellId, duplicates };
    const dry = await org.as("POST", "/api/import/dry-run", body);
    const { jobId } = await org.as("POST", "/api/import", body);
    for (;;) {
      const job = await org.as("GET", `/api/import/jobs/${jobId}`);
      if (job.status !== "running") return { dry, job };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const exported = async (org: Awaited<ReturnType<typeof organisation>>, entity: string) =>
    (await org.as("GET", `/api/export/${entity}?format=json`)) as Row[];
  /** Element by element, in code-unit order: "Mara Lind" before "Mara Lind-Berg", "N" before "n". */
  const sorted = (rows: string[][]) =>
    rows.sort((a, b) => {
      const i = a.findIndex((cell, k) => cell !== b[k]);
      return i < 0 ? 0 : a[i] < b[i] ? -1 : 1;
    });

  const ACCOUNTS =
    "Name,Industry,Website\n" +
    "nordwind logistik gmbh,Freight,https://nordwind.example\n" +
    "Alpenblick Resorts,Tourism,http://www.alpenblick.example/about\n" +
    "Fjord Fisk AS,Fishing,https://fjord.example\n";

  it.each([
    [
      "skip",
      [
        ["Alpenblick Hotels AG", "Hotels"],
        ["Fjord Fisk AS", "Fishing"],
        ["Nordwind Logistik GmbH", "Logistics"],
      ],
    ],
    [
      "update",
      [
        ["Alpenblick Resorts", "Tourism"],
        ["Fjord Fisk AS", "Fishing"],
        ["nordwind logistik gmbh", "Freight"],
      ],
    ],
    [
      "create",
      [
        ["Alpenblick Hotels AG", "Hotels"],
        ["Alpenblick Resorts", "Tourism"],
        ["Fjord Fisk AS", "Fishing"],
        ["Nordwind Logistik GmbH", "Logistics"],
        ["nordwind logistik gmbh", "Freight"],
      ],
    ],
  ] as const)("accounts matched by name and by domain: %s", async (choice, expected) => {
    const org = await organisation();
    const { dry, job } = await importCsv(org, "accounts", ACCOUNTS, choice);
    expect(dry.duplicates.map((d: Row) => [d.row, d.matchedBy, d.value])).toEqual([
      [2, "name", "nordwind logistik gmbh"],
      [3, "domain", "alpenblick.example"],
    ]);
    expect(job.status).toBe("done");
    const accounts = await exported(org, "accounts");
    expect(sorted(accounts.map((a) => [String(a.name), String(a.industry)]))).toEqual(expected);
    // An updated account keeps its id: its contacts and deals stay with it.
    if (choice === "update") {
      const contacts = await exported(org, "contacts");
      expect(contacts.map((c) => c.accountName)).toEqual(["nordwind logistik gmbh"]);
    }
  });

  const CONTACTS =
    "Name,E-mail,Account\n" +
    "Mara Lind-Berg,MARA@nordwind.example,Nordwind Logistik GmbH\n" +
    "Jonas Hall,jonas@alpenblick.example,Alpenblick Hotels AG\n";

  it.each([
    [
      "skip",
      [
        ["Jonas Hall", "jonas@alpenblick.example", "Alpenblick Hotels AG"],
        ["Mara Lind", "mara@nordwind.example", "Nordwind Logistik GmbH"],
      ],
    ],
    [
      "update",
      [
        ["Jonas Hall", "jonas@alpenblick.example", "Alpenblick Hotels AG"],
        ["Mara Lind-Berg", "mara@nordwind.example", "Nordwind Logistik GmbH"],
      ],
    ],
    [
      "create",
      [
        ["Jonas Hall", "jonas@alpenblick.example", "Alpenblick Hotels AG"],
        ["Mara Lind", "mara@nordwind.example", "Nordwind Logistik GmbH"],
        ["Mara Lind-Berg", "mara@nordwind.example", "Nordwind Logistik GmbH"],
      ],
    ],
  ] as const)("contacts matched by e-mail, whatever its case: %s", async (choice, expected) => {
    const org = await organisation();
    const { dry, job } = await importCsv(org, "contacts", CONTACTS, choice);
    expect(dry.duplicates.map((d: Row) => [d.row, d.matchedBy, d.value])).toEqual([
      [2, "email", "mara@nordwind.example"],
    ]);
    expect(job.status).toBe("done");
    const contacts = await exported(org, "contacts");
    expect(sorted(contacts.map((c) => [String(c.name), String(c.email), String(c.accountName)]))).toEqual(
      expected,
    );
  });

  // The same title on another account is another deal, not a duplicate.
  const DEALS =
    "Title,Account,Amount,Currency\n" +
    "fleet rollout,Nordwind Logistik GmbH,1500,EUR\n" +
    "Fleet rollout,Alpenblick Hotels AG,700,EUR\n";

  it.each([
    [
      "skip",
      [
        ["Alpenblick Hotels AG", "Fleet rollout", "70000"],
        ["Nordwind Logistik GmbH", "Fleet rollout", "100000"],
      ],
    ],
    [
      "update",
      [
        ["Alpenblick Hotels AG", "Fleet rollout", "70000"],
        ["Nordwind Logistik GmbH", "fleet rollout", "150000"],
      ],
    ],
    [
      "create",
      [
        ["Alpenblick Hotels AG", "Fleet rollout", "70000"],
        ["Nordwind Logistik GmbH", "Fleet rollout", "100000"],
        ["Nordwind Logistik GmbH", "fleet rollout", "150000"],
      ],
    ],
  ] as const)("deals matched by title on the same account: %s", async (choice, expected) => {
    const org = await organisation();
    const { dry, job } = await importCsv(org, "deals", DEALS, choice);
    expect(dry.duplicates.map((d: Row) => [d.row, d.matchedBy, d.value])).toEqual([
      [2, "name", "fleet rollout"],
    ]);
    expect(job.status).toBe("done");
    const deals = await exported(org, "deals");
    expect(sorted(deals.map((d) => [String(d.accountName), String(d.title), String(d.amount)]))).toEqual(
      expected,
    );
  });

  it("counts what each choice did in the job's result", async () => {
    const org = await organisation();
    const counts = async (choice: Choice) => (await importCsv(org, "accounts", ACCOUNTS, choice)).job.result;
    // Fjord is new the first time and a duplicate by name after that; the file holds exactly its
    // values, so "update" leaves it unchanged.
    expect(await counts("skip")).toMatchObject({ totalRows: 3, created: 1, updated: 0, skipped: 2 });
    expect(await counts("update")).toMatchObject({
      totalRows: 3,
      created: 0,
      updated: 2,
      unchanged: 1,
      skipped: 0,
    });
    expect(await counts("create")).toMatchObject({ totalRows: 3, created: 3, updated: 0, skipped: 0 });
  });
});
