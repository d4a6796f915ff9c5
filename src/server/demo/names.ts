/**
 * The words of the demo organisation: a German B2B seller of industrial and software solutions.
 * Written as real teams would write them, because the demo is where visitors judge the product.
 */
import type { CellKind } from "../../shared/org.ts";

export type CellSeed = { name: string; kind: CellKind; purpose: string; marketSlice: string };
export type AgreementSeed = { title: string; body: string };

export const ORGANISATION_NAME = "Nordlicht Vertrieb GmbH (Demo)";
export const EMAIL_DOMAIN = "nordlicht-demo.example";
export const DEMO_STEWARD = { name: "Mara Lindqvist", email: `steward@${EMAIL_DOMAIN}` };

// biome-ignore format: a word list reads best packed
export const FIRST_NAMES = [
  "Anna", "Lena", "Julia", "Katharina", "Sarah", "Laura", "Lisa", "Marie", "Sophie", "Hannah",
  "Johanna", "Clara", "Franziska", "Miriam", "Nina", "Sabine", "Petra", "Claudia", "Susanne", "Birgit",
  "Andrea", "Kerstin", "Silke", "Anja", "Nicole", "Stefanie", "Christina", "Melanie", "Jana", "Carolin",
  "Theresa", "Lea", "Paula", "Greta", "Ida", "Frieda", "Jule", "Maren", "Wiebke", "Ute",
  "Jürgen", "Thomas", "Michael", "Andreas", "Stefan", "Markus", "Frank", "Klaus", "Uwe", "Matthias",
  "Christian", "Tobias", "Sebastian", "Daniel", "Florian", "Jan", "Lukas", "Jonas", "Felix", "Maximilian",
  "Moritz", "Niklas", "Tim", "Philipp", "Benedikt", "Johannes", "Simon", "David", "Alexander", "Martin",
  "Ralf", "Holger", "Dirk", "Jörg", "Björn", "Sören", "Malte", "Hauke", "Till", "Ole",
  "Mehmet", "Ayşe", "Emre", "Elif", "Luca", "Giulia", "Piotr", "Agnieszka", "Sofia", "Mateo",
];

// biome-ignore format: a word list reads best packed
export const LAST_NAMES = [
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
  "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
  "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
  "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
  "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
  "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
  "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
  "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
  "Brandt", "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel",
  "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Petersen",
  "Jansen", "Hansen", "Carstensen", "Ehlers", "Brodersen", "Yılmaz", "Kaya", "Demir", "Rossi", "Kowalski",
  "Nowak", "García", "Novák", "Andersson", "O'Brien", "Nguyen",
];

/** "Who knows what": what a colleague would look someone up for. */
// biome-ignore format: a word list reads best packed
export const SKILLS = [
  "Ausschreibungen", "Verhandlung", "Öffentliche Vergabe", "SAP-Integration", "Preisgestaltung",
  "Vertragsrecht", "Cloud-Lösungen", "Energiebranche", "Logistik", "Messen", "Key-Account-Management",
  "Neukundengewinnung", "Rahmenverträge", "Angebotskalkulation", "Förderprogramme", "Automotive",
  "Maschinenbau", "Gesundheitswesen", "Chemie & Pharma", "Datenschutz (DSGVO)", "IT-Sicherheit",
  "Präsentation", "Workshop-Moderation", "Englisch verhandlungssicher", "Französisch", "Polnisch",
  "Partnervertrieb", "CRM-Pflege", "Wettbewerbsanalyse", "Lean Coffee moderieren", "Kollegiale Beratung",
  "Lieferantenaudits", "Leasing & Finanzierung", "Technische Beratung", "Onboarding neuer Kolleg:innen",
];

