import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, injectAs, invite, type Session, signUp, type TestApp } from "../../../../test/app.ts";
import { engines } from "../../../../test/db.ts";
import { pdfText } from "../../../../test/pdfText.ts";
import { toWinAnsi } from "./offerPdf.ts";

const DAY = 24 * 60 * 60 * 1000;
const START = "2026-11-26T09:00:00Z";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The offer a customer receives (issue 12): the account's address and VAT id, the contact person, the
 * PDF letter and what recording the customer's answer does to the deal — through the HTTP API.
 */
describe.each(engines)("offer letter, address and the customer's answer on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(engine, { sessionIdleMs: 365 * DAY, sessionAbsoluteMs: 365 * DAY });
  });
  beforeEach(() => {
    t.clock.current = new Date(START);
  });
  afterAll(() => t.close());

  const as = (session: Session | null, method: Method, url: string, payload?: unknown, language = "de") =>
    injectAs(t.app, session, {
      method,
      url,
      headers: { "accept-language": language },
      ...(payload === undefined ? {} : { payload }),
    });
  async function ok<T = Record<string, unknown> & { id: string; version: number }>(
    session: Session,
    method: Method,
    url: string,
    payload?: unknown,
  ): Promise<T> {
    const response = await as(session, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return (response.body ? response.json() : undefined) as T;
  }

  const ADDRESS = {
    street: "Hafenstraße 12",
    postalCode: "20457",
    city: "Hamburg",
    country: "DE",
    vatId: "de 123 456 789",
  };

  /** A German organisation with a letterhead, an account with address and contact, a deal and a sent offer. */
  async function seed(options: { language?: "de" | "en"; country?: string } = {}) {
    const steward = await signUp(t.app, { language: "de", organisationName: "Nordlicht GmbH" });
    const member = await invite(t.app, steward);
    await ok(steward, "PUT", "/api/letterhead", {
      companyName: "Nordlicht GmbH",
      address: "Speicherweg 3\n24103 Kiel",
      email: "angebote@nordlicht.example",
      phone: "+49 431 000",
      vatId: "DE999999999",
      country: "DE",
      bankDetails: "IBAN DE00 0000 0000 0000 0000 00",
      footer: "Nordlicht GmbH · Amtsgericht Kiel HRB 0000",
      version: 0,
    });
    const cell = await ok(member, "POST", "/api/cells", { name: "Team Nord", kind: "periphery" });
    const account = await ok(member, "POST", "/api/accounts", {
      cellId: cell.id,
      name: "Müller & Söhne KG",
      ...ADDRESS,
      country: options.country ?? ADDRESS.country,
    });
    const contact = await ok(member, "POST", `/api/accounts/${account.id}/contacts`, {
      name: "Jörg Weiß",
      role: "Einkauf",
      email: "joerg.weiss@mueller.example",
    });
    const deal = await ok(member, "POST", "/api/deals", {
      accountId: account.id,
      title: "Wartungsvertrag 2027",
      amount: 50_000,
      currency: "EUR",
    });
    // 1 × 1.371,73 € with 10 % off: subtotal 1.371,73 €, discount 137,17 €, net 1.234,56 €,
    // VAT 19 % 234,57 €, gross 1.469,13 €.
    const offer = await ok(member, "POST", `/api/deals/${deal.id}/offers`, {
      language: options.language ?? "de",
      validUntil: "2026-12-31",
      paymentTermsDays: 14,
      contactId: contact.id,
      lines: [{ description: "Wartung Förderanlage", quantity: 1, unitPrice: 137_173, discountBps: 1000 }],
    });
    const sent = await ok(member, "POST", `/api/offers/${offer.id}/send`, { version: offer.version });
    return { steward, member, cell, account, contact, deal, offer: sent };
  }

  it("keeps an account's postal address and VAT id through create, read, update and export", async () => {
    const { member, account } = await seed();
    expect(account).toMatchObject({ ...ADDRESS, vatId: "DE123456789" });
    const read = await ok(member, "GET", `/api/accounts/${account.id}`);
    expect(read).toMatchObject({ ...ADDRESS, vatId: "DE123456789" });
    const moved = await ok(member, "PATCH", `/api/accounts/${account.id}`, {
      street: "Rue de Rivoli 1",
      postalCode: "75001",
      city: "Paris",
      country: "fr",
      vatId: "FR 40 303 265 045",
      version: read.version,
    });
    expect(moved).toMatchObject({
      city: "Paris",
      country: "FR",
      vatId: "FR40303265045",
      name: "Müller & Söhne KG",
    });

    const csv = await as(member, "GET", "/api/export/accounts?format=csv");
    expect(csv.statusCode).toBe(200);
    const [header, row] = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(header).toContain("Street,Postal code,City,Country,VAT ID");
    expect(row).toContain("Rue de Rivoli 1,75001,Paris,FR,FR40303265045");
    const document = await ok<{ accounts: Record<string, unknown>[] }>(
      member,
      "GET",
      "/api/export/customers.json",
    );
    expect(document.accounts[0]).toMatchObject({
      street: "Rue de Rivoli 1",
      country: "FR",
      vatId: "FR40303265045",
    });
  });

  it("refuses a malformed VAT id or country with 400 in the person's language and writes nothing", async () => {
    const { member, cell, account } = await seed();
    const bad = { cellId: cell.id, name: "Falsch GmbH", vatId: "DE12345" };
    const german = await as(member, "POST", "/api/accounts", bad, "de");
    expect(german.statusCode).toBe(400);
    expect(german.json().error).toMatchObject({
      code: "VALIDATION",
      message: "Einige Felder sind nicht gültig.",
      fields: { vatId: "Keine gültige USt-IdNr.: Länderkennzeichen und Nummer, z. B. DE123456789." },
    });
    const english = await as(member, "POST", "/api/accounts", bad, "en");
    expect(english.json().error.fields).toEqual({
      vatId: "Not a valid VAT ID: country code and number, e.g. DE123456789.",
    });
    const country = await as(member, "PATCH", `/api/accounts/${account.id}`, { country: "XY", version: 1 });
    expect(country.statusCode).toBe(400);
    expect(country.json().error.fields).toEqual({ country: "Kein Ländercode (zwei Buchstaben, z. B. DE)." });
    const list = await ok<{ items: { name: string; country: string }[] }>(member, "GET", "/api/accounts");
    expect(list.items.map((a) => [a.name, a.country])).toEqual([["Müller & Söhne KG", "DE"]]);
  });

  it("names a contact person of the deal's account only", async () => {
    const { member, cell, deal, contact, offer } = await seed();
    expect(offer).toMatchObject({
      contact: { id: contact.id, name: "Jörg Weiß", role: "Einkauf" },
      recipient: { street: "Hafenstraße 12", postalCode: "20457", city: "Hamburg", vatId: "DE123456789" },
    });
    const elsewhere = await ok(member, "POST", "/api/accounts", { cellId: cell.id, name: "Andere AG" });
    const stranger = await ok(member, "POST", `/api/accounts/${elsewhere.id}/contacts`, {
      name: "Eva Fremd",
    });
    const refused = await as(member, "POST", `/api/deals/${deal.id}/offers`, {
      language: "de",
      validUntil: "2026-12-31",
      contactId: stranger.id,
      lines: [{ description: "X", quantity: 1, unitPrice: 100 }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual({ contactId: "Kein Kontakt dieses Accounts." });
    // A deleted contact leaves the offer without one rather than failing it.
    await ok(member, "DELETE", `/api/accounts/${contact.accountId}/contacts/${contact.id}`);
    expect((await ok(member, "GET", `/api/offers/${offer.id}`)).contact).toBeNull();
  });

  it("downloads the offer letter as a PDF: address, contact person and totals in order, German formats", async () => {
    const { member, offer } = await seed();
    const response = await as(member, "GET", `/api/offers/${offer.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="Angebot-${offer.number}.pdf"`,
    );
    const { text, pages } = await pdfText(response.rawPayload);
    expect(pages).toBe(1);
    // Sender line above the address field, then the address (no country line: the sender is in DE too).
    expect(text).toContain(
      "Nordlicht GmbH · Speicherweg 3 · 24103 Kiel Müller & Söhne KG z. Hd. Jörg Weiß Hafenstraße 12 20457 Hamburg",
    );
    expect(text).not.toContain("DEUTSCHLAND");
    for (const entry of [
      "Datum 26.11.2026",
      `Angebotsnummer ${offer.number}`,
      "Ansprechpartner/in Jörg Weiß",
      "Gültig bis 31.12.2026",
      "Zahlungsziel 14 Tage netto",
      "Ihre USt-IdNr. DE123456789",
    ])
      expect(text).toContain(entry);
    expect(text).toContain(`Angebot ${offer.number}: Wartungsvertrag 2027`);
    expect(text).toContain("Guten Tag Jörg Weiß,");
    expect(text).toContain("1 Wartung Förderanlage 1 1.371,73 € 10 % 1.234,56 €");
    expect(text).toContain(
      "Zwischensumme 1.371,73 € Rabatt -137,17 € Nettobetrag 1.234,56 € zzgl. USt. 19 % 234,57 € Gesamtbetrag 1.469,13 €",
    );
    expect(text).toContain("Zahlbar innerhalb von 14 Tagen ohne Abzug.");
    expect(text).toContain("USt-IdNr. DE999999999");
  });

  it("writes the letter in English for an English offer, with a country line for a customer abroad", async () => {
    const { member, offer } = await seed({ language: "en", country: "AT" });
    const { text } = await pdfText((await as(member, "GET", `/api/offers/${offer.id}/pdf`)).rawPayload);
    expect(text).toContain("Hafenstraße 12 20457 Hamburg AUSTRIA");
    expect(text).toContain("Date 26 Nov 2026");
    expect(text).toContain(
      "Subtotal €1,371.73 Discount -€137.17 Net amount €1,234.56 plus VAT 19% €234.57 Total amount €1,469.13",
    );
    const file = (await as(member, "GET", `/api/offers/${offer.id}/pdf`)).headers["content-disposition"];
    expect(file).toBe(`attachment; filename="Offer-${offer.number}.pdf"`);
  });

  it("runs onto further pages with the column heads repeated and page numbers", async () => {
    const { member, deal } = await seed();
    const lines = Array.from({ length: 40 }, (_, i) => ({
      description: `Position ${i + 1}: Wartung und Prüfung nach Herstellervorgabe`,
      quantity: 1,
      unitPrice: 10_000,
    }));
    const offer = await ok(member, "POST", `/api/deals/${deal.id}/offers`, {
      language: "de",
      validUntil: "2026-12-31",
      lines,
    });
    const { text, pages } = await pdfText(
      (await as(member, "GET", `/api/offers/${offer.id}/pdf`)).rawPayload,
    );
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Seite ${pages} von ${pages}`);
    expect(text.match(/Pos\. Beschreibung Menge Einzelpreis Rabatt Gesamt/g)).toHaveLength(pages);
    expect(text).toContain("Position 40: Wartung");
    expect(text).toContain("Gesamtbetrag 4.760,00 €");
  });

  it("answers 404 for another organisation's offer and 401 without a session", async () => {
    const { offer } = await seed();
    const other = await seed();
    const foreign = await as(other.member, "GET", `/api/offers/${offer.id}/pdf`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers["content-type"]).toContain("application/json");
    expect(foreign.json().error.message).toBe("Nicht gefunden.");
    expect((await as(null, "GET", `/api/offers/${offer.id}/pdf`)).statusCode).toBe(401);
    // Nor can a foreign offer be answered.
    expect(
      (await as(other.member, "POST", `/api/offers/${offer.id}/accept`, { version: 2 })).statusCode,
    ).toBe(404);
  });

  it("moves the deal to won with the offer's net when the customer accepts, audited and in the figures", async () => {
    const { member, deal, offer, cell } = await seed();
    t.clock.advance(DAY);
    const accepted = await ok(member, "POST", `/api/offers/${offer.id}/accept`, { version: offer.version });
    expect(accepted).toMatchObject({ status: "accepted", dealKeepsOpenOnAcceptance: false });
    const won = await ok(member, "GET", `/api/deals/${deal.id}`);
    expect(won).toMatchObject({
      outcome: "won",
      stageName: "Gewonnen",
      amount: 123_456,
      currency: "EUR",
      probability: 100,
      closedAt: t.clock.now().toISOString(),
      version: deal.version + 1,
    });
    const audit = await ok<{ items: { action: string; subjectId: string; details: unknown }[] }>(
      member,
      "GET",
      "/api/audit",
    );
    expect(audit.items.find((e) => e.action === "offer.accepted")).toMatchObject({
      subjectId: offer.id,
      details: { number: offer.number, dealId: deal.id, dealWon: true },
    });
    // The rollup triggers counted the win as they count a win on the board.
    const rollup = await t.db.kysely
      .selectFrom("insightRollup")
      .select(["count", "total"])
      .where("orgId", "=", member.info.organisation.id)
      .where("cellId", "=", cell.id)
      .where("grain", "=", "m")
      .where("figure", "=", "won")
      .execute();
    expect(rollup.map((r) => [Number(r.count), Number(r.total)])).toEqual([[1, 123_456]]);
  });

  it("leaves a deal that keeps open on acceptance as it is", async () => {
    const { member, deal, offer } = await seed();
    const kept = await ok(member, "PATCH", `/api/deals/${deal.id}`, {
      keepOpenOnAcceptance: true,
      version: deal.version,
    });
    expect(kept).toMatchObject({ keepOpenOnAcceptance: true, amount: 50_000 });
    expect((await ok(member, "GET", `/api/offers/${offer.id}`)).dealKeepsOpenOnAcceptance).toBe(true);
    await ok(member, "POST", `/api/offers/${offer.id}/accept`, { version: offer.version });
    const after = await ok(member, "GET", `/api/deals/${deal.id}`);
    expect(after).toMatchObject({
      outcome: "open",
      stageName: "Qualifizierung",
      amount: 50_000,
      closedAt: null,
    });
    expect(after.version).toBe(kept.version);
  });

  it("records the customer's reason on a decline, on the offer and the account's timeline", async () => {
    const { member, deal, offer, account } = await seed();
    t.clock.advance(60_000);
    const missing = await as(member, "POST", `/api/offers/${offer.id}/decline`, { version: offer.version });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual({ reason: "Pflichtfeld." });
    const declined = await ok(member, "POST", `/api/offers/${offer.id}/decline`, {
      version: offer.version,
      reason: "Budget erst 2027",
    });
    expect(declined).toMatchObject({ status: "declined", declineReason: "Budget erst 2027" });
    const timeline = await ok<{ items: { body: string }[] }>(
      member,
      "GET",
      `/api/accounts/${account.id}/timeline`,
    );
    expect(timeline.items[0].body).toBe(`Angebot ${offer.number} abgelehnt: Budget erst 2027`);
    expect(await ok(member, "GET", `/api/deals/${deal.id}`)).toMatchObject({
      outcome: "open",
      version: deal.version,
    });
  });

  it("answers 409 to an answer on a stale version and changes neither offer nor deal", async () => {
    const { member, deal, offer } = await seed();
    const stale = await as(member, "POST", `/api/offers/${offer.id}/accept`, { version: offer.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("STALE_VERSION");
    expect(await ok(member, "GET", `/api/offers/${offer.id}`)).toMatchObject({
      status: "sent",
      version: offer.version,
    });
    expect(await ok(member, "GET", `/api/deals/${deal.id}`)).toMatchObject({
      outcome: "open",
      version: deal.version,
    });
  });
});

describe("the letter's text in the standard fonts", () => {
  it("keeps German, € and quotes, drops accents it cannot draw and marks the rest", () => {
    expect(toWinAnsi("Müller & Söhne · 1.234,56\u202f€ „Angebot“ – ß")).toBe(
      "Müller & Söhne · 1.234,56\u00a0€ „Angebot“ – ß",
    );
    // ó and á are in WinAnsi; ź and ř lose their accents; Ł has no base letter to fall back on.
    expect(toWinAnsi("Łódź Dvořák")).toBe("?ódz Dvorák");
  });
});
