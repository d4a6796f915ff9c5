/**
 * The system module's API contract: work on the system (PRODUCT.md "system", rule 7). The obstacle
 * board, the service catalogue of centre cells with the requests periphery cells pull, the register
 * of framework conditions, and the request flows drawn on the cell map. Everything is read by every
 * member of the organisation (rule 4); nothing here approves anything (rule 1); figures are per
 * service, cell or organisation and only when at least *k* people are behind them (rule 2).
 *
 * Routes (all under the signed-in organisation; transitions name the `version` they were based on,
 * a mismatch is 409 STALE_VERSION; a transition that does not fit the status is 409 CONFLICT):
 *
 *   GET    /api/system/obstacles?status&cellId&cursor&limit   the board, newest first → ObstaclePage
 *   POST   /api/system/obstacles                              anyone raises one → Obstacle 201
 *   GET    /api/system/obstacles/lead-times                   raised → ended, organisation and per raising cell
 *                                                             → ObstacleLeadTimes (k-suppressed)
 *   GET    /api/system/obstacles/:obstacleId                  → Obstacle
 *   POST   /api/system/obstacles/:obstacleId/affects          a member of another cell: "affects us too" → Obstacle
 *                                                             (once per cell: 409 CONFLICT; 403 when not a member)
 *   POST   /api/system/obstacles/:obstacleId/take-up          a steward or a member of a centre cell → Obstacle (403)
 *   POST   /api/system/obstacles/:obstacleId/end              changed (what changed + the decision) | declined (why)
 *                                                             → Obstacle; only once taken up, by a steward or centre member
 *
 *   GET    /api/system/services?cellId                        the catalogue, by cell and name → { items: Service[] }
 *                                                             (figures as on the service's read, but `histogram` empty)
 *   POST   /api/system/services                               a member of the centre cell describes a service → Service 201
 *   GET    /api/system/services/:serviceId                    → Service (figures k-suppressed)
 *   PATCH  /api/system/services/:serviceId                    a member of its cell edits (version) → Service
 *   POST   /api/system/services/:serviceId/requests           a member of a periphery cell pulls it → ServiceRequest 201
 *   GET    /api/system/requests?serviceId&cellId&status&cursor&limit   requests, newest first → ServiceRequestPage
 *   GET    /api/system/requests/:requestId                    → ServiceRequest
 *   POST   /api/system/requests/:requestId/accept             a member of the serving cell → ServiceRequest
 *   POST   /api/system/requests/:requestId/deliver            a member of the serving cell → ServiceRequest
 *   POST   /api/system/requests/:requestId/decline            a member of the serving cell, with the reason
 *   POST   /api/system/requests/:requestId/rating             a member of the requesting cell, once delivered → ServiceRequest
 *
 *   GET    /api/system/conditions                             the register + the customers guardrails (read-only)
 *   GET    /api/system/conditions/:conditionId                → FrameworkCondition
 *   POST   /api/system/conditions/proposals                   propose a new or changed condition: creates a consent
 *                                                             proposal (decisions module) → { proposalId } 201.
 *                                                             There is no PATCH: only a passed consent changes a condition.
 *
 *   GET    /api/system/flows?days=90                          requests per periphery → centre cell pair → Flows
 *                                                             (a pair's count null below k distinct requesters)
 *
 * Tables (for readers such as insights; names stay stable):
 *   obstacle(id, orgId, title, body, place, example, cellId, raisedById, status, takenUpById, takenUpAt,
 *            endedAt, outcome, decisionId, leadDays, sourceSessionId, createdAt, updatedAt, version)
 *     status raised | takenUp | changed | declined; leadDays = (endedAt − createdAt) in days (real), null while open
 *   obstacleAffect(orgId, obstacleId, cellId, personId, createdAt)   unique (obstacleId, cellId)
 *   service(id, orgId, cellId, name, description, howToAsk, typicalLeadDays, createdAt, updatedAt, version)
 *   serviceRequest(id, orgId, serviceId, servingCellId, requestingCellId, requestedById, title, body, status,
 *            acceptedAt, deliveredAt, declinedAt, deliveryNote, declineReason, leadDays, rating, ratingComment,
 *            ratedById, ratedAt, createdAt, updatedAt, version)
 *     status requested | accepted | delivered | declined; leadDays = (deliveredAt − createdAt) in days (real)
 *   frameworkCondition(id, orgId, title, body, why, since, setByProposalId, createdAt, updatedAt, version)
 *   conditionProposal(proposalId, orgId, conditionId, createdAt)     a consent proposal that changes a condition
 *
 * k-suppression (organisation setting `minGroupSize`): the people behind a request figure are the
 * distinct requesters (`requestedById`) of the requests it covers; behind a rating figure the distinct
 * people who rated (`ratedById`); behind an obstacle lead time the distinct people who raised the
 * ended obstacles (`raisedById`). Fewer than k → `{ tooFewToShow: true }` and no number at all.
 */
