/**
 * The decisions module's API contract: the advice process and consent on one proposal object, an
 * open decision log with outcome reviews, and the notifications that keep people in the loop.
 * PRODUCT.md rule 1 and domain brief §3: nothing here approves, rejects or votes. Advice is taken
 * seriously and need not be followed; consent asks "do you object?"; nobody but the decider is ever
 * waited on — after the advice window closes the decider may decide without anyone else.
 *
 * Routes (all under the signed-in organisation; every mutation names the `version` it was based on,
 * a mismatch is 409 STALE_VERSION; only the decider records, 403 NOT_DECIDER otherwise):
 *
 *   GET    /api/decisions/settings                           advice window days per impact + time zone
 *   PUT    /api/decisions/settings                           stewards change them (audited)
 *
 *   POST   /api/proposals                                    propose (advice or consent) → Proposal 201
 *   GET    /api/proposals?status&kind&linkType&linkId&mine&cursor&limit   proposals, newest first → ProposalPage
 *   GET    /api/proposals/:proposalId                        one proposal with rounds, asked, decision → Proposal
 *   PATCH  /api/proposals/:proposalId                        decider edits an open advice proposal → Proposal
 *   POST   /api/proposals/:proposalId/withdraw               decider withdraws an open proposal → Proposal
 *   POST   /api/proposals/:proposalId/decider/accept         the named colleague takes the decision over → Proposal
 *   POST   /api/proposals/:proposalId/decider/decline        … or declines; the proposer stays decider → Proposal
 *   GET    /api/proposals/:proposalId/suggestions            advisers to ask: affected cells' members, matching skills
 *   POST   /api/proposals/:proposalId/asked                  decider asks people and cells (adds) → Proposal
 *   GET    /api/proposals/:proposalId/advice?cursor&limit    advice thread, oldest first → AdvicePage
 *   POST   /api/proposals/:proposalId/advice                 anyone advises (transparent) → AdviceEntry 201
 *   POST   /api/proposals/:proposalId/decision               decider records decision + how advice was used → Proposal
 *                                                            (409 ADVICE_WINDOW_OPEN while the window is open and
 *                                                            not everyone asked has answered)
 *   POST   /api/proposals/:proposalId/consent/entries        question | reaction | consent | objection → ConsentEntry 201
 *                                                            (409 CONSENT_PHASE when the kind does not fit the phase)
 *   POST   /api/proposals/:proposalId/consent/phase          decider moves the round on: reactions → consent → Proposal
 *   POST   /api/proposals/:proposalId/amend                  decider amends → a new round, earlier rounds kept → Proposal
 *   POST   /api/proposals/:proposalId/consent/pass           decider closes the consent round with a review date
 *                                                            → Proposal (409 OBJECTION_STANDS, 409 ADVICE_WINDOW_OPEN);
 *                                                            a guardrail change carried by the proposal is applied
 *   PUT    /api/proposals/:proposalId/review-date            decider sets or moves the review date → Proposal
 *   POST   /api/proposals/:proposalId/outcome-review         decider: what happened, what we learned → Proposal
 *                                                            (409 NOT_DECIDED before the decision)
 *   GET    /api/offers/:offerId/proposals                    proposals linked to an offer → ProposalSummary[]
 *
 *   GET    /api/decision-log?q&kind&cellId&linkType&linkId&from&to&cursor&limit   decided/passed → DecisionLogPage
 *   GET    /api/decision-log/review-due?cursor&limit         decisions whose review date has come, not reviewed yet
 *
 *   GET    /api/notifications?unread&cursor&limit            the caller's notifications, newest first → NotificationPage
 *   GET    /api/notifications/unread-count                   → { count }
 *   POST   /api/notifications/:notificationId/read           mark one read → 204
 *   POST   /api/notifications/read-all                       mark all read → { count }
 *   GET    /api/me/notification-preferences                  which e-mails the caller gets
 *   PUT    /api/me/notification-preferences                  change them → NotificationPreferences
 */
import { z } from "zod";
import {
  DateSchema,
  IdSchema,
  IsoDateTimeSchema,
  optionalText,
  pageOf,
  searchText,
  text,
  VersionSchema,
} from "./common.ts";
import { GuardrailKindSchema } from "./customers/offers.ts";

