/**
 * Reads of the exchange module: formats, backlog, sessions and the session page, as the API shows
 * them. Confidential sessions are filtered by the caller (policy.ts); everything else is open.
 */
import type {
  Format,
  HarvestItem,
  PersonRef,
  Session,
  SessionPage,
  Topic,
} from "../../../shared/exchange.ts";
import { selectInOrg, type Tx } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { notFound } from "../../platform/errors.ts";
import { maySee, participantsOf } from "./policy.ts";
import type { ExchangeFormatTable, ExchangeHarvestTable, ExchangeSessionTable } from "./tables.ts";

/** Names of people of the organisation by id (unknown ids — people removed since — are left out). */
export async function peopleById(
  db: Tx,
  orgId: string,
  ids: (string | null)[],
): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await selectInOrg(db, "person", orgId)
    .select(["id", "name"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((p) => [p.id, { id: p.id, name: p.name }]));
}

export async function formatRow(db: Tx, orgId: string, formatId: string): Promise<ExchangeFormatTable> {
  const row = await selectInOrg(db, "exchangeFormat", orgId)
    .selectAll()
    .where("id", "=", formatId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function toFormat(row: ExchangeFormatTable, people: Map<string, PersonRef>): Format {
  const ids = JSON.parse(row.participantIds) as string[];
  return {
    id: row.id,
    name: row.name,
    type: row.type as Format["type"],
    description: row.description,
    cadence: row.cadence as Format["cadence"],
    startsOn: row.startsOn,
    timeOfDay: row.timeOfDay,
    timeZone: row.timeZone,
    durationMinutes: row.durationMinutes,
    access: row.access as Format["access"],
    participants: ids.flatMap((id) => people.get(id) ?? []),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

async function toFormats(db: Tx, orgId: string, rows: ExchangeFormatTable[]): Promise<Format[]> {
  const people = await peopleById(
    db,
    orgId,
    rows.flatMap((r) => JSON.parse(r.participantIds) as string[]),
  );
  return rows.map((row) => toFormat(row, people));
}

export async function getFormat(db: Tx, auth: AuthContext, formatId: string): Promise<Format> {
  const [format] = await toFormats(db, auth.orgId, [await formatRow(db, auth.orgId, formatId)]);
  return format;
}

export async function listFormats(db: Tx, auth: AuthContext): Promise<Format[]> {
  const rows = await selectInOrg(db, "exchangeFormat", auth.orgId)
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  return toFormats(db, auth.orgId, rows);
}

/** Formats a person takes part in: open ones and those that invited them (their calendar). */
export async function formatsOf(db: Tx, orgId: string, personId: string): Promise<ExchangeFormatTable[]> {
  const rows = await selectInOrg(db, "exchangeFormat", orgId)
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.filter(
    (r) => r.access === "open" || (JSON.parse(r.participantIds) as string[]).includes(personId),
  );
}

export async function listTopics(db: Tx, auth: AuthContext, formatId: string): Promise<Topic[]> {
  await formatRow(db, auth.orgId, formatId);
  const rows = await selectInOrg(db, "exchangeTopic", auth.orgId)
    .selectAll()
    .where("formatId", "=", formatId)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  const people = await peopleById(
    db,
    auth.orgId,
    rows.map((r) => r.authorId),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    pitch: r.pitch,
    author: (r.authorId && people.get(r.authorId)) || null,
    createdAt: r.createdAt,
  }));
}

/** A session of the caller's organisation that the caller may see; 404 otherwise (existence included). */
export async function visibleSession(
  db: Tx,
  auth: AuthContext,
  sessionId: string,
): Promise<ExchangeSessionTable> {
  const row = await selectInOrg(db, "exchangeSession", auth.orgId)
    .selectAll()
    .where("id", "=", sessionId)
    .executeTakeFirst();
  if (!row || !maySee(row, auth.person.id)) throw notFound();
  return row;
}

async function toSessions(db: Tx, orgId: string, rows: ExchangeSessionTable[]): Promise<Session[]> {
  if (rows.length === 0) return [];
  const formats = await selectInOrg(db, "exchangeFormat", orgId)
    .select(["id", "name"])
    .where("id", "in", [...new Set(rows.map((r) => r.formatId))])
    .execute();
  const names = new Map(formats.map((f) => [f.id, f.name]));
  const people = await peopleById(
    db,
    orgId,
    rows.flatMap((r) => [r.facilitatorId, r.caseOwnerId, ...participantsOf(r)]),
  );
  const ref = (id: string | null) => (id && people.get(id)) || null;
  return rows.map((r) => ({
    id: r.id,
    formatId: r.formatId,
    formatName: names.get(r.formatId) ?? "",
    kind: r.kind as Session["kind"],
    facilitator: ref(r.facilitatorId),
    anonymous: r.anonymous === 1,
    confidential: r.confidential === 1,
    participants: participantsOf(r).flatMap((id) => people.get(id) ?? []),
    caseOwner: ref(r.caseOwnerId),
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    version: r.version,
  }));
}

export async function listSessions(db: Tx, auth: AuthContext, formatId: string): Promise<Session[]> {
  await formatRow(db, auth.orgId, formatId);
  const rows = await selectInOrg(db, "exchangeSession", auth.orgId)
    .selectAll()
    .where("formatId", "=", formatId)
    .orderBy("startedAt", "desc")
    .orderBy("id", "desc")
    .limit(200)
    .execute();
  return toSessions(
    db,
    auth.orgId,
    rows.filter((r) => maySee(r, auth.person.id)),
  );
}

async function harvestOf(db: Tx, orgId: string, rows: ExchangeHarvestTable[]): Promise<HarvestItem[]> {
  const people = await peopleById(
    db,
    orgId,
    rows.map((r) => r.personId),
  );
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.sessionId,
    kind: r.kind as HarvestItem["kind"],
    title: r.title,
    body: r.body,
    targetId: r.targetId,
    person: (r.personId && people.get(r.personId)) || null,
    dueDate: r.dueDate,
    doneAt: r.doneAt,
    createdAt: r.createdAt,
    version: r.version,
  }));
}

