/** The customers module's API contract for the pipeline: stages (ordered, a won and a lost end), deals, the board. */
import { z } from "zod";
import {
  DateSchema,
  IdSchema,
  IsoDateTimeSchema,
  optionalText,
  pageOf,
  patchOf,
  searchText,
  text,
  VersionSchema,
} from "../common.ts";
import { CurrencySchema } from "../org.ts";
import { MoneySchema, PercentSchema } from "./amounts.ts";

/* Pipeline stages — ordered, with a won and a lost end. */
export const StageOutcomeSchema = z.enum(["open", "won", "lost"]);
export const StageSchema = z.object({
  id: IdSchema,
  name: z.string(),
  position: z.number().int(),
  outcome: StageOutcomeSchema,
  probability: PercentSchema,
});
export type Stage = z.infer<typeof StageSchema>;
export const StageListSchema = z.object({ items: z.array(StageSchema), version: z.number().int() });
/** Replaces the whole ordered list; stages with an id keep it (and their deals). */
export const StagesInputSchema = z.object({
  stages: z
    .array(
      z.object({
        id: IdSchema.optional(),
        name: text(60),
        outcome: StageOutcomeSchema,
        probability: PercentSchema,
      }),
    )
    .min(3)
    .max(20),
});

/* Deals */
export const DealInputSchema = z.object({
  accountId: IdSchema,
  cellId: IdSchema.optional(),
  title: text(200),
  amount: MoneySchema,
  currency: CurrencySchema,
  stageId: IdSchema.optional(),
  expectedClose: DateSchema.nullable().default(null),
  probability: PercentSchema.optional(),
  source: optionalText(120).default(""),
  lostReason: optionalText(2000).default(""),
  /** Multi-line; a CRM's opportunity description arrives here on import. */
  description: optionalText(20_000).default(""),
  /** The deal type as the team names it ("New Business", "Bestandskunde" …). */
  type: optionalText(120).default(""),
  personIds: z.array(IdSchema).max(50).default([]),
  /** Recording an accepted offer leaves this deal open instead of moving it to won. */
  keepOpenOnAcceptance: z.boolean().default(false),
});
export type DealInput = z.infer<typeof DealInputSchema>;
export const DealPatchSchema = patchOf(DealInputSchema.omit({ accountId: true, cellId: true }));
export const DealMoveSchema = z.object({
  stageId: IdSchema,
  version: VersionSchema,
  lostReason: optionalText(2000).optional(),
});

export const DealSchema = z.object({
  id: IdSchema,
  cellId: IdSchema,
  cellName: z.string(),
  accountId: IdSchema,
  accountName: z.string(),
  title: z.string(),
  amount: z.number().int(),
  currency: CurrencySchema,
  stageId: IdSchema,
  stageName: z.string(),
  outcome: StageOutcomeSchema,
  expectedClose: DateSchema.nullable(),
  probability: PercentSchema,
  source: z.string(),
  lostReason: z.string(),
  description: z.string(),
  type: z.string(),
  people: z.array(z.object({ id: IdSchema, name: z.string() })),
  keepOpenOnAcceptance: z.boolean(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  closedAt: IsoDateTimeSchema.nullable(),
  version: VersionSchema,
});
export type Deal = z.infer<typeof DealSchema>;
export const DealPageSchema = pageOf(DealSchema);

export const DealSortSchema = z.enum(["updatedAt", "amount", "expectedClose"]);
export const DealListQuerySchema = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  sort: DealSortSchema.default("updatedAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  cellId: IdSchema.optional(),
  stageId: IdSchema.optional(),
  accountId: IdSchema.optional(),
  outcome: StageOutcomeSchema.optional(),
  q: searchText(100).optional(),
});

/** One cell's pipeline: a column per stage with its first deals; more via the column's cursor. */
export const BoardSchema = z.object({
  cellId: IdSchema,
  columns: z.array(
    z.object({
      stage: StageSchema,
      deals: z.array(DealSchema),
      count: z.number().int(),
      /** Sum of the column's deals per currency; amounts in different currencies are never added up. */
      totals: z.array(z.object({ currency: CurrencySchema, amount: z.number().int() })),
      nextCursor: z.string().nullable(),
    }),
  ),
});
export type Board = z.infer<typeof BoardSchema>;
