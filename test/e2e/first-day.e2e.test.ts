import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page as ListPage } from "../../src/shared/common.ts";
import type { Account } from "../../src/shared/customers/accounts.ts";
import type { Deal } from "../../src/shared/customers/deals.ts";
import type { Offer } from "../../src/shared/customers/offers.ts";
import type { Cell, Organisation } from "../../src/shared/org.ts";
import { apiAs, invite, type Session, sessionFrom, type TestApp } from "../app.ts";
import { pdfText } from "../pdfText.ts";
import { expectAccessible, fillGermanSignIn, launchBrowser, watchCsp } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * Issue 12, acceptance 1: a German B2B sales team's first day, from an empty instance, in German, typing
 * as Germans type. The steward creates the organisation and invites a colleague, who sets a password,
 * signs out and comes back through the sign-in page. The team imports its Salesforce opportunities and
 * HubSpot deals as the vendors export them (German headers, `;`, BOM, German numbers and dates, own
 * stage names mapped on the page). A seller types 1.234,56 and 1234,56 key by key into the deal amount
 * and the offer price, downloads the offer letter as a PDF (address, contact person, totals in DIN 5008
 * order), records the customer's acceptance, and this month's won value of the cell shows the deal.
 * (test/e2e/import.e2e.test.ts checks every field of every imported row against the files.)
 */
