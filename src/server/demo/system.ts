/**
 * The demo organisation's work on the system: obstacles on the board (open, taken up, changed with
 * what changed, declined with why — lead times from a day to a few months, and cells saying "affects
 * us too"), the service catalogue of every centre cell (Recht offers a contract review) with requests
 * pulled by periphery cells over the year before today — most delivered and rated, some declined, a
 * few still open — and the framework conditions register. Dated relative to the demo's today
 * (clock.ts), deterministic from the seed.
 */
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { DAY, HOUR, iso } from "./clock.ts";
import { insertAll } from "./customers.ts";
import { createRandom } from "./random.ts";

export type SystemSize = "small" | "medium" | "large";
export const SYSTEM_SIZES: Record<SystemSize, { obstacles: number; requests: number }> = {
  small: { obstacles: 24, requests: 160 },
  medium: { obstacles: 150, requests: 2_000 },
  large: { obstacles: 2_000, requests: 30_000 },
};
export type SystemInput = {
  orgId: string;
  size: SystemSize;
  seed: number;
  /** The demo's today (midnight UTC, clock.ts). */
  today: number;
  cells: { id: string; name: string; kind: string }[];
  members: { cellId: string; personId: string }[];
};

const CHUNK = 5_000;
const days = (ms: number) => Math.round((ms / DAY) * 10) / 10;

type ServiceSeed = { name: string; description: string; howToAsk: string; typicalLeadDays: number };
const NAMED_SERVICES: Record<string, ServiceSeed[]> = {
  Recht: [
    {
      name: "Vertragsprüfung",
      description:
        "Wir prüfen Rahmenverträge, AGB-Abweichungen und Haftungsklauseln, bevor ihr unterschreibt.",
      howToAsk: "Entwurf als Datei anhängen, Kunde und gewünschter Unterschriftstermin dazu.",
      typicalLeadDays: 3,
    },
    {
      name: "Ausschreibungsbedingungen klären",
      description: "Vergaberecht, Eignungskriterien und Fristen öffentlicher Ausschreibungen.",
      howToAsk: "Link zur Ausschreibung und eure offenen Fragen.",
      typicalLeadDays: 2,
    },
  ],
  Pricing: [
    {
      name: "Preisfindung für Sonderkonditionen",
      description: "Wir rechnen Staffeln, Mehrjahrespreise und Deckungsbeiträge mit euch durch.",
      howToAsk: "Mengen, Laufzeit und das Angebot des Wettbewerbs, falls bekannt.",
      typicalLeadDays: 2,
    },
    {
      name: "Preisliste aktualisieren",
      description: "Neue Produkte oder Preise in die Preisliste aufnehmen.",
      howToAsk: "Produkt, Preis und ab wann.",
      typicalLeadDays: 5,
    },
  ],
  Marketing: [
    {
      name: "Referenzfall aufbereiten",
      description: "Wir machen aus eurem gewonnenen Projekt einen Referenzfall mit Kundenzitat.",
      howToAsk: "Kunde, Ansprechpartner und was das Projekt besonders macht.",
      typicalLeadDays: 10,
    },
    {
      name: "Messeauftritt",
      description: "Stand, Material und Einladungen für eine Messe.",
      howToAsk: "Messe, Datum und wen ihr treffen wollt.",
      typicalLeadDays: 20,
    },
  ],
  Produkt: [
    {
      name: "Technische Machbarkeit klären",
      description: "Passt unser Produkt zur Anforderung des Kunden? Wir klären es mit euch.",
      howToAsk: "Anforderung oder Lastenheft und der Termin beim Kunden.",
      typicalLeadDays: 4,
    },
  ],
};
const genericServices = (cellName: string): ServiceSeed[] => [
  {
    name: `Anfrage an ${cellName}`,
    description: `${cellName} hilft euch bei allem, was in ihren Bereich fällt.`,
    howToAsk: "Kurz beschreiben, was ihr braucht und bis wann.",
    typicalLeadDays: 3,
  },
  {
    name: `Klärung mit ${cellName}`,
    description: "Eine Frage, die eine fundierte Antwort braucht.",
    howToAsk: "Die Frage und den Kontext (Kunde, Angebot).",
    typicalLeadDays: 2,
  },
];

