/**
 * The demo organisation's exchange formats: a weekly Lean Coffee with a topic backlog, Team Nord's
 * fortnightly retrospective (and more cells' in the larger sizes), a monthly Kollegiale Beratung by
 * invitation (confidential sessions), a fortnightly Troika and a monthly Open Space with its own
 * backlog. Each format repeats from a first date months before today, so its next occurrence is
 * always ahead; its past occurrences are ended sessions with contributions and harvested actions.
 * Dated relative to the demo's today (clock.ts), deterministic from the seed.
 */
import type { Insertable, Kysely } from "kysely";
import type { Cadence, FormatType } from "../../shared/exchange.ts";
import type { Database } from "../db/schema.ts";
import { openingKb } from "../modules/exchange/kollegialeBeratung.ts";
import { openingLeanCoffee } from "../modules/exchange/leanCoffee.ts";
import { openingOpenSpace } from "../modules/exchange/openSpace.ts";
import { openingRetro } from "../modules/exchange/retrospective.ts";
import { openingTroika } from "../modules/exchange/troika.ts";
import { DAY, iso } from "./clock.ts";
import { insertAll } from "./customers.ts";
import { createRandom, type Random } from "./random.ts";

export type ExchangeSize = "small" | "medium" | "large";
export type ExchangeInput = {
  orgId: string;
  size: ExchangeSize;
  seed: number;
  /** The demo's today (midnight UTC, clock.ts). */
  today: number;
  cells: { id: string; name: string; kind: string }[];
  members: { cellId: string; personId: string }[];
};

/** Retrospectives beyond Team Nord's, one per further periphery cell, and past sessions kept per format. */
export const EXCHANGE_SIZES: Record<ExchangeSize, { extraRetros: number; pastSessions: number }> = {
  small: { extraRetros: 0, pastSessions: 6 },
  medium: { extraRetros: 5, pastSessions: 8 },
  large: { extraRetros: 20, pastSessions: 8 },
};
const TIME_ZONE = "Europe/Berlin";

type FormatSeed = {
  name: string;
  type: FormatType;
  description: string;
  cadence: Exclude<Cadence, "onDemand">;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  timeOfDay: string;
  durationMinutes: number;
  /** Invited people; empty for open formats. */
  invited: string[];
  backlog: { title: string; pitch: string }[];
};

const LEAN_COFFEE_BACKLOG = [
  { title: "Wie reagieren wir auf Kampfpreise?", pitch: "Zwei Kunden haben Angebote 20 % unter uns." },
  { title: "Angebote auf einer Seite", pitch: "Erste Erfahrungen mit dem Ein-Seiten-Angebot teilen." },
  { title: "Rahmenverträge mit Stadtwerken", pitch: "Was hat bei Lüneburg funktioniert?" },
  { title: "Messekontakte nachfassen", pitch: "Wer ruft an, wer schreibt – und wann?" },
  { title: "Preiserhöhung ankündigen", pitch: "Formulierungen, die Kunden nicht verschrecken." },
  { title: "Einkauf im Konzern", pitch: "Wie kommen wir an die Fachabteilung heran?" },
];
const OPEN_SPACE_BACKLOG = [
  { title: "Kundennutzen in Zahlen", pitch: "Wie rechnen wir den Nutzen mit dem Kunden aus?" },
  { title: "Zusammenarbeit mit Pricing", pitch: "Was brauchen wir, damit Anfragen schneller gehen?" },
  { title: "Onboarding neuer Kolleg:innen", pitch: "Was hätte euch in den ersten Wochen geholfen?" },
  { title: "Referenzkunden pflegen", pitch: "Wer kümmert sich, wenn das Projekt vorbei ist?" },
];
const CONTRIBUTIONS = [
  "Wir fragen künftig im ersten Termin nach dem Entscheidungsweg.",
  "Das Ein-Seiten-Angebot kam bei zwei Kunden sehr gut an.",
  "Pricing hat in einem Tag geantwortet – danke!",
  "Der Wettbewerber liefert langsamer; das sollten wir betonen.",
  "Bei Ausschreibungen die Fristen gemeinsam im Blick behalten.",
  "Wir sollten Referenzen aus derselben Branche sammeln.",
  "Die Übergabe an Team Süd lief reibungslos.",
  "Zu viele Rückfragen zum Rahmenvertrag; eine Vorlage würde helfen.",
  "Kunden schätzen, wenn wir ehrlich Nein sagen.",
  "Ein kurzer Pilot hat mehr überzeugt als jede Präsentation.",
];
const ACTIONS = [
  "Vorlage für Rahmenverträge mit Recht abstimmen",
  "Referenzfälle der Branche sammeln",
  "Fristen der Ausschreibungen im Kalender eintragen",
  "Ein-Seiten-Angebot im Team ausprobieren",
  "Rückmeldung an Pricing geben",
  "Messekontakte bis Freitag nachfassen",
];

