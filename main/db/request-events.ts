// The append-only `request_events` table (triggers refuse UPDATE and DELETE).
import type { EventKind, EventReason } from '../../domain/request.ts';
import { prepared, type Db } from './statements.ts';

export interface EventRow {
  id: Buffer;
  request_id: Buffer;
  seq: number;
  kind: EventKind;
  at: number;
  counter: string | null;
  staff: string | null;
  /** Schema v6; absent = none. */
  reason?: EventReason | null;
}

export function insertEvent(db: Db, row: EventRow): void {
  const values = [row.id, row.request_id, row.seq, row.kind, row.at, row.counter, row.staff];
  // Without a reason the statement is the same as before schema v6 (the migration tests write old files with it).
  if (row.reason === undefined || row.reason === null) {
    prepared<unknown[]>(db, 'INSERT INTO request_events (id, request_id, seq, kind, at, counter, staff) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      ...values,
    );
  } else {
    prepared<unknown[]>(
      db,
      'INSERT INTO request_events (id, request_id, seq, kind, at, counter, staff, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(...values, row.reason);
  }
}

export function eventsOf(db: Db, requestId: Buffer): EventRow[] {
  return prepared<[Buffer], EventRow>(
    db,
    'SELECT id, request_id, seq, kind, at, counter, staff, reason FROM request_events WHERE request_id = ? ORDER BY seq',
  ).all(requestId);
}

/** All events in (request id, seq) order, for one merge pass with requests.ts `requestsById`. */
export function eventsByRequest(db: Db): IterableIterator<Pick<EventRow, 'request_id' | 'seq' | 'kind' | 'reason'>> {
  return prepared<[], Pick<EventRow, 'request_id' | 'seq' | 'kind' | 'reason'>>(
    db,
    'SELECT request_id, seq, kind, reason FROM request_events ORDER BY request_id, seq',
  ).iterate();
}
