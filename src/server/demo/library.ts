/**
 * The demo organisation's library: learning entries of every kind in German and English (most
 * looked after by a cell, some overdue for review), "this helped me" marks, questions with answers,
 * and experiments whose learning became an entry. Large writes 50,000 entries in chunks of bulk
 * inserts with their search rows (bench/library.ts searches them). Works on an organisation that
 * already has its people and cells, so a benchmark may create only those and the library.
 */
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { inOrg } from "../db/scope.ts";
import { indexRow } from "../modules/library/searchIndex.ts";
import { DAY, HOUR } from "./clock.ts";
import { insertAll } from "./customers.ts";
import { createRandom, type Random } from "./random.ts";

export type LibrarySize = "small" | "medium" | "large";
export const LIBRARY_SIZES: Record<LibrarySize, { entries: number; questions: number; experiments: number }> =
  {
    small: { entries: 60, questions: 12, experiments: 4 },
    medium: { entries: 2_000, questions: 300, experiments: 40 },
    large: { entries: 50_000, questions: 5_000, experiments: 400 },
  };
const CHUNK = 5_000;
/** Entries and questions spread over the 690 days after the library started, 700 days before today. */
const SPAN_DAYS = 690;
const STARTED_DAYS_BEFORE = 700;
const KINDS = ["insight", "winStory", "lossReview", "playbook", "objectionHandling"] as const;

const TOPICS_DE = [
  "Rabattverhandlungen mit Stadtwerken",
  "Angebote für Kliniken",
  "Ausschreibungen im öffentlichen Sektor",
  "Preiserhöhungen ankündigen",
  "Wartungsverträge verlängern",
  "Einkäufer in Konzernen",
  "Pilotprojekte im Mittelstand",
  "Zahlungsziele verhandeln",
  "Wettbewerber mit Kampfpreisen",
  "Entscheidungen im Buying Center",
  "Kündigungen verhindern",
  "Messekontakte nachfassen",
];
const TOPICS_EN = [
  "Negotiating discounts with utilities",
  "Selling to hospital groups",
  "Public tenders",
  "Announcing price increases",
  "Renewing service contracts",
  "Procurement in large companies",
  "Pilots with mid-sized firms",
  "Payment terms",
  "Competitors undercutting prices",
  "Buying committees",
  "Preventing churn",
  "Following up trade fair leads",
];
const SENTENCES_DE = [
  "Wir haben zuerst den Nutzen beziffert und erst danach über den Preis gesprochen.",
  "Der Einkauf wollte zehn Prozent Nachlass, bekam aber eine längere Laufzeit.",
  "Ohne die Technik im Raum kam die Entscheidung nicht voran.",
  "Ein kleiner Pilot mit klaren Erfolgskriterien hat das Vertrauen geschaffen.",
  "Die Referenz eines anderen Kunden aus derselben Branche war entscheidend.",
  "Wir haben die Frist der Ausschreibung zu spät bemerkt.",
  "Die Kosten der Umstellung waren für den Kunden wichtiger als der Listenpreis.",
  "Ein gemeinsamer Workshop hat die Anforderungen geklärt.",
  "Das Angebot war zu lang; eine Seite mit drei Optionen kam besser an.",
  "Nach der Preiserhöhung haben wir jeden Kunden persönlich angerufen.",
  "Der Wettbewerber lockte mit Rabatten, wir mit schneller Lieferung.",
  "Wer im Buying Center wirklich entscheidet, erfuhren wir erst spät.",
  "Die Verhandlung kippte, als wir die Servicezeiten garantierten.",
  "Ein Rahmenvertrag spart beiden Seiten wiederholte Verhandlungen.",
  "Der Kunde schätzte, dass wir Nein zu einem unrealistischen Termin sagten.",
];
const SENTENCES_EN = [
  "We quantified the value first and only then talked about price.",
  "Procurement asked for ten percent off but accepted a longer term instead.",
  "Without the engineers in the room the decision stalled.",
  "A small pilot with clear success criteria built the trust we needed.",
  "A reference from a customer in the same industry made the difference.",
  "We noticed the tender deadline too late.",
  "Switching costs mattered more to the customer than the list price.",
  "A joint workshop clarified the requirements.",
  "The offer was too long; one page with three options worked better.",
  "After the price increase we called every customer personally.",
  "The competitor lured them with discounts, we won with faster delivery.",
  "We learned late who really decides in the buying committee.",
  "The negotiation turned when we guaranteed the service hours.",
  "A framework agreement spares both sides repeated negotiations.",
  "The customer valued that we said no to an unrealistic date.",
];
const TAGS = [
  "Preise",
  "Rabatt",
  "Ausschreibung",
  "Energie",
  "Gesundheit",
  "Verwaltung",
  "pricing",
  "renewal",
  "pilot",
];
const QUESTIONS_DE = [
  "Wer hat Erfahrung mit Ausschreibungen bei Stadtwerken?",
  "Wie begründet ihr eine Preiserhöhung gegenüber Kliniken?",
  "Gibt es eine Vorlage für Rahmenverträge?",
  "Wie geht ihr mit Kampfpreisen der Wettbewerber um?",
];
const QUESTIONS_EN = [
  "Who has negotiated payment terms with a hospital group?",
  "How do you open a conversation about renewal?",
  "Is there a checklist for public tenders?",
];

