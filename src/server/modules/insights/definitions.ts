/**
 * "What is measured here": every figure the product computes, in words, for the works council and for
 * everyone. Kept next to the computation (figures.ts, rollupSql.ts) so a new figure cannot ship without
 * its definition — the route test checks that every figure of FIGURES is listed.
 */
import type { Definition, Definitions, Figure } from "../../../shared/insights.ts";
import { UNIT } from "./figures.ts";

type Text = { de: string; en: string };
const SALES_LEVELS: Definition["levels"] = ["cell", "organisation"];

const item = (
  id: Figure,
  name: Text,
  definition: Text,
  source: Text,
  levels: Definition["levels"] = SALES_LEVELS,
  cellKinds: Definition["cellKinds"] = ["periphery"],
): Definition => ({
  id,
  name,
  definition,
  unit: UNIT[id],
  levels,
  cellKinds,
  grains: ["week", "month"],
  source,
});

const DEALS: Text = {
  de: "Deals (Stufe, Betrag, Anlage- und Abschlussdatum)",
  en: "Deals (stage, amount, created and closed dates)",
};
const OFFERS: Text = {
  de: "Angebote und ihre Positionen (Versanddatum, Rabatt)",
  en: "Offers and their lines (sent date, discount)",
};

export const DEFINITIONS: Definition[] = [
  item(
    "wonValue",
    { de: "Gewonnener Wert", en: "Won value" },
    {
      de: "Summe der Beträge der Deals, die in der Periode gewonnen wurden, in der Währung der Organisation (andere Währungen werden nicht umgerechnet und nicht mitgezählt).",
      en: "Sum of the amounts of deals won in the period, in the organisation's currency (other currencies are not converted and not counted).",
    },
    DEALS,
  ),
  item(
    "winRate",
    { de: "Gewinnquote", en: "Win rate" },
    {
      de: "Gewonnene Deals geteilt durch gewonnene plus verlorene Deals, die in der Periode abgeschlossen wurden, in Prozent.",
      en: "Deals won divided by deals won plus lost, closed in the period, in per cent.",
    },
    DEALS,
  ),
  item(
    "salesCycleDays",
    { de: "Verkaufszyklus (Median, Tage)", en: "Sales cycle (median days)" },
    {
      de: "Median der Tage von der Anlage bis zum Gewinn der in der Periode gewonnenen Deals; bis 30 Tage tagesgenau, darüber in Stufen von 5, 15 und 30 Tagen.",
      en: "Median days from creation to winning of the deals won in the period; exact to the day up to 30 days, beyond that in steps of 5, 15 and 30 days.",
    },
    DEALS,
  ),
  item(
    "offerLeadTimeDays",
    { de: "Zeit bis zum Angebot (Median, Tage)", en: "Offer lead time (median days)" },
    {
      de: "Median der Tage von der Anlage eines Deals bis zum Versand seines ersten Angebots, gezählt in der Periode des Versands.",
      en: "Median days from a deal's creation to its first offer being sent, counted in the period it was sent.",
    },
    OFFERS,
  ),
  item(
    "pipelineCreated",
    { de: "Neu angelegte Pipeline", en: "Pipeline created" },
    {
      de: "Summe der Beträge der in der Periode angelegten Deals in der Währung der Organisation.",
      en: "Sum of the amounts of deals created in the period, in the organisation's currency.",
    },
    DEALS,
  ),
  item(
    "averageDiscount",
    { de: "Durchschnittlicher Rabatt", en: "Average discount" },
    {
      de: "Mittel über die Deals, deren erstes Angebot in der Periode versandt wurde, des wertgewichteten Rabatts ihrer versandten Angebote, in Prozent.",
      en: "Mean, over the deals whose first offer was sent in the period, of the value-weighted discount of their sent offers, in per cent.",
    },
    OFFERS,
  ),
  item(
    "customerSatisfaction",
    { de: "Kundenzufriedenheit", en: "Customer satisfaction" },
    {
      de: "Mittel der in der Periode erhobenen Zufriedenheitswerte (1–5) der Kunden der Zelle.",
      en: "Mean of the satisfaction scores (1–5) recorded in the period for the cell's customers.",
    },
    { de: "Zufriedenheitswerte je Kunde", en: "Satisfaction scores per account" },
  ),
  item(
    "requestLeadTimeDays",
    { de: "Durchlaufzeit von Anfragen (Median, Tage)", en: "Request lead time (median days)" },
    {
      de: "Median der Tage von der Anfrage bis zur Lieferung der in der Periode gelieferten Serviceanfragen an die Zentrumszelle.",
      en: "Median days from request to delivery of the service requests the centre cell delivered in the period.",
    },
    { de: "Serviceanfragen", en: "Service requests" },
    SALES_LEVELS,
    ["centre"],
  ),
  item(
    "requestRating",
    { de: "Bewertung von Anfragen", en: "Request rating" },
    {
      de: "Mittel der Bewertungen (1–5), die anfragende Zellen den in der Periode gelieferten Anfragen gaben.",
      en: "Mean of the ratings (1–5) requesting cells gave the requests delivered in the period.",
    },
    { de: "Serviceanfragen", en: "Service requests" },
    SALES_LEVELS,
    ["centre"],
  ),
  item(
    "adviceLeadTimeDays",
    { de: "Dauer des Beratungsprozesses (Median, Tage)", en: "Advice lead time (median days)" },
    {
      de: "Median der Tage vom Vorschlag bis zur Entscheidung der in der Periode entschiedenen Beratungsvorschläge.",
      en: "Median days from proposal to decision of the advice proposals decided in the period.",
    },
    { de: "Vorschläge (Beratungsprozess)", en: "Proposals (advice process)" },
    ["organisation"],
    [],
  ),
  item(
    "obstacleLeadTimeDays",
    { de: "Dauer bis ein Hindernis beseitigt ist (Median, Tage)", en: "Obstacle lead time (median days)" },
    {
      de: "Median der Tage vom Melden bis zum Ende der in der Periode beendeten Hindernisse.",
      en: "Median days from raising to ending of the obstacles ended in the period.",
    },
    { de: "Hindernisse", en: "Obstacles" },
    ["organisation"],
    [],
  ),
];

