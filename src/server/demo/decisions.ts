/**
 * The demo organisation's decisions: advice-process decisions on customers, offers and resources,
 * consent decisions on guardrails and working agreements, each with advice or consent rounds and
 * mostly with an outcome review; a few proposals still open. Large writes 100,000 decisions in
 * chunks of bulk inserts (the decision log's benchmark runs against them).
 */
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { inOrg } from "../db/scope.ts";
import { searchTextOf } from "../modules/decisions/proposals.ts";
import { DAY, HOUR } from "./clock.ts";
import { insertAll } from "./customers.ts";
import {
  ADVICE_BODIES,
  ADVICE_TOPICS,
  ADVICE_USES,
  CONSENT_TOPICS,
  type DecisionTopic,
  FAIRS,
  OUTCOMES,
} from "./decisionNames.ts";
import { createRandom, type Random } from "./random.ts";

export type DecisionSize = "small" | "medium" | "large";
export type DecisionInput = {
  orgId: string;
  size: DecisionSize;
  seed: number;
  /** The demo's today (midnight UTC, clock.ts). */
  today: number;
  cells: { id: string; name: string; kind: string }[];
  members: { cellId: string; personId: string }[];
};

/** Decided proposals, open ones, and how many decisions get an advice thread (large keeps it bounded). */
export const DECISION_SIZES: Record<DecisionSize, { decided: number; open: number; withThreads: number }> = {
  small: { decided: 30, open: 4, withThreads: 30 },
  medium: { decided: 60, open: 8, withThreads: 60 },
  large: { decided: 100_000, open: 20, withThreads: 5_000 },
};
const CHUNK = 10_000;

type Chunk = {
  proposal: Insertable<Database["proposal"]>[];
  proposalLink: Insertable<Database["proposalLink"]>[];
  proposalAskedPerson: Insertable<Database["proposalAskedPerson"]>[];
  advice: Insertable<Database["advice"]>[];
  consentRound: Insertable<Database["consentRound"]>[];
  consentEntry: Insertable<Database["consentEntry"]>[];
};

type Context = {
  random: Random;
  orgId: string;
  /** Yesterday 08:00 UTC: everything written lies before today; open proposals' windows end after it. */
  base: number;
  cells: { id: string; name: string; members: string[] }[];
  everyone: string[];
  accounts: Map<string, { id: string; name: string }[]>;
  offers: Map<string, string[]>;
};

const iso = (ms: number) => new Date(ms).toISOString();
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? key);

export async function generateDecisions(trx: Kysely<Database>, input: DecisionInput): Promise<number> {
  const random = createRandom(Math.imul(input.seed, 0x2545f491) ^ 0xdec1);
  const shape = DECISION_SIZES[input.size];
  const members = new Map<string, string[]>();
  for (const m of input.members) members.set(m.cellId, [...(members.get(m.cellId) ?? []), m.personId]);
  const cells = input.cells
    .filter((c) => c.kind === "periphery" && (members.get(c.id)?.length ?? 0) > 0)
    .map((c) => ({ id: c.id, name: c.name, members: members.get(c.id) ?? [] }));
  if (cells.length === 0) return 0;
  // A sample of the customers to link to: enough for variety, bounded for memory.
  const accountRows = await trx
    .selectFrom("account")
    .select(["id", "name", "cellId"])
    .where(inOrg(input.orgId))
    .limit(5_000)
    .execute();
  const offerRows = await trx
    .selectFrom("offer")
    .innerJoin("deal", "deal.id", "offer.dealId")
    .select(["offer.id", "deal.cellId"])
    .where(inOrg(input.orgId, "offer"))
    .limit(5_000)
    .execute();
  const group = <T extends { cellId: string }, V>(rows: T[], value: (row: T) => V) => {
    const map = new Map<string, V[]>();
    for (const row of rows) map.set(row.cellId, [...(map.get(row.cellId) ?? []), value(row)]);
    return map;
  };
  const context: Context = {
    random,
    orgId: input.orgId,
    base: input.today - DAY + 8 * HOUR,
    cells,
    everyone: [...new Set(input.members.map((m) => m.personId))],
    accounts: group(accountRows, (r) => ({ id: r.id, name: r.name })),
    offers: group(offerRows, (r) => r.id),
  };
  const total = shape.decided + shape.open;
  for (let first = 0; first < total; first += CHUNK) {
    const chunk: Chunk = {
      proposal: [],
      proposalLink: [],
      proposalAskedPerson: [],
      advice: [],
      consentRound: [],
      consentEntry: [],
    };
    for (let index = first; index < Math.min(total, first + CHUNK); index++)
      planProposal(context, chunk, { decided: index < shape.decided, withThread: index < shape.withThreads });
    // Parents before children: foreign keys are checked statement by statement.
    await insertAll(trx, "proposal", chunk.proposal);
    await insertAll(trx, "proposalLink", chunk.proposalLink);
    await insertAll(trx, "proposalAskedPerson", chunk.proposalAskedPerson);
    await insertAll(trx, "advice", chunk.advice);
    await insertAll(trx, "consentRound", chunk.consentRound);
    await insertAll(trx, "consentEntry", chunk.consentEntry);
  }
  return total;
}

