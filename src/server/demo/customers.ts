/**
 * The demo organisation's customers: pipeline stages, products, guardrails and a letterhead, then
 * accounts owned by periphery cells with contacts, timeline entries, 24 months of deals and offers.
 * Like the rest of the demo everything derives from the seed and the demo's today (clock.ts): the
 * history ends yesterday, open deals close in the weeks ahead and their offers are still valid.
 *
 * Rows are planned and written account chunk by account chunk (parents before children, each
 * statement as wide as SQLite's 32,766 bound variables allow), so memory stays bounded however
 * large the demo: a chunk of 2,000 accounts is about 11,000 deals.
 */
import { type Insertable, type Kysely, sql } from "kysely";
import type { GuardrailFinding } from "../../shared/customers/offers.ts";
import type { Engine } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";
import { DAY } from "./clock.ts";
import {
  ACCOUNT_INDUSTRIES,
  ACCOUNT_NOTES,
  ACCOUNT_REGIONS,
  ADVICE_NOTES,
  COMPANY_STEMS,
  COMPANY_TRADES,
  CONTACT_ROLES,
  DEAL_OBJECTS,
  DEAL_SOURCES,
  DEAL_TOPICS,
  DEFAULT_STAGES,
  FAMILY_SUFFIXES,
  GUARDRAILS,
  LEGAL_FORMS,
  LETTERHEAD,
  LOST_REASONS,
  OFFER_TERMS,
  PRODUCTS,
  SIZE_WEIGHTS,
  TIMELINE_TEXTS,
} from "./customerNames.ts";
import { FIRST_NAMES, LAST_NAMES } from "./names.ts";
import { createRandom, type Random } from "./random.ts";

export type CustomerSize = "small" | "medium" | "large";
export type CustomerInput = {
  orgId: string;
  size: CustomerSize;
  seed: number;
  /** The demo's today (midnight UTC, clock.ts). */
  today: number;
  cells: { id: string; kind: string }[];
  members: { cellId: string; personId: string }[];
};
export type CustomerSummary = {
  stages: number;
  products: number;
  accounts: number;
  contacts: number;
  timelineEntries: number;
  deals: number;
  offers: number;
};

/**
 * Deals per account are 1–10 (5.5 on average), so large gives about 1.1 million deals. Timeline
 * entries and offers go to the first accounts only where the full set would add little but time.
 */
const SIZES: Record<CustomerSize, { accounts: number; timelineAccounts: number; offerAccounts: number }> = {
  small: { accounts: 300, timelineAccounts: 300, offerAccounts: 300 },
  medium: { accounts: 10_000, timelineAccounts: 500, offerAccounts: 2_000 },
  large: { accounts: 200_000, timelineAccounts: 500, offerAccounts: 20_000 },
};
const ACCOUNTS_PER_CHUNK = 2000;
const SQLITE_MAX_VARIABLES = 32_766;

const EUR = 100;

type Stage = Insertable<Database["pipelineStage"]>;
type Product = Insertable<Database["product"]>;
type Chunk = {
  account: Insertable<Database["account"]>[];
  contact: Insertable<Database["contact"]>[];
  timelineEntry: Insertable<Database["timelineEntry"]>[];
  deal: Insertable<Database["deal"]>[];
  dealPerson: Insertable<Database["dealPerson"]>[];
  offer: Insertable<Database["offer"]>[];
  offerLine: Insertable<Database["offerLine"]>[];
};
type CellPlan = { id: string; members: string[]; winRate: number; amountFactor: number; weight: number };

/** Writes the customers of the demo organisation `input.orgId` through `trx` (a transaction). */
export async function generateCustomers(
  trx: Kysely<Database>,
  engine: Engine,
  input: CustomerInput,
): Promise<CustomerSummary> {
  // Random inserts into six deal indexes thrash SQLite's default 2 MB page cache; give it 1 GB
  // while generating and put the old value back afterwards.
  const cacheBefore =
    engine === "sqlite"
      ? (await sql<{ cache_size: number }>`pragma cache_size`.execute(trx)).rows[0].cache_size
      : null;
  if (cacheBefore !== null) await sql`pragma cache_size = -1048576`.execute(trx);
  try {
    return await writeCustomers(trx, input);
  } finally {
    if (cacheBefore !== null) await sql.raw(`pragma cache_size = ${Number(cacheBefore)}`).execute(trx);
  }
}

