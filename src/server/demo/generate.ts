/**
 * The demo organisation: a believable German sales organisation a visitor can click through, and
 * the data set benchmarks run against. Everything derives from the seed — ids, names, memberships,
 * timestamps — so a bug seen in a demo can be reproduced exactly.
 */
import type { Db } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";
import { refreshStatistics } from "../db/statistics.ts";
import { CUSTOMER_SEARCH } from "../modules/customers/search.ts";
import { PROPOSAL_SEARCH } from "../modules/decisions/search.ts";
import { withRollupRebuiltAfter } from "../modules/insights/rollups.ts";
import { indexAll } from "../platform/search/textIndex.ts";
import { DAY, demoDay, HOUR } from "./clock.ts";
import { generateCustomers } from "./customers.ts";
import { generateDecisions } from "./decisions.ts";
import { generateExchange } from "./exchange.ts";
import { generateInsights } from "./insights.ts";
import { generateLibrary } from "./library.ts";
import {
  type AgreementSeed,
  agreementsFor,
  CENTRE_REGIONS,
  CENTRE_SERVICES,
  type CellSeed,
  DEMO_STEWARD,
  EMAIL_DOMAIN,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  NAMED_CELLS,
  ORGANISATION_NAME,
  REGIONS,
  SKILLS,
} from "./names.ts";
import { createRandom, type Random } from "./random.ts";
import { generateSystem } from "./system.ts";

export type DemoSize = "small" | "medium" | "large";
/** `today`: the day the demo is made (default: the wall clock's); every row is dated relative to it. */
export type DemoOptions = { size: DemoSize; seed?: number; today?: Date };
export type DemoSummary = { orgId: string; stewardId: string; people: number; cells: number };

/**
 * Periphery teams hold 5–9 people and centre teams 3–6 — small stays inside these. Medium and large
 * cannot (400 people in 40 cells), so there the ranges stretch just enough for everyone to have a
 * cell; the people count follows from the drawn cell sizes and lands near `people`.
 */
const SIZES: Record<DemoSize, { periphery: number; centre: number; people: number }> = {
  small: { periphery: 7, centre: 4, people: 48 },
  medium: { periphery: 30, centre: 10, people: 400 },
  large: { periphery: 150, centre: 50, people: 4000 },
};
const PERIPHERY_MEMBERS = [5, 9] as const;
const CENTRE_MEMBERS = [3, 6] as const;
/** Share of people who sit in a second cell (a seller who also helps the Pricing cell, say). */
const SECOND_CELL_SHARE = 0.15;
const PEOPLE_PER_STEWARD = 12;

const MINUTE = 60_000;
/** The workspace was set up this long before the demo's today (08:00 UTC), before its 24 months of history. */
const SETUP_DAYS_BEFORE = 800;
// SQLite allows 32766 bound variables per statement; 500 rows of at most 11 columns stays far below.
const BATCH = 500;

type Rows = {
  [T in "organisation" | "person" | "cell" | "cellMember" | "workingAgreement" | "auditEntry"]: Database[T][];
};

/** Writes one demo organisation in one transaction, so a half-generated demo never exists. */
export async function generateDemo(db: Db, options: DemoOptions): Promise<DemoSummary> {
  const today = demoDay(options.today ?? new Date());
  const rows = planDemo(options.size, options.seed ?? 1, today - SETUP_DAYS_BEFORE * DAY + 8 * HOUR);
  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto("organisation").values(rows.organisation).execute();
    // One loop per table keeps every insert fully typed.
    for (const batch of batches(rows.person)) await trx.insertInto("person").values(batch).execute();
    for (const batch of batches(rows.cell)) await trx.insertInto("cell").values(batch).execute();
    for (const batch of batches(rows.cellMember)) await trx.insertInto("cellMember").values(batch).execute();
    for (const batch of batches(rows.workingAgreement)) {
      await trx.insertInto("workingAgreement").values(batch).execute();
    }
    for (const batch of batches(rows.auditEntry)) await trx.insertInto("auditEntry").values(batch).execute();
    const module = {
      orgId: rows.organisation[0].id,
      size: options.size,
      seed: options.seed ?? 1,
      today,
      cells: rows.cell,
      members: rows.cellMember,
    };
    // Rollups: kept by triggers on SQLite, rebuilt once after the bulk write on PostgreSQL.
    await withRollupRebuiltAfter(trx, db.engine, module.orgId, async () => {
      await generateCustomers(trx, db.engine, module);
      await generateDecisions(trx, module);
      await generateSystem(trx, module);
      await generateExchange(trx, module);
      await generateLibrary(trx, module);
      await generateInsights(trx, module);
    });
    // The searches' index for the bulk-written customers and proposals, in the same transaction.
    for (const source of [...CUSTOMER_SEARCH, PROPOSAL_SEARCH]) await indexAll(trx, source, module.orgId);
  });
  await refreshStatistics(db.kysely);
  return {
    orgId: rows.organisation[0].id,
    stewardId: rows.person[0].id,
    people: rows.person.length,
    cells: rows.cell.length,
  };
}

