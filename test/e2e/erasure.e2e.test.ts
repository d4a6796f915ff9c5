import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, invite, signUp, type TestApp } from "../app.ts";
import { expectAccessible, launchBrowser, signInPerson } from "./browser.ts";
import { startWebServer } from "./server.ts";

/**
 * Issue 14, personal data: a colleague downloads everything stored about them from their profile,
 * then asks to be erased; the steward erases them on their person page (with the confirm step), and
 * their name is gone from the people page and from the deal they worked on — which stays, under the
 * pseudonym.
 */
let server: TestApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startWebServer());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("personal data in the browser", () => {
  it("downloads the export, then the steward erases the colleague: the name is gone, the deal stays", async () => {
    const steward = await signUp(server.app, { name: "Stefanie Steward" });
    const leaver = await invite(server.app, steward, "member", "Lotte Löschmann");
    const cell = await apiAs<{ id: string }>(server.app, leaver, "POST", "/api/cells", {
      name: "Team Nord",
      kind: "periphery",
    });
    const account = await apiAs<{ id: string }>(server.app, leaver, "POST", "/api/accounts", {
      cellId: cell.id,
      name: "Kunde Nord GmbH",
    });
    const deal = await apiAs<{ id: string }>(server.app, leaver, "POST", "/api/deals", {
      accountId: account.id,
      title: "Rahmenvertrag 2027",
      amount: 500_000,
      currency: "EUR",
      personIds: [leaver.info.person.id],
    });

    // The colleague downloads their data from their profile.
    const leaverTab = await signInPerson(browser, base, { ...leaver, name: "Lotte Löschmann" });
    await leaverTab.page.goto(`${base}/profile`);
    await leaverTab.page.getByRole("heading", { name: "Your personal data", level: 2 }).waitFor();
    // The right is the person's own: their profile offers the erasure too (used by the steward below).
    await leaverTab.page.getByRole("button", { name: "Erase my personal data…" }).waitFor();
    await expectAccessible(leaverTab.page, "own profile with the download");
    const [download] = await Promise.all([
      leaverTab.page.waitForEvent("download"),
      leaverTab.page.getByRole("link", { name: "Download my data" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^periphery-personal-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile((await download.path()) as string)));
    const data = JSON.parse(new TextDecoder().decode(files["data.json"]));
    expect(data.profile).toMatchObject({ name: "Lotte Löschmann", email: leaver.email });
    expect(data.sections.dealsYouAreInvolvedIn.map((d: { title: string }) => d.title)).toEqual([
      "Rahmenvertrag 2027",
    ]);
    expect(new TextDecoder().decode(files["index.html"])).toContain("Your personal data in Periphery");

    // The steward erases them, confirming twice.
    const stewardTab = await signInPerson(browser, base, { ...steward, name: "Stefanie Steward" });
    const page = stewardTab.page;
    await page.goto(`${base}/people/${leaver.info.person.id}`);
    await page.getByRole("heading", { name: "Lotte Löschmann", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Erase personal data of Lotte Löschmann…" }).click();
    const confirm = page.getByRole("button", { name: "Erase personal data of Lotte Löschmann now" });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByRole("checkbox", { name: /cannot be undone/ }).check();
    await confirm.click();
    await page.getByRole("heading", { name: "Former member 1", level: 1 }).waitFor();
    await page.getByText("Personal data erased", { exact: true }).first().waitFor();
    await expectAccessible(page, "person page, erased");

    await page.goto(`${base}/people`);
    await page.getByRole("link", { name: "Former member 1" }).waitFor();
    expect(await page.getByText("Lotte Löschmann").count()).toBe(0);

    await page.goto(`${base}/customers/deals/${deal.id}`);
    await page.getByRole("heading", { name: "Rahmenvertrag 2027", level: 1 }).waitFor();
    await page.getByText("Former member 1").first().waitFor();
    expect(await page.content()).not.toContain("Lotte Löschmann");

    // Their open tab is signed out and the old password opens nothing.
    await leaverTab.page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: 20_000 });
    await leaverTab.page.getByLabel("E-mail").fill(leaver.email);
    await leaverTab.page.getByRole("textbox", { name: "Password", exact: true }).fill(leaver.password);
    await leaverTab.page.getByRole("button", { name: "Sign in" }).click();
    await leaverTab.page.getByText(/not correct/).waitFor();
    expect([...stewardTab.csp, ...leaverTab.csp]).toEqual([]);
  });

  it("shows the retention periods in the settings, editable by a steward", async () => {
    const steward = await signUp(server.app, { name: "Rita Retention" });
    const tab = await signInPerson(browser, base, { ...steward, name: "Rita Retention" }, 375);
    await tab.page.goto(`${base}/settings`);
    await tab.page.getByRole("heading", { name: "Retention", level: 2 }).waitFor();
    const audit = tab.page.getByLabel("Audit log entries");
    expect(await audit.inputValue()).toBe("365");
    await audit.fill("400");
    await tab.page
      .getByRole("region", { name: "Retention" })
      .getByRole("button", { name: "Save retention periods" })
      .click();
    await tab.page.getByText("Retention periods saved.").waitFor();
    await expectAccessible(tab.page, "settings with retention at 375 px");
    const saved = await apiAs<{ auditDays: number }>(server.app, steward, "GET", "/api/org/retention");
    expect(saved.auditDays).toBe(400);
    expect(tab.csp).toEqual([]);
  });
});
