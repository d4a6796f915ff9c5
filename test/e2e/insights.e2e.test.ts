import { resolve } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../../src/server/demo/generate.ts";
import { SIGNAL_CELL, signalFrom } from "../../src/server/demo/insights.ts";
import { foldBetaChecks } from "../../src/server/modules/insights/betaCheckFold.ts";
import { hashPassword } from "../../src/server/platform/auth/passwords.ts";
import { loadDataKey } from "../../src/server/platform/dataKey.ts";
import { BETA_LAWS } from "../../src/shared/insights/betaCheck.ts";
import { apiAs, sessionFrom, signUp, type TestApp } from "../app.ts";
import { type BrowserPerson, expectAccessible, launchBrowser, signInPerson } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * Acceptance 2 of the insights module (issue 7), on the MEDIUM demo organisation (400 people, 55,000
 * deals): a member opens the insights page of a cell, sees the win-rate chart with its limits and the
 * signal the demo generator planted in Team Nord (a new qualification checklist nine months before today),
 * switches to the data table, and sees "too few to show" on a cell with fewer than k members. Then the
 * week view, a "limits change here" marker, the Beta check and "what is measured here" — every page
 * through axe and the CSP, the chart code loaded only once a chart is shown. One server for it all:
 * generating the medium demo takes most of a minute.
 */
let server: TestApp;
let browser: Browser;
let base: string;
let member: { email: string; password: string; name: string };
let tooFewCell: string;
/** The month the demo's checklist started, as the English pages name it ("February 2026"). */
let signalMonth: string;

beforeAll(async () => {
  ({ server, base } = await startWebServer());
  browser = await launchBrowser();
  // Made on the server's clock, as "open the demo" makes it: its history ends today.
  const today = server.clock.now();
  await generateDemo(server.db, { size: "medium", today });
  signalMonth = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(signalFrom(today)),
  );
  const db = server.db.kysely;
  // Demo people have no password: give one member of the signal's cell a password to sign in with.
  const nord = await db
    .selectFrom("cell")
    .select(["id"])
    .where("name", "=", SIGNAL_CELL)
    .executeTakeFirstOrThrow();
  const person = await db
    .selectFrom("person")
    .innerJoin("cellMember", "cellMember.personId", "person.id")
    .select(["person.id", "person.email", "person.name"])
    .where("cellMember.cellId", "=", nord.id)
    .where("person.role", "=", "member")
    .orderBy("person.name")
    .executeTakeFirstOrThrow();
  const password = "a demo member's passphrase";
  await db
    .updateTable("person")
    .set({ passwordHash: await hashPassword(password, server.config.passwordCost), locale: "en" })
    .where("id", "=", person.id)
    .execute();
  member = { email: person.email, password, name: person.name };
  // With only the demo, the start page offers the first start instead of signing in.
  await signUp(server.app, { organisationName: "Andere GmbH" });
  // The cell below k the demo keeps on purpose (centre cells hold 3–6 people).
  const sizes = await db
    .selectFrom("cell")
    .innerJoin("cellMember", "cellMember.cellId", "cell.id")
    .select(["cell.name", (eb) => eb.fn.countAll<number>().as("members")])
    .groupBy("cell.name")
    .execute();
  const small = sizes.filter((cell) => Number(cell.members) < 5).map((cell) => cell.name);
  expect(small.length, "the medium demo has a cell with fewer than k = 5 members").toBeGreaterThan(0);
  tooFewCell = small.sort()[0];
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Requests for the ECharts chunks, to show the chart code is loaded only when a chart is shown. */
function watchChartChunks(page: Page): string[] {
  const loaded: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (/\/assets\/echarts/.test(path)) loaded.push(path);
  });
  return loaded;
}

/**
 * Team Nord's other members (up to nine) answer the check through the API, each signed in with a
 * password of their own (demo people have none). Returns how many answered.
 */
