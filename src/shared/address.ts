/**
 * Postal addresses of accounts: countries as ISO 3166-1 alpha-2 codes (named through Intl in the reader's
 * language) and VAT identification numbers.
 *
 * VAT identification numbers (USt-IdNr.) as the customer's tax office writes them. Checked by format
 * only — the EU's VIES service would tell whether a number is registered, but an offer is written long
 * before that matters and the server calls no outside service. Stored normalised (upper case, without
 * spaces, dots and dashes), so "de 123 456 789" and "DE123456789" are the same number.
 */

/** Country prefix → what follows it (the formats VIES documents; Greece writes EL, Northern Ireland XI). */
const FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CH: /^E\d{9}(MWST|TVA|IVA)?$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  GB: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  NO: /^\d{9}(MVA)?$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

/** Upper case, without spaces, dots and dashes. */
export function normaliseVatId(value: string): string {
  return value.replace(/[\s.\-\u00a0]/g, "").toUpperCase();
}

/**
 * A known country's number must match its format; another country's must at least be two letters and
 * 2 to 13 letters or digits (no list of every tax authority in the world is kept here). Empty is valid:
 * many customers' numbers are simply not known.
 */
export function isValidVatId(value: string): boolean {
  const id = normaliseVatId(value);
  if (id === "") return true;
  const format = FORMATS[id.slice(0, 2)];
  if (format) return format.test(id.slice(2));
  return /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(id);
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
/** Codes Intl knows that are no country of an address (groupings, "unknown region", pseudo-locales). */
const NOT_A_COUNTRY = new Set(["EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"]);

/** An ISO 3166-1 alpha-2 code of a country or territory, as Intl knows them (XK for Kosovo included). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_A_COUNTRY.has(code) && regionNames.of(code) !== undefined;
}

/** Every country code, for a picker (676 candidates checked once). */
export function countryCodes(): string[] {
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (isCountryCode(code)) codes.push(code);
    }
  return codes;
}

/** The country's name in a language ("Deutschland", "Germany"); the code when Intl does not know it. */
export function countryName(code: string, language: string): string {
  return new Intl.DisplayNames([language], { type: "region", fallback: "code" }).of(code) ?? code;
}
