/** The decisions module's API contract for the open decision log, review dates and outcome reviews. */
import { z } from "zod";
import {
  DateSchema,
  IdSchema,
  IsoDateTimeSchema,
  pageOf,
  searchText,
  text,
  VersionSchema,
} from "../common.ts";
import {
  CellRefSchema,
  ImpactSchema,
  LinkSchema,
  LinkTypeSchema,
  PersonRefSchema,
  ProposalKindSchema,
} from "./kinds.ts";

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
