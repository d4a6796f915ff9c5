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
}
