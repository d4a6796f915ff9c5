import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Kysely, SelectQueryBuilder } from "kysely";
import {
  RETENTION_DEFAULTS,
  type RetentionPatch,
  type RetentionPeriods,
  type RetentionSettings,
} from "../../../shared/privacy.ts";
import type { Database } from "../../db/schema.ts";
import { inOrg, selectInOrg, type Tx } from "../../db/scope.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { assertVersion, staleVersion } from "../../platform/errors.ts";
import { checkEditRetention, mayEditRetention } from "./policy.ts";
import "./tables.ts";

/**
 * Retention (issue 14): how long the organisation keeps the records that exist for operation, not as
 * the organisation's work — audit entries, ended sessions, notifications, records of sent e-mails and
 * finished imports. Stewards set the periods (audited); an organisation that never did uses
 * RETENTION_DEFAULTS. `purgeExpired` runs on the scheduler and deletes what is older, in batches.
 */

const PERIOD_KEYS = Object.keys(RETENTION_DEFAULTS) as (keyof RetentionPeriods)[];

async function periodsRow(db: Tx, orgId: string) {
  return selectInOrg(db, "retentionSetting", orgId).selectAll().executeTakeFirst();
}

export async function getRetention(db: Tx, auth: AuthContext): Promise<RetentionSettings> {
  const row = await periodsRow(db, auth.orgId);
  const periods = row ? pick(row) : RETENTION_DEFAULTS;
  return {
    ...periods,
    version: row?.version ?? 1,
    isDefault: !row,
    canEdit: mayEditRetention(auth),
  };
}

const pick = (row: RetentionPeriods): RetentionPeriods =>
  Object.fromEntries(PERIOD_KEYS.map((key) => [key, row[key]])) as RetentionPeriods;

export async function updateRetention(
  db: Tx,
  auth: AuthContext,
  patch: RetentionPatch,
  now: Date,
): Promise<void> {
  checkEditRetention(auth);
  const row = await periodsRow(db, auth.orgId);
  const before = row ? pick(row) : RETENTION_DEFAULTS;
  const after = pick(patch);
  assertVersion(row?.version ?? 1, patch.version);
  if (row) {
    const result = await db
      .updateTable("retentionSetting")
      .set({ ...after, version: row.version + 1 })
      .where(inOrg(auth.orgId))
      .where("version", "=", patch.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  } else {
    // The defaults are version 1; a colleague saving first wins and this edit answers 409.
    const result = await db
      .insertInto("retentionSetting")
      .values({ orgId: auth.orgId, ...after, version: 2 })
      .onConflict((oc) => oc.column("orgId").doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) throw staleVersion();
  }
  await recordAudit(db, {
    orgId: auth.orgId,
    actorId: auth.person.id,
    action: "retention.changed",
    subjectType: "organisation",
    subjectId: auth.orgId,
    details: { from: before, to: after },
    at: now,
  });
}

/** Rows per delete statement: short statements, so a first purge of a large log never stalls writers. */
export const PURGE_BATCH = 500;

export type PurgeCounts = Record<
  "auditEntries" | "sessions" | "notifications" | "sentMails" | "imports",
  number
>;

type PurgedTable = "auditEntry" | "session" | "notification" | "invitation" | "passwordReset" | "importJob";
// The ids of a table's old rows; `purge` takes them a batch at a time.
// biome-ignore lint/suspicious/noExplicitAny: the subquery's source tables differ per table purged.
type OldIds = SelectQueryBuilder<Database, any, { id: string }>;

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/**
 * Deletes, for every organisation, the rows older than its periods. Each batch is its own statement
 * (autocommit), so the purge holds no long transaction and can stop anywhere; the next run goes on.
 */
export async function purgeExpired(db: Kysely<Database>, now: Date): Promise<PurgeCounts> {
  const counts: PurgeCounts = { auditEntries: 0, sessions: 0, notifications: 0, sentMails: 0, imports: 0 };
  const organisations = await db.selectFrom("organisation").select("id").execute();
  const settings = new Map(
    (await db.selectFrom("retentionSetting").selectAll().execute()).map((row) => [row.orgId, row]),
  );
  for (const { id: orgId } of organisations) {
    const periods = settings.get(orgId) ?? RETENTION_DEFAULTS;
    const purge = (table: PurgedTable, oldIds: (db: Kysely<Database>) => OldIds) =>
      inBatches(() =>
        db.deleteFrom(table).where("id", "in", oldIds(db).limit(PURGE_BATCH)).executeTakeFirst(),
      );
    counts.auditEntries += await purge("auditEntry", (d) =>
      d
        .selectFrom("auditEntry")
        .select("id")
        .where(inOrg(orgId))
        .where("at", "<", daysBefore(now, periods.auditDays)),
    );
    counts.sessions += await purge("session", (d) =>
      d
        .selectFrom("session")
        .select("id")
        .where(inOrg(orgId))
        .where("expiresAt", "<", daysBefore(now, periods.endedSessionDays)),
    );
    counts.notifications += await purge("notification", (d) =>
      d
        .selectFrom("notification")
        .select("notification.id")
        .where(inOrg(orgId, "notification"))
        .where("notification.createdAt", "<", daysBefore(now, periods.notificationDays))
        // A review prompt of a decision still unreviewed is its once-key: deleting it would prompt
        // the decider again (decisions/scheduler.ts).
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("proposal")
                .select("proposal.id")
                .whereRef("proposal.id", "=", "notification.proposalId")
                .where("notification.kind", "=", "reviewDue")
                .where("proposal.reviewedAt", "is", null),
            ),
          ),
        ),
    );
    const mailCutoff = daysBefore(now, periods.sentMailDays);
    counts.sentMails += await purge("invitation", (d) =>
      d
        .selectFrom("invitation")
        .select("id")
        .where(inOrg(orgId))
        .where((w) =>
          w.or([
            w("acceptedAt", "<", mailCutoff),
            w.and([w("acceptedAt", "is", null), w("expiresAt", "<", mailCutoff)]),
          ]),
        ),
    );
    counts.sentMails += await purge("passwordReset", (d) =>
      d
        .selectFrom("passwordReset")
        .innerJoin("person", "person.id", "passwordReset.personId")
        .select("passwordReset.id")
        .where(inOrg(orgId, "person"))
        .where("passwordReset.expiresAt", "<", mailCutoff),
    );
    counts.imports += await purge("importJob", (d) =>
      d
        .selectFrom("importJob")
        .select("id")
        .where(inOrg(orgId))
        .where("status", "<>", "running")
        .where("createdAt", "<", daysBefore(now, periods.importFileDays)),
    );
  }
  return counts;
}

async function inBatches(deleteBatch: () => Promise<{ numDeletedRows: bigint }>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = Number((await deleteBatch()).numDeletedRows);
    total += deleted;
    if (deleted < PURGE_BATCH) return total;
    await yieldToEventLoop();
  }
}