async function writeCustomers(trx: Kysely<Database>, input: CustomerInput): Promise<CustomerSummary> {
  const random = createRandom(Math.imul(input.seed, 0x9e3779b1) ^ 0x5eed);
  const { orgId } = input;
  const shape = SIZES[input.size];
  const BASE = input.today;

  const stages: Stage[] = DEFAULT_STAGES.map((stage, index) => ({
    id: random.uuid(),
    orgId,
    name: stage.name,
    position: index + 1,
    outcome: stage.outcome,
    probability: stage.probability,
    createdAt: iso(BASE - 800 * DAY),
    version: 1,
  }));
  const products: Product[] = PRODUCTS.map((product) => ({
    id: random.uuid(),
    orgId,
    name: product.name,
    unit: product.unit,
    unitPrice: product.price * EUR,
    unitCost: product.cost === null ? null : product.cost * EUR,
    currency: "EUR",
    active: 1,
    createdAt: iso(BASE - 800 * DAY),
    version: 1,
  }));
  await insertAll(trx, "pipelineStage", stages);
  await insertAll(trx, "product", products);
  await insertAll(
    trx,
    "guardrail",
    GUARDRAILS.map((guardrail) => ({
      id: random.uuid(),
      orgId,
      kind: guardrail.kind,
      limitValue: guardrail.limitValue,
      why: guardrail.why,
      updatedAt: iso(BASE - 800 * DAY),
      version: 1,
    })),
  );
  await trx
    .insertInto("letterhead")
    .values({ orgId, ...LETTERHEAD, version: 1 })
    .execute();

  const cells = planCells(random, input);
  const today = new Date(BASE);
  const context: Context = {
    random,
    orgId,
    base: BASE,
    // Deals run over the 24 months before today.
    windowStart: Date.UTC(today.getUTCFullYear() - 2, today.getUTCMonth(), today.getUTCDate(), 8),
    stages,
    products,
    cells,
    offerNumbers: new Map(),
  };
  const summary: CustomerSummary = {
    stages: stages.length,
    products: products.length,
    accounts: 0,
    contacts: 0,
    timelineEntries: 0,
    deals: 0,
    offers: 0,
  };
  for (let first = 0; first < shape.accounts; first += ACCOUNTS_PER_CHUNK) {
    const chunk: Chunk = {
      account: [],
      contact: [],
      timelineEntry: [],
      deal: [],
      dealPerson: [],
      offer: [],
      offerLine: [],
    };
    for (let index = first; index < Math.min(shape.accounts, first + ACCOUNTS_PER_CHUNK); index++) {
      planAccount(context, chunk, {
        withTimeline: index < shape.timelineAccounts,
        withOffers: index < shape.offerAccounts,
      });
    }
    // Parents before children: foreign keys are checked statement by statement.
    await insertAll(trx, "account", chunk.account);
    await insertAll(trx, "contact", chunk.contact);
    await insertAll(trx, "timelineEntry", chunk.timelineEntry);
    await insertAll(trx, "deal", chunk.deal);
    await insertAll(trx, "dealPerson", chunk.dealPerson);
    await insertAll(trx, "offer", chunk.offer);
    await insertAll(trx, "offerLine", chunk.offerLine);
    summary.accounts += chunk.account.length;
    summary.contacts += chunk.contact.length;
    summary.timelineEntries += chunk.timelineEntry.length;
    summary.deals += chunk.deal.length;
    summary.offers += chunk.offer.length;
  }
  return summary;
}

type Context = {
  random: Random;
  orgId: string;
  /** The demo's today; every date is before it, except expected closes and validities. */
  base: number;
  windowStart: number;
  stages: Stage[];
  products: Product[];
  cells: CellPlan[];
  /** Offers numbered per year of creation: ANG-2025-0001, … */
  offerNumbers: Map<number, number>;
};

/** Periphery cells own the customers; each sells with its own win rate and typical deal size. */
function planCells(random: Random, input: CustomerInput): CellPlan[] {
  const members = new Map<string, string[]>();
  for (const { cellId, personId } of input.members) {
    const list = members.get(cellId) ?? [];
    list.push(personId);
    members.set(cellId, list);
  }
  const periphery = input.cells.filter((cell) => cell.kind === "periphery");
  if (periphery.length === 0) throw new Error("The demo needs periphery cells to own customers.");
  return periphery.map((cell) => ({
    id: cell.id,
    members: members.get(cell.id) ?? [],
    winRate: 0.2 + random.next() * 0.25,
    amountFactor: 0.6 + random.next() * 0.9,
    weight: 0.5 + random.next(),
  }));
}

