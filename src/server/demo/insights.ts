/**
 * The demo organisation's insights: a signal planted on purpose, customer satisfaction scores and two
 * closed Beta checks. Dated relative to the demo's today (clock.ts), deterministic from the seed.
 *
 * The planted signal: from the first of the month nine months before today (`signalFrom`) "Team Nord"
 * works with a new qualification checklist, and half of the deals it would have lost from then on are
 * won instead (the first hex digit of the deal id, 0–7, picks them). Its monthly win rate runs above
 * the centre line for the last nine months of the chart (rule: eight successive values on one side)
 * and jumps beyond the upper natural process limit; the baseline is fixed on the months before. The
 * triggers move the rollup with the update, as with any other write.
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { inOrg } from "../db/scope.ts";
import { DAY, demoDay, HOUR, iso, monthStart } from "./clock.ts";
import { insertAll } from "./customers.ts";
import { createRandom } from "./random.ts";

export type InsightsSize = "small" | "medium" | "large";
export type InsightsInput = {
  orgId: string;
  size: InsightsSize;
  seed: number;
  /** The demo's today (midnight UTC, clock.ts). */
  today: number;
  cells: { id: string; name: string; kind: string }[];
  members: { cellId: string; personId: string }[];
};

export const SIGNAL_CELL = "Team Nord";
/** The month the checklist started (YYYY-MM-01): nine months before the demo's today's month. */
export const signalFrom = (today: Date) => monthStart(demoDay(today), 9);
const SCORES_PER_CELL_MONTH: Record<InsightsSize, number> = { small: 2, medium: 3, large: 3 };
// biome-ignore format: one season per month reads best packed
const SEASONS = ["Winter", "Winter", "Frühjahr", "Frühjahr", "Frühjahr", "Sommer", "Sommer", "Sommer", "Herbst", "Herbst", "Herbst", "Winter"];

export async function generateInsights(trx: Kysely<Database>, input: InsightsInput): Promise<void> {
  const random = createRandom(input.seed * 7919 + 17);
  const { orgId } = input;
  const BASE = input.today;
  const SIGNAL_FROM = signalFrom(new Date(BASE));
  const stages = await trx
    .selectFrom("pipelineStage")
    .select(["id", "outcome"])
    .where(inOrg(orgId))
    .execute();
  const won = stages.find((s) => s.outcome === "won")?.id;
  const lost = stages.filter((s) => s.outcome === "lost").map((s) => s.id);
  const signalCell = input.cells.find((c) => c.name === SIGNAL_CELL);
  if (won && lost.length && signalCell) {
    for (const digit of ["0", "1", "2", "3", "4", "5", "6", "7"]) {
      await trx
        .updateTable("deal")
        .set({ stageId: won, lostReason: "" })
        .where(inOrg(orgId))
        .where("cellId", "=", signalCell.id)
        .where("stageId", "in", lost)
        .where("closedAt", ">=", SIGNAL_FROM)
        .where("id", "like", `${digit}%`)
        .execute();
    }
  }

  // The cell fixed its win-rate baseline on the months before the checklist, so the limits are the
  // old process's voice and the new level stands out against them.
  if (signalCell) {
    await trx
      .insertInto("insightBaseline")
      .values({
        id: random.uuid(),
        orgId,
        cellId: signalCell.id,
        figure: "winRate",
        scopeKey: `${signalCell.id}:winRate`,
        from: monthStart(BASE, 24),
        to: iso(Date.parse(SIGNAL_FROM) - DAY).slice(0, 10),
        createdAt: iso(Date.parse(SIGNAL_FROM) + 62 * DAY + 9 * HOUR),
        version: 1,
      })
      .execute();
  }

  await shrinkOneCell(trx, input);

  // Satisfaction: a few scores a month per periphery cell, on its own accounts.
  const rows: Database["satisfactionScore"][] = [];
  for (const cell of input.cells.filter((c) => c.kind === "periphery")) {
    const accounts = await trx
      .selectFrom("account")
      .select("id")
      .where(inOrg(orgId))
      .where("cellId", "=", cell.id)
      .orderBy("id")
      .limit(40)
      .execute();
    if (accounts.length === 0) continue;
    const level = random.int(30, 45) / 10;
    for (let month = 0; month < 24; month++) {
      for (let i = 0; i < random.int(0, SCORES_PER_CELL_MONTH[input.size]); i++) {
        const day = BASE - (month * 30 + random.int(1, 28)) * DAY;
        const score = Math.max(1, Math.min(5, Math.round(level + (random.next() - 0.5) * 2.4)));
        rows.push({
          id: random.uuid(),
          orgId,
          accountId: random.pick(accounts).id,
          cellId: cell.id,
          score,
          surveyedOn: iso(day).slice(0, 10),
          note: "",
          createdAt: iso(day),
        });
      }
    }
  }
  await insertAll(trx, "satisfactionScore", rows);

  // Two closed Beta checks, open for three weeks and closed a month before today: the organisation's
  // seasonal check and Team Nord's. Only counts and the participation list exist, as for real answers.
  const opens = BASE - 51 * DAY;
  const opensOn = new Date(opens);
  const season = SEASONS[opensOn.getUTCMonth()];
  const everyone = [...new Set(input.members.map((m) => m.personId))];
  const checks = [
    {
      cellId: null as string | null,
      title: `Beta-Check ${season} ${opensOn.getUTCFullYear()}`,
      people: everyone.slice(0, Math.min(60, everyone.length)),
    },
    {
      cellId: signalCell?.id ?? null,
      title: "Beta-Check Team Nord",
      people: input.members.filter((m) => m.cellId === signalCell?.id).map((m) => m.personId),
    },
  ];
  for (const check of checks.filter((c) => c.people.length > 0)) {
    const id = random.uuid();
    await trx
      .insertInto("betaCheck")
      .values({
        id,
        orgId,
        cellId: check.cellId,
        title: check.title,
        opensOn: iso(opens).slice(0, 10),
        closesOn: iso(opens + 18 * DAY).slice(0, 10),
        createdAt: iso(opens + 8 * HOUR),
      })
      .execute();
    const counts = new Map<string, number>();
    for (let law = 1; law <= 12; law++)
      for (let score = 1; score <= 5; score++) counts.set(`${law}:${score}`, 0);
    for (const _ of check.people) {
      for (let law = 1; law <= 12; law++) {
        // Laws 5 (transparency) and 10 (decisions) already lean Beta; 7 (income) still leans Alpha.
        const lean = law === 5 || law === 10 ? 1 : law === 7 ? -1 : 0;
        const score = Math.max(1, Math.min(5, 3 + lean + random.int(-1, 1)));
        counts.set(`${law}:${score}`, (counts.get(`${law}:${score}`) ?? 0) + 1);
      }
    }
    await insertAll(
      trx,
      "betaCheckTally",
      [...counts].map(([key, count]) => {
        const [law, score] = key.split(":").map(Number);
        return { orgId, checkId: id, law, score, count };
      }),
    );
    await insertAll(
      trx,
      "betaCheckParticipation",
      check.people.map((personId) => ({ orgId, checkId: id, personId })),
    );
    await trx
      .insertInto("betaCheckComments")
      .values({
        checkId: id,
        orgId,
        comments: JSON.stringify(
          check.people.length >= 5
            ? [
                "Rabatte entscheiden wir inzwischen selbst – das merkt der Kunde.",
                "Die Quartalszahlen fühlen sich noch wie Vorgaben an.",
                "Mehr Austausch mit dem Zentrum über Lieferzeiten, bitte.",
              ]
            : [],
        ),
      })
      .execute();
  }
}