const REQUEST_TITLES = [
  "Rahmenvertrag Stadtwerke",
  "AGB-Abweichung Kunde",
  "Sonderkondition Mehrjahresvertrag",
  "Rückfrage zum Angebot",
  "Ausschreibung Landkreis",
  "Unterstützung beim Kundentermin",
  "Referenz für Angebot",
  "Klärung vor Vertragsabschluss",
];
const DELIVERY_NOTES = [
  "Erledigt, siehe Anhang.",
  "Zwei Punkte angepasst, Rest passt.",
  "Freigegeben wie besprochen.",
];
const DECLINE_REASONS = [
  "Nicht unser Thema – bitte an Operations.",
  "Das ist bereits in der Preisliste geregelt.",
  "Ohne Unterlagen können wir nicht prüfen; bitte neu anfragen.",
];
const RATING_COMMENTS = [
  "Schnell und klar.",
  "Hat uns den Abschluss gerettet.",
  "Gut, aber knapp vor der Frist.",
  "",
];

type ObstacleSeed = { title: string; body: string; place: string; example: string };
const OBSTACLES: ObstacleSeed[] = [
  {
    title: "Rabattfreigaben dauern zu lange",
    body: "Wir warten auf Rückmeldungen, obwohl der Kunde heute entscheiden will.",
    place: "Angebotsprozess",
    example: "Angebot für Stadtwerke Lüneburg: drei Tage Wartezeit",
  },
  {
    title: "CRM-Export bricht bei großen Listen ab",
    body: "Exporte über 5.000 Zeilen brechen ab, wir bauen Listen von Hand nach.",
    place: "IT & CRM",
    example: "Jahresplanung Team Nord",
  },
  {
    title: "Preisliste veraltet",
    body: "Die Preisliste enthält Preise vom Vorjahr; jedes Angebot braucht eine Rückfrage.",
    place: "Pricing",
    example: "Angebot 2025-114",
  },
  {
    title: "Reisekosten nur mit Unterschrift",
    body: "Reisen zu Kunden brauchen eine Unterschrift, die Tage dauert.",
    place: "Reiserichtlinie",
    example: "Kundentermin in München verschoben",
  },
  {
    title: "Vertragsvorlagen widersprechen sich",
    body: "Die englische und die deutsche Vorlage haben unterschiedliche Haftungsgrenzen.",
    place: "Vertragsvorlagen",
    example: "Rahmenvertrag mit einem Klinikverbund",
  },
  {
    title: "Doppelte Kundenanlage",
    body: "Kunden werden von mehreren Teams angelegt; Historien gehen verloren.",
    place: "Stammdaten",
    example: "Nordwind Logistik dreimal im CRM",
  },
  {
    title: "Messebudget wird zentral verteilt",
    body: "Teams können nicht selbst entscheiden, auf welche Messe sie gehen.",
    place: "Marketingbudget",
    example: "Fachmesse Energie ohne Stand",
  },
  {
    title: "Lieferzeiten unklar",
    body: "Wir können Kunden keine verlässlichen Lieferzeiten nennen.",
    place: "Operations",
    example: "Auftrag über 40 Geräte",
  },
];
const CHANGED = [
  "Teams entscheiden Rabatte bis zur Leitplanke selbst; darüber hinaus Beratungsprozess statt Freigabe.",
  "Export in Abschnitten; Listen bis 200.000 Zeilen laufen durch.",
  "Pricing veröffentlicht die Preisliste jedes Quartal.",
  "Reisen zu Kunden entscheidet die Zelle selbst im Rahmen ihres Budgets.",
];
const DECLINED = [
  "Gesetzlich vorgeschrieben; wir haben die Begründung im Register ergänzt.",
  "Wird mit der CRM-Umstellung im Frühjahr ohnehin gelöst.",
  "Nach Rückfrage betrifft es nur einen Einzelfall.",
];
const CONDITIONS = [
  {
    title: "Teams entscheiden über Rabatte innerhalb der Leitplanke",
    body: "Jede Kundenzelle gewährt Rabatte bis zur Rabattleitplanke selbst. Darüber hinaus holt sie Rat ein (Beratungsprozess) und entscheidet dann.",
    why: "Wer beim Kunden ist, entscheidet; die Leitplanke informiert, sie blockiert nicht.",
  },
  {
    title: "Kunden gehören Zellen, nicht Personen",
    body: "Jeder Account gehört genau einer Zelle; Übergaben geschehen von Zelle zu Zelle mit Begründung.",
    why: "Kundenwissen bleibt im Team, wenn jemand geht.",
  },
  {
    title: "Keine individuellen Ziele",
    body: "Es gibt keine persönlichen Umsatzziele oder Provisionen; Zahlen werden je Zelle gegen die eigene Geschichte gelesen.",
    why: "Individuelle Ziele führen zu Konkurrenz statt Zusammenarbeit.",
  },
  {
    title: "Budgets je Zelle",
    body: "Jede Zelle verfügt über ihr Reise- und Veranstaltungsbudget selbst und macht die Ausgaben transparent.",
    why: "Entscheidungen dort, wo die Information ist.",
  },
  {
    title: "Das Zentrum arbeitet auf Anfrage",
    body: "Zentrumszellen arbeiten auf Anfrage der Kundenzellen; die anfragende Zelle bewertet die Leistung.",
    why: "Das Zentrum dient der Peripherie.",
  },
];

