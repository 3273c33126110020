// The counter's outbox worker: pushes the kiosk database's request events to the
// office service in batches, over HTTP(S) with the machine's credential. The kiosk's append-only
// event log is the outbox; a file of its own (office-outbox.sqlite) records which events the
// office has answered for, so the kiosk's schema is untouched. The office stores each event once
// by its UUIDv7, so a push repeated after a crash (sent, answer lost) changes nothing there; losing
// the outbox file only costs a full re-push. Events carry codes, ticket numbers and times only:
// nothing of the sealed resident fields is ever read here.
import { KioskError } from '../../domain/errors.ts';
import {
  officeEvent,
  type LeaseView,
  type OfficeEvent,
  type PushResponse,
  type TicketNumbering,
  type TicketStage,
} from '../../domain/office.ts';
import { officeDayStart } from '../../domain/office-time.ts';
import { closeDatabase, openDatabase, type Db } from '../db/connection.ts';
import { idFromString, idToString } from '../queue/ids.ts';
import { outboxMigrations } from './migrations.ts';
import { createOfficeClient, isRefusal } from './office-client.ts';

export interface OutboxOptions {
  /** The kiosk database (read through a second connection; never written). */
  readonly kioskPath: string;
  /** The outbox file (created on first use). */
  readonly outboxPath: string;
  /** The office service's base URL (https:// on the LAN) and this machine's token. */
  readonly officeUrl: string;
  readonly token: string;
  readonly batchSize?: number;
  readonly fetch?: typeof fetch;
  readonly clock?: () => number;
  readonly timeoutMs?: number;
  /**
   * The vocabulary events are checked against before they are sent (default domain/office.ts
   * officeEvent). Tests pass a newer one, as a counter updated before its office would have.
   */
  readonly eventSchema?: { safeParse(value: unknown): { success: true; data: OfficeEvent } | { success: false } };
}

export interface PushRound {
  /** Events the office answered for in this round. */
  readonly sent: number;
  /** Events the schema refused (kept in the kiosk log; counted for the supervisor). */
  readonly invalid: number;
  /** Events the office refused itself (400 for that event alone, found by halving the batch): marked, never resent. */
  readonly refused: number;
  /** Events the office already had with other content (flagged there). */
  readonly conflicts: number;
  /** Whether more events wait. */
  readonly more: boolean;
}

/** The counter's own office events (outbox migration 0002): what it did with a ticket the office could not be told of at once. */
export interface OwnEvent {
  readonly id: string;
  readonly visitId: string;
  readonly kind: 'ticket-issued' | 'called' | 'handed-over' | 'no-show';
  readonly at: number;
  readonly counter: string | null;
  readonly staff: string | null;
  readonly category: string;
  readonly ticket: string;
  readonly stage: TicketStage | null;
  /** For ticket-issued: where the number came from. */
  readonly source?: TicketNumbering;
}

/** The blocks of numbers this counter leased from the office, kept in the outbox file. */
export interface Leases {
  add(lease: LeaseView, at: number): void;
  /** The next number of a lease for the day and category (oldest lease first), or null when none is left. */
  take(day: string, category: string): { letter: string; number: number } | null;
  /** Numbers left in the day's leases for the category. */
  remaining(day: string, category: string): number;
}

export interface Outbox {
  readonly leases: Leases;
  /** Records an office event of the counter's own, pushed with the kiosk's events. */
  record(event: OwnEvent): void;
  /** The day's tickets this counter numbered itself without a lease (the office flags them outside-lease). */
  localTickets(day: string): number;
  pushOnce(): Promise<PushRound>;
  /** Pushes until nothing waits (or an error). */
  drain(): Promise<number>;
  pending(): number;
  /** Events the office refused (kept in the kiosk log; the status bar counts them). */
  refused(): number;
  close(): void;
}

interface EventRow {
  id: Buffer;
  request_id: Buffer;
  kind: string;
  at: number;
  counter: string | null;
  staff: string | null;
  reason: string | null;
  category: string;
  ticket: string;
  forms: string | null;
  stage: string | null;
}

