import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deal } from "../../src/shared/customers/deals.ts";
import type { Offer } from "../../src/shared/customers/offers.ts";
import type { Cell } from "../../src/shared/org.ts";
import { apiAs, invite, type Session, signUp, type TestApp } from "../app.ts";
import { pdfText } from "../pdfText.ts";
import { expectAccessible, launchBrowser, signInPerson } from "./browser.ts";
import { startWebServer } from "./server.ts";

/**
 * The offer a customer receives (issue 12): a seller downloads the German PDF letter from the offer
 * page and reads it as the customer would (address, contact person, totals in order), records the
 * customer's acceptance and finds the deal won. The printed view fits a phone. Controls are found by
 * their labels, so a longer journey can reuse these steps.
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

describe("offer letter", () => {
  it("downloads the German PDF from the offer page, records acceptance and the deal shows won", async () => {
    const steward = await signUp(server.app, { organisationName: "Nordlicht GmbH", language: "de" });
    const seller = await invite(server.app, steward, "member", "Sam Seller");
    await api(steward, "PUT", "/api/letterhead", {
      companyName: "Nordlicht GmbH",
      address: "Speicherweg 3\n24103 Kiel",
      email: "",
      phone: "",
      vatId: "DE999999999",
      country: "DE",
      bankDetails: "",
      footer: "",
      version: 0,
    });
    const cell = await api<Cell>(steward, "POST", "/api/cells", { name: "Team Nord", kind: "periphery" });
    const account = await api<{ id: string }>(seller, "POST", "/api/accounts", {
      cellId: cell.id,
      name: "Müller & Söhne KG",
      street: "Hafenstraße 12",
      postalCode: "20457",
      city: "Hamburg",
      country: "DE",
      vatId: "DE123456789",
    });
    const contact = await api<{ id: string }>(seller, "POST", `/api/accounts/${account.id}/contacts`, {
      name: "Jörg Weiß",
    });
    const deal = await api<Deal>(seller, "POST", "/api/deals", {
      accountId: account.id,
      title: "Wartungsvertrag 2027",
      amount: 50_000,
      currency: "EUR",
    });
    const draft = await api<Offer>(seller, "POST", `/api/deals/${deal.id}/offers`, {
      language: "de",
      validUntil: "2099-12-31",
      contactId: contact.id,
      lines: [{ description: "Wartung Förderanlage", quantity: 1, unitPrice: 137_173, discountBps: 1000 }],
    });
    const offer = await api<Offer>(seller, "POST", `/api/offers/${draft.id}/send`, {
      version: draft.version,
    });

    const { page, csp } = await signInPerson(browser, base, seller);
    await page.goto(`${base}/customers/offers/${offer.id}`);
    await page.getByRole("heading", { name: `Offer ${offer.number}`, level: 1 }).waitFor();
    await expectAccessible(page, "sent offer");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`Angebot-${offer.number}.pdf`);
    const { text } = await pdfText(await readFile((await download.path()) as string));
    expect(text).toContain("Müller & Söhne KG z. Hd. Jörg Weiß Hafenstraße 12 20457 Hamburg");
    expect(text).toContain("Ansprechpartner/in Jörg Weiß");
    expect(text).toContain(
      "Zwischensumme 1.371,73 € Rabatt -137,17 € Nettobetrag 1.234,56 € zzgl. USt. 19 % 234,57 € Gesamtbetrag 1.469,13 €",
    );

    await page.getByRole("button", { name: "Customer accepted" }).click();
    const dialog = page.getByRole("dialog", { name: `The customer accepted ${offer.number}` });
    await dialog.getByText("The deal moves to won with the offer's net amount of €1,234.56.").waitFor();
    await expectAccessible(page, "accept dialog");
    await dialog.getByRole("button", { name: "Record acceptance" }).click();
    await page.getByText("The offer is marked as accepted.").waitFor();

    await page.getByRole("link", { name: /Back to the deal/ }).click();
    await page.getByRole("heading", { name: "Wartungsvertrag 2027", level: 1 }).waitFor();
    await page.getByText(/stage Gewonnen/).waitFor();
    await expectAccessible(page, "won deal");
    expect(csp).toEqual([]);

    // The printed view on a phone: the document fits, its lines table scrolls inside it.
    const phone = await signInPerson(browser, base, seller, 375);
    await phone.page.goto(`${base}/customers/offers/${offer.id}/print`);
    await phone.page
      .getByRole("heading", { name: `Angebot ${offer.number}: Wartungsvertrag 2027` })
      .waitFor();
    const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await expectAccessible(phone.page, "printable offer at 375 px");
  });
});
