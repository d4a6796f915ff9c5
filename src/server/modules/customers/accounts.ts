/**
 * Accounts belong to cells, not people (PRODUCT.md rule 5); contacts and the timeline are the
 * team's memory of the customer, never counted per person (rule 2). Any member writes; versions
 * catch concurrent edits.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type {
  AccountInput,
  AccountPatchSchema,
  ContactInputSchema,
  ContactPatchSchema,
  TimelineInputSchema,
} from "../../../shared/customers/accounts.ts";
import { deleteInOrg, inOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { assertVersion, staleVersion } from "../../platform/errors.ts";
import { indexRows } from "../../platform/search/textIndex.ts";
import { getCellRow } from "../org/queries.ts";
import { getAccountRow, getContactRow } from "./accountQueries.ts";
import { ACCOUNT_SEARCH, CONTACT_SEARCH } from "./search.ts";

/** The lower-case host of a website without `www.` — how duplicates are recognised. */
export function domainOf(website: string): string {
  const trimmed = website.trim().toLowerCase();
  if (!trimmed) return "";
  try {
    const url = new URL(/^[a-z]+:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`);
    return url.hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}

export async function createAccount(
  db: Tx,
  auth: AuthContext,
  input: AccountInput,
  now: Date,
): Promise<string> {
  await getCellRow(db, auth.orgId, input.cellId);
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("account")
    .values({
      id,
      orgId: auth.orgId,
      ...input,
      domain: domainOf(input.website),
      createdAt: at,
      updatedAt: at,
      importJobId: null,
      version: 1,
    })
    .execute();
  await indexRows(db, ACCOUNT_SEARCH, auth.orgId, [id]);
  return id;
}

export async function updateAccount(
  db: Tx,
  auth: AuthContext,
  accountId: string,
  patch: z.infer<typeof AccountPatchSchema>,
  now: Date,
): Promise<void> {
  const row = await getAccountRow(db, auth.orgId, accountId);
  assertVersion(row.version, patch.version);
  const { version, ...fields } = patch;
  const result = await db
    .updateTable("account")
    .set({
      ...fields,
      ...(fields.website !== undefined ? { domain: domainOf(fields.website) } : {}),
      updatedAt: now.toISOString(),
      version: version + 1,
    })
    .where(inOrg(auth.orgId))
    .where("id", "=", accountId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  await indexRows(db, ACCOUNT_SEARCH, auth.orgId, [accountId]);
}

export async function deleteAccount(db: Tx, auth: AuthContext, accountId: string): Promise<void> {
  await getAccountRow(db, auth.orgId, accountId);
  await deleteInOrg(db, "account", auth.orgId).where("id", "=", accountId).execute();
}

export async function addContact(
  db: Tx,
  auth: AuthContext,
  accountId: string,
  input: z.infer<typeof ContactInputSchema>,
  now: Date,
): Promise<string> {
  await getAccountRow(db, auth.orgId, accountId);
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("contact")
    .values({
      id,
      orgId: auth.orgId,
      accountId,
      ...input,
      createdAt: at,
      updatedAt: at,
      importJobId: null,
      version: 1,
    })
    .execute();
  await indexRows(db, CONTACT_SEARCH, auth.orgId, [id]);
  return id;
}

export async function updateContact(
  db: Tx,
  auth: AuthContext,
  accountId: string,
  contactId: string,
  patch: z.infer<typeof ContactPatchSchema>,
  now: Date,
): Promise<void> {
  const row = await getContactRow(db, auth.orgId, accountId, contactId);
  assertVersion(row.version, patch.version);
  const { version, ...fields } = patch;
  const result = await db
    .updateTable("contact")
    .set({ ...fields, updatedAt: now.toISOString(), version: version + 1 })
    .where(inOrg(auth.orgId))
    .where("id", "=", contactId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
  await indexRows(db, CONTACT_SEARCH, auth.orgId, [contactId]);
}

export async function removeContact(
  db: Tx,
  auth: AuthContext,
  accountId: string,
  contactId: string,
): Promise<void> {
  await getContactRow(db, auth.orgId, accountId, contactId);
  await deleteInOrg(db, "contact", auth.orgId).where("id", "=", contactId).execute();
}

/** Appends to the account's timeline; system entries (deal, hand-over, offer) come from their verbs. */
export async function addTimelineEntry(
  db: Tx,
  orgId: string,
  accountId: string,
  entry:
    | z.infer<typeof TimelineInputSchema>
    | { kind: "deal" | "handover" | "offer"; body: string; occurredAt?: string },
  authorId: string | null,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("timelineEntry")
    .values({
      id,
      orgId,
      accountId,
      kind: entry.kind,
      body: entry.body,
      occurredAt: entry.occurredAt ? new Date(entry.occurredAt).toISOString() : now.toISOString(),
      authorId,
      createdAt: now.toISOString(),
    })
    .execute();
  return id;
}