/* Kinds, impact, links */

/** Advice process for operational and customer decisions; consent for shared agreements. */
export const ProposalKindSchema = z.enum(["advice", "consent"]);
export type ProposalKind = z.infer<typeof ProposalKindSchema>;
export const ImpactSchema = z.enum(["low", "medium", "high"]);
export type Impact = z.infer<typeof ImpactSchema>;
/** open → decided (advice) | passed (consent) | withdrawn. There is no rejected state. */
export const ProposalStatusSchema = z.enum(["open", "decided", "passed", "withdrawn"]);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

export const LinkTypeSchema = z.enum([
  "account",
  "deal",
  "offer",
  "cell",
  "guardrail",
  "obstacle",
  "condition",
]);
export type LinkType = z.infer<typeof LinkTypeSchema>;
/**
 * What a proposal touches. Guardrails have no id of their own in the API: a guardrail link's id is
 * its kind ("discount", "margin", "paymentTerms"); every other link's id is the object's uuid.
 */
export const LinkInputSchema = z
  .object({ type: LinkTypeSchema, id: z.string().trim().min(1).max(64) })
  .refine(
    (link) =>
      link.type === "guardrail"
        ? GuardrailKindSchema.safeParse(link.id).success
        : IdSchema.safeParse(link.id).success,
    { message: "id", path: ["id"] },
  );
export type LinkInput = z.infer<typeof LinkInputSchema>;
/** `label` is the linked object's name (account name, offer number, …); null when it no longer exists. */
export const LinkSchema = z.object({ type: LinkTypeSchema, id: z.string(), label: z.string().nullable() });
export type Link = z.infer<typeof LinkSchema>;

/** A consent proposal on a guardrail may carry the new values; passing applies them. */
export const GuardrailChangeSchema = z.object({
  kind: GuardrailKindSchema,
  limitValue: z.number().int().min(0).max(10_000),
  why: optionalText(2000).default(""),
});
export type GuardrailChange = z.infer<typeof GuardrailChangeSchema>;

export const PersonRefSchema = z.object({ id: IdSchema, name: z.string() });
export type PersonRef = z.infer<typeof PersonRefSchema>;
export const CellRefSchema = z.object({ id: IdSchema, name: z.string() });
export type CellRef = z.infer<typeof CellRefSchema>;

/* Settings */

export const AdviceDaysSchema = z.object({
  low: z.number().int().min(1).max(60),
  medium: z.number().int().min(1).max(60),
  high: z.number().int().min(1).max(60),
});
export type AdviceDays = z.infer<typeof AdviceDaysSchema>;
/** An IANA time zone name the server knows ("Europe/Berlin"). */
export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "time zone");
/**
 * The advice window of a proposal made on day D with N days closes at the start of day D + N + 1 in
 * the organisation's time zone (it covers N whole days after the day it was proposed).
 */
export const DecisionSettingsSchema = z.object({
  adviceDays: AdviceDaysSchema,
  timeZone: z.string(),
  /** 0 until a steward first saves them (the defaults 1 / 3 / 7 and Europe/Berlin apply). */
  version: z.number().int().min(0),
  canEdit: z.boolean(),
});
export type DecisionSettings = z.infer<typeof DecisionSettingsSchema>;
export const DecisionSettingsInputSchema = z.object({
  adviceDays: AdviceDaysSchema,
  timeZone: TimeZoneSchema,
  version: z.number().int().min(0),
});
export type DecisionSettingsInput = z.infer<typeof DecisionSettingsInputSchema>;

/* Proposals */

