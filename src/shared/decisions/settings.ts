/** The decisions module's API contract for its settings: advice window days per impact and the time zone. */
import { z } from "zod";

/* Settings */

export const AdviceDaysSchema = z.object({
  low: z.number().int().min(1).max(60),
  medium: z.number().int().min(1).max(60),
  high: z.number().int().min(1).max(60),
});
export type AdviceDays = z.infer<typeof AdviceDaysSchema>;
/** An IANA time zone name the server knows ("Europe/Berlin"). */
export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "time zone");
/**
 * The advice window of a proposal made on day D with N days closes at the start of day D + N + 1 in
 * the organisation's time zone (it covers N whole days after the day it was proposed).
 */
export const DecisionSettingsSchema = z.object({
  adviceDays: AdviceDaysSchema,
  timeZone: z.string(),
  /** 0 until a steward first saves them (the defaults 1 / 3 / 7 and Europe/Berlin apply). */
  version: z.number().int().min(0),
  canEdit: z.boolean(),
});
export type DecisionSettings = z.infer<typeof DecisionSettingsSchema>;
export const DecisionSettingsInputSchema = z.object({
  adviceDays: AdviceDaysSchema,
  timeZone: TimeZoneSchema,
  version: z.number().int().min(0),
});
export type DecisionSettingsInput = z.infer<typeof DecisionSettingsInputSchema>;
