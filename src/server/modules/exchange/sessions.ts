/**
 * Sessions of a format: start (facilitator chosen by anyone, by default the next in rotation),
 * contributions named or anonymous per session, end. Kollegiale Beratung sessions are confidential:
 * their participants are fixed at the start and nobody else learns they exist (404).
 * `canJoin` and `sessionKindOf` are what the live room (room.ts, roomRoutes.ts) asks of this module.
 */
import { randomUUID } from "node:crypto";
import type { FormatType, SessionStart } from "../../../shared/exchange.ts";
import { selectInOrg, type Tx, updateInOrg } from "../../db/scope.ts";
import type { AuthContext } from "../../platform/auth/sessions.ts";
import { AppError, staleVersion } from "../../platform/errors.ts";
import { assertPeopleInOrg } from "./formats.ts";
import { kollegialeBeratung, openingKb } from "./kollegialeBeratung.ts";
import { leanCoffee, openingLeanCoffee } from "./leanCoffee.ts";
import { openingOpenSpace, openSpace } from "./openSpace.ts";
import { maySee } from "./policy.ts";
import { formatRow, visibleSession } from "./queries.ts";
import { openingRetro, retrospective } from "./retrospective.ts";
import { appendEvents, eventsAfter, lockSessionForAppend } from "./roomStore.ts";
import type { ExchangeSessionTable } from "./tables.ts";
import { openingTroika, troika } from "./troika.ts";
import type { AnySessionKind, CanJoin, SessionKindOf } from "./types.ts";

/** The live mechanics per format type (every type has one). */
const KINDS: Record<FormatType, AnySessionKind> = {
  leanCoffee,
  kollegialeBeratung,
  retrospective,
  troika,
  openSpace,
};

export const canJoin: CanJoin = async (db, auth, sessionId) => {
  const row = await selectInOrg(db, "exchangeSession", auth.orgId)
    .select(["confidential", "participantIds"])
    .where("id", "=", sessionId)
    .executeTakeFirst();
  return Boolean(row && maySee(row, auth.person.id));
};

export const sessionKindOf: SessionKindOf = async (db, orgId, sessionId) => {
  const row = await selectInOrg(db, "exchangeSession", orgId)
    .select("kind")
    .where("id", "=", sessionId)
    .executeTakeFirst();
  return (row && KINDS[row.kind as FormatType]) ?? null;
};

/** Rotation: the person after the last session's facilitator among those invited; else the starter. */
async function nextFacilitator(db: Tx, auth: AuthContext, formatId: string, candidates: string[]) {
  if (candidates.length === 0) return auth.person.id;
  const last = await selectInOrg(db, "exchangeSession", auth.orgId)
    .select("facilitatorId")
    .where("formatId", "=", formatId)
    .orderBy("startedAt", "desc")
    .limit(1)
    .executeTakeFirst();
  const index = last?.facilitatorId ? candidates.indexOf(last.facilitatorId) : -1;
  return candidates[(index + 1) % candidates.length];
}

/** Topics proposed before the session (asynchronously), oldest first. */
const backlogOf = (db: Tx, orgId: string, formatId: string) =>
  selectInOrg(db, "exchangeTopic", orgId)
    .select(["title", "pitch", "authorId"])
    .where("formatId", "=", formatId)
    .orderBy("createdAt")
    .orderBy("id")
    .limit(100)
    .execute();

/** The events a new session's room starts from, per format type (none for types without a live board). */
async function openingEvents(
  db: Tx,
  orgId: string,
  type: string,
  session: {
    formatId: string;
    facilitatorId: string;
    caseOwnerId: string | null;
    participantIds: string[];
    anonymous: boolean;
  },
) {
  const { facilitatorId, anonymous } = session;
  switch (type) {
    case "leanCoffee":
      return openingLeanCoffee({
        facilitatorId,
        anonymous,
        backlog: await backlogOf(db, orgId, session.formatId),
      });
    case "kollegialeBeratung":
      return openingKb({ ...session, moderatorId: facilitatorId });
    case "retrospective":
      return openingRetro({ facilitatorId, anonymous });
    case "troika":
      return openingTroika({ facilitatorId });
    case "openSpace":
      return openingOpenSpace({
        facilitatorId,
        anonymous,
        backlog: await backlogOf(db, orgId, session.formatId),
      });
    default:
      return [];
  }
}

