/**
 * Texts of the demo's decisions, as sales teams write them. `{account}`, `{cell}`, `{n}` and
 * `{fair}` are filled in by the generator.
 */
export type DecisionTopic = {
  title: string;
  problem: string;
  proposal: string;
  decisions: string[];
  /** What the proposal links to besides its cell. */
  link: "account" | "offer" | "guardrail" | "none";
};

export const ADVICE_TOPICS: DecisionTopic[] = [
  {
    title: "Sonderrabatt für {account}",
    problem: "{account} vergleicht mit einem günstigeren Anbieter und fragt nach mehr Rabatt.",
    proposal: "Einmalig {n} % Rabatt auf die Beratungstage, gebunden an eine Laufzeit von zwei Jahren.",
    decisions: [
      "Wir geben einmalig {n} % Rabatt, gebunden an einen Zweijahresvertrag.",
      "Kein zusätzlicher Rabatt; stattdessen ein kostenloser Einführungsworkshop.",
    ],
    link: "offer",
  },
  {
    title: "Zahlungsziel 60 Tage für {account}",
    problem: "Die Einkaufsabteilung von {account} zahlt grundsätzlich erst nach 60 Tagen.",
    proposal: "Wir akzeptieren 60 Tage für diesen Rahmenvertrag und sichern das Volumen.",
    decisions: ["60 Tage Zahlungsziel, dafür Abschlagszahlungen je Quartal.", "Wir bleiben bei 30 Tagen."],
    link: "account",
  },
  {
    title: "Messestand auf der {fair}",
    problem: "Viele Interessenten aus unserem Marktsegment treffen wir nur auf der {fair}.",
    proposal: "Ein kleiner Gemeinschaftsstand mit einem Partner, zwei Personen aus {cell} betreuen ihn.",
    decisions: ["Wir buchen den kleinen Stand gemeinsam mit einem Partner.", "Wir besuchen die Messe nur."],
    link: "none",
  },
  {
    title: "Kostenloses Pilotprojekt bei {account}",
    problem: "{account} zögert, weil die Integration in ihre Systeme unklar ist.",
    proposal: "Vier Wochen Pilot ohne Kosten, mit klaren Erfolgskriterien vorab.",
    decisions: ["Pilot ja, aber mit Eigenbeteiligung von 20 %.", "Kostenloser Pilot über vier Wochen."],
    link: "account",
  },
  {
    title: "Neue Demo-Notebooks für {cell}",
    problem: "Die Demo-Geräte von {cell} sind fünf Jahre alt und stürzen bei Präsentationen ab.",
    proposal: "Drei gebrauchte, aufbereitete Notebooks statt neuer Geräte.",
    decisions: [
      "Drei aufbereitete Notebooks, eines als Reserve.",
      "Zwei neue Geräte, geteilt mit dem Nachbarteam.",
    ],
    link: "none",
  },
  {
    title: "Kundenbesuch bei {account} vor Ort",
    problem: "Die Entscheidung bei {account} fällt in der Geschäftsführung, die wir nie getroffen haben.",
    proposal: "Zwei Personen fahren zu einem halbtägigen Workshop vor Ort.",
    decisions: ["Eine Person fährt, die zweite ist per Video dabei.", "Wir fahren zu zweit."],
    link: "account",
  },
];

export const CONSENT_TOPICS: DecisionTopic[] = [
  {
    title: "Rabattband auf {n} % erweitern",
    problem: "Im Projektgeschäft liegen viele Angebote knapp über dem Rabattband.",
    proposal: "Das Rabattband gilt bis {n} %; darüber bleibt der Beratungsprozess.",
    decisions: ["Das Rabattband liegt ab jetzt bei {n} %, Rückblick nach einem Quartal."],
    link: "guardrail",
  },
  {
    title: "Arbeitsvereinbarung: Angebote im Tandem prüfen",
    problem: "In {cell} gingen zuletzt Angebote mit Rechenfehlern hinaus.",
    proposal: "Jedes Angebot über 50.000 EUR liest vor dem Versand eine zweite Person aus {cell}.",
    decisions: ["Tandem-Prüfung für Angebote über 50.000 EUR, ohne Freigabe, nur als zweites Paar Augen."],
    link: "none",
  },
  {
    title: "Pipeline-Runde wöchentlich statt monatlich",
    problem: "Übergaben zwischen den Teams dauern zu lange, weil wir uns selten sehen.",
    proposal: "Eine kurze wöchentliche Runde von 20 Minuten, offen für alle Zellen.",
    decisions: ["Wöchentlich 20 Minuten, Moderation rotiert."],
    link: "none",
  },
];

export const FAIRS = [
  "Hannover Messe",
  "it-sa Nürnberg",
  "LogiMAT Stuttgart",
  "E-world Essen",
  "Medica Düsseldorf",
];

export const ADVICE_BODIES = [
  "Pricing rät, den Rabatt an eine längere Laufzeit zu binden.",
  "Aus Sicht der Buchhaltung geht das, wenn wir Abschläge vereinbaren.",
  "Wir hatten das bei einem ähnlichen Kunden – es hat sich gelohnt.",
  "Bitte die Marge im Blick behalten, die Kosten sind gestiegen.",
  "Ich würde vorher mit der Geschäftsführung des Kunden sprechen.",
  "Gute Idee, aber nicht vor dem Quartalsende des Kunden.",
];

export const ADVICE_USES = [
  "Den Rat zur Laufzeit habe ich übernommen.",
  "Dem Rat zur Marge bin ich nicht gefolgt: Der Folgeauftrag gleicht das aus.",
  "Alle Hinweise sind eingeflossen.",
  "Gegen den Rat entschieden, weil der Kunde sonst abspringt; Rückblick in drei Monaten.",
];

export const OUTCOMES = [
  { happened: "Der Kunde hat verlängert.", learned: "Laufzeitbindung wirkt besser als Rabatt allein." },
  { happened: "Der Folgeauftrag kam nicht.", learned: "Zusagen des Kunden schriftlich festhalten." },
  { happened: "Hat gut funktioniert.", learned: "Beim nächsten Mal früher die Nachbarzelle fragen." },
];
