import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

const ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The Chromium test/globalSetup.ts chose. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: inject("chromePath"), args: ARGS, headless: true });
}

/**
 * Collects Content-Security-Policy violations of a page: the console report Chromium prints and the
 * DOM's `securitypolicyviolation` event (exposed through a binding, since the page may not run inline code).
 */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("pageerror", (error) => console.error(`page error: ${error.message}\n${error.stack}`));
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void })
        .__reportCspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return violations;
}

/** Serious and critical axe findings on the page as it is now, one readable line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // A toast or menu mid-fade has partial opacity and fails contrast for a moment: let CSS
  // transitions finish first (they are listed by getAnimations), so axe judges what people see.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), undefined, {
      timeout: 3000,
    })
    .catch(() => {});
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

/** Waits for the page to settle, then fails the test with axe's serious findings, naming the page. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  const violations = await seriousAxeViolations(page);
  if (violations.length) throw new Error(`axe on ${where}:\n${violations.join("\n")}`);
}

export type BrowserPerson = { page: Page; csp: string[]; name: string };

/**
 * One person signed in through the sign-in form in their own browser context (own cookies), English,
 * with CSP violations collected. `width` 375 is a phone.
 */
export async function signInPerson(
  browser: Browser,
  base: string,
  person: { email: string; password: string; name?: string },
  width = 1280,
): Promise<BrowserPerson> {
  const context = await browser.newContext({ locale: "en-GB", viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const csp = await watchCsp(page);
  await page.goto(base);
  await page.getByLabel("E-mail").fill(person.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Cell map", level: 1 }).waitFor();
  return { page, csp, name: person.name ?? person.email };
}

/** Fills the German sign-in form the page shows and signs in. */
export async function fillGermanSignIn(
  page: Page,
  person: { email: string; password: string },
): Promise<void> {
  await page.getByLabel("E-Mail").fill(person.email);
  await page.getByRole("textbox", { name: "Passwort", exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Anmelden", exact: true }).click();
}

/** One person signed in through the German sign-in form in their own German browser context. */
export async function signInGerman(
  browser: Browser,
  base: string,
  person: { email: string; password: string; name?: string },
  width = 1280,
): Promise<BrowserPerson> {
  const context = await browser.newContext({ locale: "de-DE", viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const csp = await watchCsp(page);
  await page.addInitScript(() => localStorage.setItem("periphery.language", "de"));
  await page.goto(base);
  await fillGermanSignIn(page, person);
  await page.getByRole("heading", { name: "Zellenkarte", level: 1 }).waitFor();
  return { page, csp, name: person.name ?? person.email };
}
