// The `print_jobs` table: every job recorded before it is sent (see main/printing/print-service.ts).
import type { HeldReason, PrintJobState } from '../../domain/print-job.ts';
import { openPrintJobStates } from '../../domain/print-job.ts';
import { prepared, type Db } from './statements.ts';

export interface PrintJobRow {
  id: Buffer;
  request_id: Buffer | null;
  printer: string;
  file: string;
  document: string;
  state: PrintJobState;
  held_reason: HeldReason | null;
  cups_job: number | null;
  reprint_of: Buffer | null;
  created_at: number;
  updated_at: number;
  error: string | null;
  /** When the job went 'sending' (just before lp ran); null until then, and for jobs sent before v8. */
  sending_at: number | null;
  /** When lp printed the spooler's job id: the spooler created the job between sending_at and this. */
  spooled_at: number | null;
}

// Spelled exactly as the partial index print_jobs_open's WHERE clause.
const OPEN_STATES = `(${openPrintJobStates.map((s) => `'${s}'`).join(', ')})`;

export function insertPrintJob(db: Db, row: PrintJobRow): void {
  prepared<unknown[]>(
    db,
    `INSERT INTO print_jobs (id, request_id, printer, file, document, state, held_reason, cups_job, reprint_of, created_at, updated_at, error,
         sending_at, spooled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.id,
    row.request_id,
    row.printer,
    row.file,
    row.document,
    row.state,
    row.held_reason,
    row.cups_job,
    row.reprint_of,
    row.created_at,
    row.updated_at,
    row.error,
    row.sending_at,
    row.spooled_at,
  );
}

export function updatePrintJob(
  db: Db,
  id: Buffer,
  fields: { state: PrintJobState; heldReason: HeldReason | null; cupsJob: number | null; error: string | null; at: number },
): void {
  prepared<unknown[]>(db, 'UPDATE print_jobs SET state = ?, held_reason = ?, cups_job = ?, error = ?, updated_at = ? WHERE id = ?').run(
    fields.state,
    fields.heldReason,
    fields.cupsJob,
    fields.error,
    fields.at,
    id,
  );
}

/** Records when the job was handed to the spooler (see PrintJobRow): `sendingAt` resets `spooledAt`. */
export function setSpoolerWindow(db: Db, id: Buffer, window: { sendingAt: number; spooledAt: number | null }): void {
  prepared<unknown[]>(db, 'UPDATE print_jobs SET sending_at = ?, spooled_at = ? WHERE id = ?').run(window.sendingAt, window.spooledAt, id);
}

export function getPrintJob(db: Db, id: Buffer): PrintJobRow | undefined {
  return prepared<[Buffer], PrintJobRow>(db, 'SELECT * FROM print_jobs WHERE id = ?').get(id);
}

export function openPrintJobs(db: Db): PrintJobRow[] {
  return prepared<[], PrintJobRow>(db, `SELECT * FROM print_jobs WHERE state IN ${OPEN_STATES} ORDER BY created_at, id`).all();
}

export function printJobsOfRequest(db: Db, requestId: Buffer): PrintJobRow[] {
  return prepared<[Buffer], PrintJobRow>(db, 'SELECT * FROM print_jobs WHERE request_id = ? ORDER BY created_at, id').all(requestId);
}

export function recentPrintJobs(db: Db, limit: number): PrintJobRow[] {
  return prepared<[number], PrintJobRow>(db, 'SELECT * FROM print_jobs ORDER BY created_at DESC, id DESC LIMIT ?').all(limit);
}