async function answerAsColleagues(checkId: string): Promise<number> {
  const db = server.db.kysely;
  const colleagues = await db
    .selectFrom("person")
    .innerJoin("cellMember", "cellMember.personId", "person.id")
    .innerJoin("cell", "cell.id", "cellMember.cellId")
    .select(["person.id", "person.email"])
    .where("cell.name", "=", SIGNAL_CELL)
    .where("person.email", "!=", member.email)
    .orderBy("person.email")
    .limit(9)
    .execute();
  const password = "a colleague's own passphrase";
  const hash = await hashPassword(password, server.config.passwordCost);
  for (const [i, colleague] of colleagues.entries()) {
    await db.updateTable("person").set({ passwordHash: hash }).where("id", "=", colleague.id).execute();
    const session = sessionFrom(
      await server.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: colleague.email, password },
      }),
    );
    await apiAs(server.app, session, "POST", `/api/beta-checks/${checkId}/answers`, {
      scores: BETA_LAWS.map((law) => ({ law: law.law, score: ((law.law + i) % 5) + 1 })),
      comment: "",
    });
  }
  return colleagues.length;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: resolve(RESULTS, `insights-${name}.png`), fullPage: true });
}

const figure = (page: Page, name: string): Locator => page.getByRole("region", { name, exact: true });