/**
 * Every organisation this size has a cell below k somewhere; when the drawn sizes leave none (medium
 * and large stretch cells to fit 400 or 4,000 people), the smallest centre cell loses members who also
 * sit in another cell until it has three — "too few to show" is then visible, and nobody is left
 * without a cell.
 */
async function shrinkOneCell(trx: Kysely<Database>, input: InsightsInput): Promise<void> {
  const k = 5;
  // Small keeps the named sizes (5–9 and 3–6): its centre cells are below k by nature.
  if (input.size === "small") return;
  const sizeOf = (cellId: string) => input.members.filter((m) => m.cellId === cellId).length;
  if (input.cells.some((c) => sizeOf(c.id) < k)) return;
  const smallest = input.cells
    .filter((c) => c.kind === "centre")
    .sort((a, b) => sizeOf(a.id) - sizeOf(b.id) || a.name.localeCompare(b.name))[0];
  if (!smallest) return;
  const cellsOf = (personId: string) => input.members.filter((m) => m.personId === personId).length;
  const inCell = input.members.filter((m) => m.cellId === smallest.id);
  // Prefer people who sit in another cell too; anyone else moves to the largest other centre cell.
  const ordered = [...inCell].sort((a, b) => cellsOf(b.personId) - cellsOf(a.personId));
  const largest = input.cells
    .filter((c) => c.kind === "centre" && c.id !== smallest.id)
    .sort((a, b) => sizeOf(b.id) - sizeOf(a.id))[0];
  for (const member of ordered.slice(0, Math.max(0, inCell.length - 3))) {
    if (cellsOf(member.personId) === 1) {
      if (!largest) continue;
      await trx
        .insertInto("cellMember")
        .values({ orgId: input.orgId, cellId: largest.id, personId: member.personId })
        .execute();
    }
    await trx
      .deleteFrom("cellMember")
      .where("cellId", "=", smallest.id)
      .where("personId", "=", member.personId)
      .execute();
  }
}
