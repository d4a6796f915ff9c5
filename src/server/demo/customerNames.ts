/**
 * The words of the demo organisation's customers: German companies, the people there, what the
 * team wrote down about them, and what Nordlicht sells. Written as a sales team would write them.
 */
import type { AccountInput } from "../../shared/customers/accounts.ts";

/** The stages a new organisation starts with (name, outcome, probability in %). */
export const DEFAULT_STAGES = [
  { name: "Qualifizierung", outcome: "open", probability: 10 },
  { name: "Bedarf geklärt", outcome: "open", probability: 25 },
  { name: "Angebot", outcome: "open", probability: 50 },
  { name: "Verhandlung", outcome: "open", probability: 75 },
  { name: "Gewonnen", outcome: "won", probability: 100 },
  { name: "Verloren", outcome: "lost", probability: 0 },
] as const;

// biome-ignore format: a word list reads best packed
export const COMPANY_STEMS = [
  "Hansa", "Nordstern", "Elbe", "Weser", "Rhein", "Alster", "Isar", "Main", "Neckar", "Spree",
  "Harz", "Eifel", "Taunus", "Allgäu", "Sauerland", "Vogtland", "Ostsee", "Nordsee", "Bodensee", "Lausitz",
  "Alpen", "Brocken", "Kranich", "Falken", "Adler", "Löwen", "Eichen", "Linden", "Birken", "Tannen",
  "Kontor", "Union", "Concordia", "Germania", "Vineta", "Merkur", "Atlas", "Phönix", "Polaris", "Zenit",
  "Südwest", "Nordwest", "Mitteldeutsche", "Fränkische", "Schwäbische", "Bergische", "Märkische", "Westfälische",
  "Pfälzer", "Holsteiner", "Bayerische", "Sächsische", "Thüringer", "Hanseatische", "Badische", "Hessische",
];

/** A trade in a company name and the industry it belongs to. */
// biome-ignore format: a word list reads best packed
export const COMPANY_TRADES: { name: string; industry: string }[] = [
  ["Logistik", "Logistik"], ["Spedition", "Logistik"], ["Fördertechnik", "Maschinenbau"],
  ["Maschinenbau", "Maschinenbau"], ["Metallbau", "Maschinenbau"], ["Stahlbau", "Bauwirtschaft"],
  ["Antriebstechnik", "Maschinenbau"], ["Werkzeugbau", "Maschinenbau"], ["Gießerei", "Automotive"],
  ["Präzisionstechnik", "Automotive"], ["Kunststofftechnik", "Automotive"], ["Automation", "Maschinenbau"],
  ["Elektrotechnik", "Handwerk"], ["Haustechnik", "Handwerk"], ["Holzbau", "Handwerk"],
  ["Bau", "Bauwirtschaft"], ["Baustoffe", "Bauwirtschaft"], ["Immobilien", "Bauwirtschaft"],
  ["Energie", "Energie & Versorger"], ["Stadtwerke", "Energie & Versorger"], ["Umwelttechnik", "Energie & Versorger"],
  ["Recycling", "Energie & Versorger"], ["Kliniken", "Gesundheitswesen"], ["Pflegedienste", "Gesundheitswesen"],
  ["Medizintechnik", "Gesundheitswesen"], ["Labortechnik", "Chemie & Pharma"], ["Chemie", "Chemie & Pharma"],
  ["Pharma", "Chemie & Pharma"], ["Lebensmittel", "Lebensmittel"], ["Feinkost", "Lebensmittel"],
  ["Brauerei", "Lebensmittel"], ["Molkerei", "Lebensmittel"], ["Mühlenwerke", "Lebensmittel"],
  ["Handel", "Handel"], ["Großhandel", "Handel"], ["Textil", "Handel"], ["Möbelwerke", "Handel"],
  ["Verpackung", "Logistik"], ["Druck", "Handwerk"], ["Papier", "Handel"], ["Glas", "Bauwirtschaft"],
  ["Software", "IT & Software"], ["Systemhaus", "IT & Software"], ["Versicherung", "Banken & Versicherungen"],
  ["Landtechnik", "Maschinenbau"], ["Agrar", "Lebensmittel"], ["Keramik", "Bauwirtschaft"],
].map(([name, industry]) => ({ name, industry }));

export const LEGAL_FORMS = [
  "GmbH",
  "GmbH",
  "GmbH",
  "GmbH & Co. KG",
  "GmbH & Co. KG",
  "KG",
  "AG",
  "e.K.",
  "SE",
];
export const FAMILY_SUFFIXES = ["& Söhne", "& Partner", "& Co.", "Gebr.", "& Töchter"];