function pickCell(random: Random, cells: CellPlan[]): CellPlan {
  const total = cells.reduce((sum, cell) => sum + cell.weight, 0);
  let point = random.next() * total;
  for (const cell of cells) {
    point -= cell.weight;
    if (point < 0) return cell;
  }
  return cells[cells.length - 1];
}

function planAccount(
  context: Context,
  chunk: Chunk,
  extras: { withTimeline: boolean; withOffers: boolean },
): void {
  const { random, orgId, base: BASE } = context;
  const cell = pickCell(random, context.cells);
  const company = companyName(random);
  const region = random.pick(ACCOUNT_REGIONS);
  const tld = region === "Österreich" ? "at" : region === "Schweiz" ? "ch" : "de";
  const domain = `${slug(company.short)}.${tld}`;
  const created = BASE - random.int(30, 1100) * DAY + random.int(0, 9 * 60) * 60_000;
  const account = {
    id: random.uuid(),
    orgId,
    cellId: cell.id,
    name: company.name,
    industry: company.industry ?? random.pick(ACCOUNT_INDUSTRIES),
    size: weighted(random, SIZE_WEIGHTS),
    region,
    website: `https://www.${domain}`,
    domain,
    notes: random.pick(ACCOUNT_NOTES),
    createdAt: iso(created),
    updatedAt: iso(created + random.int(0, 25) * DAY),
    importJobId: null,
    version: 1,
  };
  chunk.account.push(account);

  const contactNames: string[] = [];
  for (let i = random.int(1, 3); i > 0; i--) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    contactNames.push(`${first} ${last}`);
    chunk.contact.push({
      id: random.uuid(),
      orgId,
      accountId: account.id,
      name: `${first} ${last}`,
      role: random.pick(CONTACT_ROLES),
      email: `${slug(first)}.${slug(last)}@${domain}`,
      phone: `+49 ${random.int(30, 991)} ${random.int(100_000, 9_999_999)}`,
      createdAt: account.createdAt,
      updatedAt: account.createdAt,
      importJobId: null,
      version: 1,
    });
  }

  if (extras.withTimeline) {
    for (let i = random.int(2, 6); i > 0; i--) {
      const text = random.pick(TIMELINE_TEXTS);
      const occurred = created + Math.floor(random.next() * (BASE - created));
      chunk.timelineEntry.push({
        id: random.uuid(),
        orgId,
        accountId: account.id,
        kind: text.kind,
        body: text.body.replace("{contact}", random.pick(contactNames)),
        occurredAt: iso(occurred),
        authorId: cell.members.length > 0 ? random.pick(cell.members) : null,
        createdAt: iso(occurred),
      });
    }
  }

  for (let i = random.int(1, 10); i > 0; i--) {
    planDeal(context, chunk, cell, account.id, Math.max(created, context.windowStart), extras.withOffers);
  }
}

/**
 * A deal opens somewhere in the 24 months, runs a sales cycle of two weeks to a year and is closed
 * (won at the cell's rate, or lost with a reason) when that cycle ended before today; otherwise it is
 * open in the stage its progress has reached and expected to close in the days or weeks ahead.
 */
