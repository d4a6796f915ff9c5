import { writeDecimal } from "../../shared/localeInput.ts";
import i18n, { currentLanguage } from "../i18n/i18n.ts";

/** Locale-aware formatting in the current UI language; every visible number and date goes through here. */
const localeOf = (language: string = currentLanguage()) => (language === "de" ? "de-DE" : "en-GB");
const locale = () => localeOf();

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(date);
}

/** A calendar day "YYYY-MM-DD" in medium style, read in UTC so it never shifts by a time zone. */
export function formatDay(
  date: string,
  language?: string,
  dateStyle: Intl.DateTimeFormatOptions["dateStyle"] = "medium",
): string {
  const parsed = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle, timeZone: "UTC" }).format(parsed);
}

/** Decimals a currency is written with (EUR 2, JPY 0): the scale of its minor units. */
export function fractionDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** Minor units as money text, exactly (no division through a float): 123456 EUR → "1.234,56 €". */
export function formatMinorUnits(minor: number, currency: string, language?: string): string {
  const digits = fractionDigits(currency);
  // Intl reads a decimal string exactly (ES2023), so 10^13 minor units keep their last cent.
  const decimal = writeDecimal(minor, digits, "en", { fixed: true, grouping: false }) as `${number}`;
  return new Intl.NumberFormat(localeOf(language), { style: "currency", currency }).format(decimal);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatList(items: string[]): string {
  return new Intl.ListFormat(locale(), { style: "long", type: "conjunction" }).format(items);
}

export function languageName(code: string): string {
  return i18n.t(`languages.${code}`, { defaultValue: code });
}
