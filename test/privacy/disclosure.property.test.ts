import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/server/db/connect.ts";
import { loadInsights } from "../../src/server/modules/insights/queries.ts";
import {
  membersThroughout,
  periodEnd,
  type Stay,
} from "../../src/server/modules/insights/suppressionPlan.ts";
import type { Insights } from "../../src/shared/insights/figures.ts";
import { createTestDb, engines } from "../db.ts";
import { inSpan } from "./linearAlgebra.ts";

/**
 * The disclosure audit (issue 13, acceptance 2). Random organisations — cells, people, membership
 * histories with joins and leaves, and won deals per cell and week — are written to the real database
 * of each engine; the insights pages of every cell and of the organisation are read as a client reads
 * them. Then, for every figure and period, everything published is taken as linear equations over the
 * cells' true values: a shown cell's value (x_c = v), an idle cell's emptiness (x_c = 0; anyone can know
 * it — the deals are transparent), and the organisation total (Σ x_c = T). No suppressed value of an
 * active cell may be determined by them: its unit vector must not lie in the row space (rank test).
 * Beside it: every shown value belongs to a cell with at least k members for the whole period, and a
 * figure shown is the true one.
 *
 * The figures audited are the additive won value and the won/lost counts behind the win rate (the rate
 * with its event count n publishes won = rate·n / 100 and lost = n − won). Each run writes a few dozen
 * rows and reads seven pages, so 200 runs per engine stay within seconds.
 */
const WEEKS = ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2026-02-02", "2026-02-09"];
const NOW = new Date("2026-02-18T10:00:00Z");
const DAY = 86_400_000;
const RUNS = 200;

const instant = (week: number, day: number) =>
  new Date(Date.parse(`${WEEKS[0]}T00:00:00Z`) + (week * 7 + day) * DAY + 9 * 3_600_000).toISOString();

