import type { Language } from "../../../shared/common.ts";
import type { PersonalData } from "./personalData.ts";

/**
 * `index.html` of the personal-data export: the same content as `data.json`, readable in the person's
 * language without any program but a browser. Self-contained (no script, no external file); every
 * value is escaped, since it holds text people typed.
 */

const TEXTS = {
  en: {
    title: "Your personal data in Periphery",
    intro:
      "Everything {organisation} stores about you in Periphery, as of {date}. The same data, machine-readable, is in data.json beside this page. Beta check answers are anonymous: they are stored without your name, so only the checks you took part in are listed.",
    profile: "Profile",
    empty: "Nothing stored.",
    rows: "{count} entries",
  },
  de: {
    title: "Deine personenbezogenen Daten in Periphery",
    intro:
      "Alles, was {organisation} in Periphery über dich speichert, Stand {date}. Dieselben Daten maschinenlesbar stehen in data.json neben dieser Seite. Antworten auf Beta-Checks sind anonym: Sie werden ohne deinen Namen gespeichert, deshalb stehen hier nur die Checks, an denen du teilgenommen hast.",
    profile: "Profil",
    empty: "Nichts gespeichert.",
    rows: "{count} Einträge",
  },
} as const;

const SECTION_TITLES: Record<string, Record<Language, string>> = {
  cells: { en: "Cells you belong to", de: "Deine Zellen" },
  cellMemberships: { en: "Cell membership history", de: "Verlauf deiner Zellmitgliedschaften" },
  sessions: { en: "Sign-in sessions", de: "Anmeldesitzungen" },
  passwordResets: { en: "Password resets", de: "Zurückgesetzte Passwörter" },
  invitationsSent: { en: "Invitations you sent", de: "Einladungen, die du verschickt hast" },
  invitationsToYou: { en: "Invitations to you", de: "Einladungen an dich" },
  auditEntriesByYou: { en: "Audit log: what you did", de: "Protokoll: was du getan hast" },
  auditEntriesAboutYou: { en: "Audit log: changes to you", de: "Protokoll: Änderungen an dir" },
  timelineEntries: { en: "Account timeline entries", de: "Einträge im Account-Verlauf" },
  dealsYouAreInvolvedIn: { en: "Deals you are involved in", de: "Deals, an denen du beteiligt bist" },
  handovers: { en: "Hand-overs you gave", de: "Übergaben, die du gemacht hast" },
  imports: { en: "Imports you ran", de: "Importe, die du gestartet hast" },
  proposals: { en: "Proposals and decisions", de: "Vorschläge und Entscheidungen" },
  adviceAskedOfYou: { en: "Advice asked of you", de: "Um deinen Rat gebeten" },
  advice: { en: "Advice you gave", de: "Dein Rat" },
  consentEntries: { en: "Consent rounds: your entries", de: "Konsentrunden: deine Beiträge" },
  notifications: { en: "Notifications", de: "Benachrichtigungen" },
  emailPreferences: { en: "E-mail preferences", de: "E-Mail-Einstellungen" },
  exchangeFormats: {
    en: "Exchange formats you are invited to",
    de: "Austauschformate, zu denen du eingeladen bist",
  },
  exchangeTopics: { en: "Topics you brought", de: "Themen, die du eingebracht hast" },
  exchangeSessions: { en: "Exchange sessions", de: "Austauschsitzungen" },
  exchangeContributions: { en: "Your contributions", de: "Deine Beiträge" },
  liveRoomEvents: { en: "Live room actions", de: "Aktionen im Live-Raum" },
  harvestActions: { en: "Actions assigned to you", de: "Dir zugeordnete Aktionen" },
  calendarFeeds: { en: "Calendar feeds", de: "Kalender-Abos" },
  learnings: { en: "Learnings you wrote", de: "Erkenntnisse, die du geschrieben hast" },
  learningsMarkedHelpful: { en: "Learnings you marked helpful", de: "Erkenntnisse, die dir geholfen haben" },
  libraryQuestions: { en: "Questions you asked", de: "Deine Fragen" },
  libraryAnswers: { en: "Answers you gave", de: "Deine Antworten" },
  obstacles: {
    en: "Obstacles you raised or took up",
    de: "Hindernisse, die du gemeldet oder aufgegriffen hast",
  },
  obstaclesAffectingYou: { en: "Obstacles affecting you", de: "Hindernisse, die dich betreffen" },
  serviceRequests: { en: "Service requests", de: "Serviceanfragen" },
  betaCheckParticipation: {
    en: "Beta checks you took part in (answers are anonymous)",
    de: "Beta-Checks, an denen du teilgenommen hast (Antworten sind anonym)",
  },
  signInFailures: { en: "Failed sign-ins", de: "Fehlgeschlagene Anmeldungen" },
};

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? "");

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  return escapeHtml(typeof value === "string" ? value : JSON.stringify(value));
}

function table(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${columns.map((c) => `<td>${cell(row[c])}</td>`).join("")}</tr>`)
    .join("\n");
  return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

export function renderPersonalDataPage(data: PersonalData, language: Language): string {
  const t = TEXTS[language];
  const date = new Intl.DateTimeFormat(language === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(data.exportedAt));
  const profileRows = Object.entries(data.profile)
    .map(([key, value]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${cell(value)}</td></tr>`)
    .join("\n");
  const sections = Object.entries(data.sections)
    .map(([key, rows]) => {
      const title = SECTION_TITLES[key]?.[language] ?? key;
      const content = rows.length
        ? `<p>${escapeHtml(fill(t.rows, { count: rows.length.toLocaleString(language) }))}</p>${table(rows)}`
        : `<p>${escapeHtml(t.empty)}</p>`;
      return `<section><h2>${escapeHtml(title)}</h2>${content}</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1rem auto;max-width:70rem;padding:0 1rem;line-height:1.4}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(fill(t.intro, { organisation: data.organisation.name, date }))}</p>
<section><h2>${escapeHtml(t.profile)}</h2><table><tbody>
${profileRows}
</tbody></table></section>
${sections}
</main>
</body>
</html>
`;
}
