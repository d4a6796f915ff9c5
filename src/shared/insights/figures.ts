/**
 * The insights module's API contract: team figures as process behaviour charts (XmR), read against the
 * cell's own history and its peers — never against a target, never per person (PRODUCT.md rules 2 and
 * 3; domain brief §2.5, §5, §6). Every figure that covers fewer than the organisation's `minGroupSize`
 * people, or that could be recovered by subtracting shown figures, is answered as `tooFewToShow`.
 *
 * Routes (all signed in, all scoped to the caller's organisation; everyone sees every cell's figures —
 * transparent by default — because nothing here is about a person):
 *
 *   GET    /api/insights/cells                               cells with their kind and whether their
 *                                                            figures can be shown → InsightCellList (by name)
 *   GET    /api/insights/cells/:cellId?grain&periods         a cell's figures with XmR charts → Insights
 *   GET    /api/insights/org?grain&periods                   the organisation's figures → Insights
 *   GET    /api/insights/definitions                         "what is measured here" → Definitions
 *
 *   GET    /api/insights/markers?cellId                      change markers and fixed baselines of a cell
 *                                                            (no cellId: the organisation) → ChartSettings
 *   POST   /api/insights/markers                             "limits change here" → ChangeMarker 201
 *   DELETE /api/insights/markers/:markerId                   → 204
 *   PUT    /api/insights/baselines                           fix a baseline period (cell or org, one figure
 *                                                            or all) → Baseline (replaces the same key)
 *   DELETE /api/insights/baselines/:baselineId               back to the default baseline → 204
 *
 *   GET    /api/accounts/:accountId/satisfaction?cursor&limit   survey scores recorded for an account
 *   POST   /api/accounts/:accountId/satisfaction             record a customer's score → SatisfactionScore 201
 *
 *   GET    /api/beta-checks?cellId&cursor&limit              Beta checks, newest first → BetaCheckPage
 *                                                            (cellId "org" = organisation-wide only)
 *   POST   /api/beta-checks                                  anyone opens one for a cell or the org → BetaCheck 201
 *   GET    /api/beta-checks/:checkId                         → BetaCheck (with `answered` for the caller)
 *   POST   /api/beta-checks/:checkId/answers                 answer once, anonymously → 204
 *                                                            (409 CONFLICT fields.check = "answered" | "closed")
 *                                                            (403 FORBIDDEN fields.check = "notEligible": not
 *                                                            a member when the check opened)
 *   GET    /api/beta-checks/:checkId/results                 per law mean + distribution, only once the
 *                                                            check has closed → BetaCheckResults
 *   GET    /api/beta-checks/trend?cellId                     closed checks' law means over time → BetaTrend
 *
 * Periods: `grain` = "week" (weeks start on Monday, ISO 8601) or "month"; a period is named by its first
 * day (YYYY-MM-DD). Charts cover the last `periods` COMPLETE periods (default 26 weeks / 24 months); the
 * running period is not shown because a half-finished week would look like a signal.
 *
 * This file holds the figures and their charts; satisfaction scores and the Beta check have their own files in this folder.
 */
import { z } from "zod";
import { DateSchema, IdSchema, IsoDateTimeSchema, text, VersionSchema } from "../common.ts";
import { CellKindSchema } from "../org.ts";

/* Figures */

export const FIGURES = [
  "wonValue",
  "winRate",
  "salesCycleDays",
  "offerLeadTimeDays",
  "pipelineCreated",
  "averageDiscount",
  "customerSatisfaction",
  "requestLeadTimeDays",
  "requestRating",
  "adviceLeadTimeDays",
  "obstacleLeadTimeDays",
] as const;
export const FigureSchema = z.enum(FIGURES);
export type Figure = z.infer<typeof FigureSchema>;

/**
 * money: minor units (cents) of the organisation's currency; percent: 0–100 with decimals;
 * days: decimal days; score: the scale's mean (satisfaction 1–5, request rating 1–5).
 */
export const FigureUnitSchema = z.enum(["money", "percent", "days", "score"]);
export type FigureUnit = z.infer<typeof FigureUnitSchema>;

export const GrainSchema = z.enum(["week", "month"]);
export type Grain = z.infer<typeof GrainSchema>;

