/**
 * The customers module's API contract. Money is an integer in minor units (cents) with a currency;
 * percentages are basis points (1 % = 100); quantities are decimals with at most 3 places.
 * PRODUCT.md rules 1, 4 and 5: customers belong to cells, everyone reads everything, nothing waits
 * for a sign-off — no schema here has an approval state or a per-person figure.
 */
import { z } from "zod";
import {
  IdSchema,
  IsoDateTimeSchema,
  LanguageSchema,
  optionalText,
  pageOf,
  searchText,
  text,
  VersionSchema,
} from "./common.ts";
import { CurrencySchema } from "./org.ts";

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "date",
  );
/** Minor units; up to 10^13 (100 billion in major units) stays exact in a double. */
export const MoneySchema = z.number().int().min(0).max(10_000_000_000_000);
export const BasisPointsSchema = z.number().int().min(0).max(10_000);
export const PercentSchema = z.number().int().min(0).max(100);

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

/* Accounts, contacts, timeline */
export const ACCOUNT_SIZES = ["1-9", "10-49", "50-249", "250-999", "1000+", "unknown"] as const;
export const AccountSizeSchema = z.enum(ACCOUNT_SIZES);

export const AccountInputSchema = z.object({
  cellId: IdSchema,
  name: text(200),
  industry: optionalText(120).default(""),
  size: AccountSizeSchema.default("unknown"),
  region: optionalText(120).default(""),
  website: optionalText(300).default(""),
  notes: optionalText(20_000).default(""),
});
export type AccountInput = z.infer<typeof AccountInputSchema>;
export const AccountPatchSchema = AccountInputSchema.omit({ cellId: true })
  .partial()
  .extend({ version: VersionSchema });

