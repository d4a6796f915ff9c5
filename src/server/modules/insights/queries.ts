/**
 * Reads of the insights module. A cell's page reads its own rollup rows for the charted periods (a few
 * hundred rows at most), every cell's rows of the latest period (for the peer median), the cells with
 * their member counts, and the chart settings — never raw history.
 */
import type {
  Baseline,
  ChangeMarker,
  Figure,
  FigureResult,
  Grain,
  InsightCellList,
  Insights,
} from "../../../shared/insights/figures.ts";
import type { CellKind } from "../../../shared/org.ts";
import type { Database } from "../../db/schema.ts";
import { inOrg, type Tx } from "../../db/scope.ts";
import { notFound } from "../../platform/errors.ts";
import {
  bandOf,
  chartCurrencies,
  completePeriods,
  figuresFor,
  figureValue,
  median,
  type Row,
  UNIT,
} from "./figures.ts";
import { type SuppressionPlan, suppressionPlan } from "./suppressionPlan.ts";
import { xmrChart } from "./xmr.ts";
import "./tables.ts";

/** Tables an insights answer is read from (or that triggers write the rollup from): the read cache key. */
export const INSIGHT_READ_TABLES: readonly (keyof Database)[] = [
  "insightRollup",
  "insightMarker",
  "insightBaseline",
  "deal",
  "offer",
  "offerLine",
  "pipelineStage",
  "account",
  "satisfactionScore",
  "serviceRequest",
  "obstacle",
  "proposal",
  "cell",
  "cellMember",
  "cellMembership",
  "person",
  "organisation",
];

const DEFAULT_PERIODS: Record<Grain, number> = { week: 26, month: 24 };
const GRAIN: Record<Grain, string> = { week: "w", month: "m" };

type CellRow = { id: string; name: string; kind: CellKind; members: string[] };

export async function orgContext(db: Tx, orgId: string) {
  const org = await db
    .selectFrom("organisation")
    .select(["currency", "minGroupSize"])
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  const cellRows = await db
    .selectFrom("cell")
    .select(["id", "name", "kind"])
    .where(inOrg(orgId))
    .orderBy("name")
    .orderBy("id")
    .execute();
  const members = await db
    .selectFrom("cellMember")
    .select(["cellId", "personId"])
    .where(inOrg(orgId))
    .execute();
  const people = await db
    .selectFrom("person")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where(inOrg(orgId))
    .executeTakeFirstOrThrow();
  const cells: CellRow[] = cellRows.map((c) => ({
    id: c.id,
    name: c.name,
    kind: c.kind as CellKind,
    members: members.filter((m) => m.cellId === c.id).map((m) => m.personId),
  }));
  return {
    currency: org.currency,
    k: org.minGroupSize,
    orgPeople: Number(people.n),
    cells,
  };
}

/** The suppression decisions for a chart window of the organisation (suppression.ts has the rule). */
function planFor(
  db: Tx,
  orgId: string,
  context: Awaited<ReturnType<typeof orgContext>>,
  grain: Grain,
  periods: string[],
) {
  return suppressionPlan(db, orgId, {
    k: context.k,
    orgPeople: context.orgPeople,
    grain,
    periods,
    currency: context.currency,
    cellIds: context.cells.map((c) => c.id),
  });
}

/**
 * The cells, each marked whether it had at least k members for the whole of the last complete month
 * (the cell list's "too few to show"; a cell's page then decides per period and figure).
 */
export async function listInsightCells(db: Tx, orgId: string, now: Date): Promise<InsightCellList> {
  const context = await orgContext(db, orgId);
  const [month] = completePeriods("month", now, 1);
  const plan = await planFor(db, orgId, context, "month", [month]);
  return {
    items: context.cells.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      canShow: plan.members(c.id, month).length >= context.k,
    })),
  };
}

const toRow = (r: {
  period: string;
  figure: string;
  currency: string;
  bucket: number;
  count: unknown;
  total: unknown;
}): Row => ({
  period: r.period,
  figure: r.figure,
  currency: r.currency,
  bucket: Number(r.bucket),
  count: Number(r.count),
  total: Number(r.total),
});

export async function chartSettings(db: Tx, orgId: string, cellId: string | null) {
  const markerQuery = db.selectFrom("insightMarker").selectAll().where(inOrg(orgId));
  const markers = await (cellId
    ? markerQuery.where("cellId", "=", cellId)
    : markerQuery.where("cellId", "is", null)
  )
    .orderBy("at")
    .orderBy("id")
    .execute();
  const baselineQuery = db.selectFrom("insightBaseline").selectAll().where(inOrg(orgId));
  const baselines = await (cellId
    ? baselineQuery.where("cellId", "=", cellId)
    : baselineQuery.where("cellId", "is", null)
  )
    .orderBy("from")
    .execute();
  return {
    markers: markers.map(
      (m): ChangeMarker => ({
        id: m.id,
        cellId: m.cellId,
        figure: m.figure as Figure | null,
        at: m.at,
        label: m.label,
        createdAt: m.createdAt,
      }),
    ),
    baselines: baselines.map(
      (b): Baseline => ({
        id: b.id,
        cellId: b.cellId,
        figure: b.figure as Figure | null,
        from: b.from,
        to: b.to,
        version: b.version,
      }),
    ),
  };
}

