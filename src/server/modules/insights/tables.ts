import type { Generated } from "kysely";

/**
 * Table types of the insights module (migration 2026-11-27T0630_insights), merged into the one
 * `Database` interface.
 */
export interface InsightRollupTable {
  orgId: string;
  /** A cell id, or "*" for the organisation. */
  cellId: string;
  /** "w" | "m". */
  grain: string;
  /** First day of the period, YYYY-MM-DD. */
  period: string;
  figure: string;
  currency: string;
  bucket: number;
  count: number | string | bigint;
  total: number | string | bigint;
}

export interface InsightDealOfferTable {
  dealId: string;
  orgId: string;
  firstSentAt: string | null;
  discountBps: number | null;
}

export interface InsightMarkerTable {
  id: string;
  orgId: string;
  cellId: string | null;
  figure: string | null;
  at: string;
  label: string;
  createdAt: string;
}

export interface InsightBaselineTable {
  id: string;
  orgId: string;
  cellId: string | null;
  figure: string | null;
  scopeKey: string;
  from: string;
  to: string;
  createdAt: string;
  version: number;
}

export interface SatisfactionScoreTable {
  id: string;
  orgId: string;
  accountId: string;
  cellId: string;
  score: number;
  surveyedOn: string;
  note: string;
  createdAt: string;
}

export interface BetaCheckTable {
  id: string;
  orgId: string;
  cellId: string | null;
  title: string;
  opensOn: string;
  closesOn: string;
  createdAt: string;
  /** k fixed when the check opened (null until then). */
  minAnswers: number | null;
  /** 1 once the eligible list is written (when the check opened). */
  eligibleFixed: Generated<number>;
  /** 1 once the fold at close has run. */
  closeFolded: Generated<number>;
}

/** Who may answer: the members when the check opened. */
export interface BetaCheckEligibleTable {
  orgId: string;
  checkId: string;
  personId: string;
}

/** An answer waiting to be folded: sealed with the data key (platform/dataKey.ts), random id. */
export interface BetaCheckPoolTable {
  id: string;
  orgId: string;
  checkId: string;
  /** Which data key sealed it (a fingerprint, the same for every answer under that key). */
  keyId: string;
  sealed: string;
}

export interface BetaCheckParticipationTable {
  orgId: string;
  checkId: string;
  personId: string;
}

export interface BetaCheckTallyTable {
  orgId: string;
  checkId: string;
  law: number;
  score: number;
  count: number;
}

export interface BetaCheckCommentsTable {
  checkId: string;
  orgId: string;
  /** JSON list of strings. */
  comments: string;
}

declare module "../../db/schema.ts" {
  interface Database {
    insightRollup: InsightRollupTable;
    insightDealOffer: InsightDealOfferTable;
    insightMarker: InsightMarkerTable;
    insightBaseline: InsightBaselineTable;
    satisfactionScore: SatisfactionScoreTable;
    betaCheck: BetaCheckTable;
    betaCheckParticipation: BetaCheckParticipationTable;
    betaCheckEligible: BetaCheckEligibleTable;
    betaCheckPool: BetaCheckPoolTable;
    betaCheckTally: BetaCheckTallyTable;
    betaCheckComments: BetaCheckCommentsTable;
  }
}