describe("insights", () => {
  let person: BrowserPerson;

  it("a member reads the win-rate chart of Team Nord with its limits and the planted signal, then the data table, and sees “too few to show” on a cell below k", async () => {
    person = await signInPerson(browser, base, member);
    const { page } = person;
    const charts = watchChartChunks(page);
    // The cell map does not load the chart code.
    await page.waitForLoadState("networkidle");
    expect(charts).toEqual([]);

    await page.getByRole("link", { name: "Insights" }).click();
    await page.getByRole("heading", { name: "Insights: the organisation", level: 1 }).waitFor();
    await page.getByLabel("Cell", { exact: true }).selectOption({ label: SIGNAL_CELL });
    await page.getByRole("heading", { name: `Insights: ${SIGNAL_CELL}`, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/insights\/cells\/[0-9a-f-]{36}$/);

    const winRate = figure(page, "Win rate");
    // Beside the chart: the latest value, the previous period, the peer median and the peer band.
    await winRate.getByText("Previous period").waitFor();
    await winRate.getByText("Peer median").waitFor();
    await winRate.getByText(/^In the (lower|middle|upper) third of the \d+ periphery cells$/).waitFor();

    // The chart: one image named by its summary — limits and the signals with the rule that fired.
    const chart = winRate.getByRole("img", {
      name: /^Win rate, by month: process behaviour chart \(XmR\)\./,
    });
    await chart.waitFor();
    const label = (await chart.getAttribute("aria-label")) ?? "";
    expect(label).toMatch(
      /natural process limits \d[\d.]*\s?% to \d[\d.]*\s?%|upper natural process limit \d/,
    );
    // The planted signal: since the checklist Team Nord's win rate stays above its old centre line.
    expect(label).toMatch(/rule 3 in [A-Z][a-z]+ 20\d\d/);
    // ECharts drew it: the signal marks carry the rule's number, the limits are lines of their own.
    await chart.locator("svg").waitFor();
    await expect
      .poll(() =>
        chart
          .locator("svg text")
          .filter({ hasText: /^(\d )*3( \d)*$/ })
          .count(),
      )
      .toBeGreaterThan(0);
    expect(await chart.locator("svg path").count()).toBeGreaterThan(10);
    expect(charts.some((path) => /echartsCharts-/.test(path))).toBe(true);
    expect(charts.some((path) => /echarts-[\w-]+\.js$/.test(path))).toBe(true);
    await winRate.getByText(/signals?: .*rule 3 in/).waitFor();
    await expectAccessible(page, "Team Nord's insights");
    await winRate.scrollIntoViewIfNeeded();
    await shot(page, "team-nord");

    // The same numbers as a table, newest first, each signal spelt out with its rule.
    await winRate.getByRole("tab", { name: "Data table" }).click();
    const table = winRate.getByRole("table", { name: /Win rate, by month: values, limits and signals/ });
    await table.waitFor();
    const headers = await table.getByRole("columnheader").allTextContents();
    expect(headers).toEqual([
      "Period",
      "Value",
      "Moving range",
      "Centre line",
      "Lower limit",
      "Upper limit",
      "Upper range limit",
      "Signals",
    ]);
    const signalRows = table.getByRole("row").filter({
      hasText: "Rule 3: eight successive values on the same side of the centre line",
    });
    expect(await signalRows.count()).toBeGreaterThanOrEqual(8);
    const start = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: signalMonth }) });
    await expect.poll(async () => (await start.allTextContents()).join(" ")).toMatch(/\d\s?%/);
    // The fixed baseline (the months before the checklist) is marked in the table too.
    expect(await table.getByRole("row").filter({ hasText: "baseline" }).count()).toBeGreaterThan(0);
    await expectAccessible(page, "win-rate data table");
    await shot(page, "team-nord-table");

    // A cell with fewer than k members: its figures are not shown at all.
    await page.getByLabel("Cell", { exact: true }).selectOption({ label: `${tooFewCell} (too few to show)` });
    await page.getByRole("heading", { name: `Insights: ${tooFewCell}`, level: 1 }).waitFor();
    await page.getByText(`${tooFewCell} has fewer than 5 members, so none of its figures is shown`).waitFor();
    // Said once for the page, not repeated on a card per figure.
    expect(await page.getByText("Too few to show", { exact: true }).count()).toBe(1);
    const cards = page.getByRole("region").filter({ has: page.getByRole("heading", { level: 2 }) });
    expect(await cards.count()).toBe(0);
    expect(await page.getByRole("img", { name: /process behaviour chart/ }).count()).toBe(0);
    await expectAccessible(page, "insights of a cell below k");
    await shot(page, "too-few");
  }, 180_000);

  it("switches to weeks, marks “limits change here”, and reads the page on a phone", async () => {
    const { page } = person;
    await page.getByLabel("Cell", { exact: true }).selectOption({ label: SIGNAL_CELL });
    await page.getByRole("heading", { name: `Insights: ${SIGNAL_CELL}`, level: 1 }).waitFor();
    await page.getByText("By week", { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("grain")).toBe("week");
    const winRate = figure(page, "Win rate");
    await winRate.getByRole("img", { name: /^Win rate, by week: process behaviour chart/ }).waitFor();

    // Back to months: the cell marks a known change to its system, and new limits start there.
    await page.getByText("By month", { exact: true }).click();
    await winRate.getByRole("img", { name: /^Win rate, by month/ }).waitFor();
    await winRate.getByRole("button", { name: "Baseline and limits" }).click();
    await winRate.getByLabel("Period", { exact: true }).selectOption({ label: signalMonth });
    await winRate.getByLabel("What changed").fill("New qualification checklist");
    await expectAccessible(page, "baseline and limits form");
    await winRate.getByRole("button", { name: "Start new limits here" }).click();
    await page.getByText(`New limits start in ${signalMonth}.`).waitFor();
    await winRate.getByText(`Limits change here: ${signalMonth} — New qualification checklist`).waitFor();
    await winRate
      .getByRole("img", { name: new RegExp(`Limits change once, in ${signalMonth}\\.`) })
      .waitFor();
    await winRate.getByRole("tab", { name: "Data table" }).click();
    const start = winRate
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: signalMonth }) });
    await start.getByText(/limits change here/).waitFor();

    // The cell fixes the sales cycle's baseline on its first six months: those rows carry the limits.
    const cycle = figure(page, "Sales cycle");
    await cycle.getByRole("button", { name: "Baseline and limits" }).click();
    await cycle.getByLabel("From", { exact: true }).selectOption({ index: 0 });
    await cycle.getByLabel("Until", { exact: true }).selectOption({ index: 5 });
    await cycle.getByRole("button", { name: "Fix this baseline" }).click();
    await page.getByText("The baseline is fixed.").waitFor();
    await cycle.getByText(/^Baseline: .+ – .+$/).waitFor();
    await cycle.getByRole("tab", { name: "Data table" }).click();
    // Newest first: the baseline rows are among the six oldest periods, and there are some.
    const rows = cycle.getByRole("row");
    await expect.poll(() => rows.filter({ hasText: "baseline" }).count()).toBeGreaterThan(2);
    const marked = await rows.evaluateAll((all) =>
      all.map((row) => row.textContent?.includes("baseline") ?? false),
    );
    expect(marked.slice(0, -6).some(Boolean), "no baseline row after the sixth period").toBe(false);
    await cycle.getByRole("button", { name: "Compute limits from all periods" }).click();
    await page.getByText("The limits are computed from all periods again.").waitFor();
    await cycle.getByText(/^Baseline: /).waitFor({ state: "detached" });

    // The same page on a phone.
    await page.setViewportSize({ width: 375, height: 800 });
    await winRate.getByRole("tab", { name: "Chart" }).click();
    await winRate.getByRole("img", { name: /^Win rate, by month/ }).waitFor();
    await expectAccessible(page, "Team Nord's insights on a phone");
    await shot(page, "phone");
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  it("opens a Beta check for the cell, answers it anonymously, and reads the demo's closed checks as radar and trend", async () => {
    const { page } = person;
    await page
      .getByRole("navigation", { name: "Insights" })
      .getByRole("link", { name: "Beta check" })
      .click();
    await page.getByRole("heading", { name: "Beta check", level: 1 }).waitFor();
    await page
      .getByText(/^Your answers are stored without your name, encrypted until they are counted in a batch/)
      .waitFor();
    // The demo's organisation-wide check has closed: its trend is a radar and a table.
    await page.getByRole("heading", { name: "Trend across Beta checks" }).waitFor();
    await page
      .getByRole("img", { name: /^Radar of the last Beta checks of The whole organisation/ })
      .waitFor();
    await page
      .getByRole("table", { name: /Average per law in each Beta check/ })
      .getByRole("rowheader", {
        name: "7. Conditional income",
      })
      .waitFor();
    await expectAccessible(page, "Beta checks of the organisation");

    await page.getByLabel("For", { exact: true }).selectOption({ label: SIGNAL_CELL });
    await page.getByRole("heading", { name: `Open a Beta check for ${SIGNAL_CELL}` }).waitFor();
    await page.getByLabel("Title (optional)").fill("After the checklist");
    await page.getByRole("button", { name: "Open a Beta check" }).click();
    await page.getByRole("heading", { name: "After the checklist", level: 1 }).waitFor();

    // Sending with a law left open says what is missing and sends nothing.
    await page.getByRole("button", { name: "Send my anonymous answers" }).click();
    await page.getByRole("alert").filter({ hasText: "12 are still open" }).waitFor();
    const answer = page.getByRole("region", { name: "Answer" });
    expect(await answer.getByRole("radiogroup").count()).toBe(12);
    for (let law = 0; law < 12; law++) {
      const group = answer.getByRole("radiogroup").nth(law);
      await group.getByRole("radio", { name: law % 2 ? "4" : "5 Beta" }).check();
    }
    await page
      .getByLabel("Comment (optional)")
      .fill("The checklist helps; we still wait for delivery dates.");
    await expectAccessible(page, "answering a Beta check");
    await page.getByRole("button", { name: "Send my anonymous answers" }).click();
    await page.getByText("You have answered this Beta check. Thank you.").waitFor();
    await page.getByText(/Results show once the check has closed on/).waitFor();
    await shot(page, "beta-check");
    const checkUrl = page.url();

    // Colleagues of Team Nord answer too (through the API, each signed in), the fold job runs: the pool
    // holds every answer sealed until then, and the count moves only in steps of k.
    const colleagues = await answerAsColleagues(checkUrl.split("/").pop() as string);
    expect(colleagues + 1).toBeGreaterThanOrEqual(5);
    await foldBetaChecks(server.db, loadDataKey(server.config), server.clock.now());
    await page.reload();
    const counted = Math.floor((colleagues + 1) / 5) * 5;
    await page
      .getByText(`${counted} answers so far (counted in steps of 5 while the check is open)`)
      .waitFor();

    // The check closes (the server's clock moves to the day after the closing day the form proposed, from
    // the browser's own date; the session has ended meanwhile): the fold at close counts the rest, and the
    // results show every answer, the comment among them.
    const { closesOn } = await server.db.kysely
      .selectFrom("betaCheck")
      .select("closesOn")
      .where("id", "=", checkUrl.split("/").pop() as string)
      .executeTakeFirstOrThrow();
    server.clock.current = new Date(Date.parse(`${closesOn}T09:00:00Z`) + 86_400_000);
    await person.page.context().close();
    person = await signInPerson(browser, base, member);
    await person.page.goto(checkUrl);
    await person.page.getByRole("heading", { name: "After the checklist", level: 1 }).waitFor();
    const closed = person.page.getByRole("table", { name: "Averages per law" });
    await closed.waitFor();
    expect(await closed.getByRole("row").count()).toBe(13);
    await person.page
      .getByText(`${colleagues + 1} answers`, { exact: true })
      .first()
      .waitFor();
    await person.page.getByText("The checklist helps; we still wait for delivery dates.").waitFor();
    await expectAccessible(person.page, "results of the Beta check after its fold at close");

    // The demo's closed check of Team Nord shows its results.
    const after = person.page;
    await after.getByRole("link", { name: "All Beta checks" }).click();
    await after.getByRole("link", { name: "Beta-Check Team Nord" }).click();
    await after.getByRole("heading", { name: "Results of the Beta check" }).waitFor();
    const results = after.getByRole("table", { name: "Averages per law" });
    await results.waitFor();
    expect(await results.getByRole("row").count()).toBe(13);
    await after.getByRole("img", { name: /^Radar of the twelve laws/ }).waitFor();
    await expectAccessible(after, "Beta check results");
  }, 120_000);

  it("says what is measured here: every figure, its definition, level and k", async () => {
    const { page } = person;
    await page.getByRole("link", { name: "What is measured here" }).click();
    await page.getByRole("heading", { name: "What is measured here", level: 1 }).waitFor();
    const table = page.getByRole("table", { name: /Every figure, its definition/ });
    await table.waitFor();
    for (const name of ["Win rate", "Sales cycle", "Request lead time", "Advice lead time"]) {
      await table
        .getByRole("rowheader", { name: new RegExp(`^${name}`) })
        .first()
        .waitFor();
    }
    await page.getByText("5 people (set by the stewards, visible in the audit log)").waitFor();
    // The Beta check's threat model: who, what protects the answers, and what nothing can protect against.
    const threats = page.getByRole("table", { name: /Who could try to link an answer to a person/ });
    for (const who of ["Colleagues using Periphery", "Whoever reads the database, a dump or a backup"])
      await threats.getByRole("rowheader", { name: who }).waitFor();
    await page.getByRole("heading", { name: "What no result can protect against" }).waitFor();
    await page.getByText(/if all participants but one pool their answers/).waitFor();
    await expectAccessible(page, "what is measured here");
    await shot(page, "measured");

    // German, the demo's language: the same page reads in German.
    await page.getByRole("radio", { name: "DE" }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("heading", { name: "Was hier gemessen wird", level: 1 }).waitFor();
    await page
      .getByRole("heading", { name: "Wer eine Antwort im Beta-Check einer Person zuordnen könnte" })
      .waitFor();
    await page
      .getByRole("table", { name: /Wer versuchen könnte, eine Antwort einer Person zuzuordnen/ })
      .getByRole("rowheader", { name: "Wer die Datenbank, einen Dump oder ein Backup liest" })
      .waitFor();
    await page.getByRole("heading", { name: "Wovor kein Ergebnis schützen kann" }).waitFor();
    await page.getByText(/alle Teilnehmenden bis auf eine Person ihre Antworten zusammenlegen/).waitFor();
    await page
      .getByRole("navigation", { name: "Kennzahlen" })
      .getByRole("link", { name: "Organisation" })
      .click();
    await page.getByRole("heading", { name: "Kennzahlen: die Organisation", level: 1 }).waitFor();
    await figure(page, "Gewinnquote")
      .getByRole("img", { name: /^Gewinnquote, je Monat/ })
      .waitFor();
    await expectAccessible(page, "insights in German");
    expect(person.csp, "CSP violations").toEqual([]);
    await person.page.context().close();
  }, 120_000);
});