export const InsightsQuerySchema = z.object({
  grain: GrainSchema.default("month"),
  periods: z.coerce.number().int().min(4).max(104).optional(),
});

/* XmR charts */

/**
 * Wheeler's detection rules for XmR charts (domain brief §5.2) plus the range rule:
 * beyondLimit — a point outside the natural process limits (a point on a limit does not count);
 * threeOfFour — three of four successive points beyond the 1.5-sigma line on the same side;
 * runOfEight — eight successive points on the same side of the centre line;
 * rangeBeyondLimit — a moving range above the upper range limit (a sudden jump).
 * A signal is marked on every point of the run that completes the rule.
 */
export const XmrRuleSchema = z.enum(["beyondLimit", "threeOfFour", "runOfEight", "rangeBeyondLimit"]);
export type XmrRule = z.infer<typeof XmrRuleSchema>;

export const SignalSchema = z.object({ rule: XmrRuleSchema, side: z.enum(["above", "below"]) });

export const ChartPointSchema = z.object({
  /** First day of the period. */
  period: DateSchema,
  /** null: nothing to measure in this period (e.g. no deal closed → no win rate); not charted. */
  value: z.number().nullable(),
  /** How many events the value is made of (deals closed, offers sent, answers …) — never people. */
  n: z.number().int(),
  /** |value − previous charted value| within the same segment; null for a segment's first point. */
  movingRange: z.number().nullable(),
  signals: z.array(SignalSchema),
  /** Inside the segment's baseline (the values its limits were computed from). */
  inBaseline: z.boolean(),
});

/** A stretch of the chart with one set of limits; a change marker starts a new segment. */
export const ChartSegmentSchema = z.object({
  from: DateSchema,
  to: DateSchema,
  baselineFrom: DateSchema,
  baselineTo: DateSchema,
  baselinePoints: z.number().int(),
  /** Mean of the baseline values. */
  centre: z.number(),
  averageMovingRange: z.number(),
  /** centre ± 2.66 × averageMovingRange. */
  upperLimit: z.number(),
  lowerLimit: z.number(),
  /** false when the lower limit falls below the figure's smallest possible value (then there is none). */
  hasLowerLimit: z.boolean(),
  /** 3.268 × averageMovingRange; the range chart has no lower limit. */
  rangeUpperLimit: z.number(),
  /** Fewer than 2 values: no limits can be computed; the points are shown without them. */
  limitsKnown: z.boolean(),
});

export const XmrChartSchema = z.object({
  points: z.array(ChartPointSchema),
  segments: z.array(ChartSegmentSchema),
});
export type XmrChart = z.infer<typeof XmrChartSchema>;

export const PeerBandSchema = z.enum(["lower", "middle", "upper"]);
export type PeerBand = z.infer<typeof PeerBandSchema>;

export const FigureLevelSchema = z.enum(["cell", "organisation"]);

const PeriodValueSchema = z.object({ period: DateSchema, value: z.number().nullable() });

export const ShownFigureSchema = z.object({
  status: z.literal("shown"),
  figure: FigureSchema,
  unit: FigureUnitSchema,
  /**
   * For money figures: this chart's currency. A money figure comes once per currency with deals (the
   * organisation's first); amounts are never converted. null for other figures.
   */
  currency: z.string().nullable(),
  chart: XmrChartSchema,
  /** The last complete period and the one before it. */
  latest: PeriodValueSchema.nullable(),
  previous: PeriodValueSchema.nullable(),
  /**
   * Median of the latest period over the other cells of the same kind that can be shown; null for the
   * organisation or with fewer than 2 such peers.
   */
  peerMedian: z.number().nullable(),
  peerCount: z.number().int(),
  /** Where the cell's latest value sits among itself and its shown peers; null with fewer than 3 cells. */
  peerBand: PeerBandSchema.nullable(),
  /**
   * Periods whose value is "too few to show" (fewer than k members for the whole period, or recoverable
   * by subtraction in that period): their points carry no value and no count.
   */
  hiddenPeriods: z.array(DateSchema),
});
export type ShownFigure = z.infer<typeof ShownFigureSchema>;

/** Fewer than k people behind the figure, or recoverable from shown figures by subtraction. */
export const SuppressedFigureSchema = z.object({
  status: z.literal("tooFewToShow"),
  figure: FigureSchema,
  unit: FigureUnitSchema,
  reason: z.enum(["fewerThanK", "complementary"]),
});

