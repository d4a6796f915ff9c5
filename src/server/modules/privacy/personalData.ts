import type { ExpressionBuilder, Kysely } from "kysely";
import { inOrg, type Tx } from "../../db/scope.ts";

/**
 * Everything stored about one person (DSGVO Art. 15 and 20): every row that names them or that they
 * wrote, module by module. Secrets never leave (password hash, token hashes, session ids — the id of a
 * session is the hash of its cookie). Beta check answers are anonymous and unlinkable by design
 * (insights/betaCheck*.ts): only the person's participation — which check, on which days it ran — is
 * stored, so only that is exported; nothing here may ever join answers to people.
 */

/** A section of the export: rows of `table` in which one of `personColumns` holds the person's id. */
type Source = {
  section: string;
  table: string;
  /** Columns that hold the person's id. */
  personColumns?: string[];
  /** Columns holding a JSON list of person ids. */
  personListColumns?: string[];
  /** Columns that never leave: secrets and the hashes of secrets. */
  omit?: string[];
  /** The table has no `orgId` (person-scoped only). */
  noOrg?: boolean;
};

const SOURCES: Source[] = [
  { section: "cellMemberships", table: "cellMembership", personColumns: ["personId"] },
  { section: "sessions", table: "session", personColumns: ["personId"], omit: ["id"] },
  {
    section: "passwordResets",
    table: "passwordReset",
    personColumns: ["personId"],
    omit: ["id", "tokenHash"],
    noOrg: true,
  },
  { section: "invitationsSent", table: "invitation", personColumns: ["invitedBy"], omit: ["tokenHash"] },
  { section: "auditEntriesByYou", table: "auditEntry", personColumns: ["actorId"] },
  { section: "timelineEntries", table: "timelineEntry", personColumns: ["authorId"] },
  { section: "handovers", table: "handover", personColumns: ["byPersonId"] },
  { section: "imports", table: "importJob", personColumns: ["byPersonId"] },
  {
    section: "proposals",
    table: "proposal",
    personColumns: ["proposerId", "deciderId", "deciderRequestedId", "decidedById", "reviewedById"],
    omit: ["searchText"],
  },
  { section: "adviceAskedOfYou", table: "proposalAskedPerson", personColumns: ["personId"] },
  { section: "advice", table: "advice", personColumns: ["authorId"] },
  { section: "consentEntries", table: "consentEntry", personColumns: ["authorId"] },
  { section: "notifications", table: "notification", personColumns: ["personId"] },
  { section: "emailPreferences", table: "notificationPreference", personColumns: ["personId"] },
  { section: "exchangeFormats", table: "exchangeFormat", personListColumns: ["participantIds"] },
  { section: "exchangeTopics", table: "exchangeTopic", personColumns: ["authorId"] },
  {
    section: "exchangeSessions",
    table: "exchangeSession",
    personColumns: ["facilitatorId", "caseOwnerId"],
    personListColumns: ["participantIds"],
  },
  { section: "exchangeContributions", table: "exchangeContribution", personColumns: ["authorId"] },
  { section: "liveRoomEvents", table: "sessionEvent", personColumns: ["actorId"] },
  { section: "harvestActions", table: "exchangeHarvest", personColumns: ["personId"] },
  {
    section: "calendarFeeds",
    table: "exchangeCalendarFeed",
    personColumns: ["personId"],
    omit: ["tokenHash"],
  },
  { section: "learnings", table: "learning", personListColumns: ["authorIds"] },
  { section: "learningsMarkedHelpful", table: "learningHelped", personColumns: ["personId"] },
  { section: "libraryQuestions", table: "libraryQuestion", personColumns: ["askerId"] },
  { section: "libraryAnswers", table: "libraryAnswer", personColumns: ["authorId"] },
  { section: "obstacles", table: "obstacle", personColumns: ["raisedById", "takenUpById"] },
  { section: "obstaclesAffectingYou", table: "obstacleAffect", personColumns: ["personId"] },
  { section: "serviceRequests", table: "serviceRequest", personColumns: ["requestedById", "ratedById"] },
];