export async function harvestItem(db: Tx, auth: AuthContext, itemId: string): Promise<HarvestItem> {
  const row = await selectInOrg(db, "exchangeHarvest", auth.orgId)
    .selectAll()
    .where("id", "=", itemId)
    .executeTakeFirst();
  if (!row) throw notFound();
  await visibleSession(db, auth, row.sessionId);
  const [item] = await harvestOf(db, auth.orgId, [row]);
  return item;
}

/**
 * The session page: the session, its contributions and harvest, and the open actions of the format's
 * previous session (follow-through) — if the caller may see that session.
 */
export async function getSessionPage(db: Tx, auth: AuthContext, sessionId: string): Promise<SessionPage> {
  const row = await visibleSession(db, auth, sessionId);
  const [session] = await toSessions(db, auth.orgId, [row]);
  const contributions = await selectInOrg(db, "exchangeContribution", auth.orgId)
    .selectAll()
    .where("sessionId", "=", sessionId)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  const authors = await peopleById(
    db,
    auth.orgId,
    contributions.map((c) => c.authorId),
  );
  const harvest = await selectInOrg(db, "exchangeHarvest", auth.orgId)
    .selectAll()
    .where("sessionId", "=", sessionId)
    .orderBy("createdAt")
    .orderBy("id")
    .execute();
  const previous = await selectInOrg(db, "exchangeSession", auth.orgId)
    .selectAll()
    .where("formatId", "=", row.formatId)
    .where("startedAt", "<", row.startedAt)
    .orderBy("startedAt", "desc")
    .limit(1)
    .executeTakeFirst();
  const carried =
    previous && maySee(previous, auth.person.id)
      ? await selectInOrg(db, "exchangeHarvest", auth.orgId)
          .selectAll()
          .where("sessionId", "=", previous.id)
          .where("kind", "=", "action")
          .where("doneAt", "is", null)
          .orderBy("createdAt")
          .orderBy("id")
          .execute()
      : [];
  return {
    session,
    contributions: contributions.map((c) => ({
      id: c.id,
      body: c.body,
      author: (c.authorId && authors.get(c.authorId)) || null,
      createdAt: c.createdAt,
    })),
    harvest: await harvestOf(db, auth.orgId, harvest),
    carriedActions: await harvestOf(db, auth.orgId, carried),
  };
}
