import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/shared/customers/accounts.ts";
import type { Deal } from "../../src/shared/customers/deals.ts";
import type { Offer } from "../../src/shared/customers/offers.ts";
import type { Cell } from "../../src/shared/org.ts";
import { apiAs, invite, type Session, signUp, type TestApp } from "../app.ts";
import { expectAccessible, launchBrowser, signInGerman } from "./browser.ts";
import { startWebServer } from "./server.ts";

/**
 * Issue 12: a German seller typed the price "1234,56" and the offer stored 123456 — a hundred times
 * the price, silently. Here a German seller types amounts key by key the two ways Germans write them,
 * an ambiguous one, garbage and a date, and the API shows what was stored: the amount itself in cents,
 * nothing for garbage, the ISO date. Every page passes axe and the strict CSP.
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

/** Empties a field and types the text key by key, as a person does. */
async function typeInto(field: Locator, text: string) {
  await field.click();
  await field.press("ControlOrMeta+a");
  await field.press("Backspace");
  await field.pressSequentially(text);
}

const saveDeal = async (page: Page) => {
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await page.getByText("Der Deal wurde gespeichert.").last().waitFor();
};

describe("locale inputs", () => {
  it("stores 1.234,56 and 1234,56 typed in German as 1234.56, says how 1.234 was read, refuses garbage and stores 26.11.2026 as ISO", async () => {
    const steward = await signUp(server.app, { organisationName: "Kranwerk GmbH", language: "de" });
    const seller = await invite(server.app, steward, "member", "Selma Seller");
    const cell = await api<Cell>(steward, "POST", "/api/cells", {
      name: "Team Hafen",
      kind: "periphery",
      purpose: "Kunden am Hafen",
      marketSlice: "Hafenlogistik",
    });
    await api(steward, "PUT", `/api/cells/${cell.id}/members/${seller.info.person.id}`, {});
    const account = await api<Account>(seller, "POST", "/api/accounts", {
      cellId: cell.id,
      name: "Hafenwerk AG",
    });
    const created = await api<Deal>(seller, "POST", "/api/deals", {
      accountId: account.id,
      title: "Zwei Kräne",
      amount: 100,
      currency: "EUR",
    });
    const readDeal = () => api<Deal>(seller, "GET", `/api/deals/${created.id}`);

    const { page, csp } = await signInGerman(browser, base, seller);
    await page.goto(`${base}/customers/deals/${created.id}`);
    await page.getByRole("heading", { name: "Zwei Kräne", level: 1 }).waitFor();
    const amount = page.getByRole("textbox", { name: /^Betrag/ });
    expect(await amount.inputValue()).toBe("1,00");

    // 1234,56: the decimal comma without thousands points.
    await typeInto(amount, "1234,56");
    await typeInto(page.getByRole("textbox", { name: "Erwarteter Abschluss" }), "26.11.2026");
    await page.getByText("gelesen als 26. November 2026").waitFor();
    await saveDeal(page);
    expect(await readDeal()).toMatchObject({ amount: 123456, expectedClose: "2026-11-26" });
    await page.reload();
    expect(await amount.inputValue()).toBe("1.234,56");
    expect(await page.getByRole("textbox", { name: "Erwarteter Abschluss" }).inputValue()).toBe("26.11.2026");

    // 1.234 could be an English decimal: read by the rule as thousands, and the field says so.
    await typeInto(amount, "1.234");
    await page.getByText("gelesen als 1.234,00 €").waitFor();
    await expectAccessible(page, "deal with an ambiguous amount");
    await saveDeal(page);
    expect((await readDeal()).amount).toBe(123400);

    // 1.234,56: thousands point and decimal comma.
    await typeInto(amount, "1.234,56");
    await saveDeal(page);
    expect((await readDeal()).amount).toBe(123456);
    await page.reload();
    expect(await amount.inputValue()).toBe("1.234,56");

    // Garbage is an error in the field, and nothing is saved.
    const before = await readDeal();
    await typeInto(amount, "12,34,5");
    await page.getByText("Diese Zahl ist nicht lesbar. Schreibweise: 1.234,56").waitFor();
    expect(await amount.getAttribute("aria-invalid")).toBe("true");
    await page.getByRole("button", { name: "Speichern", exact: true }).click();
    await expectAccessible(page, "deal with an unreadable amount");
    expect(await readDeal()).toMatchObject({ amount: 123456, version: before.version });

    // The offer line's price, the same way.
    const offer = await api<Offer>(seller, "POST", `/api/deals/${created.id}/offers`, {
      validUntil: "2026-12-31",
      lines: [{ description: "Portalkran", quantity: 2, unitPrice: 100 }],
    });
    const readOffer = () => api<Offer>(seller, "GET", `/api/offers/${offer.id}`);
    const saveOffer = async () => {
      await page.getByRole("button", { name: "Entwurf speichern" }).click();
      await page.getByText("Das Angebot wurde gespeichert.").last().waitFor();
    };
    await page.goto(`${base}/customers/offers/${offer.id}`);
    await page.getByRole("heading", { name: /^Angebot /, level: 1 }).waitFor();
    const price = page.getByRole("textbox", { name: /^Einzelpreis/ });
    expect(await price.inputValue()).toBe("1,00");

    await typeInto(price, "1234,56");
    await typeInto(page.getByRole("textbox", { name: /^Gültig bis/ }), "26.11.2026");
    await saveOffer();
    let stored = await readOffer();
    expect(stored.lines[0]?.unitPrice).toBe(123456);
    expect(stored.validUntil).toBe("2026-11-26");
    await page.reload();
    expect(await price.inputValue()).toBe("1.234,56");
    await expectAccessible(page, "offer editor");

    await typeInto(price, "2.000");
    await page.getByText("gelesen als 2.000,00 €").waitFor();
    await saveOffer();
    expect((await readOffer()).lines[0]?.unitPrice).toBe(200000);

    await typeInto(price, "1.234,56");
    await saveOffer();
    stored = await readOffer();
    expect(stored.lines[0]?.unitPrice).toBe(123456);
    await page.reload();
    expect(await price.inputValue()).toBe("1.234,56");

    // Garbage stops saving and sending alike: the offer stays a draft at 1.234,56.
    await typeInto(price, "1.5");
    await page.getByText("Diese Zahl ist nicht lesbar. Schreibweise: 1.234,56").waitFor();
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await page.getByRole("button", { name: "Angebot versenden" }).click();
    await expectAccessible(page, "offer editor with an unreadable price");
    expect(await readOffer()).toMatchObject({ status: "draft", version: stored.version });
    expect((await readOffer()).lines[0]?.unitPrice).toBe(123456);

    expect(csp).toEqual([]);
  }, 120_000);
});
