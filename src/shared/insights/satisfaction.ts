/** The insights module's API contract for customer satisfaction scores recorded on an account. */
import { z } from "zod";
import { DateSchema, IdSchema, IsoDateTimeSchema, optionalText, pageOf } from "../common.ts";

/* Customer satisfaction */

export const SatisfactionScoreSchema = z.object({
  id: IdSchema,
  accountId: IdSchema,
  /** The cell that owned the account when the score was recorded; the figure counts there. */
  cellId: IdSchema,
  /** 1 (very unsatisfied) … 5 (very satisfied). */
  score: z.number().int().min(1).max(5),
  surveyedOn: DateSchema,
  note: z.string(),
  createdAt: IsoDateTimeSchema,
});
export type SatisfactionScore = z.infer<typeof SatisfactionScoreSchema>;
export const SatisfactionScorePageSchema = pageOf(SatisfactionScoreSchema);

export const SatisfactionScoreInputSchema = z.object({
  score: z.number().int().min(1).max(5),
  surveyedOn: DateSchema,
  note: optionalText(1000).default(""),
});
export type SatisfactionScoreInput = z.infer<typeof SatisfactionScoreInputSchema>;