export function definitions(k: number): Definitions {
  return {
    minGroupSize: k,
    suppression: {
      de: `Eine Zahl, hinter der weniger als ${k} Personen stehen, wird als „zu wenige, um sie zu zeigen“ angezeigt. Ebenso jede Zahl, die man aus gezeigten Zahlen zurückrechnen könnte (z. B. Summe der Organisation minus alle anderen Zellen): dann wird zusätzlich die nächstkleinere Zelle ausgeblendet. Vergleiche mit anderen Zellen nutzen nur gezeigte Zellen und zeigen eine Lage (unteres, mittleres, oberes Drittel), nie eine Rangliste.`,
      en: `A figure that covers fewer than ${k} people is shown as "too few to show". So is any figure that could be worked out from shown figures (e.g. the organisation total minus all other cells): then the next smallest cell is hidden as well. Comparisons with other cells use shown cells only and give a band (lower, middle, upper third), never a ranking.`,
    },
    neverMeasured: {
      de: "Keine Zahl je Person, keine Rangliste von Personen, keine Ziele, Quoten oder „% vom Ziel“, keine Aktivitätszählung (Anrufe, E-Mails, Anmeldungen). Die Linien in den Diagrammen sind die natürlichen Grenzen des Prozesses (Mittelwert ± 2,66 × mittlere gleitende Spannweite), keine Vorgaben.",
      en: "No figure per person, no ranking of people, no targets, quotas or “% of goal”, no activity counts (calls, e-mails, sign-ins). The lines on the charts are the process's natural limits (mean ± 2.66 × average moving range), not targets.",
    },
    items: [
      ...DEFINITIONS,
      {
        id: "betaCheck",
        name: { de: "Beta-Check", en: "Beta check" },
        definition: {
          de: "Anonyme Kurzumfrage zu den 12 BetaCodex-Gesetzen (1 = Alpha … 5 = Beta). Gespeichert werden nur Zähler je Gesetz und Wert und die Kommentare in zufälliger Reihenfolge; getrennt davon, wer teilgenommen hat (nur gegen doppelte Antworten). Ergebnisse erst nach dem Ende und ab k Antworten.",
          en: "Anonymous pulse survey on the 12 BetaCodex laws (1 = Alpha … 5 = Beta). Only counts per law and score and the comments in random order are stored; separately, who took part (only to prevent answering twice). Results only after it has closed and with at least k answers.",
        },
        unit: "score",
        levels: ["cell", "organisation"],
        cellKinds: ["periphery", "centre"],
        grains: [],
        source: { de: "Antworten auf den Beta-Check", en: "Answers to the Beta check" },
      },
    ],
  };
}
