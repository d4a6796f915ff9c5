/**
 * Formats: named, recurring gatherings with a cadence in a time zone, open to everyone or by
 * invitation, and a topic backlog that persists between sessions. Anyone in the organisation creates
 * and shapes them (self-organisation); concurrent edits are caught by `version` (409).
 * The secret calendar feed lets calendar apps — which cannot send cookies — subscribe to a person's
 * formats; only the token's SHA-256 is stored, and a new feed URL ends the old one.
 */
import { randomUUID } from "node:crypto";
import type { FormatInput, FormatPatch, TopicInput } from "../../../shared/exchange.ts";
import { deleteInOrg, selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { hashToken, newToken } from "../../platform/auth/tokens.ts";
import { AppError, notFound, staleVersion } from "../../platform/errors.ts";
import { formatRow } from "./queries.ts";
import type { ExchangeFormatTable } from "./tables.ts";

export async function assertPeopleInOrg(db: Tx, orgId: string, ids: string[], field: string) {
  if (ids.length === 0) return;
  const found = new Set(
    (await selectInOrg(db, "person", orgId).select("id").where("id", "in", ids).execute()).map((p) => p.id),
  );
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!found.has(id)) fields[`${field}.${i}`] = "not found";
  });
  if (Object.keys(fields).length) throw new AppError("VALIDATION", fields);
}

export async function createFormat(
  db: Tx,
  auth: AuthContext,
  input: FormatInput,
  now: Date,
): Promise<string> {
  const participantIds = [...new Set(input.participantIds)];
  await assertPeopleInOrg(db, auth.orgId, participantIds, "participantIds");
  const id = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto("exchangeFormat")
    .values({
      id,
      orgId: auth.orgId,
      name: input.name,
      type: input.type,
      description: input.description,
      cadence: input.cadence,
      startsOn: input.startsOn,
      timeOfDay: input.timeOfDay,
      timeZone: input.timeZone,
      durationMinutes: input.durationMinutes,
      access: input.access,
      participantIds: JSON.stringify(participantIds),
      createdAt: at,
      updatedAt: at,
      version: 1,
    })
    .execute();
  return id;
}

export async function updateFormat(
  db: Tx,
  auth: AuthContext,
  formatId: string,
  patch: FormatPatch,
  now: Date,
) {
  const row = await formatRow(db, auth.orgId, formatId);
  if (row.version !== patch.version) throw staleVersion();
  const { version: _version, participantIds, ...fields } = patch;
  const set: Partial<ExchangeFormatTable> = { ...fields };
  if (participantIds) {
    const unique = [...new Set(participantIds)];
    await assertPeopleInOrg(db, auth.orgId, unique, "participantIds");
    set.participantIds = JSON.stringify(unique);
  }
  const result = await updateInOrg(db, "exchangeFormat", auth.orgId)
    .set({ ...set, updatedAt: now.toISOString(), version: row.version + 1 })
    .where("id", "=", formatId)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

/** Deletes a format with its backlog and sessions; learnings and obstacles harvested from them stay. */
export async function deleteFormat(db: Tx, auth: AuthContext, formatId: string, version: number | undefined) {
  const row = await formatRow(db, auth.orgId, formatId);
  if (version !== undefined && row.version !== version) throw staleVersion();
  await deleteInOrg(db, "exchangeFormat", auth.orgId).where("id", "=", formatId).execute();
}

export async function proposeTopic(
  db: Tx,
  auth: AuthContext,
  formatId: string,
  input: TopicInput,
  now: Date,
): Promise<string> {
  await formatRow(db, auth.orgId, formatId);
  const id = randomUUID();
  await db
    .insertInto("exchangeTopic")
    .values({
      id,
      orgId: auth.orgId,
      formatId,
      title: input.title,
      pitch: input.pitch,
      authorId: input.anonymous ? null : auth.person.id,
      createdAt: now.toISOString(),
    })
    .execute();
  return id;
}

/** Takes a topic off the backlog (it was discussed, or is no longer relevant) — anyone may. */
export async function removeTopic(db: Tx, auth: AuthContext, formatId: string, topicId: string) {
  const result = await deleteInOrg(db, "exchangeTopic", auth.orgId)
    .where("formatId", "=", formatId)
    .where("id", "=", topicId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw notFound();
}

/** A new secret feed token for the caller; the previous one stops working. Returns the token. */
export async function renewCalendarFeed(db: Tx, auth: AuthContext, now: Date): Promise<string> {
  const token = newToken();
  await deleteInOrg(db, "exchangeCalendarFeed", auth.orgId).where("personId", "=", auth.person.id).execute();
  await db
    .insertInto("exchangeCalendarFeed")
    .values({
      tokenHash: hashToken(token),
      orgId: auth.orgId,
      personId: auth.person.id,
      createdAt: now.toISOString(),
    })
    .execute();
  return token;
}

/** The person and organisation a feed token stands for, or null for an unknown or replaced token. */
export async function resolveCalendarFeed(db: Tx, token: string) {
  const row = await db
    .selectFrom("exchangeCalendarFeed")
    .select(["orgId", "personId"])
    .where("tokenHash", "=", hashToken(token))
    .executeTakeFirst();
  return row ?? null;
}
