// Every SQL statement of the kiosk, typed, in one place. Services call these methods; nothing
// else in the code base writes SQL against the kiosk database.
import type { BetterSqlite3 } from 'better-sqlite3';
import type { EventKind, RequestState } from '../../domain/request.ts';
import type { HeldReason, PrintJobState } from '../../domain/print-job.ts';
import { liveStates, waitingStates } from '../../domain/request.ts';

type Db = BetterSqlite3.Database;
type Stmt<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

export interface RequestRow {
  id: Buffer;
  day: string;
  ticket: string;
  category: string;
  forms: string;
  state: RequestState;
  last_seq: number;
  received_at: number;
  processing_at: number | null;
  service_end_at: number | null;
  finished_at: number | null;
  counter: string | null;
  staff: string | null;
  estimated_wait_s: number | null;
  personal: 'held' | 'purged' | 'none';
}

export interface EventRow {
  id: Buffer;
  request_id: Buffer;
  seq: number;
  kind: EventKind;
  at: number;
  counter: string | null;
  staff: string | null;
}

export interface ProjectionUpdate {
  id: Buffer;
  state: RequestState;
  lastSeq: number;
  processingAt: number | null;
  serviceEndAt: number | null;
  finishedAt: number | null;
  counter: string | null;
  staff: string | null;
}

export type { HeldReason, PrintJobState };

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
}

/**
 * One stored statistics cell: [dim, key, metric, n, sum, hist]. `hist` is the histogram of
 * durations as little-endian int32 counts per bucket (see stats/histogram.ts), or null.
 */
export type StatRow = [dim: string, key: string, metric: string, n: number, sum: number, hist: Buffer | null];

const REQUEST_COLUMNS =
  'id, day, ticket, category, forms, state, last_seq, received_at, processing_at, service_end_at, finished_at, counter, staff, estimated_wait_s, personal';
// Spelled exactly as the partial index requests_live's WHERE clause, so SQLite uses the index.
const sqlList = (states: readonly string[]) => `(${states.map((s) => `'${s}'`).join(', ')})`;
const LIVE_STATES = sqlList(liveStates);
const WAITING_STATES = sqlList(waitingStates);

export class KioskStore {
  readonly db: Db;
  readonly #cache = new Map<string, Stmt<unknown[], unknown>>();

  constructor(db: Db) {
    this.db = db;
  }