function planProposal(ctx: Context, chunk: Chunk, options: { decided: boolean; withThread: boolean }) {
  const { random, orgId, base: BASE } = ctx;
  const consent = random.chance(0.15);
  const topic: DecisionTopic = random.pick(consent ? CONSENT_TOPICS : ADVICE_TOPICS);
  const cell = random.pick(ctx.cells);
  const decider = random.pick(cell.members);
  const account = random.pick(ctx.accounts.get(cell.id) ?? [{ id: "", name: "Nordwind Logistik GmbH" }]);
  const offerId = (ctx.offers.get(cell.id) ?? [])[0] ? random.pick(ctx.offers.get(cell.id) ?? []) : null;
  const values = {
    account: account.name,
    cell: cell.name,
    n: String(random.int(12, 25)),
    fair: random.pick(FAIRS),
  };
  const id = random.uuid();
  const impact = random.pick(["low", "medium", "medium", "high"] as const);
  const windowDays = { low: 1, medium: 3, high: 7 }[impact];
  // Decided ones spread over the two years before today; open ones are from the last days.
  // The longest window (7 days) plus three days to decide still ends before today.
  const created = options.decided ? BASE - random.int(12, 730) * DAY : BASE - random.int(0, 2) * DAY;
  const closes = created + (windowDays + 1) * DAY;
  const decidedAt = closes + random.int(1, 72) * HOUR;
  const title = fill(topic.title, values);
  const problem = fill(topic.problem, values);
  const decision = options.decided ? fill(random.pick(topic.decisions), values) : null;
  // Consent always passes with a review date; advice decisions often have one.
  const reviewDate =
    options.decided && (consent || random.chance(0.6)) ? iso(decidedAt + 90 * DAY).slice(0, 10) : null;
  // Most reviews that are due are written; the rest show up as "review due". Later ones are ahead.
  const reviewDue = reviewDate !== null && reviewDate <= iso(BASE).slice(0, 10);
  const outcome = reviewDue && random.chance(0.95) ? random.pick(OUTCOMES) : null;
  const advisers = random.sample(
    ctx.everyone.filter((p) => p !== decider),
    random.int(1, 4),
  );
  const adviceCount = options.withThread && !consent ? advisers.length : 0;
  chunk.proposal.push({
    id,
    orgId,
    kind: consent ? "consent" : "advice",
    status: options.decided ? (consent ? "passed" : "decided") : "open",
    title,
    problem,
    proposal: fill(topic.proposal, values),
    impact,
    cellId: cell.id,
    proposerId: decider,
    deciderId: decider,
    deciderRequestedId: null,
    adviceWindowClosesAt: iso(closes),
    guardrailChange:
      topic.link === "guardrail"
        ? JSON.stringify({ kind: "discount", limitValue: Number(values.n) * 100, why: problem })
        : null,
    currentRound: consent ? 1 : 0,
    phase: consent ? (options.decided ? "consent" : "questions") : null,
    decision,
    adviceUse: decision && !consent ? random.pick(ADVICE_USES) : decision ? "" : null,
    decidedAt: decision ? iso(decidedAt) : null,
    decidedById: decision ? decider : null,
    reviewDate,
    whatHappened: outcome?.happened ?? null,
    whatWeLearned: outcome?.learned ?? null,
    reviewedAt: outcome && reviewDate ? `${reviewDate}T09:00:00.000Z` : null,
    reviewedById: outcome ? decider : null,
    adviceCount,
    searchText: searchTextOf({ title, problem, decision }),
    createdAt: iso(created),
    updatedAt: iso(decision ? decidedAt : created),
    version: decision ? 3 : 2,
  });
  const link =
    topic.link === "account" && account.id
      ? { type: "account", targetId: account.id }
      : topic.link === "offer" && offerId
        ? { type: "offer", targetId: offerId }
        : topic.link === "guardrail"
          ? { type: "guardrail", targetId: "discount" }
          : null;
  if (link) chunk.proposalLink.push({ orgId, proposalId: id, ...link, position: 0 });
  if (!options.withThread) return;
  for (const [i, personId] of advisers.entries()) {
    chunk.proposalAskedPerson.push({ orgId, proposalId: id, personId, askedAt: iso(created + HOUR) });
    if (!consent)
      chunk.advice.push({
        id: random.uuid(),
        orgId,
        proposalId: id,
        authorId: personId,
        body: random.pick(ADVICE_BODIES),
        createdAt: iso(created + (i + 2) * HOUR),
      });
  }
  if (consent) {
    chunk.consentRound.push({
      orgId,
      proposalId: id,
      number: 1,
      phase: options.decided ? "consent" : "questions",
      title,
      proposal: fill(topic.proposal, values),
      guardrailChange: null,
      amendNote: "",
      startedAt: iso(created),
    });
    if (options.decided)
      for (const [i, personId] of advisers.entries())
        chunk.consentEntry.push({
          id: random.uuid(),
          orgId,
          proposalId: id,
          round: 1,
          kind: "consent",
          body: "",
          authorId: personId,
          standing: 1,
          createdAt: iso(created + (i + 2) * HOUR),
        });
  }
}