function planDemo(size: DemoSize, seed: number, setup: number): Rows {
  const random = createRandom(seed);
  const at = (offsetMs: number) => new Date(setup + offsetMs).toISOString();
  const shape = SIZES[size];
  const orgId = random.uuid();
  const organisation = {
    id: orgId,
    name: ORGANISATION_NAME,
    currency: "EUR",
    languages: JSON.stringify(["de", "en"]),
    defaultLanguage: "de",
    weekStart: "monday",
    minGroupSize: 5,
    isDemo: 1,
    createdAt: at(0),
    version: 1,
  };

  const seeds = cellSeeds(shape.periphery, shape.centre);
  const cellSizes = drawCellSizes(random, seeds, shape.people);
  const totalSeats = cellSizes.reduce((sum, n) => sum + n, 0);
  const people = planPeople(random, orgId, Math.round(totalSeats / (1 + SECOND_CELL_SHARE)), at);
  const stewardId = people[0].id;

  const cells = seeds.map((seed) => ({
    id: random.uuid(),
    orgId,
    ...seed,
    createdAt: at(workingTime(random, 14)),
    version: 1,
  }));
  const cellMember = seatPeople(random, cellSizes, people.length).map(([cellIndex, personIndex]) => ({
    orgId,
    cellId: cells[cellIndex].id,
    personId: people[personIndex].id,
  }));

  const workingAgreement = cells.flatMap((cell) =>
    random
      .sample(agreementsFor(cell.kind), random.int(2, 4))
      .map((seed) => planAgreement(random, orgId, cell, seed)),
  );

  const auditEntry = [
    {
      id: random.uuid(),
      orgId,
      at: organisation.createdAt,
      actorId: stewardId,
      action: "organisation.created",
      subjectType: "organisation",
      subjectId: orgId,
      details: JSON.stringify({ name: ORGANISATION_NAME }),
    },
    ...cells.map((cell) => ({
      id: random.uuid(),
      orgId,
      at: cell.createdAt,
      actorId: stewardId,
      action: "cell.created",
      subjectType: "cell",
      subjectId: cell.id,
      details: JSON.stringify({ name: cell.name, kind: cell.kind }),
    })),
  ];

  return {
    organisation: [organisation],
    person: people,
    cell: cells,
    cellMember,
    workingAgreement,
    auditEntry,
  };
}

/** The named cells first (a visitor meets them in every size), then generated regional and industry teams. */
function cellSeeds(periphery: number, centre: number): CellSeed[] {
  const regional: CellSeed[] = REGIONS.map((region) => ({
    name: `Team ${region.name}`,
    kind: "periphery",
    purpose: `Wir gewinnen und halten Kunden ${region.area} – persönlich, schnell und mit kurzen Wegen.`,
    marketSlice: `${region.slice}, alle Branchen 20–1.000 MA`,
  }));
  const industry: CellSeed[] = INDUSTRIES.map((branch) => ({
    name: branch.name,
    kind: "periphery",
    purpose: `Wir kennen das Geschäft der ${branch.customers} und verkaufen wie jemand aus der Branche.`,
    marketSlice: `${branch.size}, bundesweit`,
  }));
  const regionalIndustry: CellSeed[] = INDUSTRIES.flatMap((branch) =>
    REGIONS.map((region) => ({
      name: `${branch.name} ${region.name}`,
      kind: "periphery" as const,
      purpose: `Wir betreuen ${branch.customers} ${region.area}.`,
      marketSlice: `${region.slice}, ${branch.size}`,
    })),
  );
  const services: CellSeed[] = CENTRE_SERVICES.map((service) => ({
    name: service.name,
    kind: "centre",
    purpose: `Wir sind für alle Teams da, wenn es um ${service.offer} geht – auf Anfrage, nicht auf Anweisung.`,
    marketSlice: `Anfragen aller Teams: ${service.offer}`,
  }));
  const regionalServices: CellSeed[] = CENTRE_REGIONS.flatMap((region) =>
    CENTRE_SERVICES.map((service) => ({
      name: `${service.name} ${region}`,
      kind: "centre" as const,
      purpose: `Wir sind für die Teams der Region ${region} da, wenn es um ${service.offer} geht.`,
      marketSlice: `Anfragen der Teams in Region ${region}: ${service.offer}`,
    })),
  );
  const named = (kind: CellSeed["kind"]) => NAMED_CELLS.filter((cell) => cell.kind === kind);
  return [
    ...[...named("periphery"), ...interleave(regional, industry), ...regionalIndustry].slice(0, periphery),
    ...[...named("centre"), ...services, ...regionalServices].slice(0, centre),
  ];
}