// The kiosk's request events and the counter's own office events not yet answered for. Within one
// visit and millisecond, its own events go first (the ticket is issued and called before the
// request's 'received' is pushed).
const UNPUSHED_KIOSK = `
  FROM kiosk.request_events e JOIN kiosk.requests r ON r.id = e.request_id
  WHERE NOT EXISTS (SELECT 1 FROM main.pushed p WHERE p.event_id = e.id)`;
const UNPUSHED_OWN = `
  FROM main.own_events o WHERE NOT EXISTS (SELECT 1 FROM main.pushed p WHERE p.event_id = o.id)`;
const OWN_ORDER = `CASE o.kind WHEN 'ticket-issued' THEN -2 WHEN 'called' THEN -1 ELSE 0 END`;

export function openOutbox(options: OutboxOptions): Outbox {
  const db: Db = openDatabase(options.outboxPath, { migrations: outboxMigrations });
  db.prepare('ATTACH DATABASE ? AS kiosk').run(options.kioskPath);
  const client = createOfficeClient({
    url: options.officeUrl,
    token: options.token,
    timeoutMs: options.timeoutMs ?? 15_000,
    fetch: options.fetch,
  });
  const clock = options.clock ?? Date.now;
  const batchSize = Math.min(options.batchSize ?? 200, 500);

  const select = db.prepare<[number], EventRow>(
    `SELECT e.id, e.request_id, e.kind, e.at, e.counter, e.staff, e.reason, r.category, r.ticket, r.forms, NULL AS stage, e.seq AS ord ${UNPUSHED_KIOSK}
     UNION ALL
     SELECT o.id, o.visit_id, o.kind, o.at, o.counter, o.staff, NULL, o.category, o.ticket, NULL, o.stage, ${OWN_ORDER} ${UNPUSHED_OWN}
     ORDER BY 4, 2, 12 LIMIT ?`,
  );
  const count = db.prepare<[], { n: number }>(`SELECT (SELECT count(*) ${UNPUSHED_KIOSK}) + (SELECT count(*) ${UNPUSHED_OWN}) AS n`);
  const insertOwn = db.prepare<
    [Buffer, Buffer, string, number, string | null, string | null, string, string, string | null, string | null]
  >(
    'INSERT INTO own_events (id, visit_id, kind, at, counter, staff, category, ticket, stage, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const countLocal = db.prepare<[number, number], { n: number }>(
    `SELECT count(*) AS n FROM own_events WHERE kind = 'ticket-issued' AND source = 'local' AND at >= ? AND at < ?`,
  );
  const insertLease = db.prepare<[string, string, string, number, number, number, number]>(
    `INSERT OR IGNORE INTO leases (day, category, letter, first_number, last_number, next_number, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const openLease = db.prepare<[string, string], { letter: string; first_number: number; next_number: number }>(
    `SELECT letter, first_number, next_number FROM leases WHERE day = ? AND category = ? AND next_number <= last_number
     ORDER BY first_number LIMIT 1`,
  );
  const advanceLease = db.prepare<[string, string, number]>(
    'UPDATE leases SET next_number = next_number + 1 WHERE day = ? AND category = ? AND first_number = ?',
  );
  const left = db.prepare<[string, string], { n: number | null }>(
    'SELECT sum(last_number - next_number + 1) AS n FROM leases WHERE day = ? AND category = ?',
  );
  const take = db.transaction((day: string, category: string) => {
    const lease = openLease.get(day, category);
    if (!lease) return null;
    advanceLease.run(day, category, lease.first_number);
    return { letter: lease.letter, number: lease.next_number };
  });
  const countRefused = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM pushed WHERE status = 'refused'`);
  const record = db.prepare<[Buffer, number | null, string, number]>(
    'INSERT OR REPLACE INTO pushed (event_id, office_seq, status, pushed_at) VALUES (?, ?, ?, ?)',
  );

  const outbox: Outbox = {
    leases: {
      add(lease, at) {
        insertLease.run(lease.day, lease.category, lease.letter, lease.first, lease.last, lease.first, at);
      },
      take: (day, category) => take.immediate(day, category),
      remaining: (day, category) => left.get(day, category)?.n ?? 0,
    },
    record(event) {
      insertOwn.run(
        idFromString(event.id),
        idFromString(event.visitId),
        event.kind,
        event.at,
        event.counter,
        event.staff,
        event.category,
        event.ticket,
        event.stage,
        event.source ?? null,
      );
    },
    localTickets(day) {
      return countLocal.get(officeDayStart(day), officeDayStart(day) + 86_400_000)?.n ?? 0;
    },
    async pushOnce() {
      const rows = select.all(batchSize);
      const now = clock();
      const byId = new Map<string, Buffer>();
      const events: OfficeEvent[] = [];
      let invalid = 0;
      for (const row of rows) {
        const candidate = (options.eventSchema ?? officeEvent).safeParse({
          id: idToString(row.id),
          visitId: idToString(row.request_id),
          kind: row.kind,
          at: row.at,
          counter: row.counter,
          staff: row.staff,
          category: row.category,
          ticket: row.ticket,
          reason: row.reason ?? null,
          stage: row.stage,
          forms: row.forms === '' ? null : row.forms,
        });
        if (candidate.success) {
          events.push(candidate.data);
          byId.set(candidate.data.id, row.id);
        } else {
          // Never sent, never lost: the event stays in the kiosk log, marked so it does not block the rest.
          record.run(row.id, null, 'invalid', now);
          invalid++;
        }
      }
      let conflicts = 0;
      let refused = 0;
      // A batch the office refuses is halved until the refused event is alone: it is marked and the
      // rest goes through, so one event never stalls every later one. Only network trouble and
      // the office's 5xx stop the round (retried later).
      const send = async (batch: OfficeEvent[]): Promise<void> => {
        let answer: PushResponse;
        try {
          answer = await client.push(batch);
        } catch (error) {
          if (!isRefusal(error)) throw error;
          if (batch.length === 1) {
            record.run(byId.get((batch[0] as OfficeEvent).id) as Buffer, null, 'refused', now);
            refused++;
            return;
          }
          const half = Math.ceil(batch.length / 2);
          await send(batch.slice(0, half));
          await send(batch.slice(half));
          return;
        }
        db.transaction(() => {
          for (const result of answer.results) {
            const id = byId.get(result.id);
            if (!id) continue;
            record.run(id, result.seq, result.status, now);
            if (result.status === 'conflict') conflicts++;
          }
        })();
      };
      if (events.length > 0) await send(events);
      return { sent: events.length - refused, invalid, refused, conflicts, more: rows.length === batchSize };
    },
    async drain() {
      let total = 0;
      for (;;) {
        const round = await outbox.pushOnce();
        total += round.sent;
        if (!round.more) return total;
      }
    },
    refused() {
      return countRefused.get()?.n ?? 0;
    },
    pending() {
      return count.get()?.n ?? 0;
    },
    close() {
      closeDatabase(db);
    },
  };
  return outbox;
}

