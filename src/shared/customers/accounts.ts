/**
 * The customers module's API contract for accounts, their contacts, timeline and handovers.
 * PRODUCT.md rules 1, 4 and 5: customers belong to cells, everyone reads everything, nothing waits
 * for a sign-off — no schema here has an approval state or a per-person figure.
 */
import { z } from "zod";
import { isCountryCode, isValidVatId, normaliseVatId } from "../address.ts";
import {
  IdSchema,
  IsoDateTimeSchema,
  optionalText,
  pageOf,
  patchOf,
  searchText,
  text,
  VersionSchema,
} from "../common.ts";

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
