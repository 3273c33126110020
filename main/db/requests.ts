// The `requests` table: one row per visit, the projection of its events (see request-events.ts).
import type { RequestState } from '../../domain/request.ts';
import { liveStates, waitingStates } from '../../domain/request.ts';
import { prepared, type Db } from './statements.ts';

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

export interface LiveGroup {
  state: RequestState;
  category: string;
  counter: string | null;
  n: number;
  oldest: number;
}

const COLUMNS =
  'id, day, ticket, category, forms, state, last_seq, received_at, processing_at, service_end_at, finished_at, counter, staff, estimated_wait_s, personal';
// Spelled exactly as the partial index requests_live's WHERE clause, so SQLite uses the index.
const sqlList = (states: readonly string[]) => `(${states.map((s) => `'${s}'`).join(', ')})`;
const LIVE_STATES = sqlList(liveStates);
const WAITING_STATES = sqlList(waitingStates);

export function insertRequest(db: Db, row: RequestRow): void {
  prepared<unknown[]>(db, `INSERT INTO requests (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
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

export function getRequest(db: Db, id: Buffer): RequestRow | undefined {
  return prepared<[Buffer], RequestRow>(db, `SELECT ${COLUMNS} FROM requests WHERE id = ?`).get(id);
}

export function getRequestByTicket(db: Db, day: string, ticket: string): RequestRow | undefined {
  return prepared<[string, string], RequestRow>(db, `SELECT ${COLUMNS} FROM requests WHERE day = ? AND ticket = ?`).get(day, ticket);
}

export function updateProjection(db: Db, u: ProjectionUpdate): void {
  prepared<unknown[]>(
    db,
    `UPDATE requests SET state = ?, last_seq = ?, processing_at = ?, service_end_at = ?, finished_at = ?,
       counter = ?, staff = ? WHERE id = ?`,
  ).run(u.state, u.lastSeq, u.processingAt, u.serviceEndAt, u.finishedAt, u.counter, u.staff, u.id);
}

export function setPersonal(db: Db, id: Buffer, personal: RequestRow['personal']): void {
  prepared<[string, Buffer]>(db, 'UPDATE requests SET personal = ? WHERE id = ?').run(personal, id);
}

/** Requests not yet finished, oldest ticket first (served by the partial index). */
export function liveRequests(db: Db): RequestRow[] {
  return prepared<[], RequestRow>(db, `SELECT ${COLUMNS} FROM requests WHERE state IN ${LIVE_STATES} ORDER BY received_at`).all();
}

/** The live queue in aggregate: per state, category and counter, with the oldest ticket time. */
export function liveSummary(db: Db): LiveGroup[] {
  return prepared<[], LiveGroup>(
    db,
    `SELECT state, category, counter, COUNT(*) AS n, MIN(received_at) AS oldest FROM requests
      WHERE state IN ${LIVE_STATES} GROUP BY state, category, counter`,
  ).all();
}

// The live-state terms repeat the partial index's WHERE verbatim so SQLite can use the index.
export function countWaiting(db: Db): number {
  return prepared<[], number>(db, `SELECT COUNT(*) FROM requests WHERE state IN ${LIVE_STATES} AND state IN ${WAITING_STATES}`)
    .pluck()
    .get() as number;
}

export function countersInService(db: Db): string[] {
  return prepared<[], string>(
    db,
    `SELECT DISTINCT counter FROM requests WHERE state IN ${LIVE_STATES} AND state = 'processing' AND counter IS NOT NULL`,
  )
    .pluck()
    .all() as string[];
}

export function requestsOfDay(db: Db, day: string, limit: number): RequestRow[] {
  return prepared<[string, number], RequestRow>(db, `SELECT ${COLUMNS} FROM requests WHERE day = ? ORDER BY received_at LIMIT ?`).all(
    day,
    limit,
  );
}

export function countRequests(db: Db): number {
  return prepared<[], number>(db, 'SELECT COUNT(*) FROM requests').pluck().get() as number;
}

/** Requests whose ticket day lies in [from, to] (inclusive). */
export function countRequestsBetween(db: Db, from: string, to: string): number {
  return prepared<[string, string], number>(db, 'SELECT COUNT(*) FROM requests WHERE day BETWEEN ? AND ?').pluck().get(from, to) as number;
}

export function allRequests(db: Db): IterableIterator<RequestRow> {
  return prepared<[], RequestRow>(db, `SELECT ${COLUMNS} FROM requests`).iterate();
}

/** Requests in id order, for one merge pass with request-events.ts `eventsByRequest`. */
export function requestsById(db: Db): IterableIterator<Pick<RequestRow, 'id' | 'ticket' | 'state' | 'last_seq'>> {
  return prepared<[], Pick<RequestRow, 'id' | 'ticket' | 'state' | 'last_seq'>>(
    db,
    'SELECT id, ticket, state, last_seq FROM requests ORDER BY id',
  ).iterate();
}

/** Service times (ms) of the most recent services that ended before `at`, newest first. */
export function recentServiceDurations(db: Db, at: number, limit: number): number[] {
  return prepared<[number, number], number>(
    db,
    `SELECT service_end_at - processing_at FROM requests
      WHERE service_end_at IS NOT NULL AND service_end_at <= ? AND processing_at IS NOT NULL
      ORDER BY service_end_at DESC LIMIT ?`,
  )
    .pluck()
    .all(at, limit) as number[];
}

export function countersActiveSince(db: Db, since: number): string[] {
  return prepared<[number], string>(db, 'SELECT DISTINCT counter FROM requests WHERE service_end_at >= ? AND counter IS NOT NULL')
    .pluck()
    .all(since) as string[];
}

/** Finished requests still holding personal data, finished before `before`. */
export function requestsDueForPurge(db: Db, before: number): Buffer[] {
  return prepared<[number], Buffer>(db, "SELECT id FROM requests WHERE personal = 'held' AND finished_at IS NOT NULL AND finished_at < ?")
    .pluck()
    .all(before) as Buffer[];
}

/** Visit rows of a date range, for the exact percentiles of small periods. */
export function requestsBetweenDays(db: Db, from: string, to: string, startMs: number, endMs: number): RequestRow[] {
  return prepared<[number, number, string, string], RequestRow>(
    db,
    `SELECT ${COLUMNS} FROM requests WHERE received_at >= ? AND received_at < ? AND day BETWEEN ? AND ?`,
  ).all(startMs, endMs, from, to);
}
