import i18n, { currentLanguage } from "../i18n/i18n.ts";

/** Locale-aware formatting in the current UI language; every visible number and date goes through here. */
const locale = () => (currentLanguage() === "de" ? "de-DE" : "en-GB");

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

export function formatMoney(value: number, currency: string): string {
  return new Intl.NumberFormat(locale(), { style: "currency", currency }).format(value);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(date);
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