/** A cell's (cellId) or the organisation's (null) figures with their charts. */
export async function loadInsights(
  db: Tx,
  orgId: string,
  cellId: string | null,
  query: { grain: Grain; periods?: number },
  now: Date,
): Promise<Insights> {
  const context = await orgContext(db, orgId);
  const cell = cellId ? context.cells.find((c) => c.id === cellId) : null;
  if (cellId && !cell) throw notFound();
  const level = cell ? "cell" : "organisation";
  const figures = figuresFor(level, cell?.kind ?? null);
  // Every organisation, the demo included, is read up to the real today: the demo is dated relative
  // to the day it was made, so a write never moves its charts to another window.
  const periods = completePeriods(query.grain, now, query.periods ?? DEFAULT_PERIODS[query.grain]);
  const settings = await chartSettings(db, orgId, cellId);
  const plan = await planFor(db, orgId, context, query.grain, periods);
  const hiddenBecause = (figure: Figure, period: string) => {
    const decision = plan.decide(figure, period);
    return (cell ? decision.cells.get(cell.id) : decision.org) ?? null;
  };

  const base = {
    level,
    cell: cell ? { id: cell.id, name: cell.name, kind: cell.kind } : null,
    grain: query.grain,
    minGroupSize: context.k,
    markers: settings.markers,
    baselines: settings.baselines,
  } as const;
  const rows = (
    await db
      .selectFrom("insightRollup")
      .select(["period", "figure", "currency", "bucket", "count", "total"])
      .where(inOrg(orgId))
      .where("cellId", "=", cellId ?? "*")
      .where("grain", "=", GRAIN[query.grain])
      .where("period", ">=", periods[0])
      .where("period", "<=", periods[periods.length - 1])
      .execute()
  ).map(toRow);
  const byPeriod = new Map<string, Row[]>(periods.map((p) => [p, []]));
  for (const row of rows) byPeriod.get(row.period)?.push(row);

  const latestPeriod = periods[periods.length - 1];
  const peers = cell
    ? await peerValues(db, orgId, context, plan, cell, query.grain, latestPeriod, figures)
    : null;

  // Money figures: one chart per currency with deals (chartCurrencies), each in its own currency.
  const results = figures.flatMap((figure): FigureResult[] => {
    const reasons = periods.map((period) => hiddenBecause(figure, period));
    // Hidden in every period: the figure is "too few to show" as a whole, for the latest period's reason.
    const lastReason = reasons[reasons.length - 1];
    if (reasons.every((r) => r !== null) && lastReason)
      return [{ status: "tooFewToShow", figure, unit: UNIT[figure], reason: lastReason }];
    // Currencies from shown periods only: deals in a hidden period say nothing, not even their currency.
    const shownRows = rows.filter((r) => reasons[periods.indexOf(r.period)] === null);
    return chartCurrencies(figure, shownRows, context.currency).map((currency) =>
      shownFigure(figure, currency, reasons),
    );
  });
  return { ...base, figures: results };

  function shownFigure(figure: Figure, currency: string | null, reasons: (string | null)[]): FigureResult {
    // A hidden period has neither a value nor an event count (both are figures of its people).
    const points = periods.map((period, i) =>
      reasons[i] === null
        ? { period, ...figureValue(figure, byPeriod.get(period) ?? [], currency ?? context.currency) }
        : { period, value: null, n: 0 },
    );
    const changes = settings.markers.filter((m) => m.figure === null || m.figure === figure).map((m) => m.at);
    const baseline =
      settings.baselines.find((b) => b.figure === figure) ??
      settings.baselines.find((b) => b.figure === null) ??
      null;
    const chart = xmrChart(points, { changes, baseline, floor: 0 });
    const charted = points.filter((p) => p.value !== null);
    const latest = points[points.length - 1];
    const previous = points[points.length - 2];
    const peerList = peers?.(figure, currency ?? context.currency) ?? [];
    return {
      status: "shown",
      figure,
      unit: UNIT[figure],
      currency,
      chart,
      latest: latest ? { period: latest.period, value: latest.value } : null,
      previous: previous ? { period: previous.period, value: previous.value } : null,
      hiddenPeriods: periods.filter((_, i) => reasons[i] !== null),
      peerMedian: peerList.length >= 2 ? median(peerList) : null,
      peerCount: peerList.length,
      peerBand:
        cell && latest?.value !== null && latest?.value !== undefined && charted.length > 0
          ? bandOf(latest.value, peerList)
          : null,
    };
  }
}

/**
 * The latest period's value of every peer cell (same kind, not the cell itself) shown in that period for
 * that figure, per figure and currency (money figures compare like with like).
 */
async function peerValues(
  db: Tx,
  orgId: string,
  context: { cells: CellRow[]; currency: string },
  plan: SuppressionPlan,
  cell: CellRow,
  grain: Grain,
  period: string,
  figures: Figure[],
): Promise<(figure: Figure, currency: string) => number[]> {
  const peerIds = context.cells.filter((c) => c.kind === cell.kind && c.id !== cell.id).map((c) => c.id);
  if (peerIds.length === 0) return () => [];
  const rows = await db
    .selectFrom("insightRollup")
    .select(["cellId", "period", "figure", "currency", "bucket", "count", "total"])
    .where(inOrg(orgId))
    .where("grain", "=", GRAIN[grain])
    .where("period", "=", period)
    .where("cellId", "in", peerIds)
    .execute();
  const byCell = new Map<string, Row[]>(peerIds.map((id) => [id, []]));
  for (const r of rows) byCell.get(r.cellId)?.push(toRow(r));
  const shown = new Map(figures.map((figure) => [figure, plan.decide(figure, period).cells]));
  return (figure, currency) => {
    const out: number[] = [];
    for (const [peerId, peerRows] of byCell) {
      if (shown.get(figure)?.get(peerId) !== null) continue;
      const { value } = figureValue(figure, peerRows, currency);
      // A money figure counts the peers with rows in this currency: none in it is no peer value, not 0.
      const inCurrency = UNIT[figure] !== "money" || peerRows.some((r) => r.currency === currency);
      if (value !== null && inCurrency) out.push(value);
    }
    return out;
  };
}