export type PersonalData = {
  exportedAt: string;
  organisation: { id: string; name: string };
  profile: Record<string, unknown>;
  sections: Record<string, Record<string, unknown>[]>;
};

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;
type AnyEb = ExpressionBuilder<Record<string, Record<string, unknown>>, string>;

function withoutColumns(row: Record<string, unknown>, omit: string[] = []): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !omit.includes(key)));
}

async function rowsOf(db: AnyDb, source: Source, orgId: string, personId: string) {
  let query = db.selectFrom(source.table).selectAll();
  if (!source.noOrg) query = query.where(inOrg(orgId));
  query = query.where((eb: AnyEb) =>
    eb.or([
      ...(source.personColumns ?? []).map((column) => eb(column, "=", personId)),
      // Ids are UUIDs: no LIKE wildcard can occur in the pattern.
      ...(source.personListColumns ?? []).map((column) => eb(column, "like", `%"${personId}"%`)),
    ]),
  );
  const rows = await query.execute();
  return rows.map((row) => withoutColumns(row, source.omit));
}

export async function collectPersonalData(
  db: Tx,
  orgId: string,
  personId: string,
  now: Date,
): Promise<PersonalData> {
  const anyDb = db as unknown as AnyDb;
  const person = await db
    .selectFrom("person")
    .selectAll()
    .where(inOrg(orgId))
    .where("id", "=", personId)
    .executeTakeFirstOrThrow();
  const organisation = await db
    .selectFrom("organisation")
    .select(["id", "name"])
    .where("id", "=", orgId)
    .executeTakeFirstOrThrow();
  const sections: PersonalData["sections"] = {};
  sections.cells = await db
    .selectFrom("cellMember")
    .innerJoin("cell", "cell.id", "cellMember.cellId")
    .select(["cell.id", "cell.name", "cell.kind"])
    .where(inOrg(orgId, "cellMember"))
    .where("cellMember.personId", "=", personId)
    .execute();
  for (const source of SOURCES) sections[source.section] = await rowsOf(anyDb, source, orgId, personId);
  sections.invitationsToYou = (
    await db
      .selectFrom("invitation")
      .selectAll()
      .where(inOrg(orgId))
      .where("email", "=", person.email)
      .execute()
  ).map((row) => withoutColumns(row, ["tokenHash"]));
  sections.auditEntriesAboutYou = await db
    .selectFrom("auditEntry")
    .selectAll()
    .where(inOrg(orgId))
    .where((eb) =>
      eb.or([
        eb.and([eb("subjectType", "=", "person"), eb("subjectId", "=", personId)]),
        // Entries about something else that name the person (a cell membership, a hand-over).
        eb("details", "like", `%"${personId}"%`),
      ]),
    )
    .where((eb) => eb.or([eb("actorId", "is", null), eb("actorId", "<>", personId)]))
    .execute();
  sections.dealsYouAreInvolvedIn = await db
    .selectFrom("dealPerson")
    .innerJoin("deal", "deal.id", "dealPerson.dealId")
    .select(["deal.id", "deal.title", "deal.createdAt", "deal.closedAt"])
    .where(inOrg(orgId, "dealPerson"))
    .where("dealPerson.personId", "=", personId)
    .execute();
  sections.betaCheckParticipation = await db
    .selectFrom("betaCheckParticipation")
    .innerJoin("betaCheck", "betaCheck.id", "betaCheckParticipation.checkId")
    .select(["betaCheck.id", "betaCheck.title", "betaCheck.opensOn", "betaCheck.closesOn"])
    .where(inOrg(orgId, "betaCheckParticipation"))
    .where("betaCheckParticipation.personId", "=", personId)
    .execute();
  sections.signInFailures = await db
    .selectFrom("signInFailure")
    .select(["at"])
    .where("email", "=", person.email)
    .execute();
  const { passwordHash, ...profile } = person;
  return {
    exportedAt: now.toISOString(),
    organisation,
    profile: {
      ...profile,
      languages: JSON.parse(person.languages),
      skills: JSON.parse(person.skills),
      hasPassword: passwordHash !== null,
    },
    sections,
  };
}
