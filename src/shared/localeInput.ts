/**
 * Reading and writing numbers and dates as people type them, in German or English, exactly.
 *
 * Numbers travel as integers of a fixed scale — money in minor units (scale 2 for EUR, 0 for JPY),
 * discounts in basis points (a percentage with scale 2), quantities in thousandths (scale 3) — so
 * the text is turned into those integers digit by digit, never through a binary float: "1234,56"
 * is 123456 cents and 0,1 + 0,2 never shows up as 0,30000000000000004.
 *
 * The ambiguity rule (also in ARCHITECTURE.md, "Locale input"):
 * - The UI language's decimal sign is the decimal sign: "," in German, "." in English. The other
 *   sign is only a thousands separator, and only between groups of exactly three digits
 *   ("1.234.567,8" in German, "1,234,567.8" in English). Spaces (also non-breaking) are ignored, and
 *   so are a currency sign and a percent sign.
 * - So German "1.234" is one thousand two hundred and thirty-four, and English "1,234" too. Someone
 *   used to the other language may have meant a decimal there, so an entry whose only separator is
 *   followed by exactly three digits is *ambiguous*: it is read by the rule and the field says how it
 *   was read ("gelesen als 1.234,00 €").
 * - Everything else is unreadable and the field shows an error instead of guessing: a thousands
 *   separator anywhere but between groups of three (German "1.5", "12.34"), two decimal signs, letters,
 *   more decimals than the field holds (money: the currency's digits; percentages: 2; quantities: 3),
 *   a minus where none is allowed, a number too large to store. An unreadable field is never saved
 *   with some other magnitude: it passes no value on and blocks the form.
 *
 * Dates are day-first in both languages ("26.11.2026", English "26/11/2026", en-GB as everywhere in the
 * UI; "." and "/" both accepted), four-digit years only; an ISO date ("2026-11-26") is read as well.
 * They travel as ISO "YYYY-MM-DD". Times are 24-hour "HH:MM".
 */

export type InputLanguage = "de" | "en";

export type DecimalReading =
  | { kind: "empty" }
  | { kind: "value"; units: number; ambiguous: boolean }
  | { kind: "invalid"; reason: "format" | "decimals" | "negative" | "tooLarge" };

export type DecimalRules = {
  /** Decimal places the field holds: the integer passed on is the value × 10^scale. */
  scale: number;
  allowNegative?: boolean;
  /** Largest magnitude in units (default: 10^15, still exact in a double). */
  maxUnits?: number;
};

const separators = (language: InputLanguage) =>
  language === "de" ? { decimal: ",", group: "." } : { decimal: ".", group: "," };

// Spaces of every kind people paste (NBSP from a formatted amount, narrow NBSP from French), currency
// and percent signs: none of them changes the number.
const IGNORED = /[\s\u00a0\u202f€$£%]/g;

export function readDecimal(text: string, language: InputLanguage, rules: DecimalRules): DecimalReading {
  let rest = text.replace(IGNORED, "");
  if (rest === "") return { kind: "empty" };
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("\u2212")) {
    negative = true;
    rest = rest.slice(1);
  }
  const { decimal, group } = separators(language);
  const parts = rest.split(decimal);
  if (parts.length > 2) return { kind: "invalid", reason: "format" };
  const [whole = "", fraction = ""] = parts;
  if (parts.length === 2 && !/^\d*$/.test(fraction)) return { kind: "invalid", reason: "format" };
  if (whole === "" && fraction === "") return { kind: "invalid", reason: "format" };
  const groups = whole.split(group);
  const grouped = groups.length > 1;
  if (grouped) {
    if (!/^\d{1,3}$/.test(groups[0] ?? "") || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))
      return { kind: "invalid", reason: "format" };
  } else if (!/^\d*$/.test(whole)) {
    return { kind: "invalid", reason: "format" };
  }
  if (fraction.length > rules.scale) return { kind: "invalid", reason: "decimals" };
  if (negative && !rules.allowNegative) return { kind: "invalid", reason: "negative" };
  const digits = `${groups.join("")}${fraction.padEnd(rules.scale, "0")}`.replace(/^0+(?=\d)/, "");
  const max = BigInt(rules.maxUnits ?? 1e15);
  const magnitude = BigInt(digits === "" ? "0" : digits);
  if (magnitude > max) return { kind: "invalid", reason: "tooLarge" };
  const units = Number(negative ? -magnitude : magnitude);
  // The only separator is a thousands separator before exactly three digits: "1.234" (de) / "1,234" (en).
  const ambiguous = grouped && groups.length === 2 && parts.length === 1;
  return { kind: "value", units: Object.is(units, -0) ? 0 : units, ambiguous };
}

export type DecimalLayout = {
  /** Always show all `scale` decimals (money: "1.234,00"); otherwise trailing zeros are dropped. */
  fixed?: boolean;
  grouping?: boolean;
};

/** Units of a scale as text the same field reads back: 123456, scale 2 → "1.234,56" (de). */
export function writeDecimal(
  units: number,
  scale: number,
  language: InputLanguage,
  layout: DecimalLayout = {},
): string {
  const { decimal, group } = separators(language);
  const digits = BigInt(Math.round(Math.abs(units)))
    .toString()
    .padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  if (!layout.fixed) fraction = fraction.replace(/0+$/, "");
  const wholeText = layout.grouping === false ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sign = units < 0 ? "-" : "";
  return `${sign}${wholeText}${fraction ? `${decimal}${fraction}` : ""}`;
}

export type DateReading = { kind: "empty" } | { kind: "value"; iso: string } | { kind: "invalid" };

const isoOf = (year: number, month: number, day: number): string | null => {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

/** "26.11.2026" or "26/11/2026" (either language, day first) or "2026-11-26" → "2026-11-26". */
export function readDate(text: string): DateReading {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  const dayFirst = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const [day, month, year] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : iso
      ? [iso[3], iso[2], iso[1]]
      : [];
  if (!day || !month || !year) return { kind: "invalid" };
  const value = isoOf(Number(year), Number(month), Number(day));
  return value && Number(year) >= 1000 ? { kind: "value", iso: value } : { kind: "invalid" };
}

/** "2026-11-26" → "26.11.2026" (de) / "26/11/2026" (en); anything else is returned as it is. */
export function writeDate(iso: string, language: InputLanguage): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const separator = language === "de" ? "." : "/";
  return [match[3], match[2], match[1]].join(separator);
}

export type TimeReading = { kind: "empty" } | { kind: "value"; time: string } | { kind: "invalid" };

/** "9:05", "09:05" or "9.05" → "09:05" (24-hour, as both languages write it in the UI). */
export function readTime(text: string): TimeReading {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(trimmed);
  if (!match) return { kind: "invalid" };
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return { kind: "invalid" };
  return { kind: "value", time: `${String(hours).padStart(2, "0")}:${match[2]}` };
}