  #stmt<P extends unknown[], R = unknown>(sql: string): Stmt<P, R> {
    let stmt = this.#cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.#cache.set(sql, stmt);
    }
    return stmt as unknown as Stmt<P, R>;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ---- requests and events ----------------------------------------------------------------

  insertRequest(row: RequestRow): void {
    this.#stmt<unknown[]>(`INSERT INTO requests (${REQUEST_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      row.id,
      row.day,
      row.ticket,
      row.category,
      row.forms,
      row.state,
      row.last_seq,
      row.received_at,
      row.processing_at,
      row.service_end_at,
      row.finished_at,
      row.counter,
      row.staff,
      row.estimated_wait_s,
      row.personal,
    );
  }

  getRequest(id: Buffer): RequestRow | undefined {
    return this.#stmt<[Buffer], RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE id = ?`).get(id);
  }

  getRequestByTicket(day: string, ticket: string): RequestRow | undefined {
    return this.#stmt<[string, string], RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE day = ? AND ticket = ?`).get(
      day,
      ticket,
    );
  }

  updateProjection(u: ProjectionUpdate): void {
    this.#stmt<unknown[]>(
      `UPDATE requests SET state = ?, last_seq = ?, processing_at = ?, service_end_at = ?, finished_at = ?,
         counter = ?, staff = ? WHERE id = ?`,
    ).run(u.state, u.lastSeq, u.processingAt, u.serviceEndAt, u.finishedAt, u.counter, u.staff, u.id);
  }

  setPersonal(id: Buffer, personal: RequestRow['personal']): void {
    this.#stmt<[string, Buffer]>('UPDATE requests SET personal = ? WHERE id = ?').run(personal, id);
  }

  /** Requests not yet finished, oldest ticket first (served by the partial index). */
  liveRequests(): RequestRow[] {
    return this.#stmt<[], RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM requests WHERE state IN ${LIVE_STATES} ORDER BY received_at`).all();
  }

  /** The live queue in aggregate: per state, category and counter, with the oldest ticket time. */
  liveSummary(): { state: RequestState; category: string; counter: string | null; n: number; oldest: number }[] {
    return this.#stmt<[], { state: RequestState; category: string; counter: string | null; n: number; oldest: number }>(
      `SELECT state, category, counter, COUNT(*) AS n, MIN(received_at) AS oldest FROM requests
        WHERE state IN ${LIVE_STATES} GROUP BY state, category, counter`,
    ).all();
  }

  // The live-state terms repeat the partial index's WHERE verbatim so SQLite can use the index.
  countWaiting(): number {
    return this.#stmt<[], number>(`SELECT COUNT(*) FROM requests WHERE state IN ${LIVE_STATES} AND state IN ${WAITING_STATES}`)
      .pluck()
      .get() as number;
  }

  countersInService(): string[] {
    return this.#stmt<[], string>(
      `SELECT DISTINCT counter FROM requests WHERE state IN ${LIVE_STATES} AND state = 'processing' AND counter IS NOT NULL`,
    )
      .pluck()
      .all() as string[];
  }

  requestsOfDay(day: string, limit: number): RequestRow[] {
    return this.#stmt<[string, number], RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM requests WHERE day = ? ORDER BY received_at LIMIT ?`,
    ).all(day, limit);
  }

  countRequests(): number {
    return this.#stmt<[], number>('SELECT COUNT(*) FROM requests').pluck().get() as number;
  }

  allRequests(): IterableIterator<RequestRow> {
    return this.#stmt<[], RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM requests`).iterate();
  }

  /** Requests in id order, and all events in (request id, seq) order: for one merge pass. */
  requestsById(): IterableIterator<Pick<RequestRow, 'id' | 'ticket' | 'state' | 'last_seq'>> {
    return this.#stmt<[], Pick<RequestRow, 'id' | 'ticket' | 'state' | 'last_seq'>>(
      'SELECT id, ticket, state, last_seq FROM requests ORDER BY id',
    ).iterate();
  }

  eventsByRequest(): IterableIterator<Pick<EventRow, 'request_id' | 'seq' | 'kind'>> {
    return this.#stmt<[], Pick<EventRow, 'request_id' | 'seq' | 'kind'>>(
      'SELECT request_id, seq, kind FROM request_events ORDER BY request_id, seq',
    ).iterate();
  }

  /** Service times (ms) of the most recent services that ended before `at`, newest first. */
  recentServiceDurations(at: number, limit: number): number[] {
    return this.#stmt<[number, number], number>(
      `SELECT service_end_at - processing_at FROM requests
        WHERE service_end_at IS NOT NULL AND service_end_at <= ? AND processing_at IS NOT NULL
        ORDER BY service_end_at DESC LIMIT ?`,
    )
      .pluck()
      .all(at, limit) as number[];
  }

  countersActiveSince(since: number): string[] {
    return this.#stmt<[number], string>('SELECT DISTINCT counter FROM requests WHERE service_end_at >= ? AND counter IS NOT NULL')
      .pluck()
      .all(since) as string[];
  }

  insertEvent(row: EventRow): void {
    this.#stmt<unknown[]>('INSERT INTO request_events (id, request_id, seq, kind, at, counter, staff) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      row.id,
      row.request_id,
      row.seq,
      row.kind,
      row.at,
      row.counter,
      row.staff,
    );
  }

  eventsOf(requestId: Buffer): EventRow[] {
    return this.#stmt<[Buffer], EventRow>(
      'SELECT id, request_id, seq, kind, at, counter, staff FROM request_events WHERE request_id = ? ORDER BY seq',
    ).all(requestId);
  }

  /** Allocates the next ticket number of the day and letter (never reused, survives restarts). */
  nextTicketNumber(day: string, letter: string): number {
    return this.#stmt<[string, string], number>(
      `INSERT INTO ticket_counters (day, letter, last) VALUES (?, ?, 1)
         ON CONFLICT (day, letter) DO UPDATE SET last = last + 1 RETURNING last`,
    )
      .pluck()
      .get(day, letter) as number;
  }

  setTicketCounter(day: string, letter: string, last: number): void {
    this.#stmt<[string, string, number]>(
      'INSERT INTO ticket_counters (day, letter, last) VALUES (?, ?, ?) ON CONFLICT (day, letter) DO UPDATE SET last = max(last, excluded.last)',
    ).run(day, letter, last);
  }

  // ---- personal data ----------------------------------------------------------------------

  insertRequestKey(requestId: Buffer, keyId: string, wrapped: Buffer): void {
    this.#stmt<[Buffer, string, Buffer]>('INSERT INTO request_keys (request_id, key_id, wrapped) VALUES (?, ?, ?)').run(
      requestId,
      keyId,
      wrapped,
    );
  }

  getRequestKey(requestId: Buffer): { key_id: string; wrapped: Buffer } | undefined {
    return this.#stmt<[Buffer], { key_id: string; wrapped: Buffer }>('SELECT key_id, wrapped FROM request_keys WHERE request_id = ?').get(
      requestId,
    );
  }

  insertField(requestId: Buffer, field: string, sealed: Buffer): void {
    this.#stmt<[Buffer, string, Buffer]>('INSERT INTO resident_fields (request_id, field, sealed) VALUES (?, ?, ?)').run(
      requestId,
      field,
      sealed,
    );
  }

  fieldsOf(requestId: Buffer): { field: string; sealed: Buffer }[] {
    return this.#stmt<[Buffer], { field: string; sealed: Buffer }>('SELECT field, sealed FROM resident_fields WHERE request_id = ?').all(
      requestId,
    );
  }

  /** Deletes the data key and every sealed field of a request (secure_delete zeroes the pages). */
  erasePersonal(requestId: Buffer): void {
    this.#stmt<[Buffer]>('DELETE FROM resident_fields WHERE request_id = ?').run(requestId);
    this.#stmt<[Buffer]>('DELETE FROM request_keys WHERE request_id = ?').run(requestId);
    this.setPersonal(requestId, 'purged');
  }

  /** Finished requests still holding personal data, finished before `before`. */
  requestsDueForPurge(before: number): Buffer[] {
    return this.#stmt<[number], Buffer>("SELECT id FROM requests WHERE personal = 'held' AND finished_at IS NOT NULL AND finished_at < ?")
      .pluck()
      .all(before) as Buffer[];
  }

  /** Truncates the WAL so frames holding erased pages do not outlive the erase. */
  checkpointTruncate(): boolean {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    // busy = 1 when another connection's reader kept frames alive: the caller must retry.
    return result !== undefined && result.busy === 0 && result.log === result.checkpointed;
  }

  // ---- statistics -------------------------------------------------------------------------

  /** Makes sure a cumulative snapshot exists for `day`, copying the previous one. */
  ensureStatSnapshot(day: string): void {
    const exists = this.#stmt<[string], number>('SELECT 1 FROM stat_days WHERE day = ?').pluck().get(day);
    if (exists) return;
    const previous = this.statSnapshotBefore(day);
    this.#stmt<[string]>('INSERT INTO stat_days (day) VALUES (?)').run(day);
    if (previous !== null) {
      this.#stmt<[string, string]>(
        'INSERT INTO stat_cells (day, dim, key, metric, n, sum, hist) SELECT ?, dim, key, metric, n, sum, hist FROM stat_cells WHERE day = ?',
      ).run(day, previous);
    }
  }

  /** Snapshot days on or after `day` (normally just today). */
  statDaysFrom(day: string): string[] {
    return this.#stmt<[string], string>('SELECT day FROM stat_days WHERE day >= ? ORDER BY day').pluck().all(day) as string[];
  }

  getStatRow(day: string, dim: string, key: string, metric: string): { n: number; sum: number; hist: Buffer | null } | undefined {
    return this.#stmt<[string, string, string, string], { n: number; sum: number; hist: Buffer | null }>(
      'SELECT n, sum, hist FROM stat_cells WHERE day = ? AND dim = ? AND key = ? AND metric = ?',
    ).get(day, dim, key, metric);
  }

  putStatRow(day: string, row: StatRow): void {
    this.#stmt<unknown[]>('INSERT OR REPLACE INTO stat_cells (day, dim, key, metric, n, sum, hist) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      day,
      row[0],
      row[1],
      row[2],
      row[3],
      row[4],
      row[5],
    );
  }

  insertStatDay(day: string): void {
    this.#stmt<[string]>('INSERT OR IGNORE INTO stat_days (day) VALUES (?)').run(day);
  }

  clearStatistics(): void {
    this.db.exec('DELETE FROM stat_cells; DELETE FROM stat_days;');
  }

  statSnapshotAtOrBefore(day: string): string | null {
    return (this.#stmt<[string], string>('SELECT max(day) FROM stat_days WHERE day <= ?').pluck().get(day) as string | null) ?? null;
  }

  statSnapshotBefore(day: string): string | null {
    return (this.#stmt<[string], string>('SELECT max(day) FROM stat_days WHERE day < ?').pluck().get(day) as string | null) ?? null;
  }

  countStatDays(from: string, to: string): number {
    return this.#stmt<[string, string], number>('SELECT COUNT(*) FROM stat_days WHERE day BETWEEN ? AND ?').pluck().get(from, to) as number;
  }

  /** Visit rows of a date range, for the exact (slow) reference statistics. */
  requestsBetweenDays(from: string, to: string, startMs: number, endMs: number): RequestRow[] {
    return this.#stmt<[number, number, string, string], RequestRow>(
      `SELECT ${REQUEST_COLUMNS} FROM requests WHERE received_at >= ? AND received_at < ? AND day BETWEEN ? AND ?`,
    ).all(startMs, endMs, from, to);
  }

  /** All cells of one snapshot as raw arrays (fast path for the dashboard). */
  statCells(day: string): StatRow[] {
    return this.#stmt<[string], StatRow>('SELECT dim, key, metric, n, sum, hist FROM stat_cells WHERE day = ?').raw().all(day) as StatRow[];
  }

  // ---- print jobs -------------------------------------------------------------------------

  insertPrintJob(row: PrintJobRow): void {
    this.#stmt<unknown[]>(
      `INSERT INTO print_jobs (id, request_id, printer, file, document, state, held_reason, cups_job, reprint_of, created_at, updated_at, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    );
  }

  updatePrintJob(
    id: Buffer,
    fields: { state: PrintJobState; heldReason: HeldReason | null; cupsJob: number | null; error: string | null; at: number },
  ): void {
    this.#stmt<unknown[]>('UPDATE print_jobs SET state = ?, held_reason = ?, cups_job = ?, error = ?, updated_at = ? WHERE id = ?').run(
      fields.state,
      fields.heldReason,
      fields.cupsJob,
      fields.error,
      fields.at,
      id,
    );
  }

  getPrintJob(id: Buffer): PrintJobRow | undefined {
    return this.#stmt<[Buffer], PrintJobRow>('SELECT * FROM print_jobs WHERE id = ?').get(id);
  }

  openPrintJobs(): PrintJobRow[] {
    return this.#stmt<[], PrintJobRow>(
      "SELECT * FROM print_jobs WHERE state IN ('queued', 'sending', 'sent') ORDER BY created_at, id",
    ).all();
  }

  printJobsOfRequest(requestId: Buffer): PrintJobRow[] {
    return this.#stmt<[Buffer], PrintJobRow>('SELECT * FROM print_jobs WHERE request_id = ? ORDER BY created_at, id').all(requestId);
  }

  recentPrintJobs(limit: number): PrintJobRow[] {
    return this.#stmt<[number], PrintJobRow>('SELECT * FROM print_jobs ORDER BY created_at DESC, id DESC LIMIT ?').all(limit);
  }
}
