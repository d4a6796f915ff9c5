import type { Language } from "../../../shared/common.ts";
import { ACCOUNT_SIZES, type AccountInput } from "../../../shared/customers/accounts.ts";
import type { ImportField } from "../../../shared/customers/import.ts";
import { CURRENCIES } from "../../../shared/org.ts";

/**
 * One CSV row → one validated record, or the reasons it cannot be imported (column + reason in the
 * person's language). Numbers and dates come as the CRMs and spreadsheets write them: German
 * (`1.234,56`, `31.12.2026`), English (`1,234.56`), ISO (`2026-12-31`) and Salesforce's US dates
 * (`12/31/2026`).
 */

const REASONS = {
  required: { en: "Required, but empty.", de: "Pflichtfeld, aber leer." },
  unmapped: {
    en: "No column is mapped to “{field}”, which is required.",
    de: "Keine Spalte ist „{field}“ zugeordnet, das ist aber nötig.",
  },
  tooLong: { en: "Longer than {max} characters.", de: "Länger als {max} Zeichen." },
  number: { en: "“{value}” is not a number.", de: "„{value}“ ist keine Zahl." },
  negative: { en: "Must not be negative.", de: "Darf nicht negativ sein." },
  tooLarge: { en: "Too large.", de: "Zu groß." },
  date: {
    en: "“{value}” is not a date (31.12.2026, 2026-12-31 or 12/31/2026).",
    de: "„{value}“ ist kein Datum (31.12.2026, 2026-12-31 oder 12/31/2026).",
  },
  currency: { en: "“{value}” is not a known currency.", de: "„{value}“ ist keine bekannte Währung." },
  email: { en: "“{value}” is not an e-mail address.", de: "„{value}“ ist keine E-Mail-Adresse." },
  probability: { en: "Must be between 0 and 100.", de: "Muss zwischen 0 und 100 liegen." },
  stage: {
    en: "No stage “{value}” in this organisation: choose one for it in the value mapping.",
    de: "Keine Phase „{value}“ in dieser Organisation: In der Werte-Zuordnung eine wählen.",
  },
  stageGone: {
    en: "“{value}” is mapped to a stage that does not exist.",
    de: "„{value}“ ist einer Phase zugeordnet, die es nicht gibt.",
  },
  recordIdTwice: {
    en: "The record id “{value}” is already in row {row}.",
    de: "Die Datensatz-ID „{value}“ steht schon in Zeile {row}.",
  },
  account: {
    en: "No account “{value}” in this organisation or this file.",
    de: "Kein Account „{value}“ in dieser Organisation oder dieser Datei.",
  },
  cell: {
    en: "No cell “{value}” in this organisation.",
    de: "Keine Zelle „{value}“ in dieser Organisation.",
  },
  size: { en: "“{value}” is not a number of employees.", de: "„{value}“ ist keine Mitarbeiterzahl." },
} satisfies Record<string, Record<Language, string>>;
export type Reason = keyof typeof REASONS;

export function reasonText(reason: Reason, lang: Language, params: Record<string, string | number> = {}) {
  return REASONS[reason][lang].replace(/\{(\w+)\}/g, (_, key) => String(params[key] ?? ""));
}

/**
 * A number as German or English writes it. With both `.` and `,` the later one is the decimal mark;
 * with one kind only, it is a thousands separator when every group after it has exactly three digits
 * (`1.234`, `1,234,567`), otherwise the decimal mark (`1234,56`, `12.5`).
 */
