import type { FigureUnit, Grain } from "../../../shared/insights/figures.ts";
import i18n, { currentLanguage } from "../../i18n/i18n.ts";
import { fractionDigits } from "../customers/money.ts";

/** Figures and periods as text in the UI language; every number the insights pages show goes through here. */
const locale = () => (currentLanguage() === "de" ? "de-DE" : "en-GB");

export type FigureFormat = { unit: FigureUnit; currency: string | null };

/**
 * One value of a figure. Money arrives in minor units and is shown without cents (a team figure, not
 * an invoice); `compact` shortens large amounts for a chart axis ("1,2 Mio. €").
 */
export function formatFigure(value: number, format: FigureFormat, compact = false): string {
  switch (format.unit) {
    case "money": {
      const currency = format.currency ?? "EUR";
      return new Intl.NumberFormat(locale(), {
        style: "currency",
        currency,
        maximumFractionDigits: compact ? 1 : 0,
        notation: compact ? "compact" : "standard",
      }).format(value / 10 ** fractionDigits(currency));
    }
    case "percent":
      return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 1 }).format(
        value / 100,
      );
    case "days": {
      const number = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(value);
      return compact ? number : i18n.t("insights:unit.days", { count: value === 1 ? 1 : 2, value: number });
    }
    case "score":
      return new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(
        value,
      );
  }
}

const dayOf = (period: string) => new Date(`${period.slice(0, 10)}T00:00:00Z`);

/** A period named by its first day, long ("March 2026", "week of 2 Mar 2026") and short for an axis. */
export function formatPeriod(period: string, grain: Grain): { label: string; shortLabel: string } {
  const day = dayOf(period);
  if (Number.isNaN(day.getTime())) return { label: period, shortLabel: period };
  if (grain === "month") {
    return {
      label: new Intl.DateTimeFormat(locale(), { month: "long", year: "numeric", timeZone: "UTC" }).format(
        day,
      ),
      shortLabel: new Intl.DateTimeFormat(locale(), {
        month: "short",
        year: "2-digit",
        timeZone: "UTC",
      }).format(day),
    };
  }
  const date = new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(day);
  return {
    label: i18n.t("insights:period.weekOf", { date }),
    shortLabel: new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", timeZone: "UTC" }).format(
      day,
    ),
  };
}

/** A calendar day (YYYY-MM-DD) as text. */
export function formatDay(day: string): string {
  const date = dayOf(day);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

/** Today as YYYY-MM-DD (UTC, like the server's Beta check days), plus `days`. */
export function utcDay(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