import { z } from "zod";
import { IdSchema, IsoDateTimeSchema, optionalText, pageOf, text, VersionSchema } from "./common.ts";
import { GuardrailKindSchema } from "./customers/offers.ts";

export const RefSchema = z.object({ id: IdSchema, name: z.string() });
export type Ref = z.infer<typeof RefSchema>;
/** A decision (proposal) something links to; `title` null when it no longer exists. */
export const ProposalRefSchema = z.object({ id: IdSchema, title: z.string().nullable() });
export type ProposalRef = z.infer<typeof ProposalRefSchema>;

/* Figures */

/** The marker a figure carries when fewer than k people are behind it (PRODUCT.md rule 2). */
export const TooFewSchema = z.object({ tooFewToShow: z.literal(true) });
export const HistogramBinSchema = z.object({
  /** Days, inclusive lower bound, exclusive upper bound (the last bin includes its upper bound). */
  fromDays: z.number(),
  toDays: z.number(),
  count: z.number().int(),
});
export type HistogramBin = z.infer<typeof HistogramBinSchema>;
export const LeadTimeShownSchema = z.object({
  tooFewToShow: z.literal(false),
  count: z.number().int(),
  medianDays: z.number(),
  p25Days: z.number(),
  p75Days: z.number(),
  minDays: z.number(),
  maxDays: z.number(),
  histogram: z.array(HistogramBinSchema),
});
export const LeadTimeSchema = z.union([TooFewSchema, LeadTimeShownSchema]);
export type LeadTime = z.infer<typeof LeadTimeSchema>;
export const RatingShownSchema = z.object({
  tooFewToShow: z.literal(false),
  count: z.number().int(),
  mean: z.number(),
  /** How many ratings of 1, 2, 3, 4, 5. */
  distribution: z.array(z.number().int()).length(5),
});
export const RatingFigureSchema = z.union([TooFewSchema, RatingShownSchema]);
export type RatingFigure = z.infer<typeof RatingFigureSchema>;

/* Obstacles */

export const ObstacleStatusSchema = z.enum(["raised", "takenUp", "changed", "declined"]);
export type ObstacleStatus = z.infer<typeof ObstacleStatusSchema>;

export const ObstacleInputSchema = z.object({
  /** What hinders us, in a line. */
  title: text(200),
  /** What hinders us, told. */
  body: text(10_000),
  /** Where in the system it shows (process, tool, rule). */
  place: optionalText(500).default(""),
  /** One concrete example. */
  example: optionalText(5000).default(""),
  /** The raising cell (the caller must be a member); null: raised for the organisation. */
  cellId: IdSchema.nullable().default(null),
});
export type ObstacleInput = z.infer<typeof ObstacleInputSchema>;
export const AffectsInputSchema = z.object({ cellId: IdSchema });
export const VersionInputSchema = z.object({ version: VersionSchema });
export const EndObstacleInputSchema = z.object({
  outcome: z.enum(["changed", "declined"]),
  /** changed: what changed in the system; declined: why not. */
  text: text(5000),
  /** changed: the decision (proposal) that changed it — required for changed, absent for declined. */
  decisionId: IdSchema.nullable().default(null),
  version: VersionSchema,
});
export type EndObstacleInput = z.infer<typeof EndObstacleInputSchema>;

