import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cell } from "../../src/shared/org.ts";
import { injectAs, invite, type Session, signUp, type TestApp } from "../app.ts";
import { launchBrowser, seriousAxeViolations, watchCsp } from "./browser.ts";
import { RESULTS, startWebServer } from "./server.ts";

/**
 * Every page of the signed-in app, on a desktop and on a 375 px phone, in English: the cell map with
 * 4 and with 40 cells stays readable, axe finds nothing serious, and nothing breaks the CSP.
 */
let server: TestApp;
let browser: Browser;
let base: string;

async function createCells(steward: Session, from: number, to: number, members: Session[]): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (let i = from; i < to; i++) {
    const kind = i % 5 === 4 ? "centre" : "periphery";
    const name =
      i === 0
        ? "Key Accounts Süddeutschland, Österreich und die Schweiz"
        : `${kind === "centre" ? "Centre" : "Team"} ${i}`;
    const response = await injectAs(server.app, steward, {
      method: "POST",
      url: "/api/cells",
      payload: { name, kind, purpose: `Purpose of ${name}`, marketSlice: "Mid-sized industry" },
    });
    const cell = response.json() as Cell;
    for (const member of members.slice(0, i % (members.length + 1))) {
      await injectAs(server.app, steward, {
        method: "PUT",
        url: `/api/cells/${cell.id}/members/${member.info.person.id}`,
        payload: {},
      });
    }
    cells.push(cell);
  }
  return cells;
}

async function signedInPage(
  email: string,
  password: string,
  width: number,
  mapHeading = "Cell map",
): Promise<{ page: Page; csp: string[] }> {
  const context = await browser.newContext({ locale: "en-GB", viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const csp = await watchCsp(page);
  await page.goto(base);
  await page.getByRole("heading", { name: "Sign in to Periphery" }).waitFor();
  expect(await seriousAxeViolations(page), "axe on sign-in").toEqual([]);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: mapHeading, level: 1 }).waitFor();
  return { page, csp };
}

async function visit(page: Page, path: string, heading: string, shot?: string) {
  await page.goto(`${base}${path}`);
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
  await page.waitForLoadState("networkidle");
  expect(await seriousAxeViolations(page), `axe on ${path} (${page.viewportSize()?.width}px)`).toEqual([]);
  if (shot) await page.screenshot({ path: resolve(RESULTS, shot), fullPage: true });
}

