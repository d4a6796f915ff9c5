/**
 * In-app notifications and their e-mails. Every notification has a once-key, so producing it twice
 * (a retried request, a second scheduler run) leaves one row and one e-mail. E-mails go out after the
 * writing transaction commits, only when SMTP is configured and the person wants that kind.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "../../../shared/common.ts";
import type {
  EmailPreferences,
  Notification,
  NotificationKind,
  NotificationPreferences,
} from "../../../shared/decisions/notifications.ts";
import { keysetQuery, toPage } from "../../db/pagination.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound, staleVersion } from "../../platform/errors.ts";
import { fill } from "../../platform/i18n.ts";
import type { Mailer } from "../../platform/mail.ts";
import { conflictAsStale } from "../customers/guardrails.ts";
import { notificationMail } from "./mailTexts.ts";

const ALL_ON: EmailPreferences = {
  adviceRequested: true,
  deciderRequested: true,
  windowClosing: true,
  decisionMade: true,
  reviewDue: true,
};

async function emailPreferences(db: Tx, orgId: string, personIds: string[]) {
  const rows = personIds.length
    ? await selectInOrg(db, "notificationPreference", orgId)
        .selectAll()
        .where("personId", "in", personIds)
        .execute()
    : [];
  const byPerson = new Map(
    rows.map((r) => [r.personId, { ...ALL_ON, ...JSON.parse(r.email) } as EmailPreferences]),
  );
  return (personId: string) => byPerson.get(personId) ?? ALL_ON;
}

export type NotifyInput = {
  orgId: string;
  kind: NotificationKind;
  proposalId: string;
  actorId: string | null;
  personIds: string[];
  /** Distinguishes repeatable notifications (a review date moved); the default is once per proposal. */
  occasion?: string;
};

