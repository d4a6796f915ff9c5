/**
 * What the offer letter says, in the offer's language — separate from how it is drawn (offerPdf.ts), so
 * the texts, formats and the order of the totals can be read and tested without a PDF. The structure
 * follows DIN 5008: a sender line above the address field, an information block beside it (date, offer
 * number, contact person, validity, payment terms), a subject, the lines and the totals in the order
 * subtotal, discount, net, VAT, gross — each figure once, so the discount is never "included" twice.
 */

import { countryName } from "../../../shared/address.ts";
import type { Language } from "../../../shared/common.ts";
import type { Letterhead, Offer } from "../../../shared/customers/offers.ts";

const localeOf = (language: Language) => (language === "de" ? "de-DE" : "en-GB");

const TEXTS = {
  de: {
    title: "Angebot",
    date: "Datum",
    number: "Angebotsnummer",
    contact: "Ansprechpartner/in",
    validUntil: "Gültig bis",
    paymentTerms: "Zahlungsziel",
    days: (n: number) => (n === 0 ? "sofort ohne Abzug" : `${n} Tage netto`),
    customerVatId: "Ihre USt-IdNr.",
    attention: "z. Hd.",
    greetingNamed: (name: string) => `Guten Tag ${name},`,
    greeting: "Sehr geehrte Damen und Herren,",
    intro: "vielen Dank für Ihr Interesse. Gerne bieten wir Ihnen Folgendes an:",
    position: "Pos.",
    description: "Beschreibung",
    quantity: "Menge",
    unitPrice: "Einzelpreis",
    discount: "Rabatt",
    lineTotal: "Gesamt",
    subtotal: "Zwischensumme",
    net: "Nettobetrag",
    tax: (rate: string) => `zzgl. USt. ${rate}`,
    gross: "Gesamtbetrag",
    validity: (date: string) => `Dieses Angebot gilt bis zum ${date}.`,
    payment: (n: number) =>
      n === 0 ? "Zahlbar sofort ohne Abzug." : `Zahlbar innerhalb von ${n} Tagen ohne Abzug.`,
    closing: "Mit freundlichen Grüßen",
    vatId: "USt-IdNr.",
    page: (n: number, of: number) => `Seite ${n} von ${of}`,
  },
  en: {
    title: "Offer",
    date: "Date",
    number: "Offer number",
    contact: "Contact person",
    validUntil: "Valid until",
    paymentTerms: "Payment terms",
    days: (n: number) => (n === 0 ? "due immediately" : `${n} days net`),
    customerVatId: "Your VAT ID",
    attention: "Attn.",
    greetingNamed: (name: string) => `Dear ${name},`,
    greeting: "Dear Sir or Madam,",
    intro: "Thank you for your interest. We are pleased to offer you the following:",
    position: "Item",
    description: "Description",
    quantity: "Quantity",
    unitPrice: "Unit price",
    discount: "Discount",
    lineTotal: "Total",
    subtotal: "Subtotal",
    net: "Net amount",
    tax: (rate: string) => `plus VAT ${rate}`,
    gross: "Total amount",
    validity: (date: string) => `This offer is valid until ${date}.`,
    payment: (n: number) => (n === 0 ? "Payable immediately." : `Payable within ${n} days net.`),
    closing: "Kind regards",
    vatId: "VAT ID",
    page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
} as const;

export type LetterTexts = (typeof TEXTS)[Language];
export const letterTexts = (language: Language): LetterTexts => TEXTS[language];

/** Minor units as money text, exactly (string arithmetic, no float): 123456 EUR, de → "1.234,56 €". */
export function formatMoney(minor: number, currency: string, language: Language): string {
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const negative = minor < 0;
  const units = String(Math.abs(minor)).padStart(digits + 1, "0");
  const decimal = digits ? `${units.slice(0, -digits)}.${units.slice(-digits)}` : units;
  // Intl reads a decimal string exactly (ES2023), so 10^13 minor units keep their last cent.
  return new Intl.NumberFormat(localeOf(language), { style: "currency", currency }).format(
    `${negative ? "-" : ""}${decimal}` as `${number}`,
  );
}

export function formatPercent(bps: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { style: "percent", maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
}

export function formatQuantity(quantity: number, language: Language): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 3 }).format(quantity);
}