let server: TestApp;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ server, base } = await startWebServer());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function germanPage(width = 1280): Promise<{ page: Page; csp: string[] }> {
  const context = await browser.newContext({
    locale: "de-DE",
    viewport: { width, height: 900 },
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const csp = await watchCsp(page);
  await page.addInitScript(() => localStorage.setItem("periphery.language", "de"));
  return { page, csp };
}

/** Empties a field and types the text key by key, as a person does. */
async function typeInto(field: Locator, text: string) {
  await field.click();
  await field.press("ControlOrMeta+a");
  await field.press("Backspace");
  await field.pressSequentially(text);
}

const STEWARD = { name: "Mara Steward", email: "mara@nordlicht.example", password: "ein langer guter Satz" };
const COLLEAGUE = { name: "Jonas Kollege", email: "jonas@nordlicht.example", password: "Frühstück am Deich" };

describe("a German sales team's first day", () => {
  it("creates the organisation, brings a colleague in, imports from Salesforce and HubSpot, writes an offer the customer accepts, and sees it in the cell's figures", async () => {
    try {
      await firstDay();
    } catch (error) {
      for (const [i, context] of contexts.entries())
        for (const p of context.pages())
          await p.screenshot({ path: resolve(RESULTS, `first-day-failure-${i}.png`), fullPage: true });
      throw error;
    }
  }, 420_000);
});

async function firstDay() {
  // 1. The steward creates the organisation on the first-start page.
  const steward = await germanPage();
  let page = steward.page;
  await page.goto(base);
  await page.getByRole("heading", { name: "Willkommen bei Periphery" }).waitFor();
  await page.getByLabel("Name der Organisation").fill("Nordlicht Vertrieb GmbH");
  await page.getByLabel("Dein Name").fill(STEWARD.name);
  await page.getByLabel("E-Mail").fill(STEWARD.email);
  await page.getByRole("textbox", { name: "Passwort", exact: true }).fill(STEWARD.password);
  await page.getByRole("button", { name: "Organisation anlegen" }).click();
  await page.getByRole("heading", { name: "Zellenkarte", level: 1 }).waitFor();
  await expectAccessible(page, "first cell map");

  // 2. The colleague is invited, sets a password, signs out and signs in again from the sign-in page.
  await page.getByRole("link", { name: "Menschen", exact: true }).click();
  await page.getByRole("heading", { name: "Menschen", level: 1 }).waitFor();
  await page.getByLabel("E-Mail der Kollegin oder des Kollegen").fill(COLLEAGUE.email);
  await page.getByRole("button", { name: "Einladen" }).click();
  await page.getByText(`${COLLEAGUE.email} ist eingeladen`).waitFor();
  const link = await page.getByLabel("Einladungslink").inputValue();

  const colleague = await germanPage(375);
  const page2 = colleague.page;
  await page2.goto(link);
  await page2.getByLabel("Dein Name").fill(COLLEAGUE.name);
  await page2.getByLabel("Neues Passwort").fill(COLLEAGUE.password);
  await page2.getByRole("button", { name: /beitreten$/ }).click();
  await page2.getByRole("heading", { name: "Zellenkarte", level: 1 }).waitFor();
  await page2.getByRole("button", { name: `Menü für ${COLLEAGUE.name}` }).click();
  await page2.getByRole("menuitem", { name: "Abmelden", exact: true }).click();
  await page2.getByRole("heading", { name: "Bei Periphery anmelden" }).waitFor();
  await expectAccessible(page2, "sign-in page at phone width");

  // The team's cell, with a third seller, so its figures reach the organisation's k (set to 3 here).
  let api = await apiSession(STEWARD);
  const org = await apiAs<Organisation>(server.app, api, "GET", "/api/org");
  await apiAs(server.app, api, "PATCH", "/api/org", { version: org.version, minGroupSize: 3 });
  const cell = await apiAs<Cell>(server.app, api, "POST", "/api/cells", {
    name: "Team Nord",
    kind: "periphery",
    purpose: "Kunden im Norden",
    marketSlice: "Verkehr und Logistik",
  });
  const third = await invite(server.app, api, "member", "Greta Dritte");
  const jonas = await apiSession(COLLEAGUE);
  for (const person of [api, jonas, third])
    await apiAs(server.app, person, "PUT", `/api/cells/${cell.id}/members/${person.info.person.id}`, {});

  // A week later, in the new month (a cell's figures count the members of a whole period, so a team
  // formed this week shows figures from next month on): both sign in again from the sign-in page.
  server.clock.advance(6 * 24 * 3_600_000);
  api = await apiSession(STEWARD);
  await fillGermanSignIn(page2, COLLEAGUE);
  await page2.getByRole("heading", { name: "Zellenkarte", level: 1 }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Bei Periphery anmelden" }).waitFor();
  await fillGermanSignIn(page, STEWARD);
  // Back where she was.
  await page.getByRole("heading", { name: "Menschen", level: 1 }).waitFor();

  // 3. The exports arrive as the vendors write them; the team maps its own stage names on the page.
  await importFixture(page, "salesforce-opportunities-de.csv", "Als Salesforce-Export erkannt.", {
    Erstgespräch: "Qualifizierung",
    "Angebot versendet": "Angebot",
    "Verhandlung läuft": "Verhandlung",
  });
  await importFixture(page, "hubspot-deals-de.csv", "Als HubSpot-Export erkannt.", {
    Erstkontakt: "Qualifizierung",
    "Angebot raus": "Angebot",
    "Demo gehalten": "Bedarf geklärt",
  });
  const deals = (await apiAs<ListPage<Deal>>(server.app, api, "GET", "/api/deals?limit=50")).items;
  expect(deals).toHaveLength(10);
  const deal = deals.find((d) => d.title === "Wartungsvertrag Straßenbahn") as Deal;
  expect(deal.amount).toBe(123456);

  // 4. The seller types amounts key by key, both ways Germans write them.
  page = page2;
  await page.goto(`${base}/customers/deals/${deal.id}`);
  await page.getByRole("heading", { name: deal.title, level: 1 }).waitFor();
  const amount = page.getByRole("textbox", { name: /^Betrag/ });
  await typeInto(amount, "1234,56");
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await page.getByText("Der Deal wurde gespeichert.").last().waitFor();
  await typeInto(amount, "1.234,56");
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await page.getByText("Der Deal wurde gespeichert.").last().waitFor();
  expect((await apiAs<Deal>(server.app, api, "GET", `/api/deals/${deal.id}`)).amount).toBe(123456);

  // 5. The offer letter: the customer's postal address and contact person, a line priced as typed.
  const account = await apiAs<Account>(server.app, api, "GET", `/api/accounts/${deal.accountId}`);
  await apiAs(server.app, api, "PATCH", `/api/accounts/${account.id}`, {
    version: account.version,
    street: "Straßenbahnring 12",
    postalCode: "06667",
    city: "Weißenfels",
    country: "DE",
    vatId: "DE123456789",
  });
  const contact = await apiAs<{ id: string }>(
    server.app,
    api,
    "POST",
    `/api/accounts/${account.id}/contacts`,
    {
      name: "Jörg Weiß",
      role: "Einkauf",
      email: "joerg.weiss@weissenfels.example",
    },
  );
  const offer = await apiAs<Offer>(server.app, api, "POST", `/api/deals/${deal.id}/offers`, {
    validUntil: "2026-12-31",
    contactId: contact.id,
    lines: [{ description: "Wartung Gleisanlagen", quantity: 1, unitPrice: 100, discountBps: 500 }],
  });
  await page.goto(`${base}/customers/offers/${offer.id}`);
  await page.getByRole("heading", { name: /^Angebot /, level: 1 }).waitFor();
  await typeInto(page.getByRole("textbox", { name: /^Einzelpreis/ }), "1234,56");
  await page.getByRole("button", { name: "Entwurf speichern" }).click();
  await page.getByText("Das Angebot wurde gespeichert.").last().waitFor();
  const saved = await apiAs<Offer>(server.app, api, "GET", `/api/offers/${offer.id}`);
  expect(saved.lines[0]?.unitPrice).toBe(123456);
  await page.getByRole("button", { name: "Angebot versenden" }).click();
  await page.getByText("Versendet", { exact: true }).first().waitFor();

  const downloading = page.waitForEvent("download");
  await page
    .getByRole("link", { name: "PDF herunterladen" })
    .or(page.getByRole("button", { name: "PDF herunterladen" }))
    .click();
  const download = await downloading;
  const { text } = await pdfText(await readFile((await download.path()) as string));
  expect(text).toContain("Verkehrsbetriebe Weißenfels AG");
  expect(text).toContain("Straßenbahnring 12");
  expect(text).toContain("06667 Weißenfels");
  expect(text).toContain("Jörg Weiß");
  expect(text).toContain("1.234,56 €");
  expect(text).toContain("DE123456789");
  // DIN 5008 totals: subtotal, discount, net, VAT, gross — in that order, after the lines.
  const totals = text.slice(text.indexOf("Zwischensumme"));
  const order = ["Zwischensumme", "Rabatt", "Nettobetrag", "USt.", "Gesamtbetrag"].map((word) =>
    totals.indexOf(word),
  );
  expect(
    order.every((at) => at >= 0),
    `totals in ${totals}`,
  ).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);

  // 6. The customer accepted: recorded, the deal is won.
  await page.getByRole("button", { name: "Kunde hat angenommen" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: /Annahme festhalten/ }).click();
  await page.getByText("Das Angebot ist als angenommen markiert.").last().waitFor();
  const won = await apiAs<Deal>(server.app, api, "GET", `/api/deals/${deal.id}`);
  expect(won.outcome).toBe("won");
  await expectAccessible(page, "accepted offer");

  // 7. The cell's won value of this month shows it — once the month is complete: the charts plot
  // complete periods only (a running month would read as a drop on every chart). A month later:
  const acceptedOn = server.config.now();
  server.clock.advance(31 * 24 * 3_600_000);
  await page.reload();
  await page.getByRole("heading", { name: "Bei Periphery anmelden" }).waitFor();
  await fillGermanSignIn(page, COLLEAGUE);
  await page.getByRole("button", { name: `Menü für ${COLLEAGUE.name}` }).waitFor();
  await page.goto(`${base}/insights/cells/${cell.id}`);
  const wonValue = page.getByRole("region", { name: "Gewonnener Wert in EUR", exact: true });
  await wonValue.waitFor();
  await wonValue.getByRole("tab", { name: "Datentabelle" }).click();
  const table = wonValue.getByRole("table", {
    name: /^Gewonnener Wert in EUR, je Monat: Werte, Grenzen und Signale/,
  });
  await table.waitFor();
  const month = acceptedOn.toLocaleDateString("de-DE", { month: "long", year: "numeric", timeZone: "UTC" });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: month }) });
  // The won value is the offer's net: 1.234,56 less 5 %.
  await expect.poll(async () => (await row.allTextContents()).join(" ")).toMatch(/1\.17(2,83|3)\s?€/);
  await expectAccessible(page, "Team Nord's figures with the accepted offer");
  await page.screenshot({ path: resolve(RESULTS, "first-day-figures.png"), fullPage: true });

  expect(steward.csp, "CSP (steward)").toEqual([]);
  expect(colleague.csp, "CSP (colleague)").toEqual([]);
}

async function apiSession(person: { email: string; password: string }): Promise<Session> {
  const response = await server.app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email: person.email, password: person.password },
  });
  return sessionFrom(response);
}

/** The import page as the team uses it: choose the file, map the own stage names, dry-run, import. */
async function importFixture(page: Page, file: string, recognised: string, own: Record<string, string>) {
  await page.goto(`${base}/customers/import`);
  await page.getByRole("heading", { name: "Kunden importieren", level: 1 }).waitFor();
  await page.getByLabel("CSV-Datei").setInputFiles(resolve(`test/fixtures/import/${file}`));
  await page.getByText(recognised).waitFor();
  await page.getByRole("heading", { name: "Phasen-Werte", level: 2 }).waitFor();
  for (const [value, stage] of Object.entries(own))
    await page
      .getByRole("combobox", { name: `Phase für „${value}“`, exact: true })
      .selectOption({ label: stage });
  await page.getByRole("button", { name: "Datei prüfen (Probelauf)" }).click();
  await page.getByText("Keine Fehler: Die Datei kann importiert werden.").waitFor();
  await page.getByRole("button", { name: /Zeilen importieren$/ }).click();
  await page.getByText("Import abgeschlossen.").waitFor();
}
