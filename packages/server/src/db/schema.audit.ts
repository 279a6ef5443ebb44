// Tables of 009_audit_log (audit/record.ts writes them).

export interface AuditLogTable {
  id: string;
  accountId: string;
  at: number;
  /** 'user', 'api_key' or 'system' (a scheduler, the CLI). */
  actorType: string;
  actorId: string;
  actorEmail: string | null;
  /** `<target>.<verb>`, e.g. `member.invited`, `webhook.secret_rotated`, `domain.added`. */
  action: string;
  targetType: string;
  targetId: string;
  /** JSON of field → {from, to}, or null; never a secret. */
  changes: string | null;
}

export interface AuditTables {
  auditLog: AuditLogTable;
}