/** A calendar day, read in UTC: de "02.12.2026", en "2 Dec 2026". */
export function formatDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${day.slice(0, 10)}T00:00:00Z`),
  );
}

export type LetterLine = {
  position: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  total: string;
};

export type OfferLetter = {
  language: Language;
  /** The small line above the address, for the window envelope: "Firma · Straße 1 · 12345 Ort". */
  senderLine: string;
  sender: { name: string; addressLines: string[] };
  address: string[];
  info: [label: string, value: string][];
  subject: string;
  greeting: string;
  intro: string;
  columns: LetterLine;
  lines: LetterLine[];
  /** In the order DIN 5008 letters list them: subtotal, discount, net, VAT, gross. */
  totals: [label: string, value: string][];
  closingTexts: string[];
  closing: string;
  footer: string[];
};

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The letter for an offer. `today` is the letter's date when the offer has not been sent yet (a
 * draft printed for a look); a sent offer keeps the day it went out. The country line is written (in
 * capitals, in the letter's language) only for a customer abroad — abroad from the sender's country,
 * which is the letterhead's; without one every country is written.
 */
export function offerLetter(offer: Offer, letterhead: Letterhead, today: string): OfferLetter {
  const language = offer.language;
  const t = TEXTS[language];
  const money = (minor: number) => formatMoney(minor, offer.currency, language);
  const senderAddress = lines(letterhead.address);
  const { recipient, contact } = offer;
  const cityLine = [recipient.postalCode, recipient.city].filter(Boolean).join(" ");
  const abroad = recipient.country !== "" && recipient.country !== (letterhead.country ?? "");
  const address = [
    offer.accountName,
    ...(contact ? [`${t.attention} ${contact.name}`] : []),
    recipient.street,
    cityLine,
    abroad ? countryName(recipient.country, language).toLocaleUpperCase(localeOf(language)) : "",
  ].filter(Boolean);
  const info: [string, string][] = [
    [t.date, formatDay(offer.sentAt ?? today, language)],
    [t.number, offer.number],
    ...(contact ? [[t.contact, contact.name] as [string, string]] : []),
    [t.validUntil, formatDay(offer.validUntil, language)],
    [t.paymentTerms, t.days(offer.paymentTermsDays)],
    ...(recipient.vatId ? [[t.customerVatId, recipient.vatId] as [string, string]] : []),
  ];
  const totals: [string, string][] = [[t.subtotal, money(offer.totals.subtotal)]];
  if (offer.totals.discount > 0) totals.push([t.discount, money(-offer.totals.discount)]);
  totals.push(
    [t.net, money(offer.totals.net)],
    [t.tax(formatPercent(offer.taxRateBps, language)), money(offer.totals.tax)],
    [t.gross, money(offer.totals.gross)],
  );
  return {
    language,
    senderLine: [letterhead.companyName, ...senderAddress].filter(Boolean).join(" · "),
    sender: { name: letterhead.companyName, addressLines: senderAddress },
    address,
    info,
    subject: `${t.title} ${offer.number}: ${offer.dealTitle}`,
    greeting: contact ? t.greetingNamed(contact.name) : t.greeting,
    intro: t.intro,
    columns: {
      position: t.position,
      description: t.description,
      quantity: t.quantity,
      unitPrice: t.unitPrice,
      discount: t.discount,
      total: t.lineTotal,
    },
    lines: offer.lines.map((line) => ({
      position: String(line.position),
      description: line.description,
      quantity: formatQuantity(line.quantity, language),
      unitPrice: money(line.unitPrice),
      discount: line.discountBps ? formatPercent(line.discountBps, language) : "–",
      total: money(line.total),
    })),
    totals,
    closingTexts: [
      t.validity(formatDay(offer.validUntil, language)),
      t.payment(offer.paymentTermsDays),
      ...(offer.terms ? [offer.terms] : []),
    ],
    closing: t.closing,
    footer: [
      ...lines(letterhead.footer),
      [
        letterhead.email,
        letterhead.phone,
        letterhead.vatId ? `${t.vatId} ${letterhead.vatId}` : "",
        letterhead.bankDetails,
      ]
        .filter(Boolean)
        .join(" · "),
    ].filter(Boolean),
  };
}

/** `Angebot-ANG-2026-0001.pdf`: only the offer number (letters, digits, dashes) reaches the header. */
export function offerFileName(offer: Pick<Offer, "number" | "language">): string {
  const number = offer.number.replace(/[^A-Za-z0-9-]/g, "-");
  return `${TEXTS[offer.language].title.replace(/[^A-Za-z]/g, "")}-${number}.pdf`;
}