export async function generateSystem(trx: Kysely<Database>, input: SystemInput): Promise<void> {
  const random = createRandom(Math.imul(input.seed, 0x5bd1e995) ^ 0x5757);
  const shape = SYSTEM_SIZES[input.size];
  const { orgId } = input;
  // Yesterday 08:00 UTC; requests and obstacles are raised in the working hours of the days before.
  const BASE = input.today - DAY + 8 * HOUR;
  const members = new Map<string, string[]>();
  for (const m of input.members) members.set(m.cellId, [...(members.get(m.cellId) ?? []), m.personId]);
  const staffed = (kind: string) =>
    input.cells.filter((c) => c.kind === kind && (members.get(c.id)?.length ?? 0) > 0);
  const periphery = staffed("periphery");
  const centre = staffed("centre");
  if (periphery.length === 0 || centre.length === 0) return;
  const everyone = [...new Set(input.members.map((m) => m.personId))];

  await insertAll(
    trx,
    "frameworkCondition",
    CONDITIONS.map((c, i) => ({
      id: random.uuid(),
      orgId,
      ...c,
      since: iso(BASE - (700 - i * 90) * DAY),
      setByProposalId: null,
      createdAt: iso(BASE - (700 - i * 90) * DAY),
      updatedAt: iso(BASE - (700 - i * 90) * DAY),
      version: 1,
    })),
  );

  const services: Insertable<Database["service"]>[] = centre.flatMap((cell) =>
    (NAMED_SERVICES[cell.name] ?? genericServices(cell.name)).map((s) => ({
      id: random.uuid(),
      orgId,
      cellId: cell.id,
      ...s,
      createdAt: iso(BASE - 400 * DAY),
      updatedAt: iso(BASE - 400 * DAY),
      version: 1,
    })),
  );
  await insertAll(trx, "service", services);

  for (let first = 0; first < shape.requests; first += CHUNK) {
    const rows: Insertable<Database["serviceRequest"]>[] = [];
    for (let i = first; i < Math.min(shape.requests, first + CHUNK); i++) {
      // Named services (Recht, Pricing …) are asked more often than the generated ones.
      const service = random.chance(0.5)
        ? services[random.int(0, Math.min(services.length, 7) - 1)]
        : random.pick(services);
      const cell = random.pick(periphery);
      const requester = random.pick(members.get(cell.id) ?? []);
      const created = BASE - random.int(1, 365) * DAY + random.int(0, 9) * HOUR;
      const lead = Math.max(2 * HOUR, Math.round(random.next() ** 2 * 20 * DAY) + random.int(0, 12) * HOUR);
      // Nothing is delivered after today: a request whose lead time reaches past it is still open.
      const open = created + lead >= BASE || (created > BASE - 10 * DAY && random.chance(0.6));
      const declined = !open && random.chance(0.08);
      const accepted = created + Math.min(lead / 3, random.int(1, 24) * HOUR, (BASE - created) / 2);
      const delivered = !open && !declined ? created + lead : null;
      const rated = delivered !== null && delivered < BASE - 2 * DAY && random.chance(0.75);
      const status = open
        ? random.chance(0.5)
          ? "requested"
          : "accepted"
        : declined
          ? "declined"
          : "delivered";
      rows.push({
        id: random.uuid(),
        orgId,
        serviceId: service.id,
        servingCellId: service.cellId,
        requestingCellId: cell.id,
        requestedById: requester,
        title: random.pick(REQUEST_TITLES),
        body: "",
        status,
        acceptedAt: status === "requested" || declined ? null : iso(accepted),
        deliveredAt: delivered ? iso(delivered) : null,
        declinedAt: declined ? iso(Math.min(created + random.int(2, 48) * HOUR, BASE)) : null,
        deliveryNote: delivered ? random.pick(DELIVERY_NOTES) : "",
        declineReason: declined ? random.pick(DECLINE_REASONS) : "",
        leadDays: delivered ? days(delivered - created) : null,
        rating: rated ? random.pick([3, 4, 4, 5, 5, 5, 2]) : null,
        ratingComment: rated ? random.pick(RATING_COMMENTS) : "",
        ratedById: rated ? random.pick(members.get(cell.id) ?? [requester]) : null,
        ratedAt: rated && delivered ? iso(delivered + random.int(1, 48) * HOUR) : null,
        createdAt: iso(created),
        updatedAt: iso(delivered ?? created),
        version: status === "requested" ? 1 : rated ? 4 : 3,
      });
    }
    await insertAll(trx, "serviceRequest", rows);
  }

  const obstacles: Insertable<Database["obstacle"]>[] = [];
  const affects: Insertable<Database["obstacleAffect"]>[] = [];
  const workers = [...new Set(centre.flatMap((c) => members.get(c.id) ?? []))];
  for (let i = 0; i < shape.obstacles; i++) {
    const seed = OBSTACLES[i % OBSTACLES.length];
    const cell = random.pick(periphery);
    const created = BASE - random.int(1, 500) * DAY + random.int(0, 9) * HOUR;
    const lead = Math.round(random.next() ** 2 * 120 * DAY) + random.int(1, 48) * HOUR;
    const ended = created + lead < BASE - DAY && random.chance(0.8);
    const takenUp = ended || random.chance(0.5);
    const changed = ended && random.chance(0.65);
    const id = random.uuid();
    obstacles.push({
      id,
      orgId,
      title: seed.title,
      body: seed.body,
      place: seed.place,
      example: seed.example,
      cellId: cell.id,
      raisedById: random.pick(members.get(cell.id) ?? everyone),
      status: ended ? (changed ? "changed" : "declined") : takenUp ? "takenUp" : "raised",
      takenUpById: takenUp ? random.pick(workers.length ? workers : everyone) : null,
      takenUpAt: takenUp
        ? iso(created + Math.min(lead / 2, random.int(1, 10) * DAY, (BASE - created) / 2))
        : null,
      endedAt: ended ? iso(created + lead) : null,
      outcome: ended ? (changed ? random.pick(CHANGED) : random.pick(DECLINED)) : "",
      decisionId: null,
      leadDays: ended ? days(lead) : null,
      sourceSessionId: null,
      createdAt: iso(created),
      updatedAt: iso(ended ? created + lead : created),
      version: ended ? 3 : takenUp ? 2 : 1,
    });
    for (const other of random.sample(
      periphery.filter((c) => c.id !== cell.id),
      random.int(0, 3),
    ))
      affects.push({
        orgId,
        obstacleId: id,
        cellId: other.id,
        personId: random.pick(members.get(other.id) ?? everyone),
        createdAt: iso(Math.min(created + random.int(1, 72) * HOUR, BASE)),
      });
  }
  await insertAll(trx, "obstacle", obstacles);
  await insertAll(trx, "obstacleAffect", affects);
}