function planDeal(
  context: Context,
  chunk: Chunk,
  cell: CellPlan,
  accountId: string,
  earliest: number,
  withOffers: boolean,
): void {
  const { random, orgId, stages, base: BASE } = context;
  const created = earliest + Math.floor(random.next() * (BASE - DAY - earliest));
  const cycleDays = Math.min(365, 14 + Math.floor(-Math.log(1 - random.next()) * 60));
  const plannedClose = created + cycleDays * DAY;
  const jittered = plannedClose + random.int(-10, 10) * DAY;
  // An open deal is never expected to close in the past: at the earliest a few days from today.
  const soon = BASE + random.int(2, 21) * DAY;
  const expectedClose = plannedClose < BASE ? jittered : Math.max(jittered, soon);
  const amount = dealAmount(random, cell.amountFactor);
  const id = random.uuid();
  let stage: Stage;
  let closedAt: number | null = null;
  let updated: number;
  if (plannedClose < BASE) {
    stage = random.chance(cell.winRate) ? stages[4] : stages[5];
    closedAt = Math.min(BASE - 60_000, Math.max(created + DAY, plannedClose + random.int(-7, 21) * DAY));
    updated = closedAt;
  } else {
    const progress = (BASE - created) / (cycleDays * DAY);
    stage = stages[Math.min(3, Math.floor(progress * 4))];
    updated = created + Math.floor(random.next() * (BASE - created));
  }
  chunk.deal.push({
    id,
    orgId,
    cellId: cell.id,
    accountId,
    title: `${random.pick(DEAL_TOPICS)} ${random.pick(DEAL_OBJECTS)}`,
    amount,
    currency: "EUR",
    stageId: stage.id,
    expectedClose: iso(expectedClose).slice(0, 10),
    probability: stage.probability,
    source: random.pick(DEAL_SOURCES),
    lostReason: stage.outcome === "lost" ? random.pick(LOST_REASONS) : "",
    createdAt: iso(created),
    updatedAt: iso(updated),
    closedAt: closedAt === null ? null : iso(closedAt),
    importJobId: null,
    version: 1 + random.int(0, 4),
  });
  if (cell.members.length > 0) {
    for (const personId of random.sample(cell.members, random.int(1, 2))) {
      chunk.dealPerson.push({ orgId, dealId: id, personId });
    }
  }

  if (!withOffers) return;
  // Offers exist once a deal reached the Angebot stage: every open deal from there on, most won
  // deals and about half of the lost ones.
  const offerChance =
    stage.outcome === "won" ? 0.9 : stage.outcome === "lost" ? 0.5 : stage.position >= 3 ? 0.85 : 0;
  if (!random.chance(offerChance)) return;
  const end = closedAt ?? BASE;
  const drawn = created + Math.floor((0.3 + random.next() * 0.5) * (end - created));
  // An open deal's offer is its latest revision, written in the last three weeks: still valid today.
  const recent = BASE - random.int(2, 21) * DAY;
  const offerCreated = closedAt === null ? Math.min(Math.max(drawn, recent), BASE - DAY) : drawn;
  planOffer(context, chunk, { id, amount, outcome: stage.outcome, created: offerCreated, closedAt });
}

function planOffer(
  context: Context,
  chunk: Chunk,
  deal: { id: string; amount: number; outcome: string; created: number; closedAt: number | null },
): void {
  const { random, orgId, base: BASE } = context;
  // About one offer in six goes beyond the discount band, as sellers do when a deal matters.
  const generous = random.chance(0.17);
  const lineCount = random.int(1, 4);
  const id = random.uuid();
  const lines = random.sample(context.products, lineCount).map((product, index) => {
    const discountBps = generous && index === 0 ? random.int(7, 12) * 250 : random.int(0, 6) * 250;
    const share = deal.amount / lineCount;
    const perUnit = (Number(product.unitPrice) * (10_000 - discountBps)) / 10_000;
    const quantity = Math.max(1, Math.round(share / perUnit));
    return {
      id: random.uuid(),
      orgId,
      offerId: id,
      position: index + 1,
      productId: product.id as string,
      description: product.name,
      quantityMilli: quantity * 1000,
      unitPrice: Number(product.unitPrice),
      unitCost: product.unitCost === null || product.unitCost === undefined ? null : Number(product.unitCost),
      discountBps,
    };
  });
  const paymentTermsDays = random.chance(0.1) ? random.pick([45, 60, 90]) : random.pick([14, 30, 30]);
  const status =
    deal.outcome === "won"
      ? "accepted"
      : deal.outcome === "lost"
        ? "declined"
        : random.chance(0.8)
          ? "sent"
          : "draft";
  // Sent within two days, and before the deal closed (or the base date).
  const end = deal.closedAt ?? BASE;
  const sent =
    status === "draft"
      ? null
      : Math.min(deal.created + random.int(1, 48) * 3_600_000, Math.floor((deal.created + end) / 2));
  const findings = status === "draft" ? [] : guardrailFindings(lines, paymentTermsDays);
  const year = new Date(deal.created).getUTCFullYear();
  const serial = (context.offerNumbers.get(year) ?? 0) + 1;
  context.offerNumbers.set(year, serial);
  const decided = deal.closedAt;
  chunk.offer.push({
    id,
    orgId,
    dealId: deal.id,
    number: `ANG-${year}-${String(serial).padStart(4, "0")}`,
    language: random.chance(0.9) ? "de" : "en",
    currency: "EUR",
    status,
    validUntil: iso((sent ?? deal.created) + 30 * DAY).slice(0, 10),
    paymentTermsDays,
    terms: random.pick(OFFER_TERMS),
    taxRateBps: 1900,
    adviceNote: findings.length > 0 && random.chance(0.4) ? random.pick(ADVICE_NOTES) : "",
    guardrailFindings: JSON.stringify(findings),
    createdAt: iso(deal.created),
    updatedAt: iso(decided ?? sent ?? deal.created),
    sentAt: sent === null ? null : iso(sent),
    decidedAt: decided === null ? null : iso(decided),
    version: 1,
  });
  chunk.offerLine.push(...lines);
}

