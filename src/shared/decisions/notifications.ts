/** The decisions module's API contract for notifications and which of them also arrive by e-mail. */
import { z } from "zod";
import { IdSchema, IsoDateTimeSchema, pageOf } from "../common.ts";
import { PersonRefSchema } from "./kinds.ts";

/* Notifications */

export const NotificationKindSchema = z.enum([
  "adviceRequested",
  "deciderRequested",
  "windowClosing",
  "decisionMade",
  "reviewDue",
]);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;
export const NotificationSchema = z.object({
  id: IdSchema,
  kind: NotificationKindSchema,
  proposalId: IdSchema,
  proposalTitle: z.string(),
  /** Who caused it (the decider asking, deciding); null for reminders from the clock. */
  actor: PersonRefSchema.nullable(),
  createdAt: IsoDateTimeSchema,
  readAt: IsoDateTimeSchema.nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationPageSchema = pageOf(NotificationSchema);
export const NotificationQuerySchema = z.object({
  unread: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const UnreadCountSchema = z.object({ count: z.number().int() });

/** Which notifications also arrive by e-mail (when the instance has SMTP). In-app always. */
export const EmailPreferencesSchema = z.object({
  adviceRequested: z.boolean(),
  deciderRequested: z.boolean(),
  windowClosing: z.boolean(),
  decisionMade: z.boolean(),
  reviewDue: z.boolean(),
});
export type EmailPreferences = z.infer<typeof EmailPreferencesSchema>;
export const NotificationPreferencesSchema = z.object({
  email: EmailPreferencesSchema,
  /** False when the instance has no SMTP server: the choices are kept but nothing is mailed. */
  mailConfigured: z.boolean(),
  version: z.number().int().min(0),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;
export const NotificationPreferencesInputSchema = z.object({
  email: EmailPreferencesSchema,
  version: z.number().int().min(0),
});