export const ProposalInputSchema = z.object({
  kind: ProposalKindSchema.default("advice"),
  title: text(200),
  problem: text(10_000),
  proposal: text(10_000),
  impact: ImpactSchema.default("medium"),
  links: z.array(LinkInputSchema).max(20).default([]),
  /** A colleague asked to decide instead of the proposer; the proposer decides until they accept. */
  deciderId: IdSchema.nullable().default(null),
  /** The cell the decision is made in; derived from the links (or the proposer's only cell) if absent. */
  cellId: IdSchema.nullable().default(null),
  /** Consent proposals on a guardrail: the values that apply when it passes. */
  guardrailChange: GuardrailChangeSchema.nullable().default(null),
});
export type ProposalInput = z.infer<typeof ProposalInputSchema>;
/** Open advice proposals only; consent proposals change through `amend`. */
export const ProposalPatchSchema = z.object({
  version: VersionSchema,
  title: text(200).optional(),
  problem: text(10_000).optional(),
  proposal: text(10_000).optional(),
  links: z.array(LinkInputSchema).max(20).optional(),
});
export type ProposalPatch = z.infer<typeof ProposalPatchSchema>;
export const VersionOnlySchema = z.object({ version: VersionSchema });

export const AskInputSchema = z.object({
  personIds: z.array(IdSchema).max(200).default([]),
  cellIds: z.array(IdSchema).max(50).default([]),
  version: VersionSchema,
});
export type AskInput = z.infer<typeof AskInputSchema>;

/** An asked person has answered once they advised (advice) or took a stand in the current round (consent). */
export const AskedPersonSchema = PersonRefSchema.extend({ answered: z.boolean() });
/** An asked cell has answered once any of its members has. */
export const AskedCellSchema = CellRefSchema.extend({ answered: z.boolean() });

export const SuggestionSchema = z.object({
  people: z.array(PersonRefSchema.extend({ reasons: z.array(z.string()) })),
  cells: z.array(CellRefSchema.extend({ reasons: z.array(z.string()) })),
});
export type Suggestions = z.infer<typeof SuggestionSchema>;

/* Advice */

export const AdviceInputSchema = z.object({ body: text(10_000) });
export type AdviceInput = z.infer<typeof AdviceInputSchema>;
export const AdviceEntrySchema = z.object({
  id: IdSchema,
  proposalId: IdSchema,
  author: PersonRefSchema,
  /** The asked cells the author belongs to: their advice answers for those cells too. */
  forCells: z.array(CellRefSchema),
  body: z.string(),
  createdAt: IsoDateTimeSchema,
});
export type AdviceEntry = z.infer<typeof AdviceEntrySchema>;
export const AdvicePageSchema = pageOf(AdviceEntrySchema);
export const AdviceQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/* The decision record (advice process) */

export const DecisionInputSchema = z.object({
  decision: text(10_000),
  /** How advice was used — especially where it was not followed, and why. */
  adviceUse: text(10_000),
  reviewDate: DateSchema.nullable().default(null),
  version: VersionSchema,
});
export type DecisionInput = z.infer<typeof DecisionInputSchema>;
export const DecisionRecordSchema = z.object({
  decision: z.string(),
  adviceUse: z.string(),
  decidedAt: IsoDateTimeSchema,
  decidedBy: PersonRefSchema,
});
export type DecisionRecord = z.infer<typeof DecisionRecordSchema>;

/* Consent */

/** questions → reactions → consent; the decider moves the phase on. Amending starts a new round. */
export const ConsentPhaseSchema = z.enum(["questions", "reactions", "consent"]);
export type ConsentPhase = z.infer<typeof ConsentPhaseSchema>;
export const ConsentEntryKindSchema = z.enum(["question", "reaction", "consent", "objection"]);
export type ConsentEntryKind = z.infer<typeof ConsentEntryKindSchema>;
/**
 * Questions fit the questions phase, reactions the reactions phase, consent and objection the consent
 * phase. A stand (consent/objection) replaces the person's earlier stand in the same round, so an
 * objection is withdrawn by consenting. An objection needs a reason (the body).
 */
