/** The customers module's API contract for the CSV import (Salesforce, HubSpot, Pipedrive, other) and its jobs. */
import { z } from "zod";
import { IdSchema, IsoDateTimeSchema } from "../common.ts";

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
