/**
 * Notifications the clock produces: "window closing" to those asked who have not answered yet (the
 * reminder goes to nobody else), and "review due" to the decider when the review date has come in
 * the organisation's time zone. Idempotent: each notification has a once-key, each e-mail is claimed
 * before it is sent, so running this twice — or on two servers — sends everything once.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Mailer } from "../../platform/mail.ts";
import { deliverMail, notify } from "./notifications.ts";
import { orgClock } from "./settings.ts";
import { loadProposal, membersOfCells } from "./state.ts";
import { addDays, localDate } from "./time.ts";

/** How long before the window closes the reminder goes out. */
export const REMINDER_LEAD_MS = 24 * 3_600_000;
export const SCHEDULER_INTERVAL_MS = 5 * 60_000;

export async function runDueNotifications(
  db: Kysely<Database>,
  mailer: Mailer,
  now: Date,
  publicUrl = "",
): Promise<{ reminders: number; reviewsDue: number; mailed: number }> {
  let reminders = 0;
  let reviewsDue = 0;
  const closing = await db
    .selectFrom("proposal")
    .select(["id", "orgId"])
    .where("status", "=", "open")
    .where("adviceWindowClosesAt", ">", now.toISOString())
    .where("adviceWindowClosesAt", "<=", new Date(now.getTime() + REMINDER_LEAD_MS).toISOString())
    .execute();
  for (const { id, orgId } of closing) {
    reminders += await db.transaction().execute(async (trx) => {
      const { row, askedPeople, askedCells } = await loadProposal(trx, orgId, id);
      const silentCells = askedCells.filter((c) => !c.answered).map((c) => c.id);
      const members = await membersOfCells(trx, orgId, silentCells);
      const answered = new Set(askedPeople.filter((p) => p.answered).map((p) => p.id));
      const personIds = [
        ...askedPeople.filter((p) => !p.answered).map((p) => p.id),
        // Members of a cell that has not answered, unless they answered themselves.
        ...[...members.values()].flat().filter((personId) => !answered.has(personId)),
      ].filter((personId) => personId !== row.deciderId);
      return notify(
        trx,
        { orgId, kind: "windowClosing", proposalId: id, actorId: null, personIds },
        now,
        mailer.configured,
      );
    });
  }

  // The latest calendar day anywhere on earth; each organisation's own "today" filters precisely.
  const latestToday = addDays(now.toISOString().slice(0, 10), 1);
  const due = await db
    .selectFrom("proposal")
    .select(["id", "orgId", "deciderId", "reviewDate"])
    .where("decidedAt", "is not", null)
    .where("reviewedAt", "is", null)
    .where("reviewDate", "<=", latestToday)
    // Already notified for this date: skip in SQL, so old unreviewed decisions cost nothing per run.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("notification")
            .select("notification.id")
            .where(
              "notification.onceKey",
              "=",
              sql<string>`'reviewDue:' || "proposal"."id" || ':' || "proposal"."reviewDate" || ':' || "proposal"."deciderId"`,
            ),
        ),
      ),
    )
    .execute();
  const zones = new Map<string, string>();
  for (const proposal of due) {
    if (!zones.has(proposal.orgId)) zones.set(proposal.orgId, (await orgClock(db, proposal.orgId)).timeZone);
    const today = localDate(now, zones.get(proposal.orgId) ?? "UTC");
    if (!proposal.reviewDate || proposal.reviewDate > today) continue;
    reviewsDue += await notify(
      db,
      {
        orgId: proposal.orgId,
        kind: "reviewDue",
        proposalId: proposal.id,
        actorId: null,
        personIds: [proposal.deciderId],
        occasion: proposal.reviewDate,
      },
      now,
      mailer.configured,
    );
  }
  const mailed = await deliverMail(db, mailer, publicUrl);
  return { reminders, reviewsDue, mailed };
}