export const ConsentEntryInputSchema = z.object({ kind: ConsentEntryKindSchema, body: optionalText(5000) });
export type ConsentEntryInput = z.infer<typeof ConsentEntryInputSchema>;
export const ConsentEntrySchema = z.object({
  id: IdSchema,
  round: z.number().int(),
  kind: ConsentEntryKindSchema,
  body: z.string(),
  author: PersonRefSchema,
  /** False for a stand the same person later replaced in this round. */
  standing: z.boolean(),
  createdAt: IsoDateTimeSchema,
});
export type ConsentEntry = z.infer<typeof ConsentEntrySchema>;
export const ConsentRoundSchema = z.object({
  number: z.number().int().min(1),
  phase: ConsentPhaseSchema,
  /** The proposal text as it stood in this round, and what the amendment changed. */
  title: z.string(),
  proposal: z.string(),
  guardrailChange: GuardrailChangeSchema.nullable(),
  amendNote: z.string(),
  startedAt: IsoDateTimeSchema,
  entries: z.array(ConsentEntrySchema),
  /** Objections standing in this round (a stand not replaced by a consent). */
  objections: z.number().int(),
  consents: z.number().int(),
});
export type ConsentRound = z.infer<typeof ConsentRoundSchema>;
export const ConsentPhaseInputSchema = z.object({
  phase: z.enum(["reactions", "consent"]),
  version: VersionSchema,
});
export const AmendInputSchema = z.object({
  title: text(200).optional(),
  problem: text(10_000).optional(),
  proposal: text(10_000).optional(),
  guardrailChange: GuardrailChangeSchema.nullable().optional(),
  /** What changed and which objection it integrates. */
  note: text(5000),
  version: VersionSchema,
});
export type AmendInput = z.infer<typeof AmendInputSchema>;
/** "Good enough for now, safe enough to try" — with a review date, always. */
export const ConsentPassInputSchema = z.object({
  reviewDate: DateSchema,
  /** The agreement as it now stands, in a sentence or two, for the log. */
  decision: optionalText(10_000).default(""),
  version: VersionSchema,
});
export type ConsentPassInput = z.infer<typeof ConsentPassInputSchema>;

/* Review date and outcome review */

export const ReviewDateInputSchema = z.object({ reviewDate: DateSchema.nullable(), version: VersionSchema });
export const OutcomeReviewInputSchema = z.object({
  whatHappened: text(10_000),
  whatWeLearned: text(10_000),
  version: VersionSchema,
});
export type OutcomeReviewInput = z.infer<typeof OutcomeReviewInputSchema>;
export const OutcomeReviewSchema = z.object({
  whatHappened: z.string(),
  whatWeLearned: z.string(),
  reviewedAt: IsoDateTimeSchema,
  reviewedBy: PersonRefSchema,
});
export type OutcomeReview = z.infer<typeof OutcomeReviewSchema>;

/* The proposal read model */

/** What the caller may do now; the web shows controls from this and never re-derives rules. */
export const ProposalAbilitiesSchema = z.object({
  edit: z.boolean(),
  withdraw: z.boolean(),
  acceptDecider: z.boolean(),
  ask: z.boolean(),
  advise: z.boolean(),
  /** Advice: the caller is the decider and the window closed or everyone asked answered. */
  decide: z.boolean(),
  consentEntry: z.boolean(),
  movePhase: z.boolean(),
  amend: z.boolean(),
  /** Consent: the caller is the decider, the round is in its consent phase and no objection stands. */
  pass: z.boolean(),
  setReviewDate: z.boolean(),
  reviewOutcome: z.boolean(),
});
export type ProposalAbilities = z.infer<typeof ProposalAbilitiesSchema>;

