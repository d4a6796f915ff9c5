/**
 * Table types of the library module (migration 2026-11-27T0610_library). The `learning` table is
 * the exchange module's (its harvest writes there); this module adds its columns to that type.
 */
import type { ColumnType } from "kysely";

/** A column the database fills with a default when an insert leaves it out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

declare module "../exchange/tables.ts" {
  interface LearningTable {
    kind: Defaulted<string>;
    /** JSON list of tags. */
    tags: Defaulted<string>;
    /** JSON list of person ids: shown as names, never counted. */
    authorIds: Defaulted<string>;
    careCellId: Defaulted<string | null>;
    reviewIntervalDays: Defaulted<number>;
    reviewDueAt: Defaulted<string | null>;
    reviewedAt: Defaulted<string | null>;
    helpedCount: Defaulted<number>;
    updatedAt: Defaulted<string | null>;
    version: Defaulted<number>;
  }
}

export interface LearningLinkTable {
  learningId: string;
  orgId: string;
  type: string;
  targetId: string;
}

export interface LearningHelpedTable {
  learningId: string;
  personId: string;
  orgId: string;
  createdAt: string;
}

export interface LibraryQuestionTable {
  id: string;
  orgId: string;
  title: string;
  body: string;
  tags: string;
  askerId: string | null;
  answerCount: number;
  createdAt: string;
}

export interface LibraryAnswerTable {
  id: string;
  orgId: string;
  questionId: string;
  authorId: string | null;
  body: string;
  helped: number;
  createdAt: string;
}

export interface LibraryExperimentTable {
  id: string;
  orgId: string;
  cellId: string;
  title: string;
  hypothesis: string;
  fromDate: string;
  toDate: string;
  measure: string;
  result: string;
  learningId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface LibrarySearchTable {
  seq: ColumnType<number, never, never>;
  orgId: string;
  docType: string;
  docId: string;
  kind: string | null;
  cellId: string | null;
  tags: string;
  createdAt: string;
  title: string;
  plain: string;
  stems: string;
}

declare module "../../db/schema.ts" {
  interface Database {
    learningLink: LearningLinkTable;
    learningHelped: LearningHelpedTable;
    libraryQuestion: LibraryQuestionTable;
    libraryAnswer: LibraryAnswerTable;
    libraryExperiment: LibraryExperimentTable;
    librarySearch: LibrarySearchTable;
  }
}
