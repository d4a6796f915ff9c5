/**
 * Table types — the one place. Columns are camelCase, one spelling from row to API.
 * Portable types only: ids are UUID text, instants are ISO-8601 UTC text (sortable as text on both
 * engines), flags are integers 0/1, lists are JSON text.
 */
import type { Generated } from "kysely";

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
  /** Set while a steward has deactivated the person (offboarding): no sign-in, no session. */
  deactivatedAt: string | null;
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
  /** Postal address and VAT id for the offer letter (migration 2026-12-02T2230); "" when unknown. */
  street: Generated<string>;
  postalCode: Generated<string>;
  city: Generated<string>;
  /** ISO 3166-1 alpha-2 code, "" when unknown. */
  country: Generated<string>;
  /** Normalised: upper case, no spaces, dots or dashes (e.g. DE123456789). */
  vatId: Generated<string>;
  createdAt: string;
  updatedAt: string;
  importJobId: string | null;
  /** The source CRM's record id, "<source>:<id>", for idempotent re-imports (migration 2026-12-02T2200). */
  externalId: Generated<string | null>;
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
  externalId: Generated<string | null>;
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
  /** 1: recording an accepted offer leaves this deal open (the cell closes it by hand). */
  keepOpenOnAcceptance: Generated<number>;
  /** Multi-line text, e.g. a CRM's opportunity description. */
  description: Generated<string>;
  /** The CRM's deal type ("New Business", "Bestandskunde" …), kept as written. */
  type: Generated<string>;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  importJobId: string | null;
  externalId: Generated<string | null>;
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
  /** The consent decision that last changed it (decisions module), null for a steward's edit. */
  changedByProposalId?: string | null;
  version: number;
}

export interface LetterheadTable {
  orgId: string;
  companyName: string;
  address: string;
  email: string;
  phone: string;
  vatId: string;
  /** ISO 3166-1 alpha-2 of the sender (migration 2026-12-02T2230); "" when not set. */
  country: Generated<string>;
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
  /** The contact person named on the letter, one of the account's contacts (migration 2026-12-02T2230). */
  contactId: Generated<string | null>;
  /** What the customer said when declining; "" otherwise. */
  declineReason: Generated<string>;
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

/** Per organisation and source: which stage a value of a file's stage or status column went to. */
export interface ImportValueMappingTable {
  orgId: string;
  source: string;
  /** stage | status */
  field: string;
  /** lower-cased, trimmed */
  value: string;
  /** NULL: a status value that follows the stage column */
  stageId: string | null;
  updatedAt: string;
}

/* decisions — the advice process and consent on one proposal object; see the migration. */

export interface DecisionSettingsTable {
  orgId: string;
  adviceDaysLow: number;
  adviceDaysMedium: number;
  adviceDaysHigh: number;
  timeZone: string;
  version: number;
}

export interface ProposalTable {
  id: string;
  orgId: string;
  kind: string;
  status: string;
  title: string;
  problem: string;
  proposal: string;
  impact: string;
  cellId: string | null;
  proposerId: string;
  deciderId: string;
  deciderRequestedId: string | null;
  adviceWindowClosesAt: string;
  /** JSON GuardrailChange or null */
  guardrailChange: string | null;
  /** 0 for advice proposals; the consent round under way. */
  currentRound: number;
  phase: string | null;
  decision: string | null;
  adviceUse: string | null;
  decidedAt: string | null;
  decidedById: string | null;
  reviewDate: string | null;
  whatHappened: string | null;
  whatWeLearned: string | null;
  reviewedAt: string | null;
  reviewedById: string | null;
  adviceCount: number;
  /** Title, problem and decision in one column: the log's search reads one text per row. */
  searchText: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ProposalLinkTable {
  orgId: string;
  proposalId: string;
  type: string;
  targetId: string;
  position: number;
}

export interface ProposalAskedPersonTable {
  orgId: string;
  proposalId: string;
  personId: string;
  askedAt: string;
}

export interface ProposalAskedCellTable {
  orgId: string;
  proposalId: string;
  cellId: string;
  askedAt: string;
}

export interface AdviceTable {
  id: string;
  orgId: string;
  proposalId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface ConsentRoundTable {
  orgId: string;
  proposalId: string;
  number: number;
  phase: string;
  title: string;
  proposal: string;
  guardrailChange: string | null;
  amendNote: string;
  startedAt: string;
}

export interface ConsentEntryTable {
  id: string;
  orgId: string;
  proposalId: string;
  round: number;
  kind: string;
  body: string;
  authorId: string;
  /** 0 once the same person took a later stand in the same round. */
  standing: number;
  createdAt: string;
}

export interface NotificationTable {
  id: string;
  orgId: string;
  personId: string;
  kind: string;
  proposalId: string;
  actorId: string | null;
  onceKey: string;
  createdAt: string;
  readAt: string | null;
  mailStatus: string;
}

export interface NotificationPreferenceTable {
  personId: string;
  orgId: string;
  /** JSON EmailPreferences */
  email: string;
  version: number;
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
  importValueMapping: ImportValueMappingTable;
  decisionSettings: DecisionSettingsTable;
  proposal: ProposalTable;
  proposalLink: ProposalLinkTable;
  proposalAskedPerson: ProposalAskedPersonTable;
  proposalAskedCell: ProposalAskedCellTable;
  advice: AdviceTable;
  consentRound: ConsentRoundTable;
  consentEntry: ConsentEntryTable;
  notification: NotificationTable;
  notificationPreference: NotificationPreferenceTable;
}
