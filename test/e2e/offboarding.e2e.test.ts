import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invite, signUp, type TestApp } from "../app.ts";
import { expectAccessible, launchBrowser, signInPerson } from "./browser.ts";
import { startWebServer } from "./server.ts";

/**
 * Issue 14, offboarding: a steward deactivates a colleague who left; the colleague's open tab shows the
 * sign-in page within seconds, and signing in again is refused with the reason.
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

describe("offboarding in the browser", () => {
  it("signs the leaver's open tab out within seconds and refuses them with the reason", async () => {
    const steward = await signUp(server.app, { name: "Stefanie Steward" });
    const leaver = await invite(server.app, steward, "member", "Lars Leaver");
    const stewardTab = await signInPerson(browser, base, { ...steward, name: "Stefanie Steward" });
    const leaverTab = await signInPerson(browser, base, { ...leaver, name: "Lars Leaver" });

    await stewardTab.page.goto(`${base}/people/${leaver.info.person.id}`);
    await stewardTab.page.getByRole("heading", { name: "Lars Leaver", level: 1 }).waitFor();
    await stewardTab.page.getByRole("button", { name: "Deactivate Lars Leaver" }).click();
    await stewardTab.page.getByRole("button", { name: "Yes, deactivate Lars Leaver now" }).click();
    await stewardTab.page.getByText("Deactivated", { exact: true }).waitFor();
    await expectAccessible(stewardTab.page, "person page, deactivated");

    // The leaver did nothing: their tab notices by itself (the session check every 10 s).
    await leaverTab.page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: 20_000 });
    await leaverTab.page.getByLabel("E-mail").fill(leaver.email);
    await leaverTab.page.getByRole("textbox", { name: "Password", exact: true }).fill(leaver.password);
    await leaverTab.page.getByRole("button", { name: "Sign in" }).click();
    await leaverTab.page.getByText(/has been deactivated/).waitFor();

    await stewardTab.page.getByRole("button", { name: "Reactivate Lars Leaver" }).click();
    await stewardTab.page.getByText("Lars Leaver can sign in again.").waitFor();
    await leaverTab.page.getByRole("button", { name: "Sign in" }).click();
    await leaverTab.page.getByRole("heading", { name: "Cell map", level: 1 }).waitFor();
    expect([...stewardTab.csp, ...leaverTab.csp]).toEqual([]);
  });
});
