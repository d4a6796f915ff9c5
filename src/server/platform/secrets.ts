import { randomBytes } from "node:crypto";
import type { Tx } from "../db/scope.ts";

/**
 * Instance-wide secrets (e.g. the CSRF HMAC key) live in the database, so every app process on the
 * same database shares them without extra configuration.
 */
export async function getInstanceSecret(db: Tx, key: string): Promise<string> {
  const existing = await db
    .selectFrom("instanceSetting")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto("instanceSetting")
    .values({ key, value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  // Read back: a concurrent process may have won the insert.
  const row = await db
    .selectFrom("instanceSetting")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirstOrThrow();
  return row.value;
}
