import { resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page as ListPage } from "../../src/shared/common.ts";
import type { Cell, Person } from "../../src/shared/org.ts";
import type { TestApp } from "../app.ts";
import { launchBrowser, seriousAxeViolations, watchCsp } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * Acceptance "no page ranks people" (issues 6 and 7; PRODUCT.md rules 2 and 3). The demo organisation,
 * opened from the first-start page like a visitor does, is read in English and in German on its
 * library, system and insights pages and on the existing pages that list people. No page may show an
 * ordered list of people, a table or list row that pairs a person's name with a count, sum, rate or
 * rank, or the vocabulary of rankings and quotas in either language.
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

/** Words of rankings, leaderboards and targets. "Quote" alone stays allowed: "Gewinnquote" is a win rate. */
const FORBIDDEN = [
  /\b(rank|ranks|ranked|ranking|rankings|leaderboards?|top[- ](sellers?|performers?|closers?)|best performers?|worst performers?|quotas?|targets?|goal attainment)\b/i,
  /%\s*(of|to) (goal|target|quota)/i,
  /\b(ranglisten?|rangfolgen?|bestenlisten?|top-?verkäufer(in|innen)?|zielvorgaben?|zielerreichung|soll-?werte?|quotenerfüllung|umsatzziele?|vertriebsziele?|leistungsranking)\b/i,
  /%\s*(des|vom) ziel/i,
];

/** A word before a forbidden one that turns the sentence into a statement of what is never done. */
const NEGATION = /\b(no|not|never|nor|without|instead of|kein\w*|nie|niemals|nicht|ohne|statt|anstatt)\b/i;

