// Append-only audit log: who did what, when, to which request. It holds codes and request
// references only, never personal data (names, addresses, PINs, numbers), so it can be kept
// as long as the office needs. Stored in its own SQLite file with its own migration list (it
// must outlive the queue's retention purge), opened with the same pragmas as the kiosk database.
import type { BetterSqlite3 } from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../db/connection.ts';
import { auditMigrations } from './migrations.ts';

export const auditActions = [
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'session-started',
  'card-read',
  'card-read-failed',
  'member-added',
  'member-removed',
  'form-added',
  'form-removed',
  'preview-rendered',
  'request-created',
  'print-sent',
  'ticket-issued',
  'ticket-issued-before-print',
  'receipt-sent',
  'reprint-sent',
  'print-outcome-recorded',
  'correction-requested',
  'request-cancelled',
  'idle-ignored',
  'queue-advanced',
  'session-ended',
  'stats-exported',
  'visit-parked',
  'visit-resumed',
  'sync-flag-resolved',
  // The hall: reference = the office ticket's id, detail = its number or the outcome's code.
  'hall-called',
  'hall-recalled',
  'hall-no-show',
  'hall-call-failed',
  'hall-call-given-back',
  'hall-transferred',
  'office-ticket-settled',
  // The app started with KIOSK_ALLOW_INSECURE_KEYSTORE=1 over a secret store that protects nothing: detail = its backend.
  'insecure-key-store',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  at: string;
  staffId: string | null;
  counter: string | null;
  action: AuditAction;
  reference: string | null;
  /** A short code such as an error code or a form id; never free text typed by a person. */
  detail: string | null;
}

const DETAIL_PATTERN = /^[A-Za-z0-9_.:/-]{0,64}$/;

export class AuditLog {
  readonly #db: BetterSqlite3.Database;
  readonly #insert: BetterSqlite3.Statement;

  constructor(file: string) {
    this.#db = openDatabase(file, { migrations: auditMigrations });
    this.#insert = this.#db.prepare('INSERT INTO audit_log (at, staff_id, counter, action, reference, detail) VALUES (?, ?, ?, ?, ?, ?)');
  }

  record(entry: Omit<AuditEntry, 'at'>, at: Date = new Date()): void {
    if (!auditActions.includes(entry.action)) throw new Error('unknown audit action');
    // Codes only: refuse anything that could carry a name or an address.
    for (const value of [entry.staffId, entry.counter, entry.reference, entry.detail]) {
      if (value !== null && !DETAIL_PATTERN.test(value)) throw new Error('audit fields must be codes');
    }
    this.#insert.run(at.toISOString(), entry.staffId, entry.counter, entry.action, entry.reference, entry.detail);
  }

  entries(limit = 1000): AuditEntry[] {
    const rows = this.#db
      .prepare('SELECT at, staff_id, counter, action, reference, detail FROM audit_log ORDER BY seq DESC LIMIT ?')
      .all(limit) as {
      at: string;
      staff_id: string | null;
      counter: string | null;
      action: AuditAction;
      reference: string | null;
      detail: string | null;
    }[];
    return rows
      .reverse()
      .map((r) => ({ at: r.at, staffId: r.staff_id, counter: r.counter, action: r.action, reference: r.reference, detail: r.detail }));
  }

  close(): void {
    closeDatabase(this.#db);
  }
}