export const ObstacleAbilitiesSchema = z.object({
  /** The caller's cells that may still say "affects us too". */
  affectCellIds: z.array(IdSchema),
  takeUp: z.boolean(),
  end: z.boolean(),
});
export const AffectedCellSchema = RefSchema.extend({ addedAt: IsoDateTimeSchema });
export const ObstacleSchema = z.object({
  id: IdSchema,
  title: z.string(),
  body: z.string(),
  place: z.string(),
  example: z.string(),
  status: ObstacleStatusSchema,
  cell: RefSchema.nullable(),
  raisedBy: RefSchema.nullable(),
  affectedCells: z.array(AffectedCellSchema),
  takenUpBy: RefSchema.nullable(),
  takenUpAt: IsoDateTimeSchema.nullable(),
  endedAt: IsoDateTimeSchema.nullable(),
  /** What changed (changed) or why not (declined); empty while open. */
  outcome: z.string(),
  decision: ProposalRefSchema.nullable(),
  /** Raised → ended in days; null while open. */
  leadDays: z.number().nullable(),
  /** Harvested from an exchange session. */
  fromSession: z.boolean(),
  abilities: ObstacleAbilitiesSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type Obstacle = z.infer<typeof ObstacleSchema>;
export const ObstacleSummarySchema = ObstacleSchema.omit({
  body: true,
  example: true,
  abilities: true,
}).extend({
  affectedCount: z.number().int(),
});
export type ObstacleSummary = z.infer<typeof ObstacleSummarySchema>;
export const ObstaclePageSchema = pageOf(ObstacleSummarySchema);
export const ObstacleListQuerySchema = z.object({
  status: ObstacleStatusSchema.optional(),
  /** Raised by or affecting this cell. */
  cellId: IdSchema.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ObstacleListQuery = z.infer<typeof ObstacleListQuerySchema>;
export const ObstacleLeadTimesSchema = z.object({
  organisation: LeadTimeSchema,
  cells: z.array(z.object({ cell: RefSchema, leadTime: LeadTimeSchema })),
  open: z.number().int(),
  minGroupSize: z.number().int(),
});
export type ObstacleLeadTimes = z.infer<typeof ObstacleLeadTimesSchema>;

/* Services */

export const ServiceInputSchema = z.object({
  /** A centre cell the caller is a member of. */
  cellId: IdSchema,
  name: text(200),
  description: text(5000),
  howToAsk: text(5000),
  typicalLeadDays: z.number().int().min(0).max(365),
});
export type ServiceInput = z.infer<typeof ServiceInputSchema>;
export const ServicePatchSchema = z.object({
  name: text(200).optional(),
  description: text(5000).optional(),
  howToAsk: text(5000).optional(),
  typicalLeadDays: z.number().int().min(0).max(365).optional(),
  version: VersionSchema,
});
export type ServicePatch = z.infer<typeof ServicePatchSchema>;
export const ServiceFiguresSchema = z.object({
  /** Requested → delivered, delivered requests. */
  leadTime: LeadTimeSchema,
  rating: RatingFigureSchema,
  /** Requests not yet delivered or declined (a count of the service's work, not of people). */
  open: z.number().int(),
});
export type ServiceFigures = z.infer<typeof ServiceFiguresSchema>;
export const ServiceSchema = z.object({
  id: IdSchema,
  cell: RefSchema,
  name: z.string(),
  description: z.string(),
  howToAsk: z.string(),
  typicalLeadDays: z.number().int(),
  figures: ServiceFiguresSchema,
  abilities: z.object({
    edit: z.boolean(),
    /** The caller's periphery cells that may request it. */
    requestCellIds: z.array(IdSchema),
  }),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type Service = z.infer<typeof ServiceSchema>;
export const ServiceListSchema = z.object({ items: z.array(ServiceSchema), minGroupSize: z.number().int() });
export const ServiceListQuerySchema = z.object({ cellId: IdSchema.optional() });

/* Requests */

export const RequestStatusSchema = z.enum(["requested", "accepted", "delivered", "declined"]);
export type RequestStatus = z.infer<typeof RequestStatusSchema>;
export const RequestInputSchema = z.object({
  /** The requesting periphery cell; the caller must be a member. */
  cellId: IdSchema,
  title: text(200),
  body: optionalText(10_000).default(""),
});
export type RequestInput = z.infer<typeof RequestInputSchema>;
export const DeliverInputSchema = z.object({ note: optionalText(5000).default(""), version: VersionSchema });
export const DeclineRequestInputSchema = z.object({ reason: text(5000), version: VersionSchema });
export const RatingInputSchema = z.object({
  rating: z.number().int().min(1).max(5),
  comment: optionalText(5000).default(""),
  version: VersionSchema,
});
export type RatingInput = z.infer<typeof RatingInputSchema>;
export const ServiceRequestSchema = z.object({
  id: IdSchema,
  service: RefSchema,
  servingCell: RefSchema,
  requestingCell: RefSchema,
  requestedBy: RefSchema.nullable(),
  title: z.string(),
  body: z.string(),
  status: RequestStatusSchema,
  acceptedAt: IsoDateTimeSchema.nullable(),
  deliveredAt: IsoDateTimeSchema.nullable(),
  declinedAt: IsoDateTimeSchema.nullable(),
  deliveryNote: z.string(),
  declineReason: z.string(),
  /** Requested → delivered in days; null until delivered. */
  leadDays: z.number().nullable(),
  /**
   * The requesting cell's rating of this delivery: feedback between the requesting and the serving cell,
   * so only their members read it; for everyone else rating and ratedAt are null and the comment empty
   * (ratings across requests only as the service's k-suppressed figure — issue 13).
   */
  rating: z.number().int().nullable(),
  ratingComment: z.string(),
  ratedAt: IsoDateTimeSchema.nullable(),
  abilities: z.object({
    accept: z.boolean(),
    deliver: z.boolean(),
    decline: z.boolean(),
    rate: z.boolean(),
  }),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type ServiceRequest = z.infer<typeof ServiceRequestSchema>;
export const ServiceRequestPageSchema = pageOf(ServiceRequestSchema);
export const RequestListQuerySchema = z.object({
  serviceId: IdSchema.optional(),
  /** Requested by or served by this cell. */
  cellId: IdSchema.optional(),
  status: RequestStatusSchema.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RequestListQuery = z.infer<typeof RequestListQuerySchema>;

/* Framework conditions */

export const FrameworkConditionSchema = z.object({
  id: IdSchema,
  title: z.string(),
  /** The rule as it stands. */
  body: z.string(),
  why: z.string(),
  since: IsoDateTimeSchema,
  /** The consent decision that set it; null for conditions that predate the register. */
  setBy: ProposalRefSchema.nullable(),
  /** Consent proposals to change it that are still open. */
  openProposals: z.array(ProposalRefSchema),
  createdAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type FrameworkCondition = z.infer<typeof FrameworkConditionSchema>;
export const RegisterGuardrailSchema = z.object({
  kind: GuardrailKindSchema,
  limitValue: z.number().int(),
  why: z.string(),
  since: IsoDateTimeSchema,
});
export type RegisterGuardrail = z.infer<typeof RegisterGuardrailSchema>;
export const ConditionRegisterSchema = z.object({
  conditions: z.array(FrameworkConditionSchema),
  /** The customers module's guardrails, read-only here; they change through a guardrail consent. */
  guardrails: z.array(RegisterGuardrailSchema),
  /** Consent proposals for new conditions that are still open. */
  openNewProposals: z.array(ProposalRefSchema),
});
export type ConditionRegister = z.infer<typeof ConditionRegisterSchema>;
export const ConditionProposalInputSchema = z.object({
  /** The condition to change; null proposes a new one. */
  conditionId: IdSchema.nullable().default(null),
  title: text(200),
  /** The new text of the rule: what the condition says once the consent passes. */
  body: text(10_000),
  /** Why — becomes the proposal's problem and the condition's reason. */
  why: text(10_000),
  impact: z.enum(["low", "medium", "high"]).default("medium"),
});
export type ConditionProposalInput = z.infer<typeof ConditionProposalInputSchema>;
export const ConditionProposalCreatedSchema = z.object({ proposalId: IdSchema });

/* Flows on the cell map */

export const FlowQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(365).default(90) });
export const FlowSchema = z.object({
  fromCellId: IdSchema,
  toCellId: IdSchema,
  /** null: fewer than k distinct people asked — "too few to show" (PRODUCT.md rule 2). */
  requests: z.number().int().nullable(),
});
export const FlowsSchema = z.object({
  days: z.number().int(),
  since: IsoDateTimeSchema,
  minGroupSize: z.number().int(),
  flows: z.array(FlowSchema),
});
export type Flows = z.infer<typeof FlowsSchema>;