export const AccountSchema = z.object({
  id: IdSchema,
  cellId: IdSchema,
  cellName: z.string(),
  name: z.string(),
  industry: z.string(),
  size: AccountSizeSchema,
  region: z.string(),
  website: z.string(),
  domain: z.string(),
  notes: z.string(),
  openDeals: z.number().int(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type Account = z.infer<typeof AccountSchema>;
export const AccountPageSchema = pageOf(AccountSchema);
export const AccountListQuerySchema = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cellId: IdSchema.optional(),
  q: searchText(100).optional(),
});

export const ContactInputSchema = z.object({
  name: text(160),
  role: optionalText(120).default(""),
  email: z.union([z.literal(""), z.string().trim().toLowerCase().email().max(254)]).default(""),
  phone: optionalText(60).default(""),
});
export const ContactPatchSchema = ContactInputSchema.partial().extend({ version: VersionSchema });
export const ContactSchema = z.object({
  id: IdSchema,
  accountId: IdSchema,
  name: z.string(),
  role: z.string(),
  email: z.string(),
  phone: z.string(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type Contact = z.infer<typeof ContactSchema>;

/** Team memory, not activity tracking: entries are never counted per person (PRODUCT.md rule 2). */
export const TimelineKindSchema = z.enum(["meeting", "call", "note", "handover", "offer", "deal"]);
export const TimelineInputSchema = z.object({
  kind: z.enum(["meeting", "call", "note"]),
  body: text(10_000),
  occurredAt: z.string().datetime({ offset: true }).optional(),
});
export const TimelineEntrySchema = z.object({
  id: IdSchema,
  accountId: IdSchema,
  kind: TimelineKindSchema,
  body: z.string(),
  occurredAt: IsoDateTimeSchema,
  authorName: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** Peer to peer: the giving cell hands over, nobody approves; the reason stays on the account. */
export const HandoverInputSchema = z.object({
  toCellId: IdSchema,
  reason: text(2000),
  version: VersionSchema,
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
  personIds: z.array(IdSchema).max(50).default([]),
});
export type DealInput = z.infer<typeof DealInputSchema>;
export const DealPatchSchema = DealInputSchema.omit({ accountId: true, cellId: true })
  .partial()
  .extend({ version: VersionSchema });
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
  people: z.array(z.object({ id: IdSchema, name: z.string() })),
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
      amount: z.number().int(),
      nextCursor: z.string().nullable(),
    }),
  ),
});
export type Board = z.infer<typeof BoardSchema>;

/* Products, guardrails, letterhead */
export const ProductInputSchema = z.object({
  name: text(200),
  unit: optionalText(40).default(""),
  unitPrice: MoneySchema,
  unitCost: MoneySchema.nullable().default(null),
  currency: CurrencySchema,
  active: z.boolean().default(true),
});
export const ProductPatchSchema = ProductInputSchema.partial().extend({ version: VersionSchema });
export const ProductSchema = z.object({
  id: IdSchema,
  name: z.string(),
  unit: z.string(),
  unitPrice: z.number().int(),
  unitCost: z.number().int().nullable(),
  currency: CurrencySchema,
  active: z.boolean(),
  version: VersionSchema,
});
export type Product = z.infer<typeof ProductSchema>;

/** Guardrails inform, they never block (PRODUCT.md rule 1). */
export const GuardrailKindSchema = z.enum(["discount", "margin", "paymentTerms"]);
export type GuardrailKind = z.infer<typeof GuardrailKindSchema>;
export const GuardrailSchema = z.object({
  kind: GuardrailKindSchema,
  /** discount: highest discount in bps · margin: lowest margin in bps · paymentTerms: most days */
  limitValue: z.number().int(),
  why: z.string(),
  updatedAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type Guardrail = z.infer<typeof GuardrailSchema>;
export const GuardrailInputSchema = z.object({
  limitValue: z.number().int().min(0).max(10_000),
  why: optionalText(2000).default(""),
  version: VersionSchema.optional(),
});

export const LetterheadSchema = z.object({
  companyName: optionalText(200),
  address: optionalText(1000),
  email: optionalText(254),
  phone: optionalText(60),
  vatId: optionalText(60),
  bankDetails: optionalText(500),
  footer: optionalText(1000),
});
export type Letterhead = z.infer<typeof LetterheadSchema>;
export const LetterheadWithVersionSchema = LetterheadSchema.extend({ version: z.number().int().min(0) });

/* Offers */
export const OfferStatusSchema = z.enum(["draft", "sent", "accepted", "declined", "expired"]);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;

export const OfferLineInputSchema = z.object({
  productId: IdSchema.nullable().default(null),
  description: text(500),
  /** Decimal, at most 3 places. */
  quantity: z
    .number()
    .positive()
    .max(1_000_000_000)
    .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, "3 decimals"),
  unitPrice: MoneySchema,
  unitCost: MoneySchema.nullable().default(null),
  discountBps: BasisPointsSchema.default(0),
});
export type OfferLineInput = z.infer<typeof OfferLineInputSchema>;

export const OfferInputSchema = z.object({
  language: LanguageSchema,
  validUntil: DateSchema,
  paymentTermsDays: z.number().int().min(0).max(365).default(30),
  terms: optionalText(10_000).default(""),
  taxRateBps: BasisPointsSchema.default(1900),
  lines: z.array(OfferLineInputSchema).min(1).max(200),
});
export type OfferInput = z.infer<typeof OfferInputSchema>;
export const OfferPatchSchema = OfferInputSchema.partial().extend({ version: VersionSchema });

/** Which guardrail an offer leaves, by how much, and the guardrail's own reason. */
export const GuardrailFindingSchema = z.object({
  kind: GuardrailKindSchema,
  limitValue: z.number().int(),
  actualValue: z.number().int(),
  why: z.string(),
  /** Line position for discount findings, null for whole-offer findings. */
  line: z.number().int().nullable(),
});
export type GuardrailFinding = z.infer<typeof GuardrailFindingSchema>;

export const OfferTotalsSchema = z.object({
  net: z.number().int(),
  discount: z.number().int(),
  tax: z.number().int(),
  gross: z.number().int(),
  /** Margin in bps over lines with a known cost; null when no line has a cost. */
  marginBps: z.number().int().nullable(),
});
export type OfferTotals = z.infer<typeof OfferTotalsSchema>;

export const OfferLineSchema = OfferLineInputSchema.extend({
  position: z.number().int(),
  total: z.number().int(),
});
export const OfferSchema = z.object({
  id: IdSchema,
  dealId: IdSchema,
  dealTitle: z.string(),
  accountId: IdSchema,
  accountName: z.string(),
  cellId: IdSchema,
  number: z.string(),
  language: LanguageSchema,
  currency: CurrencySchema,
  /** `expired` is derived: a sent offer whose validity date has passed. */
  status: OfferStatusSchema,
  validUntil: DateSchema,
  paymentTermsDays: z.number().int(),
  terms: z.string(),
  taxRateBps: z.number().int(),
  lines: z.array(OfferLineSchema),
  totals: OfferTotalsSchema,
  /** Evaluated now against the current guardrails (drafts) … */
  findings: z.array(GuardrailFindingSchema),
  /** … and recorded when sent: the visible record that the offer left a guardrail. */
  recordedFindings: z.array(GuardrailFindingSchema),
  adviceNote: z.string(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  sentAt: IsoDateTimeSchema.nullable(),
  decidedAt: IsoDateTimeSchema.nullable(),
  version: VersionSchema,
});
export type Offer = z.infer<typeof OfferSchema>;
export const OfferPageSchema = pageOf(OfferSchema.omit({ lines: true }));
export const OfferTransitionSchema = z.object({ version: VersionSchema });
/** "Ask for advice" until the decisions module exists: a recorded note on the offer. */
export const AdviceNoteInputSchema = z.object({ note: text(5000), version: VersionSchema });

/* Import and export */
export const ImportEntitySchema = z.enum(["accounts", "contacts", "deals"]);
export const ImportSourceSchema = z.enum(["salesforce", "hubspot", "pipedrive", "other"]);
export const DuplicateChoiceSchema = z.enum(["skip", "update", "create"]);
export const ImportRowErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;
export const ExportEntitySchema = z.enum(["accounts", "contacts", "deals", "offers"]);
