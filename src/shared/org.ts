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

// PRODUCT.md rule 6: two roles only, and they carry no data privileges.
export const RoleSchema = z.enum(["member", "steward"]);
export type Role = z.infer<typeof RoleSchema>;

export const CURRENCIES = ["EUR", "CHF", "USD", "GBP", "SEK", "DKK", "NOK", "PLN", "CZK"] as const;
export const CurrencySchema = z.enum(CURRENCIES);
export const WeekStartSchema = z.enum(["monday", "sunday", "saturday"]);

/** What the caller may do; the web app shows controls from this and never re-derives permissions. */
export const OrgAbilitiesSchema = z.object({
  editSettings: z.boolean(),
  changeRoles: z.boolean(),
  deactivatePeople: z.boolean(),
  invite: z.boolean(),
  inviteStewards: z.boolean(),
});

export const OrganisationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  currency: CurrencySchema,
  languages: z.array(LanguageSchema),
  defaultLanguage: LanguageSchema,
  weekStart: WeekStartSchema,
  minGroupSize: z.number().int(),
  isDemo: z.boolean(),
  createdAt: IsoDateTimeSchema,
  version: VersionSchema,
  abilities: OrgAbilitiesSchema,
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const OrganisationPatchSchema = z.object({
  version: VersionSchema,
  name: text(120).optional(),
  currency: CurrencySchema.optional(),
  languages: z.array(LanguageSchema).min(1).max(2).optional(),
  defaultLanguage: LanguageSchema.optional(),
  weekStart: WeekStartSchema.optional(),
  // Below 3 a group figure identifies people too easily; above 50 a small organisation sees nothing.
  minGroupSize: z.number().int().min(3).max(50).optional(),
});
export type OrganisationPatch = z.infer<typeof OrganisationPatchSchema>;

export const SkillsSchema = z.array(text(60)).max(30);

export const PersonSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  languages: z.array(LanguageSchema),
  skills: z.array(z.string()),
  locale: LanguageSchema,
  cellIds: z.array(IdSchema),
  createdAt: IsoDateTimeSchema,
  version: VersionSchema,
  /** False after a steward deactivated the person (they left): no sign-in; their work stays. */
  active: z.boolean(),
  /** True once the person's personal data was erased: name and e-mail are the pseudonym (final). */
  erased: z.boolean(),
});
export type Person = z.infer<typeof PersonSchema>;
export const PersonPageSchema = pageOf(PersonSchema);

export const PersonListQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  q: searchText(100).optional(),
  skill: searchText(60).optional(),
});

/** A person edits their own profile; nobody edits someone else's. */
export const PersonPatchSchema = z.object({
  version: VersionSchema,
  name: text(120).optional(),
  languages: z.array(LanguageSchema).min(1).max(2).optional(),
  skills: SkillsSchema.optional(),
  locale: LanguageSchema.optional(),
});
export type PersonPatch = z.infer<typeof PersonPatchSchema>;

export const RoleChangeSchema = z.object({ version: VersionSchema, role: RoleSchema });

/** Deactivating (offboarding) or reactivating a person: stewards only. */
export const PersonActiveSchema = z.object({ version: VersionSchema, active: z.boolean() });

export const CellKindSchema = z.enum(["periphery", "centre"]);
export type CellKind = z.infer<typeof CellKindSchema>;

export const CellMemberSchema = z.object({ id: IdSchema, name: z.string() });

export const CellSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: CellKindSchema,
  purpose: z.string(),
  marketSlice: z.string(),
  members: z.array(CellMemberSchema),
  createdAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type Cell = z.infer<typeof CellSchema>;
export const CellPageSchema = pageOf(CellSchema);

export const CellInputSchema = z.object({
  name: text(80),
  kind: CellKindSchema,
  purpose: optionalText(2000).default(""),
  marketSlice: optionalText(500).default(""),
});
export type CellInput = z.infer<typeof CellInputSchema>;

export const CellPatchSchema = z.object({
  version: VersionSchema,
  name: text(80).optional(),
  kind: CellKindSchema.optional(),
  purpose: optionalText(2000).optional(),
  marketSlice: optionalText(500).optional(),
});
export type CellPatch = z.infer<typeof CellPatchSchema>;

/** One stay of a person in a cell; `leftAt` null while it lasts (issue 13: membership has a history). */
export const CellStaySchema = z.object({
  id: z.string(),
  person: CellMemberSchema,
  joinedAt: IsoDateTimeSchema,
  leftAt: IsoDateTimeSchema.nullable(),
});
/** A cell's membership history, newest first, with what the caller may change (members govern the cell). */
export const CellMembershipSchema = z.object({
  items: z.array(CellStaySchema),
  abilities: z.object({ removeOthers: z.boolean(), changeAgreements: z.boolean() }),
});
export type CellMembership = z.infer<typeof CellMembershipSchema>;

export const WorkingAgreementSchema = z.object({
  id: IdSchema,
  cellId: IdSchema,
  title: z.string(),
  body: z.string(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  version: VersionSchema,
});
export type WorkingAgreement = z.infer<typeof WorkingAgreementSchema>;

export const WorkingAgreementInputSchema = z.object({
  title: text(160),
  body: optionalText(10000).default(""),
});
export const WorkingAgreementPatchSchema = z.object({
  version: VersionSchema,
  title: text(160).optional(),
  body: optionalText(10000).optional(),
});

export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  invitedByName: z.string(),
  createdAt: IsoDateTimeSchema,
  expiresAt: IsoDateTimeSchema,
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationInputSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  role: RoleSchema.default("member"),
  language: LanguageSchema.optional(),
});
/** The link is returned once, at creation, so it can be handed over when no SMTP server is set. */
export const InvitationCreatedSchema = z.object({
  invitation: InvitationSchema,
  link: z.string(),
  mailed: z.boolean(),
});

export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: IsoDateTimeSchema,
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditPageSchema = pageOf(AuditEntrySchema);
