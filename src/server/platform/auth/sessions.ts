import type { Config } from "../../config.ts";
import type { Tx } from "../../db/scope.ts";
import { hashToken, newToken } from "./tokens.ts";

/** Who is calling: resolved once per request from the session cookie. */
export type AuthContext = {
  sessionId: string;
  orgId: string;
  person: { id: string; name: string; role: "member" | "steward"; locale: "de" | "en" };
};

// Writing lastSeenAt on every request would turn each read into a write; a minute is precise enough
// for an idle timeout measured in hours.
const TOUCH_INTERVAL_MS = 60_000;

/** A fresh session with a new id: signing in never reuses an old session (no fixation). */
export async function startSession(
  db: Tx,
  config: Config,
  person: { id: string; orgId: string },
): Promise<{ token: string; sessionId: string }> {
  const token = newToken();
  const sessionId = hashToken(token);
  const now = config.now();
  await db
    .insertInto("session")
    .values({
      id: sessionId,
      personId: person.id,
      orgId: person.orgId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + config.sessionAbsoluteMs).toISOString(),
    })
    .execute();
  return { token, sessionId };
}

export async function resolveSession(db: Tx, config: Config, token: string): Promise<AuthContext | null> {
  const sessionId = hashToken(token);
  const row = await db
    .selectFrom("session")
    .innerJoin("person", "person.id", "session.personId")
    .select([
      "session.id",
      "session.orgId",
      "session.lastSeenAt",
      "session.expiresAt",
      "person.id as personId",
      "person.name",
      "person.role",
      "person.locale",
    ])
    .where("session.id", "=", sessionId)
    // Deactivation deletes the sessions too; this also holds for one started in the same instant.
    .where("person.deactivatedAt", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const now = config.now().getTime();
  const lastSeen = Date.parse(row.lastSeenAt);
  if (now >= Date.parse(row.expiresAt) || now - lastSeen >= config.sessionIdleMs) {
    await endSession(db, sessionId);
    return null;
  }
  if (now - lastSeen >= TOUCH_INTERVAL_MS) {
    await db
      .updateTable("session")
      .set({ lastSeenAt: new Date(now).toISOString() })
      .where("id", "=", sessionId)
      .execute();
  }
  return {
    sessionId,
    orgId: row.orgId,
    person: {
      id: row.personId,
      name: row.name,
      role: row.role as AuthContext["person"]["role"],
      locale: row.locale as AuthContext["person"]["locale"],
    },
  };
}

export async function endSession(db: Tx, sessionId: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

/** Sign out everywhere: every session of the person ends, so a stolen cookie stops working too. */
export async function endAllSessions(db: Tx, personId: string): Promise<void> {
  await db.deleteFrom("session").where("personId", "=", personId).execute();
}