/** The cells a visitor meets first; small uses exactly these. */
export const NAMED_CELLS: CellSeed[] = [
  {
    name: "Team Nord",
    kind: "periphery",
    purpose:
      "Wir gewinnen und halten Mittelständler in Norddeutschland – vom Hamburger Hafen bis zum Zulieferer in Ostfriesland.",
    marketSlice: "PLZ 20–29, Industrie 50–500 MA",
  },
  {
    name: "Team Süd",
    kind: "periphery",
    purpose:
      "Wir betreuen Industrie und Handwerk in Bayern und Baden-Württemberg, nah dran und auf Augenhöhe.",
    marketSlice: "PLZ 70–97, Industrie und Handwerk 20–1.000 MA",
  },
  {
    name: "Team West",
    kind: "periphery",
    purpose: "Wir sind der Ansprechpartner für Produktion und Logistik an Rhein und Ruhr.",
    marketSlice: "PLZ 40–59, Produktion und Logistik 50–2.000 MA",
  },
  {
    name: "Team Ost",
    kind: "periphery",
    purpose:
      "Wir bauen Kundenbeziehungen in Sachsen, Thüringen und Berlin-Brandenburg auf und pflegen sie langfristig.",
    marketSlice: "PLZ 01–19 und 98–99, alle Branchen 20–500 MA",
  },
  {
    name: "Öffentlicher Sektor",
    kind: "periphery",
    purpose:
      "Wir begleiten Kommunen, Länder und Hochschulen durch Vergabeverfahren – fair, transparent und fristgerecht.",
    marketSlice: "Öffentliche Auftraggeber bundesweit, Ausschreibungen nach VgV und UVgO",
  },
  {
    name: "Mittelstand",
    kind: "periphery",
    purpose:
      "Wir machen Familienunternehmen den Einstieg leicht: schnelle Angebote, kurze Wege, ein festes Team.",
    marketSlice: "Familienunternehmen bundesweit, 10–250 MA, ohne eigene Einkaufsabteilung",
  },
  {
    name: "Key Accounts",
    kind: "periphery",
    purpose:
      "Wir entwickeln unsere zwanzig größten Kunden gemeinsam mit ihnen weiter, über alle Standorte hinweg.",
    marketSlice: "Konzerne ab 5.000 MA mit Rahmenvertrag, DACH",
  },
  {
    name: "Pricing",
    kind: "centre",
    purpose: "Wir helfen den Teams, Preise zu finden, die Kunden verstehen und die uns tragen.",
    marketSlice: "Anfragen aller Teams: Kalkulation, Rabattrat, Preislisten",
  },
  {
    name: "Recht",
    kind: "centre",
    purpose: "Wir machen Verträge verständlich und sicher, damit die Teams schnell unterschreiben können.",
    marketSlice: "Vertragsprüfung, AGB, Vergaberecht, Datenschutz für alle Teams",
  },
  {
    name: "Marketing",
    kind: "centre",
    purpose: "Wir liefern den Teams Material, Events und Leads, die sie selbst bei uns bestellen.",
    marketSlice: "Kampagnen, Messen, Referenzen und Website auf Anfrage der Teams",
  },
  {
    name: "Produkt",
    kind: "centre",
    purpose: "Wir bringen, was die Teams von Kunden hören, ins Produkt – und erklären, was kommt.",
    marketSlice: "Produktfragen, technische Klärungen und Roadmap für alle Teams",
  },
];

