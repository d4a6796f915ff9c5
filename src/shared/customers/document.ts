/** The customers module's API contract for the export: CSV or JSON per entity, and the whole area as one document. */
import { z } from "zod";
import { DateSchema, IsoDateTimeSchema, LanguageSchema, text } from "../common.ts";
import { CurrencySchema } from "../org.ts";
import { AccountSizeSchema, CountrySchema, TimelineKindSchema, VatIdSchema } from "./accounts.ts";
import { BasisPointsSchema, MoneySchema, PercentSchema } from "./amounts.ts";
import { StageOutcomeSchema } from "./deals.ts";
import { GuardrailFindingSchema, OfferStatusSchema } from "./offers.ts";

export const ExportFormatSchema = z.enum(["csv", "json"]);
export const ExportQuerySchema = z.object({ format: ExportFormatSchema.default("csv") });

/**
 * The whole customers area of an organisation as one document, for the round trip: cells, stages
 * and products by name, accounts with contacts and timeline, deals, offers with lines. `key`s are
 * the exporting organisation's ids, used only to link deals to accounts and offers to deals.
 */
const DocText = (max: number) => z.string().max(max);
export const CustomersDocumentSchema = z
  .object({
    format: z.literal("periphery.customers"),
    version: z.literal(1),
    currency: CurrencySchema,
    cells: z.array(z.object({ name: text(80), kind: z.enum(["periphery", "centre"]) })).max(10_000),
    stages: z
      .array(
        z.object({
          name: text(60),
          position: z.number().int(),
          outcome: StageOutcomeSchema,
          probability: PercentSchema,
        }),
      )
      .max(20),
    products: z
      .array(
        z.object({
          name: text(200),
          unit: DocText(40),
          unitPrice: MoneySchema,
          unitCost: MoneySchema.nullable(),
          currency: CurrencySchema,
          active: z.boolean(),
        }),
      )
      .max(100_000),
    accounts: z
      .array(
        z.object({
          key: z.string().min(1).max(100),
          cell: text(200),
          name: text(200),
          industry: DocText(120),
          size: AccountSizeSchema,
          region: DocText(120),
          website: DocText(300),
          notes: DocText(20_000),
          // Absent in documents written before accounts had an address.
          street: DocText(200).default(""),
          postalCode: DocText(20).default(""),
          city: DocText(120).default(""),
          country: CountrySchema.default(""),
          vatId: VatIdSchema.default(""),
          contacts: z.array(
            z.object({ name: text(160), role: DocText(120), email: DocText(254), phone: DocText(60) }),
          ),
          timeline: z.array(
            z.object({
              kind: TimelineKindSchema,
              body: DocText(10_000),
              occurredAt: IsoDateTimeSchema.max(40),
            }),
          ),
        }),
      )
      .max(1_000_000),
    deals: z
      .array(
        z.object({
          key: z.string().min(1).max(100),
          accountKey: z.string().min(1).max(100),
          cell: text(200),
          title: text(200),
          amount: MoneySchema,
          currency: CurrencySchema,
          stage: text(60),
          expectedClose: DateSchema.nullable(),
          probability: PercentSchema,
          source: DocText(120),
          lostReason: DocText(2000),
          closedAt: IsoDateTimeSchema.max(40).nullable(),
        }),
      )
      .max(2_000_000),
    offers: z
      .array(
        z.object({
          dealKey: z.string().min(1).max(100),
          number: text(60),
          language: LanguageSchema,
          currency: CurrencySchema,
          status: OfferStatusSchema,
          validUntil: DateSchema,
          paymentTermsDays: z.number().int().min(0).max(365),
          terms: DocText(10_000),
          taxRateBps: BasisPointsSchema,
          adviceNote: DocText(5000),
          declineReason: DocText(2000).default(""),
          recordedFindings: z.array(GuardrailFindingSchema).max(500),
          sentAt: IsoDateTimeSchema.max(40).nullable(),
          decidedAt: IsoDateTimeSchema.max(40).nullable(),
          lines: z
            .array(
              z.object({
                product: z.string().max(200).nullable(),
                description: DocText(500),
                quantityMilli: z.number().int().min(1).max(1_000_000_000_000),
                unitPrice: MoneySchema,
                unitCost: MoneySchema.nullable(),
                discountBps: BasisPointsSchema,
              }),
            )
            .max(200),
        }),
      )
      .max(1_000_000),
  })
  .strict();
export type CustomersDocument = z.infer<typeof CustomersDocumentSchema>;
export const CustomersImportedSchema = z.object({
  cells: z.number().int(),
  stages: z.number().int(),
  products: z.number().int(),
  accounts: z.number().int(),
  contacts: z.number().int(),
  deals: z.number().int(),
  offers: z.number().int(),
});
