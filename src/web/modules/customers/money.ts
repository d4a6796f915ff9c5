import { currentLanguage } from "../../i18n/i18n.ts";

/**
 * Money travels as integer minor units with a currency (src/shared/customers.ts); these turn it into
 * text for a language (the UI's, or an offer's own on the printed offer) and back from a form field.
 */
export const localeOf = (language: string = currentLanguage()) => (language === "de" ? "de-DE" : "en-GB");

export function fractionDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export function formatMinor(amount: number, currency: string, language?: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: "currency", currency }).format(
    amount / 10 ** fractionDigits(currency),
  );
}

/** Major units as typed into a form (e.g. 1234.5) → minor units (123450). */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** fractionDigits(currency));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** fractionDigits(currency);
}

/** Basis points as a percentage text: 2500 → "25 %" (de: "25 %", en: "25%"). */
export function formatBps(bps: number, language?: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: "percent", maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
}

export function formatQuantity(quantity: number, language?: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 3 }).format(quantity);
}

export function formatDay(date: string, language?: string): string {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: "medium", timeZone: "UTC" }).format(parsed);
}

/** Today plus `days` as YYYY-MM-DD (UTC). */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