/** Regions for regional periphery cells; `slice` is the postcode area a team would name. */
export const REGIONS = [
  { name: "Hamburg", area: "im Großraum Hamburg", slice: "PLZ 20–22" },
  { name: "Schleswig-Holstein", area: "zwischen Nord- und Ostsee", slice: "PLZ 23–25" },
  { name: "Bremen & Weser-Ems", area: "in Bremen und Weser-Ems", slice: "PLZ 26–28" },
  { name: "Niedersachsen", area: "in Niedersachsen", slice: "PLZ 29–31, 37–38" },
  { name: "Berlin-Brandenburg", area: "in Berlin und Brandenburg", slice: "PLZ 10–16" },
  { name: "Mecklenburg-Vorpommern", area: "in Mecklenburg-Vorpommern", slice: "PLZ 17–19" },
  { name: "Sachsen", area: "in Sachsen", slice: "PLZ 01–09" },
  { name: "Thüringen", area: "in Thüringen", slice: "PLZ 98–99, 07" },
  { name: "Rhein-Ruhr", area: "an Rhein und Ruhr", slice: "PLZ 40–47" },
  { name: "Westfalen", area: "in Westfalen", slice: "PLZ 32–33, 48–49, 57–59" },
  { name: "Hessen", area: "in Hessen", slice: "PLZ 34–36, 60–65" },
  { name: "Rheinland-Pfalz & Saar", area: "in Rheinland-Pfalz und im Saarland", slice: "PLZ 54–56, 66–67" },
  { name: "Baden", area: "in Baden", slice: "PLZ 68–69, 76–79" },
  { name: "Württemberg", area: "in Württemberg", slice: "PLZ 70–75, 88–89" },
  { name: "Franken", area: "in Franken", slice: "PLZ 90–97" },
  { name: "Oberbayern", area: "in Oberbayern", slice: "PLZ 80–85" },
  { name: "Österreich", area: "in Österreich", slice: "Österreich, alle Bundesländer" },
  { name: "Schweiz", area: "in der Deutschschweiz", slice: "Schweiz, deutschsprachige Kantone" },
];

/** Industries for industry periphery cells. */
export const INDUSTRIES = [
  { name: "Energie & Versorger", customers: "Stadtwerke und Energieversorger", size: "Versorger ab 50 MA" },
  { name: "Logistik", customers: "Speditionen und Logistikdienstleister", size: "Logistik 50–2.000 MA" },
  { name: "Automotive", customers: "Zulieferer der Automobilindustrie", size: "Tier 1–3, 100–5.000 MA" },
  { name: "Maschinenbau", customers: "Maschinen- und Anlagenbauer", size: "Maschinenbau 50–1.000 MA" },
  {
    name: "Gesundheitswesen",
    customers: "Kliniken, Praxisverbünde und Pflegeträger",
    size: "Kliniken ab 200 Betten",
  },
  {
    name: "Chemie & Pharma",
    customers: "Chemie- und Pharmaunternehmen",
    size: "Chemie & Pharma 100–3.000 MA",
  },
  { name: "Handel", customers: "Groß- und Einzelhändler", size: "Handel 50–1.000 MA" },
  {
    name: "Banken & Versicherungen",
    customers: "Sparkassen, Genossenschaftsbanken und Versicherer",
    size: "Finanzdienstleister ab 100 MA",
  },
  { name: "Bauwirtschaft", customers: "Bauunternehmen und Baustoffhändler", size: "Bau 20–1.000 MA" },
  {
    name: "Lebensmittel",
    customers: "Lebensmittelhersteller und Molkereien",
    size: "Lebensmittel 50–2.000 MA",
  },
  { name: "Kommunen", customers: "Städte, Gemeinden und Landkreise", size: "Kommunen ab 10.000 Einwohner" },
  {
    name: "Hochschulen",
    customers: "Hochschulen und Forschungseinrichtungen",
    size: "Hochschulen und Institute",
  },
];

/** Services a centre cell offers; large organisations split them by region. */
export const CENTRE_SERVICES = [
  { name: "Operations", offer: "Auftragsabwicklung, Lieferung und Rechnungsfragen" },
  { name: "Angebotsbüro", offer: "Angebotsdokumente, Ausschreibungsunterlagen und Fristen" },
  { name: "Vertriebsinnendienst", offer: "Terminierung, Rückrufe und Auftragserfassung" },
  { name: "Controlling", offer: "Deckungsbeiträge, Auswertungen und Forecast-Fragen" },
  { name: "IT & CRM", offer: "CRM, Schnittstellen und Geräte" },
  { name: "Lernen & Entwicklung", offer: "Trainings, Onboarding und Austauschformate" },
  { name: "Technischer Support", offer: "Vorführungen, technische Klärungen und Pilotprojekte" },
  { name: "Finanzierung", offer: "Leasing, Mietmodelle und Bonitätsprüfung" },
  { name: "Datenschutz", offer: "Auftragsverarbeitung, DSGVO-Fragen und Sicherheitsnachweise" },
  { name: "Partnermanagement", offer: "Vertriebspartner, Reseller und gemeinsame Angebote" },
  { name: "Kundenservice", offer: "Reklamationen, Wartungsverträge und Ersatzteile" },
  { name: "Einkauf", offer: "Lieferantenpreise, Verfügbarkeiten und Sonderbeschaffung" },
];

