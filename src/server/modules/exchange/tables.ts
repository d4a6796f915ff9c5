/**
 * Table types of the exchange module (migration 2026-11-27T0510_create_exchange), merged into the
 * one `Database` interface so scope.ts and Kysely see them like every other table.
 */
export interface ExchangeFormatTable {
  id: string;
  orgId: string;
  name: string;
  type: string;
  description: string;
  cadence: string;
  /** YYYY-MM-DD in the format's time zone. */
  startsOn: string;
  /** HH:MM in the format's time zone. */
  timeOfDay: string;
  timeZone: string;
  durationMinutes: number;
  access: string;
  /** JSON list of person ids (invitation formats). */
  participantIds: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ExchangeTopicTable {
  id: string;
  orgId: string;
  formatId: string;
  title: string;
  pitch: string;
  authorId: string | null;
  createdAt: string;
}

export interface ExchangeSessionTable {
  id: string;
  orgId: string;
  formatId: string;
  kind: string;
  facilitatorId: string | null;
  caseOwnerId: string | null;
  anonymous: number;
  /** 1: only `participantIds` may see it (Kollegiale Beratung). */
  confidential: number;
  participantIds: string;
  startedAt: string;
  endedAt: string | null;
  version: number;
}

export interface ExchangeContributionTable {
  id: string;
  orgId: string;
  sessionId: string;
  authorId: string | null;
  body: string;
  createdAt: string;
}

export interface ExchangeHarvestTable {
  id: string;
  orgId: string;
  sessionId: string;
  kind: string;
  title: string;
  body: string;
  targetId: string | null;
  personId: string | null;
  dueDate: string | null;
  doneAt: string | null;
  createdAt: string;
  version: number;
}

/** Minimal; the library module extends it. */
export interface LearningTable {
  id: string;
  orgId: string;
  title: string;
  body: string;
  sourceSessionId: string | null;
  createdAt: string;
}

export interface ExchangeCalendarFeedTable {
  /** SHA-256 of the secret in the feed URL; the secret itself is never stored. */
  tokenHash: string;
  orgId: string;
  personId: string;
  createdAt: string;
}

declare module "../../db/schema.ts" {
  interface Database {
    exchangeFormat: ExchangeFormatTable;
    exchangeTopic: ExchangeTopicTable;
    exchangeSession: ExchangeSessionTable;
    exchangeContribution: ExchangeContributionTable;
    exchangeHarvest: ExchangeHarvestTable;
    learning: LearningTable;
    exchangeCalendarFeed: ExchangeCalendarFeedTable;
  }
}
