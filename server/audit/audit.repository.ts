import type { DialectName } from '../config.js';
import type { LooseDb, Row } from '../crud/resource.js';
import { timestampParam } from '../db/dialect.js';
import { insertUnnest } from '../db/pg-unnest.js';

export type Changes = Record<string, [unknown, unknown]>;
export type AuditAction = 'create' | 'update' | 'delete' | 'erase';

/** Field by field, what changed between two representations (null: the record did not exist). */
export function diff(before: Row | null, after: Row | null): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[k] = [b, a];
  }
  return changes;
}

export interface AuditEntry {
  userId: number | null;
  action: AuditAction;
  resource: string;
  recordId: number;
  changes: Changes | null;
  importId?: number;
}

/** Written in the same transaction as the change it records: both happen or neither does. */
export async function recordAudit(db: LooseDb, dialect: DialectName, e: AuditEntry) {
  await recordAudits(db, dialect, [e]);
}

/** 7 parameters a row: far below every driver's limit (SQLite 32766, PostgreSQL 65535) */
const AUDIT_ROWS_PER_INSERT = 500;

/** Several entries, in as few statements as the parameter limits allow (an import's batch). */
export async function recordAudits(db: LooseDb, dialect: DialectName, entries: AuditEntry[]) {
  const occurred_at = timestampParam(dialect, new Date().toISOString());
  const rows = entries.map((e) => ({
    occurred_at,
    user_id: e.userId,
    action: e.action,
    resource: e.resource,
    record_id: e.recordId,
    changes: e.changes === null ? null : JSON.stringify(e.changes),
    import_id: e.importId ?? null,
  }));
  if (dialect === 'postgres' && rows.length > 1) {
    await insertUnnest(db, 'audit_events', Object.keys(rows[0]), rows);
    return;
  }
  for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_INSERT) {
    await db
      .insertInto('audit_events')
      .values(rows.slice(i, i + AUDIT_ROWS_PER_INSERT))
      .execute();
  }
}
