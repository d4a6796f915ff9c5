/**
 * Table types of the system module (migration 2026-11-27T0620_system), merged into the one
 * `Database` interface. `obstacle` is the table the exchange harvest created, extended here.
 */
export interface ObstacleTable {
  id: string;
  orgId: string;
  title: string;
  body: string;
  place: string;
  example: string;
  /** The raising cell; null when raised for the organisation (or harvested). */
  cellId: string | null;
  raisedById: string | null;
  /** raised | takenUp | changed | declined */
  status: string;
  takenUpById: string | null;
  takenUpAt: string | null;
  endedAt: string | null;
  /** What changed, or why declined. */
  outcome: string;
  /** The proposal (decision) that changed it. */
  decisionId: string | null;
  /** endedAt − createdAt in days; null while open. */
  leadDays: number | null;
  sourceSessionId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ObstacleAffectTable {
  orgId: string;
  obstacleId: string;
  cellId: string;
  personId: string | null;
  createdAt: string;
}

export interface ServiceTable {
  id: string;
  orgId: string;
  cellId: string;
  name: string;
  description: string;
  howToAsk: string;
  typicalLeadDays: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ServiceRequestTable {
  id: string;
  orgId: string;
  serviceId: string;
  servingCellId: string;
  requestingCellId: string;
  requestedById: string | null;
  title: string;
  body: string;
  /** requested | accepted | delivered | declined */
  status: string;
  acceptedAt: string | null;
  deliveredAt: string | null;
  declinedAt: string | null;
  deliveryNote: string;
  declineReason: string;
  /** deliveredAt − createdAt in days; null until delivered. */
  leadDays: number | null;
  rating: number | null;
  ratingComment: string;
  ratedById: string | null;
  ratedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface FrameworkConditionTable {
  id: string;
  orgId: string;
  title: string;
  body: string;
  why: string;
  since: string;
  setByProposalId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A consent proposal that, once passed, sets a condition (conditionId null: a new one). */
export interface ConditionProposalTable {
  proposalId: string;
  orgId: string;
  conditionId: string | null;
  createdAt: string;
}

declare module "../../db/schema.ts" {
  interface Database {
    obstacle: ObstacleTable;
    obstacleAffect: ObstacleAffectTable;
    service: ServiceTable;
    serviceRequest: ServiceRequestTable;
    frameworkCondition: FrameworkConditionTable;
    conditionProposal: ConditionProposalTable;
  }
}
