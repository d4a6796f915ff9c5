import type { Kysely } from "kysely";

/**
 * The decisions module: proposals (advice process and consent on one object), what they link to,
 * whom the decider asked, the advice thread, consent rounds and their entries, in-app notifications
 * with their e-mail state, e-mail preferences and the organisation's advice-window settings.
 * A guardrail changed by a consent decision names that decision (`guardrail.changedByProposalId`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const org = (c: any) => c.notNull().references("organisation.id").onDelete("cascade");

  await db.schema
    .createTable("decisionSettings")
    .addColumn("orgId", "text", (c) => org(c).primaryKey())
    .addColumn("adviceDaysLow", "integer", (c) => c.notNull())
    .addColumn("adviceDaysMedium", "integer", (c) => c.notNull())
    .addColumn("adviceDaysHigh", "integer", (c) => c.notNull())
    .addColumn("timeZone", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("proposal")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("problem", "text", (c) => c.notNull())
    .addColumn("proposal", "text", (c) => c.notNull())
    .addColumn("impact", "text", (c) => c.notNull())
    .addColumn("cellId", "text", (c) => c.references("cell.id").onDelete("set null"))
    .addColumn("proposerId", "text", (c) => c.notNull().references("person.id"))
    .addColumn("deciderId", "text", (c) => c.notNull().references("person.id"))
    .addColumn("deciderRequestedId", "text", (c) => c.references("person.id"))
    .addColumn("adviceWindowClosesAt", "text", (c) => c.notNull())
    .addColumn("guardrailChange", "text")
    .addColumn("currentRound", "integer", (c) => c.notNull())
    .addColumn("phase", "text")
    .addColumn("decision", "text")
    .addColumn("adviceUse", "text")
    .addColumn("decidedAt", "text")
    .addColumn("decidedById", "text", (c) => c.references("person.id"))
    .addColumn("reviewDate", "text")
    .addColumn("whatHappened", "text")
    .addColumn("whatWeLearned", "text")
    .addColumn("reviewedAt", "text")
    .addColumn("reviewedById", "text", (c) => c.references("person.id"))
    .addColumn("adviceCount", "integer", (c) => c.notNull())
    .addColumn("searchText", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("updatedAt", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  // Lists of open proposals, newest first; the decision log by decision time, per kind and per cell;
  // decisions whose review date has come.
  await db.schema
    .createIndex("proposal_org_created")
    .on("proposal")
    .columns(["orgId", "createdAt", "id"])
    .execute();
  await db.schema
    .createIndex("proposal_org_decided")
    .on("proposal")
    .columns(["orgId", "decidedAt", "id"])
    .execute();
  await db.schema
    .createIndex("proposal_org_kind_decided")
    .on("proposal")
    .columns(["orgId", "kind", "decidedAt", "id"])
    .execute();
  await db.schema
    .createIndex("proposal_org_cell_decided")
    .on("proposal")
    .columns(["orgId", "cellId", "decidedAt", "id"])
    .execute();
  await db.schema
    .createIndex("proposal_org_review")
    .on("proposal")
    .columns(["orgId", "reviewedAt", "reviewDate", "id"])
    .execute();
  await db.schema.createIndex("proposal_decider").on("proposal").columns(["deciderId", "status"]).execute();
  // The scheduler's "window closing" and "review due" scans, across organisations.
  await db.schema
    .createIndex("proposal_status_window")
    .on("proposal")
    .columns(["status", "adviceWindowClosesAt"])
    .execute();
  await db.schema
    .createIndex("proposal_review_due")
    .on("proposal")
    .columns(["reviewedAt", "reviewDate"])
    .execute();

  await db.schema
    .createTable("proposalLink")
    .addColumn("orgId", "text", org)
    .addColumn("proposalId", "text", (c) => c.notNull().references("proposal.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("targetId", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("proposalLink_pk", ["proposalId", "type", "targetId"])
    .execute();
  await db.schema
    .createIndex("proposalLink_target")
    .on("proposalLink")
    .columns(["orgId", "type", "targetId", "proposalId"])
    .execute();

  await db.schema
    .createTable("proposalAskedPerson")
    .addColumn("orgId", "text", org)
    .addColumn("proposalId", "text", (c) => c.notNull().references("proposal.id").onDelete("cascade"))
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("askedAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("proposalAskedPerson_pk", ["proposalId", "personId"])
    .execute();
  await db.schema
    .createIndex("proposalAskedPerson_person")
    .on("proposalAskedPerson")
    .columns(["personId", "proposalId"])
    .execute();
  await db.schema
    .createTable("proposalAskedCell")
    .addColumn("orgId", "text", org)
    .addColumn("proposalId", "text", (c) => c.notNull().references("proposal.id").onDelete("cascade"))
    .addColumn("cellId", "text", (c) => c.notNull().references("cell.id").onDelete("cascade"))
    .addColumn("askedAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("proposalAskedCell_pk", ["proposalId", "cellId"])
    .execute();

  await db.schema
    .createTable("advice")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("proposalId", "text", (c) => c.notNull().references("proposal.id").onDelete("cascade"))
    .addColumn("authorId", "text", (c) => c.notNull().references("person.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("advice_thread")
    .on("advice")
    .columns(["proposalId", "createdAt", "id"])
    .execute();
  await db.schema.createIndex("advice_author").on("advice").columns(["proposalId", "authorId"]).execute();

  await db.schema
    .createTable("consentRound")
    .addColumn("orgId", "text", org)
    .addColumn("proposalId", "text", (c) => c.notNull().references("proposal.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("proposal", "text", (c) => c.notNull())
    .addColumn("guardrailChange", "text")
    .addColumn("amendNote", "text", (c) => c.notNull())
    .addColumn("startedAt", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("consentRound_pk", ["proposalId", "number"])
    .execute();
  await db.schema
    .createTable("consentEntry")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("proposalId", "text", (c) => c.notNull().references("proposal.id").onDelete("cascade"))
    .addColumn("round", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("authorId", "text", (c) => c.notNull().references("person.id"))
    .addColumn("standing", "integer", (c) => c.notNull())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("consentEntry_round")
    .on("consentEntry")
    .columns(["proposalId", "round", "createdAt", "id"])
    .execute();

  await db.schema
    .createTable("notification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("orgId", "text", org)
    .addColumn("personId", "text", (c) => c.notNull().references("person.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("proposalId", "text", (c) => c.notNull().references("proposal.id").onDelete("cascade"))
    .addColumn("actorId", "text", (c) => c.references("person.id").onDelete("set null"))
    // Makes every notification happen once: a second scheduler run finds the key taken.
    .addColumn("onceKey", "text", (c) => c.notNull().unique())
    .addColumn("createdAt", "text", (c) => c.notNull())
    .addColumn("readAt", "text")
    /** pending | sent | failed | skipped (preference off or no SMTP) */
    .addColumn("mailStatus", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("notification_person")
    .on("notification")
    .columns(["personId", "createdAt", "id"])
    .execute();
  await db.schema
    .createIndex("notification_person_unread")
    .on("notification")
    .columns(["personId", "readAt"])
    .execute();
  await db.schema.createIndex("notification_mail").on("notification").columns(["mailStatus"]).execute();

  await db.schema
    .createTable("notificationPreference")
    .addColumn("personId", "text", (c) => c.primaryKey().references("person.id").onDelete("cascade"))
    .addColumn("orgId", "text", org)
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();

  await db.schema.alterTable("guardrail").addColumn("changedByProposalId", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("guardrail").dropColumn("changedByProposalId").execute();
  for (const table of [
    "notificationPreference",
    "notification",
    "consentEntry",
    "consentRound",
    "advice",
    "proposalAskedCell",
    "proposalAskedPerson",
    "proposalLink",
    "proposal",
    "decisionSettings",
  ])
    await db.schema.dropTable(table).execute();
}