export const FigureResultSchema = z.discriminatedUnion("status", [ShownFigureSchema, SuppressedFigureSchema]);
export type FigureResult = z.infer<typeof FigureResultSchema>;

export const ChangeMarkerSchema = z.object({
  id: IdSchema,
  cellId: IdSchema.nullable(),
  /** null: the change applies to every figure of the cell (or organisation). */
  figure: FigureSchema.nullable(),
  /** Limits change from the period containing this day on. */
  at: DateSchema,
  label: z.string(),
  createdAt: IsoDateTimeSchema,
});
export type ChangeMarker = z.infer<typeof ChangeMarkerSchema>;

export const ChangeMarkerInputSchema = z.object({
  cellId: IdSchema.nullable().default(null),
  figure: FigureSchema.nullable().default(null),
  at: DateSchema,
  label: text(200),
});
export type ChangeMarkerInput = z.infer<typeof ChangeMarkerInputSchema>;

/**
 * A fixed baseline: the limits of the first segment (and of any segment that starts inside it) come from
 * the values between `from` and `to`. Without one a segment's baseline is its first 20 values (or all).
 */
export const BaselineSchema = z.object({
  id: IdSchema,
  cellId: IdSchema.nullable(),
  figure: FigureSchema.nullable(),
  from: DateSchema,
  to: DateSchema,
  version: VersionSchema,
});
export type Baseline = z.infer<typeof BaselineSchema>;

export const BaselineInputSchema = z.object({
  cellId: IdSchema.nullable().default(null),
  figure: FigureSchema.nullable().default(null),
  from: DateSchema,
  to: DateSchema,
});
export type BaselineInput = z.infer<typeof BaselineInputSchema>;

export const ChartSettingsSchema = z.object({
  markers: z.array(ChangeMarkerSchema),
  baselines: z.array(BaselineSchema),
});

export const InsightsSchema = z.object({
  level: FigureLevelSchema,
  /** null for the organisation. */
  cell: z.object({ id: IdSchema, name: z.string(), kind: CellKindSchema }).nullable(),
  grain: GrainSchema,
  /** The organisation's k (minGroupSize). */
  minGroupSize: z.number().int(),
  /** Every figure that applies to this level and cell kind, in FIGURES order. */
  figures: z.array(FigureResultSchema),
  markers: z.array(ChangeMarkerSchema),
  baselines: z.array(BaselineSchema),
});
export type Insights = z.infer<typeof InsightsSchema>;

export const InsightCellSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: CellKindSchema,
  /** false: the cell has fewer than k members, all its figures are "too few to show". */
  canShow: z.boolean(),
});
export const InsightCellListSchema = z.object({ items: z.array(InsightCellSchema) });
export type InsightCellList = z.infer<typeof InsightCellListSchema>;

/* What is measured here */

export const LocalisedTextSchema = z.object({ de: z.string(), en: z.string() });

export const DefinitionSchema = z.object({
  /** A figure id, or "betaCheck" for the pulse survey. */
  id: z.string(),
  name: LocalisedTextSchema,
  definition: LocalisedTextSchema,
  unit: FigureUnitSchema,
  levels: z.array(FigureLevelSchema),
  /** Which cells the figure exists for at cell level. */
  cellKinds: z.array(CellKindSchema),
  grains: z.array(GrainSchema),
  /** Where the numbers come from (tables, events), in words. */
  source: LocalisedTextSchema,
});
export type Definition = z.infer<typeof DefinitionSchema>;

export const DefinitionsSchema = z.object({
  minGroupSize: z.number().int(),
  /** How k-suppression and complementary suppression work, in words. */
  suppression: LocalisedTextSchema,
  /** What is never measured: no figure per person, no targets, no rankings of people. */
  neverMeasured: LocalisedTextSchema,
  /**
   * The Beta check's threat model: who could try to link an answer to a person, and what stops them; then
   * what no aggregate can stop (all but one participants pooling their answers).
   */
  threatModel: z.object({
    threats: z.array(z.object({ who: LocalisedTextSchema, protection: LocalisedTextSchema })),
    limit: LocalisedTextSchema,
  }),
  items: z.array(DefinitionSchema),
});
export type Definitions = z.infer<typeof DefinitionsSchema>;
