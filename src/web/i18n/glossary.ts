/**
 * Periphery's domain words in English and German: one German word per concept, so the German UI never
 * mixes "Accounts" with "Kunden" or calls the same board three names. `glossary.test.ts` reads every
 * German text of the web app (de.json and each module's i18n.ts) against it.
 *
 * `avoid` lists what a German text must not say for the concept: the English word where German has its
 * own, and German words that sound wrong to a sales team (a workshop's "Ernte"). An English word a
 * German sales team really says is a loanword: its `de` is the English word, with the reason in `why`.
 */
export type GlossaryTerm = {
  /** As PRODUCT.md and the English UI say it. */
  en: string;
  /** As the German UI says it (singular; compounds and plurals follow German grammar). */
  de: string;
  avoid: RegExp[];
  why?: string;
};

export const GLOSSARY: GlossaryTerm[] = [
  {
    en: "account",
    de: "Kunde",
    avoid: [/\bAccounts?\b/],
    why: "German sales teams say Kunde; the area was already called Kunden, so Accounts beside it read as a second thing.",
  },
  { en: "contact", de: "Kontakt", avoid: [/\bContacts?\b/] },
  {
    en: "deal",
    de: "Deal",
    avoid: [/Verkaufschance/, /\bOpportunit/],
    why: "Loanword: German sales teams and the CRMs they import from (Pipedrive, HubSpot) say Deal.",
  },
  {
    en: "pipeline",
    de: "Pipeline",
    avoid: [],
    why: "Loanword: Vertriebspipeline is everyday German sales speech.",
  },
  { en: "stage", de: "Phase", avoid: [/\bStages?\b/] },
  { en: "offer", de: "Angebot", avoid: [/\bOffers?\b/] },
  { en: "guardrail", de: "Leitplanke", avoid: [/\bGuardrails?\b/] },
  { en: "cell", de: "Zelle", avoid: [/\bCells?\b/] },
  {
    en: "periphery cell",
    de: "Peripheriezelle",
    avoid: [/Kundenzelle/],
    why: "Every cell serves customers in the end; the BetaCodex word says which cells face the market.",
  },
  { en: "centre cell", de: "Zentrumszelle", avoid: [/\bCent(re|er)\b/] },
  {
    en: "steward",
    de: "Steward",
    avoid: [/Verwalter/, /Vorgesetzte/],
    why: "Loanword, a role name: German words for it (Verwalter, Leitung) carry the authority the role does not have.",
  },
  {
    en: "board",
    de: "Board",
    avoid: [/Systemboard/, /Brett\b/],
    why: "Loanword: German teams say Board (Kanban-Board). The obstacle board is the Hindernis-Board everywhere.",
  },
  { en: "obstacle", de: "Hindernis", avoid: [/\bObstacles?\b/] },
  { en: "framework conditions", de: "Rahmenbedingungen", avoid: [/\bFramework\b/] },
  { en: "request", de: "Anfrage", avoid: [/\bRequests?\b/] },
  { en: "proposal", de: "Vorschlag", avoid: [/\bProposals?\b/] },
  { en: "advice process", de: "Beratungsprozess", avoid: [/\bAdvice\b/] },
  {
    en: "consent",
    de: "Konsent",
    avoid: [/\bConsent\b/],
    why: "Sociocracy's own German word, distinct from Konsens (everyone agrees).",
  },
  { en: "objection", de: "Einwand", avoid: [/\bObjections?\b/] },
  {
    en: "log",
    de: "Protokoll",
    avoid: [/Audit-Log/, /Entscheidungslog/, /\bLog\b/],
    why: "The audit log and the decision log are both a Protokoll, as the navigation already said.",
  },
  { en: "exchange", de: "Austausch", avoid: [/\bExchange\b/] },
  {
    en: "session",
    de: "Session",
    avoid: [],
    why: "Loanword: German Lean Coffee and Open Space groups say Session.",
  },
  { en: "topic", de: "Thema", avoid: [/\bTopics?\b/] },
  { en: "backlog", de: "Themenspeicher", avoid: [/\bBacklog/] },
  {
    en: "pitch",
    de: "Kurzbeschreibung",
    avoid: [/\bPitch/],
    why: "In a Lean Coffee the one sentence under a topic; nobody pitches anything.",
  },
  {
    en: "harvest",
    de: "Ergebnissicherung",
    avoid: [/\bHarvest/, /\b[Ee]rnte/, /geerntet/, /\bernten\b/],
    why: "The moderation word German facilitators use (Ergebnisse sichern, festhalten); Ernte sounds like farming.",
  },
  {
    en: "learning",
    de: "Erkenntnis",
    avoid: [/\bLearnings?\b/, /\bInsights?\b/],
    why: "A learning entry, a Lean Coffee takeaway and the library's kind insight are all Erkenntnisse.",
  },
  { en: "library", de: "Bibliothek", avoid: [/\bLibrary\b/] },
  { en: "playbook", de: "Leitfaden", avoid: [/\bPlaybooks?\b/] },
  { en: "figure", de: "Kennzahl", avoid: [/\bFigures?\b/, /Einblicke/] },
  {
    en: "peers",
    de: "Vergleichszellen",
    avoid: [/\bPeers?\b/],
    why: "Figures are read against cells of the same kind, not against persons.",
  },
  { en: "facilitator", de: "Moderation", avoid: [/\bFacilitat/] },
  {
    en: "Beta check",
    de: "Beta-Check",
    avoid: [/(?<!Beta-)\bCheck/],
    why: "A name (BetaCodex); Check alone stays English in German, so always the full name.",
  },
];