type Rows = {
  exchangeFormat: Insertable<Database["exchangeFormat"]>[];
  exchangeTopic: Insertable<Database["exchangeTopic"]>[];
  exchangeSession: Insertable<Database["exchangeSession"]>[];
  sessionEvent: Insertable<Database["sessionEvent"]>[];
  exchangeContribution: Insertable<Database["exchangeContribution"]>[];
  exchangeHarvest: Insertable<Database["exchangeHarvest"]>[];
};

export async function generateExchange(trx: Kysely<Database>, input: ExchangeInput): Promise<void> {
  const random = createRandom(Math.imul(input.seed, 0x27d4eb2d) ^ 0xec5a);
  const shape = EXCHANGE_SIZES[input.size];
  const members = new Map<string, string[]>();
  for (const m of input.members) members.set(m.cellId, [...(members.get(m.cellId) ?? []), m.personId]);
  const everyone = [...new Set(input.members.map((m) => m.personId))];
  const periphery = input.cells.filter(
    (c) => c.kind === "periphery" && (members.get(c.id)?.length ?? 0) >= 3,
  );
  if (everyone.length < 4 || periphery.length === 0) return;

  const sellers = [...new Set(periphery.flatMap((c) => members.get(c.id) ?? []))];
  const seeds: FormatSeed[] = [
    {
      name: "Lean Coffee Vertrieb",
      type: "leanCoffee",
      description: "Jeden Donnerstag: Themen aus dem Vertriebsalltag, demokratisch priorisiert.",
      cadence: "weekly",
      weekday: 4,
      timeOfDay: "08:30",
      durationMinutes: 45,
      invited: [],
      backlog: LEAN_COFFEE_BACKLOG,
    },
    ...periphery.slice(0, 1 + shape.extraRetros).map(
      (cell): FormatSeed => ({
        name: `Retro ${cell.name}`,
        type: "retrospective",
        description: `Alle zwei Wochen schaut ${cell.name} auf die Zusammenarbeit zurück.`,
        cadence: "fortnightly",
        weekday: 5,
        timeOfDay: "14:00",
        durationMinutes: 60,
        invited: members.get(cell.id) ?? [],
        backlog: [],
      }),
    ),
    {
      name: "Kollegiale Beratung",
      type: "kollegialeBeratung",
      description: "Einmal im Monat bringt jemand einen schwierigen Kundenfall mit. Vertraulich.",
      cadence: "monthly",
      weekday: 2,
      timeOfDay: "16:00",
      durationMinutes: 90,
      invited: random.sample(sellers, Math.min(7, sellers.length)),
      backlog: [],
    },
    {
      name: "Troika am Mittwoch",
      type: "troika",
      description: "Drei Kolleg:innen, eine Frage, dreißig Minuten.",
      cadence: "fortnightly",
      weekday: 3,
      timeOfDay: "12:30",
      durationMinutes: 45,
      invited: [],
      backlog: [],
    },
    {
      name: "Open Space Kundenwert",
      type: "openSpace",
      description: "Einmal im Monat: wer ein Thema hat, lädt ein; wer Lust hat, kommt.",
      cadence: "monthly",
      weekday: 1,
      timeOfDay: "09:00",
      durationMinutes: 180,
      invited: [],
      backlog: OPEN_SPACE_BACKLOG,
    },
  ];

  const rows: Rows = {
    exchangeFormat: [],
    exchangeTopic: [],
    exchangeSession: [],
    sessionEvent: [],
    exchangeContribution: [],
    exchangeHarvest: [],
  };
  for (const seed of seeds) planFormat(random, input, rows, seed, everyone, shape.pastSessions);
  // Parents before children: foreign keys are checked statement by statement.
  await insertAll(trx, "exchangeFormat", rows.exchangeFormat);
  await insertAll(trx, "exchangeTopic", rows.exchangeTopic);
  await insertAll(trx, "exchangeSession", rows.exchangeSession);
  await insertAll(trx, "sessionEvent", rows.sessionEvent);
  await insertAll(trx, "exchangeContribution", rows.exchangeContribution);
  await insertAll(trx, "exchangeHarvest", rows.exchangeHarvest);
}

