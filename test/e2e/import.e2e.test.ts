import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRecords } from "../../src/server/modules/customers/csv.ts";
import type { Page as ListPage } from "../../src/shared/common.ts";
import type { Account } from "../../src/shared/customers/accounts.ts";
import type { Deal } from "../../src/shared/customers/deals.ts";
import type { Cell } from "../../src/shared/org.ts";
import { apiAs, invite, type Session, signUp, type TestApp } from "../app.ts";
import { expectAccessible, launchBrowser, signInGerman, signInPerson } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * Acceptance 2 of the customers module in the browser: a member chooses a HubSpot deals export,
 * maps the one column HubSpot's headers do not name by hand, and dry-runs a file with three broken
 * rows: exactly those rows are listed (row, column, reason) and nothing is written. The corrected
 * file of 3,000 rows imports with a progress bar that reaches 100 %, and the deals are in the list;
 * importing some of them again finds the duplicates and lets the person choose skip or update.
 * Every page passes axe and the strict CSP; the page fits a phone's width.
 */
let server: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startWebServer());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const api = <T>(session: Session, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  apiAs<T>(server.app, session, method, url, payload);

/** HubSpot's documented deal export headers (the vendor fixture) plus a column no dictionary knows. */
const HUBSPOT_HEADER = readFileSync(resolve("test/fixtures/import/hubspot-deals.csv"), "utf8")
  .replace(/^\uFEFF/, "")
  .split(/\r?\n/)[0];
const UNKNOWN = "Original Source Type";
const ROWS = 3000;
const STAGES = ["Qualification", "Proposal", "Negotiation"];

/** Deal rows in HubSpot's columns; `broken` replaces some rows by index (0-based). */
function dealsCsv(broken: Record<number, string> = {}): string {
  const lines = [`${HUBSPOT_HEADER},${UNKNOWN}`];
  for (let i = 0; i < ROWS; i++) {
    const company = `Kunde ${String(i % 40).padStart(2, "0")} GmbH`;
    const day = String((i % 28) + 1).padStart(2, "0");
    lines.push(
      broken[i] ??
        `${70_000 + i},Crane service ${i},${1000 + (i % 500)}.50,2027-04-${day},${STAGES[i % 3]},${company},Sales Pipeline,Trade fair`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

async function chooseFile(page: Page, name: string, csv: string) {
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByText("Recognised as a HubSpot export.").waitFor();
}

const mappingSelect = (page: Page, column: string) =>
  page.getByRole("combobox", { name: `Import column “${column}” as`, exact: true });

describe("customers import", () => {
  it("dry-runs a HubSpot deals file with three broken rows without writing, then imports 3,000 deals with a progress bar", async () => {
    const steward = await signUp(server.app, { organisationName: "Küstenhandel GmbH", language: "en" });
    const member = await invite(server.app, steward, "member", "Mia Member");
    const cell = await api<Cell>(steward, "POST", "/api/cells", {
      name: "Team Coast",
      kind: "periphery",
      purpose: "Customers on the coast",
      marketSlice: "Harbour services",
    });
    await api(steward, "PUT", `/api/cells/${cell.id}/members/${member.info.person.id}`, {});

    const { page, csp } = await signInPerson(browser, base, member);
    await page.goto(`${base}/customers/deals`);
    await page.getByRole("navigation", { name: "Customers" }).getByRole("link", { name: "Import" }).click();
    await page.getByRole("heading", { name: "Import customers", level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel("What the file holds").inputValue()).toBe("deals");
    await expect.poll(() => page.getByLabel(/^Cell for new accounts/).inputValue()).toBe(cell.id);
    await expectAccessible(page, "empty import page");

    // Row n of the file is line n (the header is line 1): these are rows 6, 1201 and 2999.
    const broken = dealsCsv({
      4: `70004,Crane service 4,twelve hundred,2027-04-05,Proposal,Kunde 04 GmbH,Sales Pipeline,Trade fair`,
      1199: `71199,,1000.50,2027-04-24,Negotiation,Kunde 39 GmbH,Sales Pipeline,Trade fair`,
      2997: `72997,Crane service 2997,1497.50,31.02.2027,Qualification,Kunde 37 GmbH,Sales Pipeline,Trade fair`,
    });
    await chooseFile(page, "hubspot-deals.csv", broken);
    await page.getByText("3,000 rows.").waitFor();
    // HubSpot's headers map themselves; the unknown column is left out until mapped by hand.
    await expect.poll(() => mappingSelect(page, "Deal Name").inputValue()).toBe("title");
    await expect.poll(() => mappingSelect(page, "Associated Company").inputValue()).toBe("account");
    await expect.poll(() => mappingSelect(page, UNKNOWN).inputValue()).toBe("");
    await mappingSelect(page, UNKNOWN).selectOption({ label: "Source" });
    // A field already taken by another column cannot be chosen twice.
    expect(await mappingSelect(page, "Record ID").locator("option", { hasText: "Title" }).isDisabled()).toBe(
      true,
    );
    await expectAccessible(page, "mapping");

    await page.getByRole("button", { name: "Check the file (dry run)" }).click();
    await page.getByText("3 rows have errors. Nothing has been written").waitFor();
    const errors = page.getByRole("region", { name: "Rows that cannot be imported" });
    const errorRows = errors.locator("tbody tr");
    await expect.poll(() => errorRows.count()).toBe(3);
    expect(await errorRows.allInnerTexts()).toEqual([
      expect.stringMatching(/^6\s+Amount\s+“twelve hundred” is not a number\.$/),
      expect.stringMatching(/^1201\s+Deal Name\s+Required, but empty\.$/),
      expect.stringMatching(/^2999\s+Close Date\s+“31\.02\.2027” is not a date/),
    ]);
    expect(await page.getByRole("button", { name: /^Import .* rows$/ }).count()).toBe(0);
    await page.screenshot({ path: resolve(RESULTS, "import-dry-run.png"), fullPage: true });
    await expectAccessible(page, "dry run with errors");

    // On a phone the page keeps to the screen's width; wide tables scroll inside their region.
    await page.setViewportSize({ width: 375, height: 800 });
    // The shell switches to its phone layout a moment after the resize.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(375);
    await expectAccessible(page, "dry run on a phone");
    await page.setViewportSize({ width: 1280, height: 900 });

    // Nothing was written: neither the deals nor the accounts the file names.
    expect((await api<ListPage<Deal>>(member, "GET", "/api/deals")).items).toEqual([]);
    expect((await api<ListPage<Account>>(member, "GET", "/api/accounts")).items).toEqual([]);
    await page.getByRole("navigation", { name: "Customers" }).getByRole("link", { name: "Deals" }).click();
    await page.getByText("No deals match.").waitFor();
    await page.getByRole("navigation", { name: "Customers" }).getByRole("link", { name: "Import" }).click();

    await chooseFile(page, "hubspot-deals-fixed.csv", dealsCsv());
    await mappingSelect(page, UNKNOWN).selectOption({ label: "Source" });
    await page.getByRole("button", { name: "Check the file (dry run)" }).click();
    await page.getByText("No errors: the file can be imported.").waitFor();
    await page.getByText("3,000 rows: 3,000 to create, 0 to update, 0 to skip.").waitFor();
    await page.getByText("40 accounts the file names will be created.").waitFor();
    await page.getByRole("button", { name: "Import 3,000 rows" }).click();

    const progress = page.getByRole("progressbar", { name: "Import progress" });
    await progress.waitFor();
    await expect.poll(() => progress.getAttribute("aria-valuenow"), { timeout: 30_000 }).toBe("100");
    await page.getByText("100%", { exact: true }).waitFor();
    await page.getByText("Import finished.").waitFor();
    const summary = page.getByRole("table", { name: "What the import wrote" });
    expect(await summary.getByRole("row", { name: /^Created/ }).textContent()).toMatch(/3,000$/);
    expect(await summary.getByRole("row", { name: /^New accounts/ }).textContent()).toMatch(/40$/);
    await page.screenshot({ path: resolve(RESULTS, "import-done.png"), fullPage: true });
    // The job is in the URL: a reload shows the same finished import.
    await page.reload();
    await page.getByText("Import finished.").waitFor();
    await expectAccessible(page, "import finished");

    await page.getByRole("link", { name: "Go to the deals" }).click();
    await page.getByRole("heading", { name: "Deals", level: 1 }).waitFor();
    await page.getByLabel("Search", { exact: true }).fill("Crane service 2997");
    await page.getByRole("link", { name: "Crane service 2997", exact: true }).waitFor();
    await page.getByRole("link", { name: "Crane service 2997", exact: true }).click();
    await page.getByRole("heading", { name: "Crane service 2997", level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel("Source", { exact: true }).inputValue()).toBe("Trade fair");
    await expectAccessible(page, "an imported deal");
    const deals = await api<ListPage<Deal>>(member, "GET", "/api/deals?limit=1&q=Crane%20service%202997");
    expect(deals.items[0]).toMatchObject({ amount: 149_750, stageName: "Qualification", cellId: cell.id });

    // The first five rows again are duplicates (same title on the same account): skipped unless chosen otherwise.
    await page.goto(`${base}/customers/import`);
    await chooseFile(page, "hubspot-deals-again.csv", dealsCsv().split("\r\n").slice(0, 6).join("\r\n"));
    await page.getByRole("button", { name: "Check the file (dry run)" }).click();
    await page.getByText("5 rows match records that already exist.").waitFor();
    await page.getByText("5 rows: 0 to create, 0 to update, 5 to skip.").waitFor();
    expect(await page.getByRole("radio", { name: "Skip them" }).isChecked()).toBe(true);
    await expect
      .poll(() => page.getByRole("region", { name: "Duplicates" }).locator("tbody tr").count())
      .toBe(5);
    await page.getByRole("radio", { name: "Update the existing records" }).check();
    await page.getByText("5 rows: 0 to create, 5 to update, 0 to skip.").waitFor();
    await expectAccessible(page, "dry run with duplicates");
    expect(csp, "CSP violations").toEqual([]);
    await page.context().close();
  }, 120_000);

  it("imports a German Salesforce and a German HubSpot export as they come: stages mapped on the page, every field of every row as the file has it", async () => {
    const steward = await signUp(server.app, {
      organisationName: "Kranbau Nord GmbH",
      language: "de",
      name: "Maria Groß",
    });
    await invite(server.app, steward, "member", "Jörg Weiß");
    const cell = await api<Cell>(steward, "POST", "/api/cells", {
      name: "Vertrieb Nord",
      kind: "periphery",
      purpose: "Kunden im Norden",
      marketSlice: "Kranbau",
    });
    await api(steward, "PUT", `/api/cells/${cell.id}/members/${steward.info.person.id}`, {});

    const { page, csp } = await signInGerman(browser, base, steward);

    const stageFor = (value: string) =>
      page.getByRole("combobox", { name: `Phase für „${value}“`, exact: true });
    const chosen = async (value: string) =>
      (await stageFor(value).locator("option:checked").textContent())?.trim();

    /** Chooses a fixture file as it is, maps the team's own stages on the page, dry-runs and imports. */
    const importFixture = async (
      file: string,
      recognised: string,
      automatic: Record<string, string>,
      own: Record<string, string>,
      ignored: string,
      rows: number,
    ) => {
      await page.goto(`${base}/customers/import`);
      await page.getByRole("heading", { name: "Kunden importieren", level: 1 }).waitFor();
      await page.getByLabel("CSV-Datei").setInputFiles(resolve(`test/fixtures/import/${file}`));
      await page.getByText(recognised).waitFor();
      await page.getByRole("heading", { name: "Phasen-Werte", level: 2 }).waitFor();
      for (const [value, stage] of Object.entries(automatic)) {
        await expect.poll(() => chosen(value)).toBe(stage);
      }
      for (const value of Object.keys(own)) expect(await chosen(value)).toBe("Phase wählen");
      await page.getByText(`${Object.keys(own).length} Werte brauchen noch eine Phase.`).waitFor();
      await expectAccessible(page, `value mapping of ${file}`);
      for (const [value, stage] of Object.entries(own)) await stageFor(value).selectOption({ label: stage });
      await page.getByRole("button", { name: "Datei prüfen (Probelauf)" }).click();
      await page.getByText("Keine Fehler: Die Datei kann importiert werden.").waitFor();
      await page.getByText(`Nicht importiert – Spalten ohne Feld: ${ignored}.`).waitFor();
      await page.getByRole("button", { name: `${rows} Zeilen importieren` }).click();
      await page.getByText("Import abgeschlossen.").waitFor();
    };

    await importFixture(
      "salesforce-opportunities-de.csv",
      "Als Salesforce-Export erkannt.",
      { "Geschlossen und gewonnen": "Gewonnen", "Geschlossen und verloren": "Verloren" },
      { Erstgespräch: "Qualifizierung", "Angebot versendet": "Angebot", "Verhandlung läuft": "Verhandlung" },
      "Nächster Schritt",
      5,
    );
    await importFixture(
      "hubspot-deals-de.csv",
      "Als HubSpot-Export erkannt.",
      { "Abgeschlossen und gewonnen": "Gewonnen", "Abgeschlossen und verloren": "Verloren" },
      { Erstkontakt: "Qualifizierung", "Angebot raus": "Angebot", "Demo gehalten": "Bedarf geklärt" },
      "Pipeline und Nächste Aktivität",
      5,
    );
    await page.screenshot({ path: resolve(RESULTS, "import-german-done.png"), fullPage: true });

    // What the file says, written as a German reader expects it; read back from each deal's page.
    const germanDay = (raw: string) => {
      const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
      return iso ? `${iso[3]}.${iso[2]}.${iso[1]}` : raw.slice(0, 10);
    };
    const germanMoney = (raw: string) => {
      const value = raw.includes(",") ? Number(raw.replaceAll(".", "").replace(",", ".")) : Number(raw);
      return `${value.toLocaleString("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0€`;
    };
    const outcomeOf = (stage: string, mapped: Record<string, string>) =>
      /gewonnen/i.test(stage)
        ? "Gewonnen"
        : /verloren/i.test(stage)
          ? "Verloren"
          : `${mapped[stage]} (Offen)`;
    type Expected = {
      title: string;
      account: string;
      amount: string;
      close: string;
      stage: string;
      type: string;
      created: string;
      description: string;
    };
    const fromFixture = (
      file: string,
      columns: Record<keyof Expected, string>,
      mapped: Record<string, string>,
    ) => {
      const [header, ...records] = parseRecords(
        readFileSync(resolve(`test/fixtures/import/${file}`), "utf8"),
      ).rows;
      const at = (cells: string[], key: keyof Expected) => cells[header.cells.indexOf(columns[key])] ?? "";
      return records.map(
        ({ cells }): Expected => ({
          title: at(cells, "title"),
          account: at(cells, "account"),
          amount: germanMoney(at(cells, "amount")),
          close: germanDay(at(cells, "close")),
          stage: outcomeOf(at(cells, "stage"), mapped),
          type: at(cells, "type"),
          created: germanDay(at(cells, "created")),
          description: at(cells, "description") || "Keine Beschreibung.",
        }),
      );
    };
    const expected = [
      ...fromFixture(
        "salesforce-opportunities-de.csv",
        {
          title: "Name der Opportunity",
          account: "Accountname",
          amount: "Betrag",
          close: "Schlusstermin",
          stage: "Phase",
          type: "Typ",
          created: "Erstellt am",
          description: "Beschreibung",
        },
        {
          Erstgespräch: "Qualifizierung",
          "Angebot versendet": "Angebot",
          "Verhandlung läuft": "Verhandlung",
        },
      ),
      ...fromFixture(
        "hubspot-deals-de.csv",
        {
          title: "Name des Deals",
          account: "Zugeordnetes Unternehmen",
          amount: "Betrag",
          close: "Abschlussdatum",
          stage: "Deal-Phase",
          type: "Deal-Typ",
          created: "Erstellungsdatum",
          description: "Deal-Beschreibung",
        },
        { Erstkontakt: "Qualifizierung", "Angebot raus": "Angebot", "Demo gehalten": "Bedarf geklärt" },
      ),
    ];
    expect(expected).toHaveLength(10);
    expect(expected.find((e) => e.title === "Wartungsvertrag Straßenbahn")?.amount).toBe("1.234,56\u00a0€");

    const deals = (await api<ListPage<Deal>>(steward, "GET", "/api/deals?limit=50")).items;
    expect(deals).toHaveLength(10);
    const lines = (text: string) => text.replaceAll("\r\n", "\n").trim();
    for (const row of expected) {
      const deal = deals.find((d) => d.title === row.title);
      expect(deal, row.title).toBeDefined();
      await page.goto(`${base}/customers/deals/${deal?.id}`);
      await page.getByRole("heading", { name: row.title, level: 1, exact: true }).waitFor();
      const overview = page.getByRole("region", { name: "Überblick" });
      await overview.waitFor();
      const terms = await overview.locator("dt").allInnerTexts();
      const definitions = await overview.locator("dd").allInnerTexts();
      const shown = Object.fromEntries(terms.map((term, i) => [term.trim(), lines(definitions[i] ?? "")]));
      expect(shown, row.title).toMatchObject({
        Kunde: row.account,
        Betrag: row.amount,
        Phase: row.stage,
        "Erwarteter Abschluss": row.close,
        Typ: row.type,
        Erstellt: row.created,
        Beschreibung: lines(row.description),
      });
      // Won and lost deals closed on the file's close date.
      if (row.stage === "Gewonnen" || row.stage === "Verloren") expect(shown.Abgeschlossen).toBe(row.close);
      else expect(shown.Abgeschlossen).toBeUndefined();
    }
    await expectAccessible(page, "an imported German deal");
    await page.setViewportSize({ width: 375, height: 800 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(375);
    expect(csp, "CSP violations").toEqual([]);
    await page.context().close();
  }, 180_000);
});