type Context = {
  random: Random;
  orgId: string;
  /** The day the library started, 08:00 UTC. */
  start: number;
  today: number;
  cells: string[];
  people: string[];
  sessions: string[];
};

const iso = (ms: number) => new Date(ms).toISOString();

function entryText(random: Random, german: boolean): { title: string; body: string } {
  const topics = german ? TOPICS_DE : TOPICS_EN;
  const sentences = german ? SENTENCES_DE : SENTENCES_EN;
  const title = `${random.pick(topics)}${random.chance(0.5) ? "" : german ? `: ${random.pick(["was half", "was wir ändern", "ein Fall", "Lehren"])}` : `: ${random.pick(["what helped", "what we change", "a case", "lessons"])}`}`;
  const body = random
    .sample(sentences, random.int(3, 6))
    .map((s, i) => (i === 0 ? `**${s}**` : s))
    .join(" ");
  return { title, body };
}

async function writeChunk(
  trx: Kysely<Database>,
  context: Context,
  from: number,
  to: number,
  spanDays: number,
) {
  const { random, orgId, start: BASE } = context;
  const learning: Insertable<Database["learning"]>[] = [];
  const helped: Insertable<Database["learningHelped"]>[] = [];
  const links: Insertable<Database["learningLink"]>[] = [];
  const search: Parameters<typeof indexRow>[0][] = [];
  for (let i = from; i < to; i++) {
    const id = random.uuid();
    const german = random.chance(0.7);
    const { title, body } = entryText(random, german);
    const createdMs = BASE + Math.floor((i / Math.max(1, to)) * spanDays * DAY) + random.int(0, DAY);
    const careCellId = random.chance(0.8) ? random.pick(context.cells) : null;
    const interval = random.pick([90, 180, 365]);
    // Some entries were never reviewed and are overdue; the rest were reviewed recently.
    const reviewedMs =
      careCellId && random.chance(0.7) ? Math.min(createdMs + random.int(1, 60) * DAY, context.today) : null;
    const tags = random.sample(TAGS, random.int(0, 3));
    const kind = random.pick(KINDS);
    const authors = random.sample(context.people, random.int(1, 2));
    const count = random.chance(0.3) ? random.int(1, Math.min(4, context.people.length)) : 0;
    const sourceSessionId =
      context.sessions.length && random.chance(0.05) ? random.pick(context.sessions) : null;
    learning.push({
      id,
      orgId,
      title,
      body,
      sourceSessionId,
      createdAt: iso(createdMs),
      kind,
      tags: JSON.stringify(tags),
      authorIds: JSON.stringify(authors),
      careCellId,
      reviewIntervalDays: interval,
      reviewDueAt: careCellId ? iso((reviewedMs ?? createdMs) + interval * DAY) : null,
      reviewedAt: reviewedMs ? iso(reviewedMs) : null,
      helpedCount: count,
      updatedAt: iso(createdMs),
      version: 1,
    });
    for (const personId of random.sample(context.people, count))
      helped.push({ learningId: id, personId, orgId, createdAt: iso(createdMs + DAY) });
    if (sourceSessionId) links.push({ learningId: id, orgId, type: "session", targetId: sourceSessionId });
    search.push({
      orgId,
      docType: "entry",
      docId: id,
      kind,
      cellId: careCellId,
      tags,
      createdAt: iso(createdMs),
      title,
      texts: [body],
    });
  }
  await insertAll(trx, "learning", learning);
  await insertAll(trx, "learningHelped", helped);
  await insertAll(trx, "learningLink", links);
  await insertAll(trx, "librarySearch", search.map(indexRow));
}