function planFormat(
  random: Random,
  input: ExchangeInput,
  rows: Rows,
  seed: FormatSeed,
  everyone: string[],
  pastSessions: number,
) {
  const { orgId, today } = input;
  const id = random.uuid();
  // The series started about half a year ago, on the format's weekday (monthly: its first one).
  const startsOn = firstWeekdayOnOrAfter(today - random.int(150, 220) * DAY, seed.weekday, seed.cadence);
  const created = Date.parse(`${startsOn}T08:00:00Z`) - random.int(3, 14) * DAY;
  rows.exchangeFormat.push({
    id,
    orgId,
    name: seed.name,
    type: seed.type,
    description: seed.description,
    cadence: seed.cadence,
    startsOn,
    timeOfDay: seed.timeOfDay,
    timeZone: TIME_ZONE,
    durationMinutes: seed.durationMinutes,
    access: seed.invited.length > 0 ? "invitation" : "open",
    participantIds: JSON.stringify(seed.invited),
    createdAt: iso(created),
    updatedAt: iso(created),
    version: 1,
  });
  const pool = seed.invited.length > 0 ? seed.invited : everyone;
  // The backlog: topics proposed since the last session, waiting for the next one.
  for (const topic of seed.backlog) {
    const anonymous = random.chance(0.15);
    rows.exchangeTopic.push({
      id: random.uuid(),
      orgId,
      formatId: id,
      title: topic.title,
      pitch: topic.pitch,
      authorId: anonymous ? null : random.pick(pool),
      createdAt: iso(today - random.int(1, 6) * DAY + random.int(8, 17) * 3_600_000),
    });
  }

  const dates = occurrencesBefore(startsOn, seed.cadence, today).slice(-pastSessions);
  for (const date of dates) {
    const started = zonedInstant(date, seed.timeOfDay, TIME_ZONE);
    const ended = started + seed.durationMinutes * 60_000;
    const confidential = seed.type === "kollegialeBeratung";
    const present = random.sample(pool, Math.min(pool.length, random.int(4, 6)));
    const [facilitatorId, caseOwnerId] = present;
    const participantIds = confidential ? present : seed.invited;
    const anonymous = !confidential && random.chance(0.2);
    const sessionId = random.uuid();
    rows.exchangeSession.push({
      id: sessionId,
      orgId,
      formatId: id,
      kind: seed.type,
      facilitatorId,
      caseOwnerId: confidential ? caseOwnerId : null,
      anonymous: anonymous ? 1 : 0,
      confidential: confidential ? 1 : 0,
      participantIds: JSON.stringify(participantIds),
      startedAt: iso(started),
      endedAt: iso(ended),
      version: 2,
    });
    const opening = openingEvents(
      seed,
      { facilitatorId, caseOwnerId, participantIds: present, anonymous },
      random,
    );
    for (const [i, event] of opening.entries()) {
      rows.sessionEvent.push({
        orgId,
        sessionId,
        seq: i + 1,
        type: event.type,
        payload: JSON.stringify(event.payload ?? null),
        actorId: null,
        at: iso(started),
      });
    }
    for (let i = random.int(2, 4); i > 0; i--) {
      rows.exchangeContribution.push({
        id: random.uuid(),
        orgId,
        sessionId,
        authorId: anonymous ? null : random.pick(present),
        body: random.pick(CONTRIBUTIONS),
        createdAt: iso(started + random.int(5, seed.durationMinutes - 5) * 60_000),
      });
    }
    // An action from most sessions: who does what by when; older ones are done.
    if (random.chance(0.7)) {
      const due = ended + random.int(5, 14) * DAY;
      rows.exchangeHarvest.push({
        id: random.uuid(),
        orgId,
        sessionId,
        kind: "action",
        title: random.pick(ACTIONS),
        body: "",
        targetId: null,
        personId: random.pick(present),
        dueDate: iso(due).slice(0, 10),
        doneAt: due < today ? iso(due - random.int(0, 3) * DAY) : null,
        createdAt: iso(ended - 5 * 60_000),
        version: due < today ? 2 : 1,
      });
    }
  }
}