/** Adds notifications (once each) inside the caller's transaction; answers how many were new. */
export async function notify(
  db: Tx,
  input: NotifyInput,
  now: Date,
  mailConfigured: boolean,
): Promise<number> {
  const recipients = [...new Set(input.personIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return 0;
  const wants = await emailPreferences(db, input.orgId, recipients);
  const result = await db
    .insertInto("notification")
    .values(
      recipients.map((personId) => ({
        id: randomUUID(),
        orgId: input.orgId,
        personId,
        kind: input.kind,
        proposalId: input.proposalId,
        actorId: input.actorId,
        onceKey: [input.kind, input.proposalId, input.occasion ?? "", personId].join(":"),
        createdAt: now.toISOString(),
        readAt: null,
        mailStatus: mailConfigured && wants(personId)[input.kind] ? "pending" : "skipped",
      })),
    )
    .onConflict((oc) => oc.column("onceKey").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Sends the pending e-mails. Each is claimed by a conditional update first, so two deliveries running
 * at once (a request and the scheduler) never send the same e-mail twice.
 */
export async function deliverMail(db: Tx, mailer: Mailer, publicUrl: string): Promise<number> {
  if (!mailer.configured) return 0;
  const pending = await db
    .selectFrom("notification")
    .innerJoin("person", "person.id", "notification.personId")
    .innerJoin("proposal", "proposal.id", "notification.proposalId")
    .leftJoin("person as actor", "actor.id", "notification.actorId")
    .select([
      "notification.id",
      "notification.kind",
      "notification.proposalId",
      "person.name",
      "person.email",
      "person.locale",
      "proposal.title",
      "actor.name as actorName",
    ])
    .where("notification.mailStatus", "=", "pending")
    .orderBy("notification.createdAt")
    .limit(500)
    .execute();
  let sent = 0;
  for (const mail of pending) {
    const claimed = await db
      .updateTable("notification")
      .set({ mailStatus: "sending" })
      .where("id", "=", mail.id)
      .where("mailStatus", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const text = notificationMail[mail.kind as NotificationKind][mail.locale === "de" ? "de" : "en"];
    const params = {
      name: mail.name,
      title: mail.title,
      actor: mail.actorName ?? "Periphery",
      link: `${publicUrl}/decisions/${mail.proposalId}`,
    };
    const ok = await mailer.send({
      to: mail.email,
      subject: fill(text.subject, params),
      text: fill(text.text, params),
    });
    await db
      .updateTable("notification")
      .set({ mailStatus: ok ? "sent" : "failed" })
      .where("id", "=", mail.id)
      .execute();
    if (ok) sent++;
  }
  return sent;
}

export async function listNotifications(
  db: Tx,
  auth: AuthContext,
  query: { unread?: boolean; cursor?: string; limit: number },
): Promise<Page<Notification>> {
  let q = selectInOrg(db, "notification", auth.orgId)
    .innerJoin("proposal", "proposal.id", "notification.proposalId")
    .leftJoin("person as actor", "actor.id", "notification.actorId")
    .select([
      "notification.id",
      "notification.kind",
      "notification.proposalId",
      "notification.createdAt",
      "notification.readAt",
      "proposal.title",
      "actor.id as actorId",
      "actor.name as actorName",
    ])
    .where("notification.personId", "=", auth.person.id);
  if (query.unread) q = q.where("notification.readAt", "is", null);
  const rows = await keysetQuery(q, query, {
    key: "notification.createdAt",
    id: "notification.id",
    dir: "desc",
  }).execute();
  return toPage(
    rows,
    query.limit,
    (r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      proposalId: r.proposalId,
      proposalTitle: r.title,
      actor: r.actorId && r.actorName ? { id: r.actorId, name: r.actorName } : null,
      createdAt: r.createdAt,
      readAt: r.readAt,
    }),
    (r) => [r.createdAt, r.id],
  );
}

export async function unreadCount(db: Tx, auth: AuthContext): Promise<number> {
  const row = await selectInOrg(db, "notification", auth.orgId)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("personId", "=", auth.person.id)
    .where("readAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Tx, auth: AuthContext, notificationId: string, now: Date): Promise<void> {
  const row = await selectInOrg(db, "notification", auth.orgId)
    .select(["id", "readAt"])
    .where("id", "=", notificationId)
    .where("personId", "=", auth.person.id)
    .executeTakeFirst();
  // Someone else's notification is as unknown as one that does not exist.
  if (!row) throw notFound();
  if (row.readAt) return;
  await updateInOrg(db, "notification", auth.orgId)
    .set({ readAt: now.toISOString() })
    .where("id", "=", notificationId)
    .execute();
}

export async function markAllRead(db: Tx, auth: AuthContext, now: Date): Promise<number> {
  const result = await updateInOrg(db, "notification", auth.orgId)
    .set({ readAt: now.toISOString() })
    .where("personId", "=", auth.person.id)
    .where("readAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function getPreferences(
  db: Tx,
  auth: AuthContext,
  mailConfigured: boolean,
): Promise<NotificationPreferences> {
  const row = await selectInOrg(db, "notificationPreference", auth.orgId)
    .selectAll()
    .where("personId", "=", auth.person.id)
    .executeTakeFirst();
  return {
    email: row ? { ...ALL_ON, ...JSON.parse(row.email) } : ALL_ON,
    mailConfigured,
    version: row?.version ?? 0,
  };
}

export async function setPreferences(
  db: Tx,
  auth: AuthContext,
  input: { email: EmailPreferences; version: number },
): Promise<void> {
  const email = JSON.stringify(input.email);
  if (input.version === 0) {
    await db
      .insertInto("notificationPreference")
      .values({ personId: auth.person.id, orgId: auth.orgId, email, version: 1 })
      .execute()
      .catch(conflictAsStale);
    return;
  }
  const result = await updateInOrg(db, "notificationPreference", auth.orgId)
    .set({ email, version: input.version + 1 })
    .where("personId", "=", auth.person.id)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}
