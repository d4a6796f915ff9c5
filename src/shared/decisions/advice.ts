/** The decisions module's API contract for the advice process: advice entries and the decision record. */
import { z } from "zod";
import { DateSchema, IdSchema, IsoDateTimeSchema, pageOf, text, VersionSchema } from "../common.ts";
import { CellRefSchema, PersonRefSchema } from "./kinds.ts";

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