export async function generateLibrary(
  trx: Kysely<Database>,
  input: { orgId: string; size: LibrarySize; seed: number; today: number },
): Promise<void> {
  const random = createRandom(Math.imul(input.seed, 0x3c6ef372) ^ 0x11b7);
  const shape = LIBRARY_SIZES[input.size];
  const orgId = input.orgId;
  const cells = (
    await trx.selectFrom("cell").select("id").where(inOrg(orgId)).orderBy("name").orderBy("id").execute()
  ).map((c) => c.id);
  const people = (
    await trx.selectFrom("person").select("id").where(inOrg(orgId)).orderBy("id").limit(500).execute()
  ).map((p) => p.id);
  if (!cells.length || !people.length) return;
  const sessions = (
    await trx
      .selectFrom("exchangeSession")
      .select("id")
      .where(inOrg(orgId))
      .where("confidential", "=", 0)
      .orderBy("id")
      .limit(200)
      .execute()
  ).map((s) => s.id);
  const BASE = input.today - STARTED_DAYS_BEFORE * DAY + 8 * HOUR;
  const context: Context = { random, orgId, start: BASE, today: input.today, cells, people, sessions };
  const spanDays = SPAN_DAYS;
  for (let from = 0; from < shape.entries; from += CHUNK)
    await writeChunk(trx, context, from, Math.min(shape.entries, from + CHUNK), spanDays);

  // Questions and their answers; the asker marked some answers as helpful.
  const questions: Insertable<Database["libraryQuestion"]>[] = [];
  const answers: Insertable<Database["libraryAnswer"]>[] = [];
  const questionSearch: Parameters<typeof indexRow>[0][] = [];
  for (let i = 0; i < shape.questions; i++) {
    const id = random.uuid();
    const german = random.chance(0.7);
    const title = random.pick(german ? QUESTIONS_DE : QUESTIONS_EN);
    const createdMs = BASE + Math.floor((i / shape.questions) * spanDays * DAY);
    const bodies = random.sample(german ? SENTENCES_DE : SENTENCES_EN, random.int(0, 3));
    const askerId = random.pick(people);
    for (const [n, body] of bodies.entries())
      answers.push({
        id: random.uuid(),
        orgId,
        questionId: id,
        authorId: random.pick(people),
        body,
        helped: n === 0 && random.chance(0.6) ? 1 : 0,
        createdAt: iso(createdMs + (n + 1) * 3_600_000),
      });
    const tags = random.sample(TAGS, random.int(0, 2));
    questions.push({
      id,
      orgId,
      title,
      body: "",
      tags: JSON.stringify(tags),
      askerId,
      answerCount: bodies.length,
      createdAt: iso(createdMs),
    });
    questionSearch.push({
      orgId,
      docType: "question",
      docId: id,
      kind: null,
      cellId: null,
      tags,
      createdAt: iso(createdMs),
      title,
      texts: bodies,
    });
  }
  await insertAll(trx, "libraryQuestion", questions);
  await insertAll(trx, "libraryAnswer", answers);
  await insertAll(trx, "librarySearch", questionSearch.map(indexRow));

  // Experiments, half of them finished with a result; finished ones link the entry they became.
  const entryIds = (
    await trx
      .selectFrom("learning")
      .select("id")
      .where(inOrg(orgId))
      .orderBy("id")
      .limit(shape.experiments)
      .execute()
  ).map((e) => e.id);
  const experiments: Insertable<Database["libraryExperiment"]>[] = [];
  for (let i = 0; i < shape.experiments; i++) {
    const fromMs = BASE + random.int(0, spanDays - 90) * DAY;
    const done = i % 2 === 0;
    experiments.push({
      id: random.uuid(),
      orgId,
      cellId: random.pick(cells),
      title: random.pick([
        "Erst Nutzen, dann Preis",
        "Ein-Seiten-Angebot",
        "Pilot vor Rahmenvertrag",
        "Anruf statt E-Mail",
      ]),
      hypothesis: random.pick(SENTENCES_DE),
      fromDate: iso(fromMs).slice(0, 10),
      toDate: iso(fromMs + 60 * DAY).slice(0, 10),
      measure: random.pick([
        "Durchschnittlicher Rabatt",
        "Gewinnquote der Zelle",
        "Tage bis zum ersten Angebot",
      ]),
      result: done ? random.pick(SENTENCES_DE) : "",
      learningId: done ? (entryIds[i] ?? null) : null,
      createdAt: iso(fromMs),
      updatedAt: iso(fromMs),
      version: 1,
    });
  }
  await insertAll(trx, "libraryExperiment", experiments);
}
