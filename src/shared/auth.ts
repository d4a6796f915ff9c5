import { z } from "zod";
import { LanguageSchema, text } from "./common.ts";
import { OrganisationSchema, PersonSchema } from "./org.ts";

export const EmailSchema = z.string().trim().toLowerCase().email().max(254);
// ASVS V6.2.1/6.2.9: at least 8 characters, long passphrases allowed, no composition rules.
export const NewPasswordSchema = z.string().min(8).max(256);

export const SignInSchema = z.object({ email: EmailSchema, password: z.string().min(1).max(256) });

export const SessionInfoSchema = z.object({
  person: PersonSchema,
  organisation: OrganisationSchema,
  /** Sent back in the `x-csrf-token` header on every write. */
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const SetupStatusSchema = z.object({
  /** True until the first real (non-demo) organisation exists. */
  firstStart: z.boolean(),
  demoAvailable: z.boolean(),
  mailConfigured: z.boolean(),
});
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export const CreateOrganisationSchema = z.object({
  organisationName: text(120),
  language: LanguageSchema,
  name: text(120),
  email: EmailSchema,
  password: NewPasswordSchema,
});
export type CreateOrganisation = z.infer<typeof CreateOrganisationSchema>;

export const InvitationPreviewSchema = z.object({
  organisationName: z.string(),
  email: z.string(),
  invitedByName: z.string(),
});
export const AcceptInvitationSchema = z.object({
  name: text(120),
  password: NewPasswordSchema,
  language: LanguageSchema,
});

export const PasswordResetRequestSchema = z.object({
  email: EmailSchema,
  language: LanguageSchema.optional(),
});
export const PasswordResetConfirmSchema = z.object({
  token: z.string().min(20).max(200),
  password: NewPasswordSchema,
});
