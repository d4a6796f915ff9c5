import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import type { Page } from "../../../shared/common.ts";
import type { Deal } from "../../../shared/customers/deals.ts";
import type { ImportValues } from "../../../shared/customers/import.ts";

/**
 * A German team switching from Salesforce, HubSpot or Pipedrive imports its exports as they come:
 * German headers map themselves, the team's own stage names are mapped once on the value-mapping
 * step (won and lost map themselves), and every column either arrives or is named as not imported.
 */
const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/import/${name}`, import.meta.url), "utf8");

async function waitForJob(t: TestApp, session: Session, jobId: string) {
  for (;;) {
    const job = (await injectAs(t.app, session, { method: "GET", url: `/api/import/jobs/${jobId}` })).json();
    if (job.status !== "running") return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(engines)("importing German CRM exports on %s", (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp(engine);
  });
  afterAll(() => t.close());

  /** A German organisation (default stages Qualifizierung … Gewonnen, Verloren) with the files' owners. */
  async function organisation() {
    const steward = await signUp(t.app, { language: "de", name: "Maria Groß" });
    await invite(t.app, steward, "member", "Jörg Weiß");
    const cell = await injectAs(t.app, steward, {
      method: "POST",
      url: "/api/cells",
      payload: { name: "Vertrieb Nord", kind: "periphery", purpose: "", marketSlice: "" },
    });
    const stages = (await injectAs(t.app, steward, { method: "GET", url: "/api/stages" })).json().items as {
      id: string;
      name: string;
    }[];
    const stage = (name: string) => stages.find((s) => s.name === name)?.id as string;
    const as = (method: "GET" | "POST", url: string, payload?: unknown) =>
      injectAs(t.app, steward, { method, url, payload, headers: { "accept-language": "de" } });
    return { steward, cellId: cell.json().id as string, stage, as };
  }
  type Org = Awaited<ReturnType<typeof organisation>>;

  const prepare = async (org: Org, file: string) => {
    const csv = fixture(file);
    const preview = (await org.as("POST", "/api/import/preview", { entity: "deals", csv })).json();
    const values = await org.as("POST", "/api/import/values", {
      entity: "deals",
      csv,
      mapping: preview.mapping,
    });
    expect(values.statusCode, values.body).toBe(200);
    return { csv, preview, values: values.json() as ImportValues };
  };
  const body = (org: Org, csv: string, mapping: unknown, extra: Record<string, unknown> = {}) => ({
    entity: "deals",
    csv,
    mapping,
    cellId: org.cellId,
    createAccounts: true,
    ...extra,
  });
  const runImport = async (org: Org, payload: unknown) => {
    const started = await org.as("POST", "/api/import", payload);
    expect(started.statusCode, started.body).toBe(202);
    return waitForJob(t, org.steward, started.json().jobId);
  };
  const deals = async (org: Org) =>
    ((await org.as("GET", "/api/deals?limit=200")).json() as Page<Deal>).items.sort((a, b) =>
      a.title.localeCompare(b.title),
    );

  it("maps a German Salesforce export by its headers and lists every stage value with what it maps to", async () => {
    const org = await organisation();
    const { preview, values } = await prepare(org, "salesforce-opportunities-de.csv");
    expect(preview).toMatchObject({ source: "salesforce", delimiter: ";", totalRows: 5 });
    expect(preview.mapping).toEqual({
      "Opportunity-ID": "recordId",
      "Name der Opportunity": "title",
      Accountname: "account",
      Betrag: "amount",
      "Opportunity-Währung": "currency",
      Schlusstermin: "expectedClose",
      Phase: "stage",
      "Wahrscheinlichkeit (%)": "probability",
      Typ: "type",
      "Lead-Quelle": "source",
      "Erstellt am": "createdAt",
      Beschreibung: "description",
      "Opportunity-Inhaber": "owner",
    });
    // A multi-line description stays one cell of its row.
    expect(preview.rows[0].cells[11]).toBe(
      "Erstkontakt auf der Messe in München.\r\nBedarf: 40 Fahrzeuge, Start im Frühjahr.",
    );
    expect(values.stageColumn).toBe("Phase");
    expect(values.stage.map((v) => [v.value, v.rows, v.stageId, v.matchedBy])).toEqual([
      ["Erstgespräch", 1, null, null],
      ["Angebot versendet", 1, null, null],
      ["Geschlossen und gewonnen", 1, org.stage("Gewonnen"), "vendor"],
      ["Geschlossen und verloren", 1, org.stage("Verloren"), "vendor"],
      ["Verhandlung läuft", 1, null, null],
    ]);
  });

  it("refuses the team's own stage names until they are mapped, naming row and column, and lists the columns it leaves out", async () => {
    const org = await organisation();
    const { csv, preview } = await prepare(org, "salesforce-opportunities-de.csv");
    const dry = await org.as("POST", "/api/import/dry-run", body(org, csv, preview.mapping));
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors).toEqual([
      {
        row: 2,
        column: "Phase",
        reason: "Keine Phase „Erstgespräch“ in dieser Organisation: In der Werte-Zuordnung eine wählen.",
      },
      { row: 4, column: "Phase", reason: expect.stringContaining("„Angebot versendet“") },
      // Rows are the lines a spreadsheet shows: multi-line descriptions move the last one to line 9.
      { row: 9, column: "Phase", reason: expect.stringContaining("„Verhandlung läuft“") },
    ]);
    expect(dry.json().ignoredColumns).toEqual(["Nächster Schritt"]);
    expect(dry.json().unmatchedOwners).toEqual([]);
    const refused = await org.as("POST", "/api/import", body(org, csv, preview.mapping));
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json().error.fields)).toEqual([
      "rows.2.Phase",
      "rows.4.Phase",
      "rows.9.Phase",
    ]);
    expect(await deals(org)).toEqual([]);
  });

  it("returns 400 naming row and column when a value is mapped to a stage that does not exist, and writes nothing", async () => {
    const org = await organisation();
    const { csv, preview } = await prepare(org, "salesforce-opportunities-de.csv");
    const stageValues = {
      Erstgespräch: randomUUID(),
      "Angebot versendet": org.stage("Angebot"),
      "Verhandlung läuft": org.stage("Verhandlung"),
    };
    const refused = await org.as("POST", "/api/import", body(org, csv, preview.mapping, { stageValues }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: "VALIDATION",
      fields: { "rows.2.Phase": "„Erstgespräch“ ist einer Phase zugeordnet, die es nicht gibt." },
    });
    expect(await deals(org)).toEqual([]);
    const accounts = (await org.as("GET", "/api/accounts")).json().items;
    expect(accounts).toEqual([]);
    // Not a stage id at all: the schema refuses it.
    const malformed = await org.as(
      "POST",
      "/api/import/dry-run",
      body(org, csv, preview.mapping, { stageValues: { Erstgespräch: "Qualifizierung" } }),
    );
    expect(malformed.statusCode).toBe(400);
  });

  it("imports every field of the German Salesforce file, and the same file again changes nothing", async () => {
    const org = await organisation();
    const { csv, preview } = await prepare(org, "salesforce-opportunities-de.csv");
    const stageValues = {
      Erstgespräch: org.stage("Qualifizierung"),
      "Angebot versendet": org.stage("Angebot"),
      "Verhandlung läuft": org.stage("Verhandlung"),
    };
    const job = await runImport(org, body(org, csv, preview.mapping, { stageValues }));
    expect(job).toMatchObject({ status: "done", result: { created: 5, accountsCreated: 4 } });
    const imported = await deals(org);
    const row = (title: string) => imported.find((d) => d.title === title) as Deal;
    expect(row("Wartungsvertrag Straßenbahn")).toMatchObject({
      accountName: "Verkehrsbetriebe Weißenfels AG",
      amount: 123_456,
      currency: "EUR",
      expectedClose: "2026-11-26",
      stageName: "Angebot",
      outcome: "open",
      probability: 60,
      type: "Bestandskunde",
      source: "Empfehlung",
      description: "Angebot über Wartung der Gleisanlagen; Laufzeit 3 Jahre.",
      createdAt: "2026-10-12T14:30:00.000Z",
      closedAt: null,
      people: [{ name: "Maria Groß" }].map((p) => expect.objectContaining(p)),
    });
    expect(row("Lagerlogistik Nord")).toMatchObject({
      stageName: "Gewonnen",
      outcome: "won",
      amount: 1_200_000,
      closedAt: "2026-10-31T12:00:00.000Z",
      description: "Gewonnen nach zwei Runden.\r\nZahlungsziel: 30 Tage netto.\r\nRabatt 5 %.",
      people: [expect.objectContaining({ name: "Jörg Weiß" })],
    });
    expect(row("Kühlkette Pilot")).toMatchObject({
      outcome: "lost",
      amount: 789_010,
      closedAt: "2026-09-15T12:00:00.000Z",
      createdAt: "2026-06-20T11:45:00.000Z",
    });
    expect(row("Schulung Fahrerassistenz").description).toBe(
      'Schulung für 12 Fahrer, "Eco-Driving" inklusive.\r\nÄnderungswünsche: Termine außerhalb der Saison.',
    );
    expect(row("Flottenmanagement Süd")).toMatchObject({ stageName: "Qualifizierung", amount: 4_850_000 });

    // The next export from Salesforce maps its stage values by itself, remembered per organisation.
    const again = await prepare(org, "salesforce-opportunities-de.csv");
    expect(again.values.stage.find((v) => v.value === "Erstgespräch")).toMatchObject({
      stageId: org.stage("Qualifizierung"),
      matchedBy: "remembered",
    });
    const dry = await org.as(
      "POST",
      "/api/import/dry-run",
      body(org, csv, preview.mapping, { duplicates: "update" }),
    );
    expect(dry.json()).toMatchObject({
      errorCount: 0,
      counts: { totalRows: 5, created: 0, updated: 0, unchanged: 5, accountsCreated: 0 },
    });
    expect(
      dry.json().duplicates.map((d: { matchedBy: string; value: string }) => [d.matchedBy, d.value]),
    ).toEqual([
      ["recordId", "0065g00000DeA01"],
      ["recordId", "0065g00000DeA02"],
      ["recordId", "0065g00000DeA03"],
      ["recordId", "0065g00000DeA04"],
      ["recordId", "0065g00000DeA05"],
    ]);
    const second = await runImport(org, body(org, csv, preview.mapping, { duplicates: "update" }));
    expect(second).toMatchObject({ status: "done", result: { created: 0, updated: 0, unchanged: 5 } });
    expect(await deals(org)).toEqual(imported);

    // A deal renamed here is still the file's record: matched by its id, the update restores the title.
    const renamed = row("Kühlkette Pilot");
    const patched = await injectAs(t.app, org.steward, {
      method: "PATCH",
      url: `/api/deals/${renamed.id}`,
      payload: { title: "Kühlkette (umbenannt)", version: renamed.version },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const third = await runImport(org, body(org, csv, preview.mapping, { duplicates: "update" }));
    expect(third.result).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    expect((await deals(org)).map((d) => d.title)).toContain("Kühlkette Pilot");
  });

  it("imports HubSpot's German deals export with the pipeline's own stages and closed won/lost", async () => {
    const org = await organisation();
    const { csv, preview, values } = await prepare(org, "hubspot-deals-de.csv");
    expect(preview.source).toBe("hubspot");
    expect(preview.mapping).toMatchObject({
      "Datensatz-ID": "recordId",
      "Name des Deals": "title",
      "Deal-Phase": "stage",
      Betrag: "amount",
      Abschlussdatum: "expectedClose",
      Erstellungsdatum: "createdAt",
      "Deal-Inhaber": "owner",
      "Deal-Typ": "type",
      "Deal-Beschreibung": "description",
      "Zugeordnetes Unternehmen": "account",
    });
    expect(values.stage.filter((v) => v.stageId).map((v) => v.value)).toEqual([
      "Abgeschlossen und gewonnen",
      "Abgeschlossen und verloren",
    ]);
    const stageValues = {
      Erstkontakt: org.stage("Qualifizierung"),
      "Angebot raus": org.stage("Angebot"),
      "Demo gehalten": org.stage("Bedarf geklärt"),
    };
    const dry = (
      await org.as("POST", "/api/import/dry-run", body(org, csv, preview.mapping, { stageValues }))
    ).json();
    expect(dry.ignoredColumns).toEqual(["Pipeline", "Nächste Aktivität"]);
    const job = await runImport(org, body(org, csv, preview.mapping, { stageValues }));
    expect(job.status).toBe("done");
    const imported = await deals(org);
    expect(
      imported.map((d) => [d.title, d.accountName, d.amount, d.stageName, d.outcome, d.type, d.createdAt]),
    ).toEqual([
      [
        "Brückenkran Miete",
        "Maschinenbau Groß & Klein e.K.",
        320_000,
        "Verloren",
        "lost",
        "Neues Geschäft",
        "2026-08-22T13:30:00.000Z",
      ],
      [
        "Ersatzteilpaket Seilwinde",
        "Hafenbetriebe Süßwasser KG",
        234_567,
        "Angebot",
        "open",
        "Neues Geschäft",
        "2026-11-03T16:45:00.000Z",
      ],
      [
        "Hallenkran Wartung 2027",
        "Stahlbau Öztürk GmbH",
        540_000,
        "Qualifizierung",
        "open",
        "Bestehendes Geschäft",
        "2026-10-02T10:12:00.000Z",
      ],
      [
        "Portalkran Modernisierung",
        "Stahlbau Öztürk GmbH",
        8_750_000,
        "Gewonnen",
        "won",
        "Neues Geschäft",
        "2026-07-14T09:00:00.000Z",
      ],
      [
        "Schulung Kranführer",
        "Hafenbetriebe Süßwasser KG",
        120_050,
        "Bedarf geklärt",
        "open",
        "Bestehendes Geschäft",
        "2026-11-18T08:05:00.000Z",
      ],
    ]);
    expect(imported[1].description).toBe("Paket für zwei Seilwinden.\nLieferung ab Lager Hamburg.");
    expect(imported[3].closedAt).toBe("2026-11-20T12:00:00.000Z");
  });

  it("imports Pipedrive's German export: status won/lost beside the stage, closed on its own date", async () => {
    const org = await organisation();
    const { csv, preview, values } = await prepare(org, "pipedrive-deals-de.csv");
    expect(preview.source).toBe("pipedrive");
    expect(preview.mapping).toMatchObject({
      "Deal - ID": "recordId",
      "Deal - Titel": "title",
      "Deal - Wert": "amount",
      "Deal - Währung": "currency",
      "Deal - Organisation": "account",
      "Deal - Status": "status",
      "Deal - Phase": "stage",
      "Deal - Erwartetes Abschlussdatum": "expectedClose",
      "Deal - Deal erstellt": "createdAt",
      "Deal - Deal abgeschlossen am": "closedOn",
      "Deal - Inhaber": "owner",
      "Deal - Verlustgrund": "lostReason",
    });
    expect(values.status.map((v) => [v.value, v.stageId, v.matchedBy])).toEqual([
      ["Offen", null, "vendor"],
      ["Gewonnen", org.stage("Gewonnen"), "vendor"],
      ["Verloren", org.stage("Verloren"), "vendor"],
    ]);
    // Pipedrive's default stages go to the open stage nearest their probability.
    expect(values.stage.map((v) => [v.value, v.stageId])).toEqual([
      ["Kontakt hergestellt", org.stage("Angebot")],
      ["Angebot gemacht", org.stage("Verhandlung")],
      ["Verhandlungen begonnen", org.stage("Verhandlung")],
    ]);
    const job = await runImport(org, body(org, csv, preview.mapping));
    expect(job.status).toBe("done");
    const imported = await deals(org);
    expect(imported.map((d) => [d.title, d.outcome, d.closedAt, d.lostReason])).toEqual([
      ["Backofen-Wartung Filialen", "open", null, ""],
      ["Kühlhaus Sensorik", "won", "2026-11-25T12:00:00.000Z", ""],
      ["Teigmaschine Leasing", "lost", "2026-11-02T12:00:00.000Z", "Budget gestrichen"],
    ]);
  });

  it("names the owners it cannot find instead of dropping them silently", async () => {
    const org = await organisation();
    const { csv, preview } = await prepare(org, "pipedrive-deals-de.csv");
    const dry = await org.as(
      "POST",
      "/api/import/dry-run",
      body(org, csv.replaceAll("Jörg Weiß", "Unbekannte Person"), preview.mapping),
    );
    expect(dry.json().unmatchedOwners).toEqual(["Unbekannte Person"]);
  });
});