beforeAll(async () => {
  ({ server, base } = await startWebServer());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the signed-in pages", () => {
  it("stay accessible and within the CSP on desktop and phone, with 4 and with 40 cells", async () => {
    const steward = await signUp(server.app, { organisationName: "Small Org", language: "en" });
    const colleagues = [
      await invite(server.app, steward, "member", "Jonas Member"),
      await invite(server.app, steward),
    ];
    const cells = await createCells(steward, 0, 4, colleagues);

    for (const width of [1280, 375]) {
      const { page, csp } = await signedInPage(steward.email, steward.password, width);
      const suffix = width === 375 ? "-phone" : "";
      await visit(page, "/", "Cell map", `map-4${suffix}.png`);
      await visit(page, "/cells", "Cells");
      await visit(page, `/cells/${cells[1].id}`, cells[1].name, `cell-detail${suffix}.png`);
      await visit(page, "/people", "People");
      await visit(page, `/people/${steward.info.person.id}`, "My profile");
      await visit(page, `/people/${colleagues[0].info.person.id}`, "Jonas Member");
      await visit(page, "/settings", "Settings");
      await visit(page, "/audit", "Audit log", `audit${suffix}.png`);
      await visit(page, "/decisions", "Decisions");
      if (width === 375) {
        await page.getByRole("button", { name: "Open navigation" }).click();
        await page.getByRole("link", { name: "People" }).click();
        await page.getByRole("heading", { name: "People", level: 1 }).waitFor();
      }
      expect(csp, "CSP violations").toEqual([]);
      await page.context().close();
    }

    const member = await signedInPage(colleagues[1].email, colleagues[1].password, 1280);
    await visit(member.page, "/settings", "Settings");
    await member.page.getByText("Only stewards change these settings.", { exact: false }).waitFor();
    await member.page.context().close();

    await createCells(steward, 4, 40, colleagues);
    const crowded = await signedInPage(steward.email, steward.password, 1280);
    await visit(crowded.page, "/", "Cell map", "map-40.png");
    const map = crowded.page.getByRole("group", { name: "Cell map with 40 cells" });
    expect(await map.getByRole("button").count()).toBe(40);
    expect(crowded.csp, "CSP violations").toEqual([]);
  }, 240_000);

  it("lets a steward work on a cell, its members and agreements, the settings and roles, and handles a stale edit", async () => {
    const steward = await signUp(server.app, {
      organisationName: "Busy Org",
      language: "en",
      name: "Ada Steward",
    });
    const colleague = await invite(server.app, steward, "member", "Ben Colleague");
    const [cell] = await createCells(steward, 1, 2, []);
    const { page, csp } = await signedInPage(steward.email, steward.password, 1280);

    await visit(page, `/cells/${cell.id}`, cell.name);
    await page.getByLabel("Purpose").fill("Serve the north");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("The cell was saved.").waitFor();

    // A cell's members change its agreements (issue 13): the steward joins first, then brings Ben in.
    await page
      .getByText("Only members of this cell change its working agreements.", { exact: false })
      .waitFor();
    await page.getByRole("combobox", { name: "Add a member" }).fill("Ada");
    await page.getByRole("option", { name: "Ada Steward" }).click();
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("button", { name: "Remove Ada Steward from the cell" }).waitFor();
    await page.getByRole("combobox", { name: "Add a member" }).fill("Ben");
    await page.getByRole("option", { name: "Ben Colleague" }).click();
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("button", { name: "Remove Ben Colleague from the cell" }).waitFor();
    await page
      .getByRole("region", { name: "Membership history" })
      .getByText(/^Ben Colleague — member since/)
      .waitFor();

    await page.getByRole("button", { name: "Add agreement" }).click();
    await page.getByLabel("Title").fill("Stand-up at nine");
    await page.getByLabel("Text").fill("Fifteen minutes, standing.");
    await page.getByRole("button", { name: "Add agreement" }).click();
    await page.getByRole("heading", { name: "Stand-up at nine" }).waitFor();
    await page.getByRole("button", { name: 'Edit "Stand-up at nine"' }).click();
    await page.getByLabel("Title").fill("Stand-up at half past nine");
    await page.getByRole("button", { name: "Save" }).last().click();
    await page.getByRole("heading", { name: "Stand-up at half past nine" }).waitFor();
    expect(await seriousAxeViolations(page), "axe on cell detail after edits").toEqual([]);
    await page.getByRole("button", { name: 'Delete "Stand-up at half past nine"' }).click();
    await page.getByText("No working agreements yet.").waitFor();
    // By keyboard: the toast of the first removal may lie over the second button, as it would for a mouse user.
    await page.getByRole("button", { name: "Remove Ben Colleague from the cell" }).press("Enter");
    await page.getByRole("button", { name: "Remove Ada Steward from the cell" }).press("Enter");
    await page.getByText("No members yet").waitFor();

    await visit(page, "/settings", "Settings");
    await page.getByLabel("Currency").selectOption("CHF");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Settings saved.").waitFor();

    await visit(page, `/people/${colleague.info.person.id}`, "Ben Colleague");
    await page.getByLabel("Role of Ben Colleague", { exact: true }).selectOption("steward");
    await page.getByRole("button", { name: "Change role" }).click();
    await page.getByText("Ben Colleague is now Steward.").waitFor();

    await visit(page, "/profile", "My profile");
    await page.getByRole("combobox", { name: "Skills" }).fill("pricing");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Your profile was saved.").waitFor();
    await visit(page, "/people", "People");
    await page.getByLabel("Skill", { exact: true }).fill("pricing");
    await page.getByRole("link", { name: "Ada Steward" }).waitFor();
    await expect.poll(() => page.getByRole("link", { name: "Ben Colleague" }).count()).toBe(0);

    // Someone else saves the same cell first: this page is told and offered their version.
    await visit(page, `/cells/${cell.id}`, cell.name);
    await injectAs(server.app, steward, {
      method: "PATCH",
      url: `/api/cells/${cell.id}`,
      payload: { version: cell.version + 1, marketSlice: "Changed elsewhere" },
    });
    await page.getByLabel("Purpose").fill("My late edit");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Someone changed this while you were editing.", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Load latest version" }).click();
    await expect.poll(() => page.getByLabel("Market slice").inputValue()).toBe("Changed elsewhere");

    await visit(page, "/audit", "Audit log");
    await page.getByText("Ada Steward changed the organisation settings.").waitFor();
    await page.getByText("Ada Steward changed the role of Ben Colleague from Member to Steward.").waitFor();
    await page.getByText("EUR → CHF").waitFor();
    expect(csp, "CSP violations").toEqual([]);
    await page.context().close();
  }, 120_000);

  it("walks the public pages (forgotten password, stale links) and greets a German profile in German", async () => {
    await signUp(server.app, { organisationName: "Public Org", language: "en" });
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const csp = await watchCsp(page);
    const check = async (where: string) =>
      expect(await seriousAxeViolations(page), `axe on ${where}`).toEqual([]);

    await page.goto(base);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await check("reset request");
    await page.getByLabel("E-mail").fill("nobody@example.test");
    await page.getByRole("button", { name: "Send link" }).click();
    await page.getByText("If the address belongs to an account, a link is on its way.").waitFor();

    await page.goto(`${base}/reset-password/${"x".repeat(40)}`);
    await page.getByRole("heading", { name: "Set a new password" }).waitFor();
    await page.getByRole("textbox", { name: "New password" }).fill("a brand new passphrase");
    await page.getByRole("button", { name: "Set password and sign in" }).click();
    await page.getByRole("link", { name: "Request a new link" }).waitFor();
    await check("stale reset link");

    await page.goto(`${base}/invite/${"y".repeat(40)}`);
    await page.getByRole("heading", { name: "Join your colleagues" }).waitFor();
    await page.getByRole("alert").waitFor();
    await check("stale invitation");

    // The language switch works from the keyboard.
    await page.getByRole("radio", { name: "DE" }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("heading", { name: "Zu deinen Kolleginnen und Kollegen" }).waitFor();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("de");
    expect(csp, "CSP violations").toEqual([]);
    await context.close();

    // A person whose profile says German gets German in an English browser, until they switch.
    const german = await signUp(server.app, { organisationName: "Deutsche Org", language: "de" });
    const { page: dePage } = await signedInPage(german.email, german.password, 1280, "Zellenkarte");
    await expect.poll(() => dePage.locator("html").getAttribute("lang")).toBe("de");
    await dePage.context().close();
  }, 60_000);
});
