import { z } from "zod";
import { IdSchema, LanguageSchema, text } from "./common.ts";
import { OrganisationSchema, PersonSchema } from "./org.ts";

export const EmailSchema = z.string().trim().toLowerCase().email().max(254);
// ASVS V6.2.1/6.2.9: at least 10 characters (the bar; ASVS asks 8), long passphrases allowed, no
// composition rules. The server also refuses common and personal passwords (platform/auth/passwordPolicy.ts).
export const NewPasswordSchema = z.string().min(10).max(256);

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
  /** True once anyone has a password (e.g. a colleague invited into the demo): sign-in is offered. */
  signInAvailable: z.boolean(),
  mailConfigured: z.boolean(),
});
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

/** Who a visitor explores the demo as: a seller in Team Nord, a steward, someone in a centre cell. */
export const DEMO_PERSONAS = ["seller", "steward", "centre"] as const;
export const DemoPersonaSchema = z.enum(DEMO_PERSONAS);
export type DemoPersona = z.infer<typeof DemoPersonaSchema>;
export const OpenDemoSchema = z.object({ persona: DemoPersonaSchema.default("seller") });
export const DemoPersonaListSchema = z.object({
  /** The persona the caller is now, or null for someone who is none of them (an invited colleague). */
  current: DemoPersonaSchema.nullable(),
  items: z.array(
    z.object({ persona: DemoPersonaSchema, personId: IdSchema, name: z.string(), cellName: z.string() }),
  ),
});
export type DemoPersonaList = z.infer<typeof DemoPersonaListSchema>;

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