export async function startSession(
  db: Tx,
  auth: AuthContext,
  formatId: string,
  input: SessionStart,
  now: Date,
): Promise<string> {
  const format = await formatRow(db, auth.orgId, formatId);
  const confidential = format.type === "kollegialeBeratung";
  const invited = JSON.parse(format.participantIds) as string[];
  // Confidential: exactly the people named now (and the starter). Otherwise the format's invitees.
  const participantIds = confidential
    ? [...new Set([auth.person.id, ...input.participantIds])]
    : format.access === "invitation"
      ? [...new Set([...invited, auth.person.id])]
      : [];
  await assertPeopleInOrg(db, auth.orgId, participantIds, "participantIds");
  if (confidential) {
    if (!input.caseOwnerId) throw new AppError("VALIDATION", { caseOwnerId: "required" });
    if (!participantIds.includes(input.caseOwnerId))
      throw new AppError("VALIDATION", { caseOwnerId: "not a participant" });
  }
  if (input.facilitatorId) {
    await assertPeopleInOrg(db, auth.orgId, [input.facilitatorId], "facilitatorId");
    if (confidential && !participantIds.includes(input.facilitatorId))
      throw new AppError("VALIDATION", { facilitatorId: "not a participant" });
  }
  const id = randomUUID();
  const caseOwnerId = confidential ? input.caseOwnerId : null;
  // The case owner tells the case; someone else moderates it.
  const candidates = participantIds.filter((id) => id !== caseOwnerId);
  const facilitatorId = input.facilitatorId ?? (await nextFacilitator(db, auth, formatId, candidates));
  await db
    .insertInto("exchangeSession")
    .values({
      id,
      orgId: auth.orgId,
      formatId,
      kind: format.type,
      facilitatorId,
      caseOwnerId,
      anonymous: input.anonymous ? 1 : 0,
      confidential: confidential ? 1 : 0,
      participantIds: JSON.stringify(participantIds),
      startedAt: now.toISOString(),
      endedAt: null,
      version: 1,
    })
    .execute();
  const opening = await openingEvents(db, auth.orgId, format.type, {
    formatId,
    facilitatorId,
    caseOwnerId,
    participantIds,
    anonymous: input.anonymous,
  });
  // The room starts from these events: the session is new, so nobody else has appended yet.
  await appendEvents(db, {
    orgId: auth.orgId,
    sessionId: id,
    afterSeq: 0,
    actorId: null,
    at: now,
    events: opening,
  });
  return id;
}

async function writeSession(
  db: Tx,
  row: ExchangeSessionTable,
  version: number,
  set: Partial<ExchangeSessionTable>,
) {
  if (row.version !== version) throw staleVersion();
  const result = await updateInOrg(db, "exchangeSession", row.orgId)
    .set({ ...set, version: row.version + 1 })
    .where("id", "=", row.id)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion();
}

/** Anyone in the session picks who facilitates (themselves or a colleague). */
export async function setFacilitator(
  db: Tx,
  auth: AuthContext,
  sessionId: string,
  personId: string,
  version: number,
  now: Date,
): Promise<number | null> {
  const row = await visibleSession(db, auth, sessionId);
  await assertPeopleInOrg(db, auth.orgId, [personId], "personId");
  if (row.confidential && !maySee(row, personId))
    throw new AppError("VALIDATION", { personId: "not a participant" });
  await writeSession(db, row, version, { facilitatorId: personId });
  return handOverBoard(db, auth.orgId, sessionId, personId, now);
}

/**
 * The session's facilitator also steers its live board: handing over in the session header gives the
 * board to that person at once, through the kind's own "facilitate" action stored like any other
 * event, so header and board never disagree. Kollegiale Beratung casts roles instead and has no such
 * action; a board the kind refuses to hand over (closed) stays as it is. Answers the last seq stored,
 * for waking the open rooms, or null.
 */
async function handOverBoard(db: Tx, orgId: string, sessionId: string, personId: string, now: Date) {
  const kind = await sessionKindOf(db, orgId, sessionId);
  const action = kind?.actionSchema.safeParse({ type: "facilitate" });
  if (!kind || !action?.success) return null;
  await lockSessionForAppend(db, sessionId);
  const events = await eventsAfter(db, orgId, sessionId, 0);
  const state = events.reduce((board, event) => kind.reduce(board, event), kind.initial());
  // Every kind with a "facilitate" action keeps the person in `facilitatorId`: nothing to hand over.
  if ((state as { facilitatorId?: string | null }).facilitatorId === personId) return null;
  let decided: { type: string; payload: unknown }[];
  try {
    decided = kind.decide(state, action.data, { personId }, now);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
  const appended = await appendEvents(db, {
    orgId,
    sessionId,
    afterSeq: events.at(-1)?.seq ?? 0,
    actorId: personId,
    at: now,
    events: decided,
  });
  return appended.at(-1)?.seq ?? null;
}

export async function endSession(db: Tx, auth: AuthContext, sessionId: string, version: number, now: Date) {
  const row = await visibleSession(db, auth, sessionId);
  if (row.endedAt) throw new AppError("CONFLICT", { session: "ended" });
  await writeSession(db, row, version, { endedAt: now.toISOString() });
}

/** A note on the session; in an anonymous session it is stored without its author. */
export async function addContribution(db: Tx, auth: AuthContext, sessionId: string, body: string, now: Date) {
  const row = await visibleSession(db, auth, sessionId);
  if (row.endedAt) throw new AppError("CONFLICT", { session: "ended" });
  const id = randomUUID();
  await db
    .insertInto("exchangeContribution")
    .values({
      id,
      orgId: auth.orgId,
      sessionId,
      authorId: row.anonymous ? null : auth.person.id,
      body,
      createdAt: now.toISOString(),
    })
    .execute();
  return id;
}
