import { resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../app.ts";
import { launchBrowser, seriousAxeViolations, watchCsp } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * User story: a new sales team starts Periphery for the first time, creates its organisation in
 * German, sets up two cells and brings a colleague in through an invitation link; both see both
 * cells on the cell map. Every page passes axe (no serious/critical findings) and the strict CSP.
 */
let server: TestApp;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];

async function openPage(): Promise<{ page: Page; csp: string[] }> {
  const context = await browser.newContext({
    locale: "de-DE",
    viewport: { width: 1280, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const csp = await watchCsp(page);
  return { page, csp };
}

async function expectAccessible(page: Page, where: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `axe on ${where}`).toEqual([]);
}

beforeAll(async () => {
  ({ server, base } = await startWebServer());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await server?.close();
});

describe("first start", () => {
  it("creates an organisation, two cells and brings in a colleague who sees the same cell map", async () => {
    const steward = await openPage();
    try {
      await journey(steward);
    } catch (error) {
      for (const [i, context] of contexts.entries()) {
        for (const p of context.pages())
          await p.screenshot({ path: resolve(RESULTS, `failure-${i}.png`), fullPage: true });
      }
      throw error;
    }
  }, 180_000);
});

async function journey(steward: { page: Page; csp: string[] }) {
  const page = steward.page;

  await page.goto(base);
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("de");
  await page.getByRole("heading", { name: "Willkommen bei Periphery" }).waitFor();
  await page.getByRole("button", { name: "Demo-Organisation öffnen" }).waitFor();
  await expectAccessible(page, "first start");
  await page.screenshot({ path: resolve(RESULTS, "first-start.png"), fullPage: true });

  await page.getByLabel("Name der Organisation").fill("Nordlicht GmbH");
  expect(await page.getByLabel("Sprache der Organisation").inputValue()).toBe("de");
  await page.getByLabel("Dein Name").fill("Mara Steward");
  await page.getByLabel("E-Mail").fill("mara@nordlicht.example");
  await page.getByRole("textbox", { name: "Passwort", exact: true }).fill("ein langer guter Satz");
  await page.getByRole("button", { name: "Organisation anlegen" }).click();

  await page.getByRole("heading", { name: "Zellenkarte", level: 1 }).waitFor();
  await page.getByText("Noch keine Zellen").waitFor();
  await expectAccessible(page, "empty cell map");

  await page.getByRole("link", { name: "Zellen", exact: true }).click();
  await page.getByRole("heading", { name: "Zellen", level: 1 }).waitFor();
  await expectAccessible(page, "cells");

  for (const cell of [
    { name: "Team Nord", kind: "periphery", slice: "Mittelstand Industrie, Norddeutschland" },
    { name: "Preise & Konditionen", kind: "centre", slice: "" },
  ]) {
    await page.getByRole("button", { name: "Neue Zelle" }).click();
    const dialog = page.getByRole("dialog", { name: "Zelle anlegen" });
    await dialog.getByLabel(/^Name/).fill(cell.name);
    await dialog.getByLabel("Art").selectOption(cell.kind);
    await dialog.getByLabel("Zweck").fill(`Zweck von ${cell.name}`);
    if (cell.slice) await dialog.getByLabel("Marktausschnitt").fill(cell.slice);
    if (cell.kind === "periphery") await expectAccessible(page, "create cell dialog");
    await dialog.getByRole("button", { name: "Zelle anlegen" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("link", { name: cell.name }).waitFor();
  }

  await page.getByRole("link", { name: "Menschen", exact: true }).click();
  await page.getByRole("heading", { name: "Menschen", level: 1 }).waitFor();
  await page.getByLabel("E-Mail der Kollegin oder des Kollegen").fill("jonas@nordlicht.example");
  await page.getByRole("button", { name: "Einladen" }).click();
  await page.getByText("jonas@nordlicht.example ist eingeladen").waitFor();
  await page.getByRole("button", { name: "Link kopieren" }).click();
  await page.getByRole("button", { name: "Kopiert" }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await page.getByLabel("Einladungslink").inputValue());
  expect(link).toContain(`${base}/invite/`);
  await expectAccessible(page, "people with invitation");

  const colleague = await openPage();
  const page2 = colleague.page;
  await page2.goto(link);
  await page2.getByRole("heading", { name: "Zu deinen Kolleginnen und Kollegen" }).waitFor();
  await page2.getByText("Mara Steward hat dich zu Nordlicht GmbH bei Periphery eingeladen.").waitFor();
  expect(await page2.getByLabel("E-Mail").inputValue()).toBe("jonas@nordlicht.example");
  await expectAccessible(page2, "accept invitation");
  await page2.getByLabel("Dein Name").fill("Jonas Kollege");
  await page2.getByLabel("Neues Passwort").fill("noch ein guter Satz");
  await page2.getByRole("button", { name: "Nordlicht GmbH beitreten" }).click();

  for (const p of [page2, page]) {
    if (p === page) await p.getByRole("link", { name: "Zellenkarte" }).click();
    await p.getByRole("heading", { name: "Zellenkarte", level: 1 }).waitFor();
    const map = p.getByRole("group", { name: "Zellenkarte mit 2 Zellen" });
    await map.getByRole("button", { name: /^Team Nord, Peripherie/ }).waitFor();
    await map.getByRole("button", { name: /^Preise & Konditionen, Zentrum/ }).waitFor();
  }
  await expectAccessible(page2, "cell map (colleague)");

  // Keyboard: focus a cell and press Enter to see it in the side panel.
  await page.getByRole("button", { name: /^Team Nord, Peripherie/ }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Team Nord öffnen" }).waitFor();
  await expectAccessible(page, "cell map (steward)");
  await page.screenshot({ path: resolve(RESULTS, "cell-map.png"), fullPage: true });

  expect(steward.csp, "CSP violations (steward)").toEqual([]);
  expect(colleague.csp, "CSP violations (colleague)").toEqual([]);
}

/**
 * User story (issue 12, parts 3 and 4): on an instance holding only the demo, a visitor opens the demo
 * as a seller in Team Nord (the default persona) and finds deals on the board, switches to the steward,
 * invites a colleague, and the colleague — who set a password — signs out and comes back through the
 * sign-in page linked from the first-start page.
 */
describe("the demo and signing in again", () => {
  it("opens the demo as a seller with a full board, switches persona, and lets an invited colleague sign in again", async () => {
    const demo = await startWebServer();
    try {
      await demoJourney(demo.base);
    } catch (error) {
      for (const [i, context] of contexts.entries()) {
        for (const p of context.pages())
          await p.screenshot({ path: resolve(RESULTS, `demo-failure-${i}.png`), fullPage: true });
      }
      throw error;
    } finally {
      await demo.server.close();
    }
  }, 300_000);
});

async function demoJourney(demoBase: string) {
  const visitor = await openPage();
  const page = visitor.page;
  await page.goto(demoBase);
  await page.getByRole("heading", { name: "Willkommen bei Periphery" }).waitFor();
  // Nobody has a password yet: nothing to sign in to.
  expect(await page.getByRole("link", { name: "Anmelden" }).count()).toBe(0);
  const personas = page.getByRole("radiogroup", { name: "Die Demo ansehen als" });
  expect(await personas.getByRole("radio", { name: /Verkäufer:in in Team Nord/ }).isChecked()).toBe(true);
  await personas.getByRole("radio", { name: /Steward/ }).waitFor();
  await personas.getByRole("radio", { name: /Zelle Pricing/ }).waitFor();
  await expectAccessible(page, "first start with personas");
  // The server generates the demo in this process: its synchronous SQLite work holds the event loop
  // (and this test's browser connection) for the seconds that takes.
  await page.getByRole("button", { name: "Demo-Organisation öffnen" }).click({ timeout: 120_000 });
  await page.getByRole("heading", { name: "Zellenkarte", level: 1 }).waitFor({ timeout: 120_000 });

  // The seller in Team Nord: the switch names them, and their board has deals.
  const viewingAs = page.getByLabel("Du siehst die Demo als");
  await expect.poll(() => viewingAs.inputValue()).toBe("seller");
  const seller = (await viewingAs.locator("option:checked").textContent()) ?? "";
  expect(seller).toMatch(/\(Verkauf, Team Nord\)$/);
  await expectAccessible(page, "demo cell map with the persona switch");
  await page.getByRole("link", { name: "Kunden", exact: true }).click();
  // The board opens on the seller's own cell.
  await page.getByRole("region", { name: "Pipeline von Team Nord" }).waitFor();
  await expect.poll(() => page.getByRole("group", { name: /^Deal / }).count()).toBeGreaterThan(3);
  await page.screenshot({ path: resolve(RESULTS, "demo-seller-board.png"), fullPage: true });

  // Switch to the steward; the same page now shows what the steward sees.
  await viewingAs.selectOption("steward");
  await page.getByRole("button", { name: "Menü für Mara Lindqvist" }).waitFor();
  await expect.poll(() => viewingAs.inputValue()).toBe("steward");

  // The steward invites a colleague, who joins with a password.
  await page.getByRole("link", { name: "Menschen", exact: true }).click();
  await page.getByRole("heading", { name: "Menschen", level: 1 }).waitFor();
  await page.getByLabel("E-Mail der Kollegin oder des Kollegen").fill("jonas@nordlicht.example");
  await page.getByRole("button", { name: "Einladen" }).click();
  await page.getByText("jonas@nordlicht.example ist eingeladen").waitFor();
  const link = await page.getByLabel("Einladungslink").inputValue();

  const colleague = await openPage();
  const page2 = colleague.page;
  await page2.goto(link);
  await page2.getByLabel("Dein Name").fill("Jonas Kollege");
  await page2.getByLabel("Neues Passwort").fill("Frühstück am Deich um sieben");
  await page2.getByRole("button", { name: /beitreten$/ }).click();
  await page2.getByRole("heading", { name: "Zellenkarte", level: 1 }).waitFor();
  // A colleague is none of the personas: the switch says who they are.
  await expect
    .poll(() => page2.getByLabel("Du siehst die Demo als").locator("option:checked").textContent())
    .toBe("Jonas Kollege (eingeladen)");

  // Signing out brings the first-start page back — now with the way to sign in again.
  await page2.getByRole("button", { name: "Menü für Jonas Kollege" }).click();
  await page2.getByRole("menuitem", { name: "Abmelden", exact: true }).click();
  await page2.getByRole("heading", { name: "Willkommen bei Periphery" }).waitFor();
  await page2.getByRole("link", { name: "Anmelden" }).click();
  await page2.getByRole("heading", { name: "Bei Periphery anmelden" }).waitFor();
  expect(new URL(page2.url()).pathname).toBe("/sign-in");
  await expectAccessible(page2, "sign-in page beside the demo");
  await page2.getByLabel("E-Mail").fill("jonas@nordlicht.example");
  await page2.getByRole("textbox", { name: "Passwort", exact: true }).fill("Frühstück am Deich um sieben");
  await page2.getByRole("button", { name: "Anmelden", exact: true }).click();
  await page2.getByRole("heading", { name: "Zellenkarte", level: 1 }).waitFor();
  await page2.getByRole("button", { name: "Menü für Jonas Kollege" }).waitFor();

  expect(visitor.csp, "CSP violations (visitor)").toEqual([]);
  expect(colleague.csp, "CSP violations (colleague)").toEqual([]);
}