const organisation = fc.record({
  k: fc.integer({ min: 2, max: 4 }),
  people: fc.integer({ min: 2, max: 12 }),
  cells: fc.array(
    fc.record({
      // A stay: who, joined in week (−2 = long before the window), left in week (null = still there).
      stays: fc.array(
        fc.record({
          person: fc.nat(11),
          joined: fc.integer({ min: -2, max: 6 }),
          day: fc.integer({ min: 0, max: 6 }),
          left: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
        }),
        { maxLength: 8 },
      ),
      // Per week: deals won (value in euros) and lost; mostly idle weeks, so activity varies by period.
      weeks: fc.array(
        fc.record({
          won: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 2 }),
          lost: fc.integer({ min: 0, max: 1 }),
        }),
        { minLength: WEEKS.length, maxLength: WEEKS.length },
      ),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});
type Organisation = typeof organisation extends fc.Arbitrary<infer T> ? T : never;

async function write(db: Db, org: Organisation) {
  const k = db.kysely;
  const orgId = randomUUID();
  const created = "2025-06-01T00:00:00.000Z";
  await k
    .insertInto("organisation")
    .values({
      id: orgId,
      name: "Audit GmbH",
      currency: "EUR",
      languages: '["en"]',
      defaultLanguage: "en",
      weekStart: "monday",
      minGroupSize: org.k,
      isDemo: 0,
      createdAt: created,
      version: 1,
    })
    .execute();
  const people = Array.from({ length: org.people }, () => randomUUID());
  await k
    .insertInto("person")
    .values(
      people.map((id, i) => ({
        id,
        orgId,
        name: `Person ${i}`,
        email: `${id}@audit.test`,
        passwordHash: null,
        role: i === 0 ? "steward" : "member",
        languages: '["en"]',
        skills: "[]",
        locale: "en",
        createdAt: created,
        version: 1,
      })),
    )
    .execute();
  const cellIds = org.cells.map(() => randomUUID());
  await k
    .insertInto("cell")
    .values(
      cellIds.map((id, i) => ({
        id,
        orgId,
        name: `Cell ${i}`,
        kind: "periphery",
        purpose: "",
        marketSlice: "",
        createdAt: created,
        version: 1,
      })),
    )
    .execute();
  const stays: Stay[] = [];
  for (const [i, cell] of org.cells.entries()) {
    for (const s of cell.stays) {
      if (s.person >= org.people) continue;
      const joinedAt = instant(s.joined, s.day);
      const leftAt = s.left === null ? null : instant(Math.max(s.left, s.joined), s.day + 1);
      stays.push({ cellId: cellIds[i], personId: people[s.person], joinedAt, leftAt });
    }
  }
  if (stays.length > 0)
    await k
      .insertInto("cellMembership")
      .values(stays.map((s) => ({ id: randomUUID(), orgId, ...s })))
      .execute();
  // The rollup as the triggers keep it: per cell and for the organisation ("*").
  const rows: {
    cellId: string;
    period: string;
    figure: string;
    currency: string;
    count: number;
    total: number;
  }[] = [];
  for (const [w, period] of WEEKS.entries()) {
    let won = 0;
    let wonTotal = 0;
    let lost = 0;
    for (const [i, cell] of org.cells.entries()) {
      const week = cell.weeks[w];
      if (week.won.length > 0) {
        const total = week.won.reduce((s, v) => s + v * 100_00, 0);
        rows.push({
          cellId: cellIds[i],
          period,
          figure: "won",
          currency: "EUR",
          count: week.won.length,
          total,
        });
        won += week.won.length;
        wonTotal += total;
      }
      if (week.lost > 0)
        rows.push({ cellId: cellIds[i], period, figure: "lost", currency: "", count: week.lost, total: 0 });
      lost += week.lost;
    }
    if (won > 0)
      rows.push({ cellId: "*", period, figure: "won", currency: "EUR", count: won, total: wonTotal });
    if (lost > 0) rows.push({ cellId: "*", period, figure: "lost", currency: "", count: lost, total: 0 });
  }
  if (rows.length > 0)
    await k
      .insertInto("insightRollup")
      .values(rows.map((r) => ({ orgId, grain: "w", bucket: 0, ...r })))
      .execute();
  return { orgId, cellIds, stays };
}

type Published = { value: number | null; n: number } | null;

/** What a page publishes for a figure and period: null when hidden (the whole figure or the period). */
function published(page: Insights, figure: "wonValue" | "winRate", period: string): Published {
  const result = page.figures.find((f) => f.figure === figure);
  if (result?.status !== "shown" || result.hiddenPeriods.includes(period)) return null;
  const point = result.chart.points.find((p) => p.period === period);
  return point ? { value: point.value, n: point.n } : null;
}

/** The additive quantities a published figure gives away, keyed by name. */
function quantities(figure: "wonValue" | "winRate", shown: NonNullable<Published>): Record<string, number> {
  if (figure === "wonValue") return { wonTotal: shown.value ?? 0, wonCount: shown.n };
  const won = Math.round(((shown.value ?? 0) * shown.n) / 100);
  return { wonCount: won, lostCount: shown.n - won };
}

describe("the rank test", () => {
  it("finds a cell recoverable as total minus the others, and not when two are unknown", () => {
    // Total of three cells and cell 0 shown: cells 1 and 2 only as a sum.
    expect(
      inSpan(
        [
          [1, 1, 1],
          [1, 0, 0],
        ],
        [0, 1, 0],
      ),
    ).toBe(false);
    expect(
      inSpan(
        [
          [1, 1, 1],
          [1, 0, 0],
        ],
        [0, 1, 1],
      ),
    ).toBe(true);
    // Cell 2 idle (known empty): cell 1 = total − cell 0.
    expect(
      inSpan(
        [
          [1, 1, 1],
          [1, 0, 0],
          [0, 0, 1],
        ],
        [0, 1, 0],
      ),
    ).toBe(true);
  });
});

describe.each(engines)("disclosure audit on %s", (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb(engine);
  });
  afterAll(() => db.close());

  it(`no published sum determines a suppressed cell's figure in any period (${RUNS} random organisations)`, async () => {
    let hiddenActive = 0;
    let shownValues = 0;
    await fc.assert(
      fc.asyncProperty(organisation, async (org) => {
        const { orgId, cellIds, stays } = await write(db, org);
        const query = { grain: "week" as const, periods: WEEKS.length };
        const cellPages = await Promise.all(
          cellIds.map((id) => loadInsights(db.kysely, orgId, id, query, NOW)),
        );
        const orgPage = await loadInsights(db.kysely, orgId, null, query, NOW);
        for (const figure of ["wonValue", "winRate"] as const) {
          for (const [w, period] of WEEKS.entries()) {
            const truth = org.cells.map((c) => ({
              wonTotal: c.weeks[w].won.reduce((s, v) => s + v * 100_00, 0),
              wonCount: c.weeks[w].won.length,
              lostCount: c.weeks[w].lost,
            }));
            const active = truth.map((t) =>
              figure === "wonValue" ? t.wonCount > 0 : t.wonCount + t.lostCount > 0,
            );
            const cells = cellPages.map((page) => published(page, figure, period));
            const total = published(orgPage, figure, period);
            // Rows of the published equations, over the cells' unknowns.
            const rows: number[][] = [];
            for (const [i, shown] of cells.entries()) {
              const members = membersThroughout(
                stays,
                cellIds[i],
                `${period}T00:00:00.000Z`,
                periodEnd("week", period),
              );
              if (shown) {
                expect(
                  members.length,
                  "a shown cell has at least k members for the whole period",
                ).toBeGreaterThanOrEqual(org.k);
                const truthOf = truth[i] as Record<string, number>;
                for (const [name, value] of Object.entries(quantities(figure, shown)))
                  expect(value).toBe(truthOf[name]);
                shownValues++;
              }
              if (shown || !active[i]) rows.push(cellIds.map((_, j) => (j === i ? 1 : 0)));
            }
            if (total) rows.push(cellIds.map(() => 1));
            for (const [i, shown] of cells.entries()) {
              if (shown || !active[i]) continue;
              hiddenActive++;
              const unit = cellIds.map((_, j) => (j === i ? 1 : 0));
              expect(inSpan(rows, unit), `cell ${i}, ${figure}, week of ${period}: recoverable`).toBe(false);
            }
          }
        }
      }),
      { numRuns: RUNS, seed: 20261202 },
    );
    // The audit met both sides: values that were shown and active values that were hidden.
    expect(shownValues).toBeGreaterThan(100);
    expect(hiddenActive).toBeGreaterThan(100);
  }, 240_000);
});