export const ACCOUNT_INDUSTRIES = [
  "Maschinenbau",
  "Logistik",
  "Automotive",
  "Energie & Versorger",
  "Gesundheitswesen",
  "Chemie & Pharma",
  "Handel",
  "Banken & Versicherungen",
  "Bauwirtschaft",
  "Lebensmittel",
  "Öffentliche Verwaltung",
  "Hochschulen & Forschung",
  "IT & Software",
  "Handwerk",
];

/** Sizes weighted as a Mittelstand seller meets them. */
export const SIZE_WEIGHTS: [AccountInput["size"], number][] = [
  ["1-9", 4],
  ["10-49", 18],
  ["50-249", 38],
  ["250-999", 24],
  ["1000+", 10],
  ["unknown", 6],
];

// biome-ignore format: a word list reads best packed
export const ACCOUNT_REGIONS = [
  "Hamburg", "Schleswig-Holstein", "Bremen", "Niedersachsen", "Berlin", "Brandenburg",
  "Mecklenburg-Vorpommern", "Sachsen", "Sachsen-Anhalt", "Thüringen", "Nordrhein-Westfalen", "Hessen",
  "Rheinland-Pfalz", "Saarland", "Baden-Württemberg", "Bayern", "Österreich", "Schweiz",
];

export const ACCOUNT_NOTES = [
  "",
  "",
  "",
  "Entscheidet im Einkaufsgremium, Budgetrunde im Herbst.",
  "Rahmenvertrag läuft bis Jahresende, Verlängerung ansprechen.",
  "Kam über die Hannover Messe, großes Interesse an Wartungsverträgen.",
  "Zentraleinkauf in der Konzernmutter, Standorte bestellen selbst ab.",
  "Öffentliche Ausschreibungspflicht ab 25.000 EUR beachten.",
  "Geschäftsführer möchte persönlich eingebunden werden.",
];

// biome-ignore format: a word list reads best packed
export const CONTACT_ROLES = [
  "Geschäftsführung", "Einkauf", "Leitung Einkauf", "Technische Leitung", "Leitung Instandhaltung",
  "IT-Leitung", "Produktionsleitung", "Projektleitung", "Kaufmännische Leitung", "Assistenz der Geschäftsführung",
  "Werksleitung", "Leitung Logistik", "Qualitätsmanagement", "Controlling",
];

export const DEAL_SOURCES = ["Messe", "Empfehlung", "Website", "Ausschreibung", "Kaltakquise"];

// biome-ignore format: a word list reads best packed
export const DEAL_TOPICS = [
  "Wartungsvertrag", "Rollout", "Pilotprojekt", "Erweiterung", "Rahmenvertrag", "Modernisierung",
  "Ersatzbeschaffung", "Schulungspaket", "Lizenzverlängerung", "Neuausstattung", "Retrofit", "Serviceerweiterung",
];

// biome-ignore format: a word list reads best packed
export const DEAL_OBJECTS = [
  "Standort Nord", "Werk 2", "Zentrallager", "Hauptverwaltung", "Produktionslinie 3", "Filialnetz",
  "Leitstand", "Versandhalle", "Labor", "Außenlager", "Kundendienst", "Montagehalle",
];

export const LOST_REASONS = [
  "Preis zu hoch – Wettbewerber 12 % günstiger",
  "Budget gestrichen",
  "Projekt auf nächstes Jahr verschoben",
  "Entscheidung für den bisherigen Lieferanten",
  "Ausschreibung an Mitbewerber vergeben",
  "Keine Rückmeldung mehr vom Kunden",
  "Anforderungen passten nicht zu unserem Angebot",
  "Lieferzeit zu lang",
];

/** What Nordlicht sells: price and cost per unit in euros. */
export const PRODUCTS = [
  { name: "Wartungsvertrag Basis (12 Monate)", unit: "Vertrag", price: 4_800, cost: 2_400 },
  { name: "Wartungsvertrag Premium (12 Monate)", unit: "Vertrag", price: 9_600, cost: 4_300 },
  { name: "Sensorik-Kit Industrie 4.0", unit: "Stück", price: 1_250, cost: 690 },
  { name: "Steuerungsmodul NX-200", unit: "Stück", price: 3_400, cost: 2_050 },
  { name: "Fördertechnik-Segment 2 m", unit: "Stück", price: 2_900, cost: 1_900 },
  { name: "Inbetriebnahme vor Ort", unit: "Tag", price: 1_150, cost: 620 },
  { name: "Schulung Bedienpersonal", unit: "Tag", price: 1_400, cost: 560 },
  { name: "Beratung Prozessanalyse", unit: "Tag", price: 1_350, cost: 700 },
  { name: "Software-Lizenz Leitstand", unit: "Lizenz/Jahr", price: 2_200, cost: 450 },
  { name: "Cloud-Monitoring", unit: "Standort/Jahr", price: 1_800, cost: 520 },
  { name: "Ersatzteilpaket Standard", unit: "Paket", price: 780, cost: 480 },
  { name: "Retrofit-Paket Antrieb", unit: "Stück", price: 6_900, cost: 4_600 },
  { name: "Lagerregal-System Modul", unit: "Modul", price: 950, cost: 640 },
  { name: "Fernwartung (Stunde)", unit: "Stunde", price: 145, cost: 60 },
  { name: "Projektmanagement", unit: "Tag", price: 1_250, cost: 650 },
  { name: "Reisekostenpauschale", unit: "Pauschale", price: 350, cost: null },
];

