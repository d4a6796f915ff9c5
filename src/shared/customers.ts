/**
 * The customers module's API contract. Money is an integer in minor units (cents) with a currency;
 * percentages are basis points (1 % = 100); quantities are decimals with at most 3 places.
 * PRODUCT.md rules 1, 4 and 5: customers belong to cells, everyone reads everything, nothing waits
 * for a sign-off — no schema here has an approval state or a per-person figure.
 */
import { z } from "zod";
import { isCountryCode, isValidVatId, normaliseVatId } from "./address.ts";
import {
  IdSchema,
  IsoDateTimeSchema,
  LanguageSchema,
  optionalText,
  pageOf,
  patchOf,
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

/** ISO 3166-1 alpha-2, upper-cased; "" when unknown. The message names the field's own text (i18n). */
export const CountrySchema = optionalText(2)
  .toUpperCase()
  .refine((code) => code === "" || isCountryCode(code), "country");
/** USt-IdNr.: checked by format, stored normalised (shared/address.ts); "" when unknown. */
export const VatIdSchema = optionalText(40).overwrite(normaliseVatId).refine(isValidVatId, "vatId");

export const AccountInputSchema = z.object({
  cellId: IdSchema,
  name: text(200),
  industry: optionalText(120).default(""),
  size: AccountSizeSchema.default("unknown"),
  region: optionalText(120).default(""),
  website: optionalText(300).default(""),
  notes: optionalText(20_000).default(""),
  /** The postal address the offer letter is written to. */
  street: optionalText(200).default(""),
  postalCode: optionalText(20).default(""),
  city: optionalText(120).default(""),
  country: CountrySchema.default(""),
  vatId: VatIdSchema.default(""),
});
export type AccountInput = z.infer<typeof AccountInputSchema>;
export const AccountPatchSchema = patchOf(AccountInputSchema.omit({ cellId: true }));

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
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  vatId: z.string(),
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
export const ContactPatchSchema = patchOf(ContactInputSchema);
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
export type OfferInput = z.infer<typeof OfferInputSchema>;
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

/* ------------------------------------------------------------------------------------------------
 * import/export — CSV import (Salesforce, HubSpot, Pipedrive), CSV/JSON export, JSON round trip
 * --------------------------------------------------------------------------------------------- */
export type ImportEntity = z.infer<typeof ImportEntitySchema>;
export type ImportSource = z.infer<typeof ImportSourceSchema>;
export type DuplicateChoice = z.infer<typeof DuplicateChoiceSchema>;
export type ExportEntity = z.infer<typeof ExportEntitySchema>;

/** What a CSV column can be mapped to; `name` of a contact may also come as first + last name. */
export const ImportFieldSchema = z.enum([
  "name",
  "firstName",
  "lastName",
  "industry",
  "employees",
  "region",
  "website",
  "notes",
  "cell",
  "role",
  "email",
  "phone",
  "account",
  "title",
  "amount",
  "currency",
  "stage",
  "expectedClose",
  "probability",
  "source",
  "lostReason",
  /** The source CRM's own id of the row: a re-import finds the record by it. */
  "recordId",
  "description",
  "type",
  "createdAt",
  /** When a won or lost deal closed (Pipedrive's "Deal closed on"); else the close date is taken. */
  "closedOn",
  /** A person involved, matched by e-mail (or exact name) to the organisation's people. */
  "owner",
  /** Pipedrive's open / won / lost beside the stage. */
  "status",
]);
export type ImportField = z.infer<typeof ImportFieldSchema>;
export const IMPORT_FIELDS: Record<ImportEntity, ImportField[]> = {
  accounts: ["name", "industry", "employees", "region", "website", "notes", "cell", "recordId"],
  contacts: ["name", "firstName", "lastName", "role", "email", "phone", "account", "recordId"],
  deals: [
    "title",
    "account",
    "amount",
    "currency",
    "stage",
    "status",
    "expectedClose",
    "closedOn",
    "probability",
    "source",
    "lostReason",
    "description",
    "type",
    "createdAt",
    "owner",
    "cell",
    "recordId",
  ],
};

/** Up to 50 MB of CSV text (100,000 deal rows fit with room to spare). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
const CsvTextSchema = z
  .string()
  .min(1)
  .max(IMPORT_MAX_BYTES)
  .refine((value) => !value.includes("\u0000"), "NUL");

export const ImportPreviewInputSchema = z.object({ entity: ImportEntitySchema, csv: CsvTextSchema }).strict();
export const ImportPreviewSchema = z.object({
  source: ImportSourceSchema,
  delimiter: z.enum([",", ";"]),
  headers: z.array(z.string()),
  /** header → field for the headers that mapped themselves */
  mapping: z.record(z.string(), ImportFieldSchema),
  fields: z.array(ImportFieldSchema),
  /** The first rows as the file has them, for the person to check the mapping against. */
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  totalRows: z.number().int(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

const ImportValueChoicesSchema = z.record(z.string().max(300), z.union([IdSchema, z.literal("")]));
export const ImportInputSchema = z
  .object({
    entity: ImportEntitySchema,
    csv: CsvTextSchema,
    /** header → field; headers left out (or mapped to "") are not imported. */
    mapping: z.record(z.string().max(300), z.union([ImportFieldSchema, z.literal("")])),
    /** The cell new accounts (and deals without a cell column) belong to. */
    cellId: IdSchema,
    duplicates: DuplicateChoiceSchema.default("skip"),
    /** Contacts and deals naming an unknown account create it in `cellId` instead of failing. */
    createAccounts: z.boolean().default(false),
    /**
     * The value-mapping step: a value of the stage column (as the file writes it) → a stage id of
     * the organisation. Values left out map themselves (ImportValues says how) or are row errors.
     */
    stageValues: ImportValueChoicesSchema.default({}),
    /** A value of the status column → the won or lost stage, or "" to follow the stage column. */
    statusValues: ImportValueChoicesSchema.default({}),
  })
  .strict();
export type ImportInput = z.infer<typeof ImportInputSchema>;

/** Body of POST /import/values: which columns the person mapped decides whose values are listed. */
export const ImportValuesInputSchema = ImportInputSchema.pick({ entity: true, csv: true, mapping: true });
export type ImportValuesInput = z.infer<typeof ImportValuesInputSchema>;
/** How a value found its stage without the person: remembered from this source, same name, vendor default. */
export const ImportValueMatchSchema = z.enum(["remembered", "name", "vendor"]);
export const ImportValueSchema = z.object({
  value: z.string(),
  /** Rows carrying the value. */
  rows: z.number().int(),
  /** The stage it maps to without a choice; null: none (stage) or follow the stage column (status). */
  stageId: IdSchema.nullable(),
  matchedBy: ImportValueMatchSchema.nullable(),
});
export type ImportValue = z.infer<typeof ImportValueSchema>;
/** Every distinct value of the mapped stage and status columns (at most 500 each). */
export const ImportValuesSchema = z.object({
  source: ImportSourceSchema,
  stageColumn: z.string().nullable(),
  statusColumn: z.string().nullable(),
  stage: z.array(ImportValueSchema),
  status: z.array(ImportValueSchema),
});
export type ImportValues = z.infer<typeof ImportValuesSchema>;

export const ImportDuplicateSchema = z.object({
  row: z.number().int(),
  matchedBy: z.enum(["recordId", "name", "domain", "email"]),
  value: z.string(),
  existingId: IdSchema,
});
export type ImportDuplicate = z.infer<typeof ImportDuplicateSchema>;
export const ImportCountsSchema = z.object({
  totalRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Matched rows whose record already holds exactly the file's values: nothing to write. */
  unchanged: z.number().int().default(0),
  skipped: z.number().int(),
  accountsCreated: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCountsSchema>;
/** At most 1,000 errors and duplicates are listed; the counts say how many there are in all. */
export const ImportDryRunSchema = z.object({
  source: ImportSourceSchema,
  counts: ImportCountsSchema,
  errors: z.array(ImportRowErrorSchema),
  errorCount: z.number().int(),
  duplicates: z.array(ImportDuplicateSchema),
  duplicateCount: z.number().int(),
  /** The file's columns that are not imported (unmapped): nothing is dropped without saying so. */
  ignoredColumns: z.array(z.string()),
  /** Owner values naming nobody in the organisation: those deals get no involved person. */
  unmatchedOwners: z.array(z.string()),
});
export type ImportDryRun = z.infer<typeof ImportDryRunSchema>;

export const ImportStartedSchema = z.object({ jobId: IdSchema });
export const ImportJobStatusSchema = z.enum(["running", "done", "failed"]);
export const ImportJobSchema = z.object({
  id: IdSchema,
  entity: ImportEntitySchema,
  source: ImportSourceSchema,
  status: ImportJobStatusSchema,
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  result: ImportCountsSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema.nullable(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

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
