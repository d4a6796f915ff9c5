/**
 * The organisation's decision settings: advice-window days per impact and its time zone. Stewards
 * change them (audited); everyone reads them. Until first saved the defaults apply (version 0).
 */

import type { Impact } from "../../../shared/decisions/kinds.ts";
import type { DecisionSettings, DecisionSettingsInput } from "../../../shared/decisions/settings.ts";
import { isUniqueViolation } from "../../db/connect.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { staleVersion } from "../../platform/errors.ts";
import { allows } from "../../platform/policy.ts";
import { checkEditSettings } from "../org/policy.ts";

export const DEFAULT_SETTINGS = { adviceDays: { low: 1, medium: 3, high: 7 }, timeZone: "Europe/Berlin" };

export type OrgClock = { adviceDays: Record<Impact, number>; timeZone: string; version: number };

export async function orgClock(db: Tx, orgId: string): Promise<OrgClock> {
  const row = await selectInOrg(db, "decisionSettings", orgId).selectAll().executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS, version: 0 };
  return {
    adviceDays: { low: row.adviceDaysLow, medium: row.adviceDaysMedium, high: row.adviceDaysHigh },
    timeZone: row.timeZone,
    version: row.version,
  };
}

export async function getSettings(db: Tx, auth: AuthContext): Promise<DecisionSettings> {
  const clock = await orgClock(db, auth.orgId);
  return { ...clock, canEdit: allows(() => checkEditSettings(auth)) };
}

export async function setSettings(db: Tx, auth: AuthContext, input: DecisionSettingsInput, now: Date) {
  checkEditSettings(auth);
  const before = await orgClock(db, auth.orgId);
  if (before.version !== input.version) throw staleVersion();
  const values = {
    adviceDaysLow: input.adviceDays.low,
    adviceDaysMedium: input.adviceDays.medium,
    adviceDaysHigh: input.adviceDays.high,
    timeZone: input.timeZone,
    version: input.version + 1,
  };
  if (input.version === 0) {
    await db
      .insertInto("decisionSettings")
      .values({ orgId: auth.orgId, ...values })
      .execute()
      // Another steward saved the first settings at the same moment.
      .catch((error) => {
        throw isUniqueViolation(error) ? staleVersion() : error;
      });
  } else {
    const result = await updateInOrg(db, "decisionSettings", auth.orgId)
      .set(values)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  }
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "decisionSettings.changed",
    subjectType: "decisionSettings",
    subjectId: null,
    details: {
      adviceDays: { from: before.adviceDays, to: input.adviceDays },
      timeZone: { from: before.timeZone, to: input.timeZone },
    },
    at: now,
  });
}