export function parseNumber(raw: string): number | null {
  const value = raw.replace(/[\s\u00a0\u202f']/g, "").replace(/^([-+]?)(?:€|\$|£|EUR|USD|CHF|GBP)/i, "$1");
  const cleaned = value.replace(/(?:€|\$|£|EUR|USD|CHF|GBP|%)$/i, "");
  if (!/^[-+]?[\d.,]*\d[\d.,]*$/.test(cleaned)) return null;
  const lastDot = cleaned.lastIndexOf(".");
  const lastComma = cleaned.lastIndexOf(",");
  let normal: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    const [whole, fraction, ...rest] = cleaned.split(decimal);
    if (rest.length || !new RegExp(`^[-+]?\\d{1,3}(\\${thousands}\\d{3})*$`).test(whole)) return null;
    normal = `${whole.replaceAll(thousands, "")}.${fraction}`;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? "." : ",";
    const parts = cleaned.split(mark);
    const grouped =
      parts.length > 1 && parts.slice(1).every((p) => p.length === 3) && /^[-+]?\d{1,3}$/.test(parts[0]);
    if (grouped) normal = parts.join("");
    else if (parts.length === 2) normal = `${parts[0]}.${parts[1]}`;
    else return null;
  } else normal = cleaned;
  const number = Number(normal);
  return Number.isFinite(number) ? number : null;
}

const isRealDate = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const pad = (n: number) => String(n).padStart(2, "0");

/** `31.12.2026`, `2026-12-31` (a time after it is ignored), `12/31/2026` → `2026-12-31`. */
export function parseDate(raw: string): string | null {
  const value = raw.trim();
  // Each pattern names where year, month and day stand.
  const patterns: [RegExp, [number, number, number]][] = [
    [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, [3, 2, 1]],
    [/^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/, [1, 2, 3]],
    [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, [3, 1, 2]],
  ];
  for (const [pattern, [yi, mi, di]] of patterns) {
    const match = pattern.exec(value);
    if (!match) continue;
    const [y, m, d] = [Number(match[yi]), Number(match[mi]), Number(match[di])];
    return isRealDate(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  return null;
}

/**
 * A date with an optional time as the CRMs export "created" columns: `26.11.2026 14:03` (also
 * `26.11.2026, 14:03`, Salesforce's German format),
 * `2026-11-26 14:03:00`, `2026-11-26T14:03:00Z`, `11/26/2026 2:03 PM` → ISO instant. A time
 * without a zone is read as UTC (the file does not say which zone it means); a date alone becomes
 * noon UTC, so it shows as the same day in every zone from UTC−11 to UTC+11.
 */
export function parseDateTime(raw: string): string | null {
  const value = raw.trim();
  const match =
    /^(\S+?),?(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(AM|PM|am|pm)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      value,
    );
  if (!match) return null;
  const date = parseDate(match[1]);
  if (!date) return null;
  if (match[2] === undefined) return `${date}T12:00:00.000Z`;
  let hours = Number(match[2]);
  const minutes = Number(match[3]);
  const seconds = Number(match[4] ?? 0);
  const meridiem = match[5]?.toUpperCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === "PM" ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const zone = match[6] && match[6] !== "Z" ? match[6].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2") : "Z";
  const instant = new Date(`${date}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}${zone}`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

const digitsByCurrency = new Map<string, number>();

/** Minor-unit digits of a currency; cached, because building an Intl.NumberFormat per row of a large import cost seconds. */
export function fractionDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Lower-cased host without `www.`: what two spellings of one website have in common. */
export function domainOf(website: string): string {
  const value = website.trim().toLowerCase();
  if (!value) return "";
  const host = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").split(/[/?#:]/)[0];
  return host.replace(/^www\./, "");
}

/** An employee count (or one of our size bands) → the size band. */
export function sizeOf(raw: string): AccountInput["size"] | null {
  const value = raw.trim();
  if (!value) return "unknown";
  if ((ACCOUNT_SIZES as readonly string[]).includes(value)) return value as AccountInput["size"];
  const n = parseNumber(value.replace(/^(\d+)\s*-\s*\d+$/, "$1").replace(/\+$/, ""));
  if (n === null || n < 0) return null;
  if (n < 10) return "1-9";
  if (n < 50) return "10-49";
  if (n < 250) return "50-249";
  if (n < 1000) return "250-999";
  return "1000+";
}

export type RowError = { column: string; reason: string };

/** Reads the mapped cells of one row and collects errors by column. */
export class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    private readonly cells: string[],
    private readonly columns: Partial<Record<ImportField, { index: number; header: string }>>,
    private readonly lang: Language,
  ) {}

  has(field: ImportField): boolean {
    return this.columns[field] !== undefined;
  }

  header(field: ImportField): string {
    return this.columns[field]?.header ?? field;
  }

  fail(field: ImportField, reason: Reason, params: Record<string, string | number> = {}) {
    this.errors.push({ column: this.header(field), reason: reasonText(reason, this.lang, params) });
  }

  private failWith<T>(
    result: T,
    field: ImportField,
    reason: Reason,
    params: Record<string, string | number> = {},
  ): T {
    this.fail(field, reason, params);
    return result;
  }

  text(field: ImportField, max: number, required = false): string {
    const column = this.columns[field];
    const value = column ? (this.cells[column.index] ?? "").trim() : "";
    if (required && !value) this.fail(field, "required");
    if (value.length > max) this.fail(field, "tooLong", { max });
    return value;
  }

  /** A money amount in minor units of `currency`; empty is 0. */
  money(field: ImportField, currency: string): number {
    const value = this.text(field, 60);
    if (!value) return 0;
    const number = parseNumber(value);
    if (number === null) return this.failWith(0, field, "number", { value });
    if (number < 0) return this.failWith(0, field, "negative");
    const minor = Math.round(number * 10 ** fractionDigits(currency));
    if (minor > 10_000_000_000_000) return this.failWith(0, field, "tooLarge");
    return minor;
  }

  /** A percentage 0–100, or null when empty. Salesforce writes `50`, some files `50 %`. */
  percent(field: ImportField): number | null {
    const value = this.text(field, 20);
    if (!value) return null;
    const number = parseNumber(value);
    if (number === null) return this.failWith(null, field, "number", { value });
    if (number < 0 || number > 100) return this.failWith(null, field, "probability");
    return Math.round(number);
  }

  /** A date with an optional time (parseDateTime), as an ISO instant. */
  dateTime(field: ImportField): string | null {
    const value = this.text(field, 40);
    if (!value) return null;
    const instant = parseDateTime(value);
    if (!instant) this.fail(field, "date", { value });
    return instant;
  }

  date(field: ImportField): string | null {
    const value = this.text(field, 40);
    if (!value) return null;
    const date = parseDate(value);
    if (!date) this.fail(field, "date", { value });
    return date;
  }

  currency(field: ImportField, fallback: string): string {
    const value = this.text(field, 10).toUpperCase();
    if (!value) return fallback;
    if (!(CURRENCIES as readonly string[]).includes(value))
      return this.failWith(fallback, field, "currency", { value });
    return value;
  }

  email(field: ImportField): string {
    const value = this.text(field, 254).toLowerCase();
    if (value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) this.fail(field, "email", { value });
    return value;
  }

  size(field: ImportField): AccountInput["size"] {
    const value = this.text(field, 40);
    const size = sizeOf(value);
    if (size === null) return this.failWith("unknown", field, "size", { value });
    return size;
  }
}