export interface OutboxWorker {
  /** The last round's outcome: 'idle' (nothing waits), 'pushing', or the error code that stopped it. */
  state(): 'idle' | 'pushing' | 'office/unreachable' | 'office/unauthorized' | 'app/internal';
  /** When a round last reached the office (ms), null before the first or after a failed one. */
  lastReached(): number | null;
  /** Push now (after a new event) instead of at the next tick. */
  kick(): void;
  stop(): Promise<void>;
}

/** Runs the outbox every `intervalMs` (and on kick), backing off up to a minute while the office is unreachable. */
export function startOutboxWorker(outbox: Outbox, options: { intervalMs?: number | undefined; maxBackoffMs?: number } = {}): OutboxWorker {
  const interval = options.intervalMs ?? 5000;
  const maxBackoff = options.maxBackoffMs ?? 60_000;
  let state: ReturnType<OutboxWorker['state']> = 'idle';
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let backoff = interval;
  let reached: number | null = null;

  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
  };
  function tick(): void {
    if (running || stopped) return;
    state = 'pushing';
    running = outbox
      .drain()
      .then(() => {
        state = 'idle';
        reached = Date.now();
        backoff = interval;
        schedule(interval);
      })
      .catch((error: unknown) => {
        reached = null;
        state =
          error instanceof KioskError && (error.code === 'office/unreachable' || error.code === 'office/unauthorized')
            ? error.code
            : 'app/internal';
        backoff = Math.min(backoff * 2, maxBackoff);
        schedule(backoff);
      })
      .finally(() => {
        running = null;
      });
  }
  schedule(0);
  return {
    state: () => state,
    lastReached: () => reached,
    kick: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