export const GUARDRAILS = [
  {
    kind: "discount",
    limitValue: 1500,
    why: "Mehr als 15 % Rabatt kostet uns den Deckungsbeitrag, den Service und Support brauchen. Wer mehr geben will, holt sich vorher Rat bei Pricing.",
  },
  {
    kind: "margin",
    limitValue: 2500,
    why: "Unter 25 % Marge tragen wir Gewährleistung und Projektrisiken nicht mehr.",
  },
  {
    kind: "paymentTerms",
    limitValue: 30,
    why: "Längere Zahlungsziele finanzieren wir vor; das bindet Liquidität, die wir für Lager und Gehälter brauchen.",
  },
] as const;

export const LETTERHEAD = {
  companyName: "Nordlicht Vertrieb GmbH",
  address: "Am Sandtorkai 42\n20457 Hamburg\nDeutschland",
  email: "angebote@nordlicht-demo.example",
  phone: "+49 40 1234560",
  vatId: "DE123456789",
  bankDetails: "Hamburger Sparkasse · IBAN DE02 2005 0550 1234 5678 90 · BIC HASPDEHHXXX",
  footer: "Nordlicht Vertrieb GmbH · Sitz Hamburg · Amtsgericht Hamburg HRB 000000 (Demo)",
};

export const OFFER_TERMS = [
  "Lieferung innerhalb von 6 Wochen nach Auftragseingang. Es gelten unsere Allgemeinen Geschäftsbedingungen.",
  "Preise zzgl. gesetzlicher Mehrwertsteuer. Inbetriebnahme nach Abstimmung mit Ihrer Technik.",
  "Das Angebot gilt für die genannten Mengen; Teillieferungen nach Absprache.",
];

export const ADVICE_NOTES = [
  "Rabatt mit Pricing abgestimmt: Folgeauftrag für zwei weitere Standorte in Aussicht.",
  "Kollegiale Beratung mit Team Süd: Wettbewerber bietet deutlich günstiger, wir gehen mit.",
  "Pricing rät zu kürzerem Zahlungsziel; Kunde besteht auf 60 Tagen, wir tragen es mit.",
];

/** Timeline entries as the team writes them; `{contact}` is a contact's name. */
export const TIMELINE_TEXTS: { kind: "meeting" | "call" | "note"; body: string }[] = [
  {
    kind: "meeting",
    body: "Termin vor Ort mit {contact}: Halle besichtigt, Bedarf für zwei Linien aufgenommen.",
  },
  {
    kind: "meeting",
    body: "Workshop mit {contact} und Technik: Anforderungen priorisiert, nächste Schritte vereinbart.",
  },
  {
    kind: "meeting",
    body: "Jahresgespräch mit {contact}: zufrieden mit dem Service, Budget fürs nächste Jahr steht.",
  },
  { kind: "meeting", body: "Messegespräch mit {contact} am Stand, Interesse an Fernwartung." },
  { kind: "call", body: "Telefonat mit {contact}: Angebot besprochen, Rückfragen zur Lieferzeit geklärt." },
  { kind: "call", body: "{contact} rief an: Störung an Anlage 3, Technik informiert, heute noch behoben." },
  { kind: "call", body: "Kurzer Anruf bei {contact}: Entscheidung fällt nach der Budgetrunde." },
  { kind: "call", body: "{contact} fragt nach Referenzen aus der Branche – zwei Kontakte vermittelt." },
  { kind: "note", body: "Neue Ansprechpartnerin im Einkauf, {contact} bleibt technisch zuständig." },
  { kind: "note", body: "Wettbewerber war letzte Woche im Haus, laut {contact} vor allem über den Preis." },
  { kind: "note", body: "Zahlungseingang kam verspätet; mit {contact} freundlich geklärt." },
  { kind: "note", body: "Kunde plant Erweiterung am zweiten Standort – im Blick behalten." },
];