export const CENTRE_REGIONS = ["Nord", "Süd", "West", "Ost"];

const SHARED_AGREEMENTS: AgreementSeed[] = [
  {
    title: "Montags 9:00 Lean Coffee, 30 Minuten",
    body: "Wer ein Thema hat, schreibt es bis Montag 8:30 auf das Board. Wir punkten und fangen pünktlich an.",
  },
  {
    title: "Hindernisse kommen sofort aufs Board",
    body: "Was uns bremst, tragen wir am selben Tag ein – nicht erst in der Retro.",
  },
  {
    title: "Urlaub sprechen wir im Team ab",
    body: "Mindestens zwei von uns sind immer erreichbar. Wer Urlaub plant, stimmt ihn im Teamkalender ab.",
  },
  {
    title: "Retro alle zwei Wochen, Donnerstag 15:00",
    body: "Eine Stunde, Moderation reihum. Jede Retro endet mit höchstens zwei Experimenten.",
  },
  {
    title: "Neue Kolleg:innen haben eine Patin oder einen Paten",
    body: "Die ersten sechs Wochen begleitet jemand aus dem Team – auch zu Kundenterminen.",
  },
];

const PERIPHERY_AGREEMENTS: AgreementSeed[] = [
  {
    title: "Angebote bis 15 % Rabatt entscheiden wir selbst – darüber holen wir Rat bei Pricing ein",
    body: "Wer ein Angebot über 15 % Rabatt plant, startet einen Beratungsprozess und fragt Pricing und eine zweite Person aus dem Team.",
  },
  {
    title: "Kundenanfragen beantworten wir innerhalb eines Arbeitstages",
    body: "Wer nicht selbst antworten kann, übergibt im Team-Kanal. Niemand wartet auf eine Einzelperson.",
  },
  {
    title: "Übergaben an andere Zellen nur mit Gespräch",
    body: "Wenn ein Kunde besser zu einer anderen Zelle passt, übergeben wir persönlich und mit Verlauf – nie nur per Ticket.",
  },
  {
    title: "Verlorene Deals besprechen wir gemeinsam",
    body: "Jeden verlorenen Deal über 20.000 € schauen wir uns in der nächsten Retro an. Ohne Schuldige, mit Lernnotiz.",
  },
  {
    title: "Freitags Pipeline-Blick, 20 Minuten",
    body: "Wir schauen gemeinsam auf die Pipeline des Teams und auf unsere Prozesskurven, nicht auf Einzelne.",
  },
];

const CENTRE_AGREEMENTS: AgreementSeed[] = [
  {
    title: "Anfragen der Teams gehen vor interne Projekte",
    body: "Wir dienen der Peripherie. Eine offene Anfrage ist wichtiger als unsere eigene Roadmap.",
  },
  {
    title: "Antwort auf jede Anfrage innerhalb von zwei Arbeitstagen",
    body: "Wenn es länger dauert, sagen wir das sofort und nennen einen Termin.",
  },
  {
    title: "Wir beraten, wir entscheiden nicht",
    body: "Die Entscheidung liegt bei der anfragenden Zelle. Wir geben unseren Rat schriftlich, damit er nachlesbar ist.",
  },
  {
    title: "Sprechstunde dienstags 14:00–15:00",
    body: "Offener Videocall ohne Anmeldung für alle Teams.",
  },
];

export function agreementsFor(kind: CellKind): AgreementSeed[] {
  return [...SHARED_AGREEMENTS, ...(kind === "periphery" ? PERIPHERY_AGREEMENTS : CENTRE_AGREEMENTS)];
}