export const ProposalSchema = z.object({
  id: IdSchema,
  kind: ProposalKindSchema,
  status: ProposalStatusSchema,
  title: z.string(),
  problem: z.string(),
  proposal: z.string(),
  impact: ImpactSchema,
  cell: CellRefSchema.nullable(),
  proposer: PersonRefSchema,
  decider: PersonRefSchema,
  /** A colleague asked to take the decision over who has not accepted yet. */
  deciderRequested: PersonRefSchema.nullable(),
  adviceWindowClosesAt: IsoDateTimeSchema,
  windowOpen: z.boolean(),
  /** True when every asked person and cell has answered. */
  allAnswered: z.boolean(),
  asked: z.object({ people: z.array(AskedPersonSchema), cells: z.array(AskedCellSchema) }),
  adviceCount: z.number().int(),
  links: z.array(LinkSchema),
  guardrailChange: GuardrailChangeSchema.nullable(),
  /** Consent proposals: every round, the current one last. Empty for advice proposals. */
  rounds: z.array(ConsentRoundSchema),
  decision: DecisionRecordSchema.nullable(),
  reviewDate: DateSchema.nullable(),
  outcomeReview: OutcomeReviewSchema.nullable(),
  abilities: ProposalAbilitiesSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type Proposal = z.infer<typeof ProposalSchema>;

/** A list row: no rounds, no asked lists. */
export const ProposalSummarySchema = ProposalSchema.pick({
  id: true,
  kind: true,
  status: true,
  title: true,
  impact: true,
  cell: true,
  decider: true,
  adviceWindowClosesAt: true,
  windowOpen: true,
  adviceCount: true,
  links: true,
  reviewDate: true,
  createdAt: true,
  updatedAt: true,
});
export type ProposalSummary = z.infer<typeof ProposalSummarySchema>;
export const ProposalPageSchema = pageOf(ProposalSummarySchema);
export const ProposalListQuerySchema = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: ProposalStatusSchema.optional(),
  kind: ProposalKindSchema.optional(),
  linkType: LinkTypeSchema.optional(),
  linkId: z.string().trim().max(64).optional(),
  /** Proposals the caller decides, proposed, or was asked about. */
  mine: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export type ProposalListQuery = z.infer<typeof ProposalListQuerySchema>;

/* Decision log */

export const DecisionLogItemSchema = z.object({
  id: IdSchema,
  kind: ProposalKindSchema,
  status: z.enum(["decided", "passed"]),
  title: z.string(),
  problem: z.string(),
  decision: z.string(),
  adviceUse: z.string(),
  impact: ImpactSchema,
  cell: CellRefSchema.nullable(),
  decider: PersonRefSchema,
  decidedAt: IsoDateTimeSchema,
  links: z.array(LinkSchema),
  adviceCount: z.number().int(),
  /** Consent: how many rounds it took. */
  rounds: z.number().int(),
  reviewDate: DateSchema.nullable(),
  reviewed: z.boolean(),
});
export type DecisionLogItem = z.infer<typeof DecisionLogItemSchema>;
export const DecisionLogPageSchema = pageOf(DecisionLogItemSchema);
export const DecisionLogQuerySchema = z.object({
  /** Searches title, problem and decision text. */
  q: searchText(100).optional(),
  kind: ProposalKindSchema.optional(),
  cellId: IdSchema.optional(),
  linkType: LinkTypeSchema.optional(),
  linkId: z.string().trim().max(64).optional(),
  /** Decided on or after / on or before (YYYY-MM-DD), in the organisation's time zone. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DecisionLogQuery = z.infer<typeof DecisionLogQuerySchema>;
export const ReviewDueQuerySchema = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/* Notifications */

export const NotificationKindSchema = z.enum([
  "adviceRequested",
  "deciderRequested",
  "windowClosing",
  "decisionMade",
  "reviewDue",
]);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;
export const NotificationSchema = z.object({
  id: IdSchema,
  kind: NotificationKindSchema,
  proposalId: IdSchema,
  proposalTitle: z.string(),
  /** Who caused it (the decider asking, deciding); null for reminders from the clock. */
  actor: PersonRefSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  readAt: IsoDateTimeSchema.nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationPageSchema = pageOf(NotificationSchema);
export const NotificationQuerySchema = z.object({
  unread: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const UnreadCountSchema = z.object({ count: z.number().int() });

/** Which notifications also arrive by e-mail (when the instance has SMTP). In-app always. */
export const EmailPreferencesSchema = z.object({
  adviceRequested: z.boolean(),
  deciderRequested: z.boolean(),
  windowClosing: z.boolean(),
  decisionMade: z.boolean(),
  reviewDue: z.boolean(),
});
export type EmailPreferences = z.infer<typeof EmailPreferencesSchema>;
export const NotificationPreferencesSchema = z.object({
  email: EmailPreferencesSchema,
  /** False when the instance has no SMTP server: the choices are kept but nothing is mailed. */
  mailConfigured: z.boolean(),
  version: z.number().int().min(0),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;
export const NotificationPreferencesInputSchema = z.object({
  email: EmailPreferencesSchema,
  version: z.number().int().min(0),
});
