/**
 * "What is measured here": every figure the product computes, in words, for the works council and for
 * everyone. Kept next to the computation (figures.ts, rollupSql.ts) so a new figure cannot ship without
 * its definition — the route test checks that every figure of FIGURES is listed.
 */
import type { Definition, Definitions, Figure } from "../../../shared/insights/figures.ts";
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

/**
 * The Beta check's threat model (issue 13), as plainly as the works council needs it: who could try to
 * link an answer to a person, what stops them — and the one thing no aggregate stops. Each protection is
 * proven by a test in test/privacy/.
 */
export const BETA_CHECK_THREATS: Definitions["threatModel"] = {
  threats: [
    {
      who: { de: "Kolleginnen und Kollegen in Periphery", en: "Colleagues using Periphery" },
      protection: {
        de: "Ergebnisse erst nach dem Ende und ab k Antworten, Kommentare ohne Namen in zufälliger Reihenfolge. Während der Beta-Check läuft, steigt die Zahl der Teilnehmenden nur in Schritten von k, sie zeigt also nicht, wann jemand geantwortet hat. Wer antworten darf, steht fest, sobald der Beta-Check öffnet; wer danach der Zelle beitritt, kann nicht antworten und nicht die k-te Antwort liefern, die die Ergebnisse sichtbar macht.",
        en: "Results only after the check has closed and from k answers; comments without names, in random order. While the check is open the participant count moves in steps of k, so it does not show when anyone answered. Who may answer is fixed when the check opens: someone joining the cell later can neither answer nor supply the k-th answer that makes results visible.",
      },
    },
    {
      who: { de: "Stewards und Betriebsrat", en: "Stewards and the works council" },
      protection: {
        de: "Sie lesen dasselbe wie alle. Keine Rolle und keine Schnittstelle liefert Antworten einer Person; k gilt so, wie es beim Öffnen des Beta-Checks war, ein später gesenktes k zeigt nichts.",
        en: "They read what everyone reads. No role and no API returns a person's answers; k stays what it was when the check opened, so lowering it later reveals nothing.",
      },
    },
    {
      who: {
        de: "Wer die Datenbank, einen Dump oder ein Backup liest",
        en: "Whoever reads the database, a dump or a backup",
      },
      protection: {
        de: "Die Datenbank zeigt, wer teilgenommen hat, nie was. Eine Antwort liegt bis zum Einrechnen verschlüsselt (AES-256-GCM, auf eine Größe aufgefüllt) mit einem Schlüssel außerhalb der Datenbank. Eingerechnet wird in eigenen Transaktionen und nur in gemischten Stapeln von mindestens k Antworten; keine Zeilenversion, Transaktionsnummer, Reihenfolge oder Uhrzeit verbindet eine Teilnahme mit einem Zähler. Die Teilnahme trägt keine Zeit.",
        en: "The database shows who took part, never what they answered. Until it is folded in, an answer is kept encrypted (AES-256-GCM, padded to one size) with a key kept outside the database. Folding runs in transactions of its own and only in shuffled batches of at least k answers; no row version, transaction id, order or time links a participation to a counter. Participation carries no time.",
      },
    },
    {
      who: {
        de: "Wer die Geschichte der Datenbank nachspielt (SQLite-WAL, PostgreSQL-Zeilenversionen)",
        en: "Whoever replays the database's history (SQLite's WAL, PostgreSQL's row versions)",
      },
      protection: {
        de: "Selbst die vollständige Geschichte zeigt Zähler, die sich nur um die Summe von mindestens k Antworten bewegen. Nach jedem Einrechnen werden gelöschte Inhalte überschrieben und das WAL geleert (SQLite) bzw. alte Zeilenversionen entfernt (PostgreSQL, VACUUM).",
        en: "Even the complete history shows counters moving only by the sum of at least k answers. After every fold deleted content is overwritten and the WAL emptied (SQLite), or old row versions removed (PostgreSQL, VACUUM).",
      },
    },
    {
      who: {
        de: "Wer den laufenden Server betreibt (Datenbank und Schlüssel zugleich)",
        en: "Whoever runs the live server (the database and the key together)",
      },
      protection: {
        de: "Nicht geschützt, solange Antworten auf das Einrechnen warten: Mit Schlüssel und Datenbank zusammen lassen sie sich öffnen, und wer den Server betreibt, sieht ohnehin die Anfragen. Deshalb liegt der Schlüssel getrennt von der Datenbank und gehört nicht ins selbe Backup; Eingerechnetes bleibt auch dann unverknüpfbar.",
        en: "Not protected while answers wait to be folded: with the key and the database together they can be opened, and whoever runs the server sees the requests anyway. That is why the key is kept apart from the database and does not belong in the same backup; what has been folded stays unlinkable even then.",
      },
    },
  ],
  limit: {
    de: "Was keine Auswertung verhindern kann: Wenn alle Teilnehmenden bis auf eine Person ihre Antworten zusammenlegen, ergibt das Ergebnis minus ihre Antworten die Antwort der letzten Person. Ebenso verrät ein einstimmiges Ergebnis jede einzelne Antwort. Deshalb zeigen Ergebnisse erst ab k Antworten — und niemand sollte andere nach ihren Antworten fragen.",
    en: "What no aggregate can prevent: if all participants but one pool their answers, the result minus theirs is the last person's answer. Likewise, a unanimous result tells everyone's answer. That is why results need k answers — and why nobody should ask others for their answers.",
  },
};

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
    threatModel: BETA_CHECK_THREATS,
    items: [
      ...DEFINITIONS,
      {
        id: "betaCheck",
        name: { de: "Beta-Check", en: "Beta check" },
        definition: {
          de: "Anonyme Kurzumfrage zu den 12 BetaCodex-Gesetzen (1 = Alpha … 5 = Beta). Gespeichert werden nur Zähler je Gesetz und Wert und die Kommentare in zufälliger Reihenfolge, eingerechnet in Stapeln von mindestens k Antworten; getrennt davon, wer teilgenommen hat (nur gegen doppelte Antworten). Antworten dürfen, wer beim Öffnen Mitglied war. Ergebnisse erst nach dem Ende und ab k Antworten.",
          en: "Anonymous pulse survey on the 12 BetaCodex laws (1 = Alpha … 5 = Beta). Only counts per law and score and the comments in random order are stored, folded in batches of at least k answers; separately, who took part (only to prevent answering twice). Those who were members when it opened may answer. Results only after it has closed and with at least k answers.",
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
