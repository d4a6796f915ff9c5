import { currentLanguage } from "../../i18n/i18n.ts";

const locale = () => (currentLanguage() === "de" ? "de-DE" : "en-GB");

/**
 * A moment as the organisation sees it: the advice window closes at midnight in the organisation's
 * time zone (DecisionSettings.timeZone), which may differ from the browser's, so the zone is named.
 */
export function formatInZone(iso: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelt out.
  return new Intl.DateTimeFormat(locale(), {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

/** Today plus `days` as YYYY-MM-DD in the browser's calendar (review dates are calendar days). */
export function dayAfter(days: number, from = new Date()): string {
  const day = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}
