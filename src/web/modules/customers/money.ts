import { currentLanguage } from "../../i18n/i18n.ts";

/**
 * Money travels as integer minor units with a currency (src/shared/customers/amounts.ts); these turn it into
 * text for a language (the UI's, or an offer's own on the printed offer); form fields read it back
 * through src/web/ui/NumberField.tsx.
 */
export const localeOf = (language: string = currentLanguage()) => (language === "de" ? "de-DE" : "en-GB");

// Shared with the input fields (src/web/ui/format.ts), so a field and a figure show the same cents.
export { formatDay, formatMinorUnits as formatMinor, fractionDigits } from "../../ui/format.ts";

/** Basis points as a percentage text: 2500 → "25 %" (de: "25 %", en: "25%"). */
export function formatBps(bps: number, language?: string): string {
  return new Intl.NumberFormat(localeOf(language), { style: "percent", maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
}

export function formatQuantity(quantity: number, language?: string): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 3 }).format(quantity);
}

/** Today plus `days` as YYYY-MM-DD (UTC). */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
