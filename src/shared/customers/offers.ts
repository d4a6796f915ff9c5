/**
 * The customers module's API contract for products, guardrails, the letterhead and offers. Guardrails
 * inform and never block (PRODUCT.md rule 1): an offer records its findings, nobody approves it.
 */
import { z } from "zod";
import {
  DateSchema,
  IdSchema,
  IsoDateTimeSchema,
  LanguageSchema,
  optionalText,
  pageOf,
  patchOf,
  text,
  VersionSchema,
} from "../common.ts";
import { CurrencySchema } from "../org.ts";
import { CountrySchema } from "./accounts.ts";
import { BasisPointsSchema, MoneySchema } from "./amounts.ts";

/* Products, guardrails, letterhead */
export const ProductInputSchema = z.object({
  name: text(200),
  unit: optionalText(40).default(""),
  unitPrice: MoneySchema,
  unitCost: MoneySchema.nullable().default(null),
  currency: CurrencySchema,
  active: z.boolean().default(true),
});
export const ProductPatchSchema = patchOf(ProductInputSchema);
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
  /** The sender's country: a customer elsewhere gets a country line on the letter (DIN 5008). */
  country: CountrySchema.default(""),
  bankDetails: optionalText(500),
  footer: optionalText(1000),
});
export type Letterhead = z.infer<typeof LetterheadSchema>;
export const LetterheadWithVersionSchema = LetterheadSchema.extend({ version: z.number().int().min(0) });

/* Offers */
export const OfferStatusSchema = z.enum(["draft", "sent", "accepted", "declined", "expired"]);
export type OfferStatus = z.infer<typeof OfferStatusSchema>;

const OfferLineFieldsSchema = z.object({
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
/**
 * A line as written: the price may be left to the product's list price. Without a product it is
 * required — checked by the server after the deal is found (a rule across fields that the OpenAPI
 * document cannot state, and a foreign deal must answer 404 whatever the body).
 */
export const OfferLineInputSchema = OfferLineFieldsSchema.extend({ unitPrice: MoneySchema.optional() });
export type OfferLineInput = z.infer<typeof OfferLineInputSchema>;
/** A line with its price settled (given, or the product's). */
export type OfferLineValues = z.infer<typeof OfferLineFieldsSchema>;

export const OfferInputSchema = z.object({
  language: LanguageSchema,
  validUntil: DateSchema,
  paymentTermsDays: z.number().int().min(0).max(365).default(30),
  terms: optionalText(10_000).default(""),
  taxRateBps: BasisPointsSchema.default(1900),
  /** The contact person named on the letter: one of the deal's account's contacts. */
  contactId: IdSchema.nullable().default(null),
  lines: z.array(OfferLineInputSchema).min(1).max(200),
});
export const OfferPatchSchema = patchOf(OfferInputSchema);

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
  /** What the lines add up to at list prices; subtotal − discount = net. */
  subtotal: z.number().int(),
  net: z.number().int(),
  discount: z.number().int(),
  tax: z.number().int(),
  gross: z.number().int(),
  /** Margin in bps over lines with a known cost; null when no line has a cost. */
  marginBps: z.number().int().nullable(),
});
export type OfferTotals = z.infer<typeof OfferTotalsSchema>;

export const OfferLineSchema = OfferLineFieldsSchema.extend({
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
  /** Where the letter goes: the account's postal address and VAT id as they are now. */
  recipient: z.object({
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
    vatId: z.string(),
  }),
  contact: z
    .object({ id: IdSchema, name: z.string(), role: z.string(), email: z.string(), phone: z.string() })
    .nullable(),
  /** The deal's setting: does recording this offer's acceptance leave the deal open? */
  dealKeepsOpenOnAcceptance: z.boolean(),
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
  /** What the customer said when declining; "" otherwise. */
  declineReason: z.string(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  sentAt: IsoDateTimeSchema.nullable(),
  decidedAt: IsoDateTimeSchema.nullable(),
  version: VersionSchema,
});
export type Offer = z.infer<typeof OfferSchema>;
export const OfferPageSchema = pageOf(OfferSchema.omit({ lines: true }));
export const OfferTransitionSchema = z.object({ version: VersionSchema });
/** Declining records why, in the customer's words as the seller heard them. */
export const OfferDeclineSchema = z.object({ version: VersionSchema, reason: text(2000) });
/** "Ask for advice" until the decisions module exists: a recorded note on the offer. */
export const AdviceNoteInputSchema = z.object({ note: text(5000), version: VersionSchema });