function interleave<T>(a: T[], b: T[]): T[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [a[i], b[i]])
    .flat()
    .filter((item): item is T => item !== undefined);
}

function drawCellSizes(random: Random, seeds: CellSeed[], people: number): number[] {
  const range = (kind: CellSeed["kind"]) => (kind === "periphery" ? PERIPHERY_MEMBERS : CENTRE_MEMBERS);
  const typicalSeats = seeds.reduce((sum, seed) => sum + (range(seed.kind)[0] + range(seed.kind)[1]) / 2, 0);
  const stretch = Math.max(1, (people * (1 + SECOND_CELL_SHARE)) / typicalSeats);
  return seeds.map((seed) => {
    const [min, max] = range(seed.kind);
    return random.int(Math.round(min * stretch), Math.round(max * stretch));
  });
}

function planPeople(
  random: Random,
  orgId: string,
  count: number,
  at: (offsetMs: number) => string,
): Database["person"][] {
  const stewards = new Set(random.sample(range(1, count - 1), Math.round(count / PEOPLE_PER_STEWARD) - 1));
  const emailsTaken = new Map<string, number>();
  const people: Database["person"][] = [];
  for (let i = 0; i < count; i++) {
    // The first steward is the steward a visitor may explore the demo as (setup.ts: the personas).
    const isDemoSteward = i === 0;
    const name = isDemoSteward ? DEMO_STEWARD.name : `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    people.push({
      id: random.uuid(),
      orgId,
      name,
      email: isDemoSteward ? DEMO_STEWARD.email : uniqueEmail(name, emailsTaken),
      // Demo people never sign in with a password; the app signs a visitor in as the persona they chose.
      passwordHash: null,
      role: isDemoSteward || stewards.has(i) ? "steward" : "member",
      languages: JSON.stringify(random.chance(0.25) ? ["de", "en"] : ["de"]),
      skills: JSON.stringify(random.sample(SKILLS, random.int(1, 4))),
      locale: "de",
      createdAt: at(isDemoSteward ? 0 : workingTime(random, 30)),
      version: 1,
      deactivatedAt: null,
    });
  }
  return people;
}

/** `jürgen.müller` → `juergen.mueller@…`, then `juergen.mueller2@…` for the next Jürgen Müller. */
function uniqueEmail(name: string, taken: Map<string, number>): string {
  const local = name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/ı/g, "i")
    .normalize("NFD")
    .replace(/[^a-z ]/g, "")
    .replace(/ /g, ".");
  const seen = (taken.get(local) ?? 0) + 1;
  taken.set(local, seen);
  return `${seen === 1 ? local : `${local}${seen}`}@${EMAIL_DOMAIN}`;
}

/**
 * Returns [cellIndex, personIndex] pairs: every person gets one seat; the seats left over go to
 * people with one cell so far (a third cell only when nobody else fits), never twice into a cell.
 */
function seatPeople(random: Random, cellSizes: number[], people: number): [number, number][] {
  const seats = random.shuffle(cellSizes.flatMap((size, cellIndex) => Array<number>(size).fill(cellIndex)));
  const cellsOf = range(0, people - 1).map((person) => new Set([seats[person]]));
  const pairs = range(0, people - 1).map((person): [number, number] => [seats[person], person]);
  const single = random.shuffle(range(0, people - 1));
  for (const cellIndex of seats.slice(people)) {
    const spot = single.findIndex((person) => !cellsOf[person].has(cellIndex));
    const person =
      spot >= 0
        ? single.splice(spot, 1)[0]
        : random.pick(range(0, people - 1).filter((candidate) => !cellsOf[candidate].has(cellIndex)));
    cellsOf[person].add(cellIndex);
    pairs.push([cellIndex, person]);
  }
  return pairs;
}

function planAgreement(
  random: Random,
  orgId: string,
  cell: { id: string; createdAt: string },
  seed: AgreementSeed,
): Database["workingAgreement"] {
  const created = Date.parse(cell.createdAt) + random.int(1, 60) * DAY;
  // Some agreements were revised once, as teams do after a retro.
  const revised = random.chance(0.3);
  const updated = revised ? created + random.int(7, 90) * DAY : created;
  return {
    id: random.uuid(),
    orgId,
    cellId: cell.id,
    ...seed,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(updated).toISOString(),
    version: revised ? 2 : 1,
  };
}

/** An offset into the first `days` days, within 08:00–17:00 UTC, when people set up their workspace. */
function workingTime(random: Random, days: number): number {
  return random.int(0, days - 1) * DAY + random.int(1, 9 * 60) * MINUTE;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function* batches<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}
