/**
 * First start: an empty instance offers "create your organisation" or "open the demo". Once a real
 * organisation exists, new organisations need ALLOW_NEW_ORGANISATIONS and the demo closes — the
 * demo steward has no password, so an open demo entry would let anyone into a running instance.
 */
import type { Tx } from "../../db/scope.ts";

export async function hasRealOrganisation(db: Tx): Promise<boolean> {
  const row = await db
    .selectFrom("organisation")
    .select("id")
    .where("isDemo", "=", 0)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The demo organisation's first steward, the person a visitor explores the demo as. */
export async function findDemoSteward(db: Tx): Promise<{ id: string; orgId: string } | undefined> {
  return db
    .selectFrom("person")
    .innerJoin("organisation", "organisation.id", "person.orgId")
    .select(["person.id", "person.orgId"])
    .where("organisation.isDemo", "=", 1)
    .where("person.role", "=", "steward")
    .orderBy("person.createdAt")
    .orderBy("person.id")
    .limit(1)
    .executeTakeFirst();
}
