import { z } from "zod";
import { VersionSchema } from "./common.ts";

/**
 * Personal data (DSGVO Art. 15, 17, 20) and retention: the API contract of the privacy module.
 */

/** Erasing a person names the person row's version, so an erasure never races an edit unseen. */
export const ErasureInputSchema = z.object({ version: VersionSchema });
export type ErasureInput = z.infer<typeof ErasureInputSchema>;

const days = z.number().int().min(1).max(3650);

/** How long each kind of record is kept, in days; the purge job deletes what is older. */
export const RetentionPeriodsSchema = z.object({
  /** Audit log entries. */
  auditDays: days,
  /** Sessions after they expired or were ended. */
  endedSessionDays: days,
  /** Notifications, read or not. */
  notificationDays: days,
  /** Records of sent e-mails with their address: invitations (once accepted or expired), password resets. */
  sentMailDays: days,
  /** Finished import jobs with their row results (values from the imported file). */
  importFileDays: days,
});
export type RetentionPeriods = z.infer<typeof RetentionPeriodsSchema>;

/** The documented defaults (README "Personal data and retention"). */
export const RETENTION_DEFAULTS: RetentionPeriods = {
  auditDays: 365,
  endedSessionDays: 30,
  notificationDays: 90,
  sentMailDays: 30,
  importFileDays: 30,
};

export const RetentionSettingsSchema = RetentionPeriodsSchema.extend({
  /** 1 while the organisation uses the defaults (no row written yet). */
  version: VersionSchema,
  isDefault: z.boolean(),
  canEdit: z.boolean(),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;

export const RetentionPatchSchema = RetentionPeriodsSchema.extend({ version: VersionSchema });
export type RetentionPatch = z.infer<typeof RetentionPatchSchema>;