type LineAmounts = { quantityMilli: number; unitPrice: number; unitCost: number | null; discountBps: number };

/** What the offer recorded when it was sent: the same findings the offer editor shows. */
function guardrailFindings(lines: LineAmounts[], paymentTermsDays: number): GuardrailFinding[] {
  const [discount, margin, paymentTerms] = GUARDRAILS;
  const findings: GuardrailFinding[] = [];
  lines.forEach((line, index) => {
    if (line.discountBps > discount.limitValue) {
      findings.push({
        kind: "discount",
        limitValue: discount.limitValue,
        actualValue: line.discountBps,
        why: discount.why,
        line: index + 1,
      });
    }
  });
  let revenue = 0;
  let cost = 0;
  for (const line of lines) {
    if (line.unitCost === null) continue;
    const quantity = line.quantityMilli / 1000;
    revenue += Math.round((quantity * line.unitPrice * (10_000 - line.discountBps)) / 10_000);
    cost += Math.round(quantity * line.unitCost);
  }
  const marginBps = revenue > 0 ? Math.round(((revenue - cost) * 10_000) / revenue) : null;
  if (marginBps !== null && marginBps < margin.limitValue) {
    findings.push({
      kind: "margin",
      limitValue: margin.limitValue,
      actualValue: marginBps,
      why: margin.why,
      line: null,
    });
  }
  if (paymentTermsDays > paymentTerms.limitValue) {
    findings.push({
      kind: "paymentTerms",
      limitValue: paymentTerms.limitValue,
      actualValue: paymentTermsDays,
      why: paymentTerms.why,
      line: null,
    });
  }
  return findings;
}

/** Log-normal around 18,000 EUR times the cell's factor, kept within 2,000–250,000 EUR, in cents. */
function dealAmount(random: Random, factor: number): number {
  const gauss = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const euros = Math.exp(Math.log(18_000 * factor) + 1.05 * gauss);
  return Math.round(Math.min(250_000, Math.max(2_000, euros)) / 50) * 50 * EUR;
}

function companyName(random: Random): { name: string; short: string; industry: string | null } {
  const form = random.pick(LEGAL_FORMS);
  const roll = random.next();
  if (roll < 0.65) {
    const trade = random.pick(COMPANY_TRADES);
    const owner = roll < 0.4 ? random.pick(COMPANY_STEMS) : random.pick(LAST_NAMES);
    const short = `${owner} ${trade.name}`;
    return { name: `${short} ${form}`, short, industry: trade.industry };
  }
  const last = random.pick(LAST_NAMES);
  if (roll < 0.82) {
    const suffix = random.pick(FAMILY_SUFFIXES);
    const name =
      suffix === "Gebr." ? `Gebr. ${last} ${form}` : `${last} ${suffix} ${form.replace("GmbH & Co. ", "")}`;
    return { name, short: suffix === "Gebr." ? `gebr ${last}` : `${last} ${suffix}`, industry: null };
  }
  const partner = random.pick(LAST_NAMES);
  return { name: `${last} & ${partner} ${form}`, short: `${last} ${partner}`, industry: null };
}

function weighted<T>(random: Random, items: [T, number][]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random.next() * total;
  for (const [item, weight] of items) {
    point -= weight;
    if (point < 0) return item;
  }
  return items[items.length - 1][0];
}

/** `Brandt & Söhne` → `brandt-soehne`, for host names and e-mail addresses. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/ı/g, "i")
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Inserts rows in statements as wide as SQLite's bound-variable limit allows. */
export async function insertAll<T extends keyof Database & string>(
  trx: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.floor(SQLITE_MAX_VARIABLES / Object.keys(rows[0]).length);
  for (let i = 0; i < rows.length; i += perStatement) {
    // Kysely cannot type a table chosen at run time; the rows are typed by the caller.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .execute();
  }
}
