import { randomUUID } from "node:crypto";
import type { Tx } from "../db/scope.ts";

export type AuditInput = {
  orgId: string;
  actorId: string | null;
  /** A fact: `<entity>.<pastVerb>`, e.g. `person.roleChanged`. */
  action: string;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
  at: Date;
};

/** Appends an audit entry inside the caller's transaction, so the entry and the change land together. */
export async function recordAudit(db: Tx, entry: AuditInput): Promise<void> {
  await db
    .insertInto("auditEntry")
    .values({
      id: randomUUID(),
      orgId: entry.orgId,
      at: entry.at.toISOString(),
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
