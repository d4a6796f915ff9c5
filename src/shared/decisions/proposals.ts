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
 *
 * This file holds the proposal itself; settings, advice, consent, the log and notifications have their own files in this folder.
 */
import { z } from "zod";
import { DateSchema, IdSchema, IsoDateTimeSchema, pageOf, text, VersionSchema } from "../common.ts";
import { DecisionRecordSchema } from "./advice.ts";
import { ConsentRoundSchema } from "./consent.ts";
import {
  CellRefSchema,
  GuardrailChangeSchema,
  ImpactSchema,
  LinkInputSchema,
  LinkSchema,
  LinkTypeSchema,
  PersonRefSchema,
  ProposalKindSchema,
  ProposalStatusSchema,
} from "./kinds.ts";
import { OutcomeReviewSchema } from "./log.ts";

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