/** A cell's whole text is a number of some kind: a count, a sum of money, a rate or a rank. */
const NUMERIC = /^[#№]?\s*[-+]?[\d.,\s  ]+\s*(%|€|EUR|CHF|\$|£|pts?|Punkte)?\.?$/i;
/** A rate or an amount of money anywhere in a text. */
const AMOUNT = /\d\s*%|€\s*\d|\d\s*€|\bEUR\s*\d|\d\s*EUR\b/;

type Row = { text: string; cells: string[] };
type Reading = {
  path: string;
  heading: string;
  text: string;
  ordered: string[];
  rows: Row[];
  items: string[];
};

/** What a page shows, read from the DOM once it has settled. */
async function readPage(page: Page, path: string): Promise<Reading> {
  await page.goto(`${base}${path}`);
  const heading = page.getByRole("heading", { level: 1 }).first();
  await heading.waitFor().catch(async (error: Error) => {
    await page.screenshot({ path: resolve(RESULTS, "no-ranking-failure.png"), fullPage: true });
    throw new Error(`${path}: no page heading (${error.message.split("\n")[0]})`);
  });
  await page.waitForLoadState("networkidle");
  const pathname = new URL(page.url()).pathname;
  expect(pathname, `${path} exists (was not redirected)`).toBe(path.split("?")[0]);
  return page.evaluate((where) => {
    // innerText on purpose: the text as people see it, with breaks between cells and items.
    // biome-ignore lint/performance/useDomNodeTextContent: see above.
    const textOf = (element: Element) => (element as HTMLElement).innerText.replace(/\s+/g, " ").trim();
    const main = document.querySelector("main") ?? document.body;
    return {
      path: where,
      heading: textOf(main.querySelector("h1") ?? main),
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text, as above.
      text: (main as HTMLElement).innerText,
      ordered: [...main.querySelectorAll("ol > li")].map(textOf),
      rows: [...main.querySelectorAll("tr")].map((row) => ({
        text: textOf(row),
        cells: [...row.querySelectorAll("td, th")].map(textOf),
      })),
      items: [...main.querySelectorAll("li, [role=listitem], [role=row]")].map(textOf),
    };
  }, path);
}

/** Every way the reading could rank people, one line each. */
function rankingFindings(reading: Reading, names: string[]): string[] {
  const findings: string[] = [];
  const nameIn = (text: string) => names.find((name) => text.includes(name));
  for (const sentence of reading.text.split(/(?<=[.!?:;])\s+|\n+/)) {
    for (const pattern of FORBIDDEN) {
      const match = sentence.match(pattern);
      // Saying what the product never does ("no ranking of people", "keine Umsatzziele") is allowed.
      if (match && !NEGATION.test(sentence.slice(0, match.index))) {
        findings.push(`${reading.path}: says “${match[0]}” in “${sentence.trim()}”`);
      }
    }
  }
  for (const item of reading.ordered) {
    const name = nameIn(item);
    if (name) findings.push(`${reading.path}: ordered list item names ${name}: “${item}”`);
  }
  for (const row of reading.rows) {
    const name = nameIn(row.text);
    if (!name) continue;
    const numbers = row.cells.filter((cell) => cell !== "" && NUMERIC.test(cell));
    if (numbers.length) findings.push(`${reading.path}: table row pairs ${name} with ${numbers.join(", ")}`);
    if (AMOUNT.test(row.text))
      findings.push(`${reading.path}: table row pairs ${name} with an amount or rate`);
  }
  for (const item of reading.items) {
    const name = nameIn(item);
    if (!name) continue;
    if (/^\s*#?\d+[.)]?\s/.test(item))
      findings.push(`${reading.path}: numbered entry for ${name}: “${item}”`);
    if (AMOUNT.test(item)) findings.push(`${reading.path}: ${name} beside an amount or rate: “${item}”`);
  }
  return findings;
}

async function allPages<T>(context: BrowserContext, url: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const response = await context.request.get(
      `${base}${url}?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(response.status(), url).toBe(200);
    const page = (await response.json()) as ListPage<T>;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe("no page ranks people", () => {
  it("shows no ranked list of people and no ranking or quota words on the library, system, insights and people pages, in English and German", async () => {
    // The visitor's way in: the first-start page opens the demo organisation and signs in as its steward.
    const english = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    const page = await english.newPage();
    page.setDefaultTimeout(20_000);
    const csp = await watchCsp(page);
    await page.addInitScript(() => localStorage.setItem("periphery.language", "en"));
    await page.goto(base);
    await page.getByRole("button", { name: "Open the demo organisation" }).click();
    await page.getByRole("heading", { name: "Cell map", level: 1 }).waitFor({ timeout: 120_000 });

    const people = await allPages<Person>(english, "/api/people");
    const cells = await allPages<Cell>(english, "/api/cells");
    expect(people.length).toBeGreaterThan(20);
    const names = people.map((person) => person.name);
    const periphery = cells.find((cell) => cell.kind === "periphery");
    const centre = cells.find((cell) => cell.kind === "centre");
    if (!periphery || !centre) throw new Error("the demo has periphery and centre cells");

    const paths = [
      "/insights",
      "/insights?grain=week",
      `/insights/cells/${periphery.id}`,
      `/insights/cells/${centre.id}`,
      "/insights/measured",
      "/insights/beta-check",
      "/library",
      "/library/questions",
      "/library/experiments",
      "/system",
      "/system/services",
      "/system/conditions",
      "/people",
      "/cells",
      `/cells/${periphery.id}`,
      "/map",
    ];

    const german = await browser.newContext({ locale: "de-DE", viewport: { width: 1280, height: 900 } });
    await german.addCookies(await english.cookies());
    const seite = await german.newPage();
    seite.setDefaultTimeout(20_000);
    const cspDe = await watchCsp(seite);
    await seite.addInitScript(() => localStorage.setItem("periphery.language", "de"));

    const findings: string[] = [];
    const headings: string[] = [];
    for (const [language, tab] of [
      ["en", page],
      ["de", seite],
    ] as const) {
      for (const path of paths) {
        const reading = await readPage(tab, path);
        headings.push(`${language} ${path}: ${reading.heading}`);
        findings.push(...rankingFindings(reading, names).map((line) => `${language} ${line}`));
        if (path.startsWith("/insights")) {
          expect(await seriousAxeViolations(tab), `axe on ${language} ${path}`).toEqual([]);
        }
      }
    }
    expect(findings).toEqual([]);
    // The pages were really the module pages, in the language asked for.
    expect(headings).toContain("en /insights/measured: What is measured here");
    expect(headings).toContain("de /insights/measured: Was hier gemessen wird");
    expect(csp, "CSP violations (English)").toEqual([]);
    expect(cspDe, "CSP violations (German)").toEqual([]);
    await english.close();
    await german.close();
  }, 300_000);

  it("finds a ranking when a page shows one (the check itself works)", () => {
    const names = ["Anna Müller", "Jonas Becker"];
    const ranked: Reading = {
      path: "/example",
      heading: "Top sellers",
      text: "Top sellers this quarter: 80 % of target",
      ordered: ["Anna Müller", "Jonas Becker"],
      rows: [{ text: "Anna Müller 12", cells: ["Anna Müller", "12"] }],
      items: ["1. Jonas Becker", "Anna Müller – 35 %"],
    };
    const findings = rankingFindings(ranked, names);
    expect(findings).toEqual(
      expect.arrayContaining([
        "/example: says “Top sellers” in “Top sellers this quarter:”",
        "/example: says “% of target” in “80 % of target”",
        "/example: ordered list item names Anna Müller: “Anna Müller”",
        "/example: table row pairs Anna Müller with 12",
        "/example: numbered entry for Jonas Becker: “1. Jonas Becker”",
        "/example: Anna Müller beside an amount or rate: “Anna Müller – 35 %”",
      ]),
    );
    const fair: Reading = {
      path: "/fair",
      heading: "Insights",
      text: "Gewinnquote 31 % · Im mittleren Drittel der 30 Peripherie-Zellen\nNo ranking of people, never a quota. Keine Rangliste.",
      ordered: [],
      rows: [{ text: "Team Nord 31 %", cells: ["Team Nord", "31 %"] }],
      items: ["Anna Müller, Jonas Becker"],
    };
    expect(rankingFindings(fair, names)).toEqual([]);
  });
});
