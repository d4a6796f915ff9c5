/**
 * Table types — the one place. Columns are camelCase, one spelling from row to API.
 * Portable types only: ids are UUID text, instants are ISO-8601 UTC text (sortable as text on both
 * engines), flags are integers 0/1, lists are JSON text.
 */
export interface OrganisationTable {
  id: string;
  name: string;
  currency: string;
  languages: string;
  defaultLanguage: string;
  weekStart: string;
  minGroupSize: number;
  isDemo: number;
  createdAt: string;
  version: number;
}

export interface PersonTable {
  id: string;
  orgId: string;
  name: string;
  /** Lower-cased; unique across the instance because it is the sign-in name. */
  email: string;
  passwordHash: string | null;
  role: string;
  languages: string;
  skills: string;
  locale: string;
  createdAt: string;
  version: number;
}

export interface SessionTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  personId: string;
  orgId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface SignInFailureTable {
  id: string;
  email: string;
  at: string;
}

export interface InvitationTable {
  id: string;
  orgId: string;
  email: string;
  role: string;
  language: string;
  tokenHash: string;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

export interface PasswordResetTable {
  id: string;
  personId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface CellTable {
  id: string;
  orgId: string;
  name: string;
  kind: string;
  purpose: string;
  marketSlice: string;
  createdAt: string;
  version: number;
}

export interface CellMemberTable {
  orgId: string;
  cellId: string;
  personId: string;
}

export interface WorkingAgreementTable {
  id: string;
  orgId: string;
  cellId: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface AuditEntryTable {
  id: string;
  orgId: string;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: string;
}

export interface InstanceSettingTable {
  key: string;
  value: string;
}

/* customers — money in minor units, percentages in basis points, quantities in thousandths. */

export interface PipelineStageTable {
  id: string;
  orgId: string;
  name: string;
  position: number;
  /** open | won | lost */
  outcome: string;
  probability: number;
  createdAt: string;
  version: number;
}

export interface AccountTable {
  id: string;
  orgId: string;
  cellId: string;
  name: string;
  industry: string;
  size: string;
  region: string;
  website: string;
  /** Lower-cased host of `website` (no www.), for duplicate detection. */
  domain: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
  importJobId: string | null;
  version: number;
}

export interface ContactTable {
  id: string;
  orgId: string;
  accountId: string;
  name: string;
  role: string;
  email: string;
  phone: string;
  createdAt: string;
  updatedAt: string;
  importJobId: string | null;
  version: number;
}

export interface TimelineEntryTable {
  id: string;
  orgId: string;
  accountId: string;
  /** meeting | call | note | handover | offer | deal */
  kind: string;
  body: string;
  occurredAt: string;
  authorId: string | null;
  createdAt: string;
}

export interface DealTable {
  id: string;
  orgId: string;
  cellId: string;
  accountId: string;
  title: string;
  amount: number;
  currency: string;
  stageId: string;
  /** YYYY-MM-DD */
  expectedClose: string | null;
  probability: number;
  source: string;
  lostReason: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  importJobId: string | null;
  version: number;
}

/** Maintained by triggers on `deal` (migration 2026-11-27T0330_deal_totals); never written by code. */
export interface DealTotalTable {
  orgId: string;
  cellId: string;
  stageId: string;
  currency: string;
  count: number;
  amount: number;
}

export interface DealPersonTable {
  orgId: string;
  dealId: string;
  personId: string;
}

export interface ProductTable {
  id: string;
  orgId: string;
  name: string;
  unit: string;
  unitPrice: number;
  unitCost: number | null;
  currency: string;
  active: number;
  createdAt: string;
  version: number;
}

export interface GuardrailTable {
  id: string;
  orgId: string;
  /** discount (max discount, bps) | margin (min margin, bps) | paymentTerms (max days) */
  kind: string;
  limitValue: number;
  why: string;
  updatedAt: string;
  version: number;
}

export interface LetterheadTable {
  orgId: string;
  companyName: string;
  address: string;
  email: string;
  phone: string;
  vatId: string;
  bankDetails: string;
  footer: string;
  version: number;
}

export interface OfferTable {
  id: string;
  orgId: string;
  dealId: string;
  number: string;
  language: string;
  currency: string;
  /** draft | sent | accepted | declined | expired */
  status: string;
  /** YYYY-MM-DD */
  validUntil: string;
  paymentTermsDays: number;
  terms: string;
  taxRateBps: number;
  adviceNote: string;
  guardrailFindings: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  decidedAt: string | null;
  version: number;
}

export interface OfferLineTable {
  id: string;
  orgId: string;
  offerId: string;
  position: number;
  productId: string | null;
  description: string;
  quantityMilli: number;
  unitPrice: number;
  unitCost: number | null;
  discountBps: number;
}

export interface HandoverTable {
  id: string;
  orgId: string;
  accountId: string;
  dealId: string | null;
  fromCellId: string;
  toCellId: string;
  reason: string;
  byPersonId: string | null;
  at: string;
}

export interface ImportJobTable {
  id: string;
  orgId: string;
  byPersonId: string | null;
  entity: string;
  source: string;
  /** running | done | failed */
  status: string;
  totalRows: number;
  processedRows: number;
  /** JSON: counts on success, row errors on failure */
  result: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface Database {
  organisation: OrganisationTable;
  person: PersonTable;
  session: SessionTable;
  signInFailure: SignInFailureTable;
  invitation: InvitationTable;
  passwordReset: PasswordResetTable;
  cell: CellTable;
  cellMember: CellMemberTable;
  workingAgreement: WorkingAgreementTable;
  auditEntry: AuditEntryTable;
  instanceSetting: InstanceSettingTable;
  pipelineStage: PipelineStageTable;
  account: AccountTable;
  contact: ContactTable;
  timelineEntry: TimelineEntryTable;
  deal: DealTable;
  dealTotal: DealTotalTable;
  dealPerson: DealPersonTable;
  product: ProductTable;
  guardrail: GuardrailTable;
  letterhead: LetterheadTable;
  offer: OfferTable;
  offerLine: OfferLineTable;
  handover: HandoverTable;
  importJob: ImportJobTable;
}