function openingEvents(
  seed: FormatSeed,
  session: { facilitatorId: string; caseOwnerId: string; participantIds: string[]; anonymous: boolean },
  random: Random,
): { type: string; payload: unknown }[] {
  const { facilitatorId, anonymous } = session;
  // The topics of a past session: some of what the backlog held then.
  const backlog = random
    .sample(seed.type === "openSpace" ? OPEN_SPACE_BACKLOG : LEAN_COFFEE_BACKLOG, 3)
    .map((topic) => ({ ...topic, authorId: random.pick(session.participantIds) }));
  switch (seed.type) {
    case "leanCoffee":
      return openingLeanCoffee({ facilitatorId, anonymous, backlog });
    case "kollegialeBeratung":
      return openingKb({
        caseOwnerId: session.caseOwnerId,
        moderatorId: facilitatorId,
        participantIds: session.participantIds,
      });
    case "retrospective":
      return openingRetro({ facilitatorId, anonymous });
    case "troika":
      return openingTroika({ facilitatorId });
    case "openSpace":
      return openingOpenSpace({ facilitatorId, anonymous, backlog });
  }
}

/**
 * The series' first date: the first `weekday` on or after `from`; for a monthly format the first such
 * weekday of the month after `from`, so it repeats as "the 1st <weekday> of the month" (schedule.ts).
 */
function firstWeekdayOnOrAfter(from: number, weekday: number, cadence: Cadence): string {
  const start = new Date(from);
  let day =
    cadence === "monthly"
      ? Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)
      : Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  while (new Date(day).getUTCDay() !== weekday) day += DAY;
  return iso(day).slice(0, 10);
}

/** The series' dates before `today` (midnight UTC), the way the calendar feed repeats them. */
function occurrencesBefore(startsOn: string, cadence: Cadence, today: number): string[] {
  const first = Date.parse(`${startsOn}T00:00:00Z`);
  const dates: string[] = [];
  if (cadence === "weekly" || cadence === "fortnightly") {
    const step = (cadence === "weekly" ? 7 : 14) * DAY;
    for (let day = first; day < today; day += step) dates.push(iso(day).slice(0, 10));
    return dates;
  }
  // Monthly on the first such weekday of the month.
  const weekday = new Date(first).getUTCDay();
  for (let month = 0; ; month++) {
    const start = new Date(first);
    let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month, 1);
    while (new Date(day).getUTCDay() !== weekday) day += DAY;
    if (day >= today) return dates;
    dates.push(iso(day).slice(0, 10));
  }
}

/** The instant of a local date and time in a time zone (Intl gives the zone's offset on that day). */
function zonedInstant(date: string, time: string, timeZone: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(wall));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return wall - (local - wall);
}
