/**
 * Table types of the privacy module (migration 2026-12-03T0320_personal_data), merged into the one
 * `Database` interface: the erasure columns of `person` and the organisation's retention periods.
 */
declare module "../../db/schema.ts" {
  // Optional: rows written before erasure existed (and by the demo generator) leave them NULL.
  interface PersonTable {
    /** Set once the person's personal data was erased (DSGVO Art. 17); never unset. */
    erasedAt?: string | null;
    /** N of the pseudonym "Former member N", counted per organisation. */
    pseudonymNumber?: number | null;
  }
  interface Database {
    retentionSetting: RetentionSettingTable;
  }
}

export interface RetentionSettingTable {
  orgId: string;
  auditDays: number;
  endedSessionDays: number;
  notificationDays: number;
  sentMailDays: number;
  importFileDays: number;
  version: number;
}
