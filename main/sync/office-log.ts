// The counter's copy of the office log: counters push their own events (outbox.ts) and
// pull the office's, after the last sequence they hold. The office's sequence is gapless and
// becomes visible in order, so "everything after my cursor" is always the whole rest; a pull
// that does not start with the last event the copy holds (the office's database was restored from
// a backup, or the counter was pointed at another office) replaces the copy, because the office is the authority
// and this file only a cache of it. The SSE doorbell says when to pull; a timer pulls anyway.
//
// What the copy is for: the floor while the office is out of reach (the same statistics the office
// computes, over the same events), and what other counters called, without asking the office.
import { KioskError } from '../../domain/errors.ts';
import { MAX_PULL, type LoggedEvent, type PullResponse } from '../../domain/office.ts';
import { closeDatabase, openDatabase, type Db } from '../db/connection.ts';
import { transaction } from '../db/statements.ts';
import { createOfficeClient } from './office-client.ts';
import { officeLogMigrations } from './office-log/migrations.ts';

export interface OfficeLogOptions {
  /** The file (created on first use), e.g. office-log.sqlite beside the kiosk database. */
  readonly path: string;
  readonly officeUrl: string;
  readonly token: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** Events older than this many days are dropped from the copy (default 31). */
  readonly retentionDays?: number;
  readonly clock?: () => number;
}

export interface PullRound {
  readonly pulled: number;
  readonly cursor: number;
  readonly head: number;
  /** The copy did not continue the office's log and was replaced. */
  readonly replaced: boolean;
}

export interface OfficeLog {
  /** Pulls one page after the cursor. */
  pullOnce(): Promise<PullRound>;
  /** Pulls until the copy has the office's head (as of the last page). Returns the events pulled. */
  catchUp(): Promise<number>;
  /** The last office sequence held (0: none). */
  cursor(): number;
  /** When a pull last reached the office (ms; null: not since this start). */
  pulledAt(): number | null;
  /** The events held with `at` in [from, to) (ms), in the office's order. */
  events(range?: { from?: number; to?: number }): LoggedEvent[];
  close(): void;
}

interface EventRow {
  seq: number;
  id: string;
  visit_id: string;
  kind: LoggedEvent['kind'];
  at: number;
  counter: string | null;
  staff: string | null;
  category: LoggedEvent['category'];
  ticket: string | null;
  reason: LoggedEvent['reason'];
  stage: LoggedEvent['stage'];
  forms: string | null;
  source: LoggedEvent['source'];
  machine: string;
}

const DAY = 24 * 60 * 60_000;

export function openOfficeLog(options: OfficeLogOptions): OfficeLog {
  const db: Db = openDatabase(options.path, { migrations: officeLogMigrations });
  const client = createOfficeClient({
    url: options.officeUrl,
    token: options.token,
    timeoutMs: options.timeoutMs ?? 15_000,
    fetch: options.fetch,
  });
  const clock = options.clock ?? Date.now;
  const retention = (options.retentionDays ?? 31) * DAY;

  const insert = db.prepare<[EventRow]>(
    `INSERT INTO office_events (seq, id, visit_id, kind, at, counter, staff, category, ticket, reason, stage, forms, source, machine)
     VALUES (@seq, @id, @visit_id, @kind, @at, @counter, @staff, @category, @ticket, @reason, @stage, @forms, @source, @machine)`,
  );
  const last = db.prepare<[], { seq: number; id: string }>('SELECT seq, id FROM office_events ORDER BY seq DESC LIMIT 1');
  const inRange = db.prepare<[number, number], EventRow>('SELECT * FROM office_events WHERE at >= ? AND at < ? ORDER BY seq');
  // The newest event is kept whatever its age: it is the cursor.
  const purge = db.prepare<[number]>('DELETE FROM office_events WHERE at < ? AND seq < (SELECT max(seq) FROM office_events)');

  const cursor = (): number => last.get()?.seq ?? 0;
  let pulledAt: number | null = null;

  const page = (after: number): Promise<PullResponse> => client.pull(after, MAX_PULL);

  const log: OfficeLog = {
    async pullOnce() {
      const held = last.get();
      // Ask from the last event held: the office must answer with that same event first, or this
      // copy is not of its log (a restored database, another office). Then start again from 0.
      let answer = await page(held ? held.seq - 1 : 0);
      let replaced = false;
      if (held) {
        if (answer.events[0]?.id === held.id) answer = { ...answer, events: answer.events.slice(1) };
        else {
          replaced = true;
          answer = await page(0);
        }
      }
      transaction(db, () => {
        if (replaced) db.exec('DELETE FROM office_events');
        for (const e of answer.events) {
          insert.run({
            seq: e.seq,
            id: e.id,
            visit_id: e.visitId,
            kind: e.kind,
            at: e.at,
            counter: e.counter,
            staff: e.staff,
            category: e.category,
            ticket: e.ticket,
            reason: e.reason,
            stage: e.stage,
            forms: e.forms,
            source: e.source,
            machine: e.machine,
          });
        }
        purge.run(clock() - retention);
      });
      pulledAt = clock();
      return { pulled: answer.events.length, cursor: cursor(), head: answer.head, replaced };
    },
    async catchUp() {
      let total = 0;
      for (;;) {
        const round = await log.pullOnce();
        total += round.pulled;
        if (round.cursor >= round.head || round.pulled === 0) return total;
      }
    },
    cursor,
    pulledAt: () => pulledAt,
    events(range = {}) {
      return inRange.all(range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER).map((r) => ({
        id: r.id,
        visitId: r.visit_id,
        kind: r.kind,
        at: r.at,
        counter: r.counter,
        staff: r.staff,
        category: r.category,
        ticket: r.ticket,
        reason: r.reason,
        stage: r.stage,
        forms: r.forms,
        seq: r.seq,
        source: r.source,
        machine: r.machine,
      }));
    },
    close() {
      closeDatabase(db);
    },
  };
  return log;
}

export interface OfficeLogWorker {
  /** 'following': the doorbell is heard and the copy is current; 'polling': no doorbell, pulling on the timer; or why it stopped. */
  state(): 'following' | 'polling' | 'office/unreachable' | 'office/unauthorized' | 'app/internal';
  stop(): Promise<void>;
}

/**
 * Keeps the copy current: listens to the office's doorbell (GET /v1/stream, Server-Sent Events
 * carrying only a sequence) and pulls when it rings past the cursor; pulls every `intervalMs`
 * anyway (a missed doorbell is then a late pull, never a lost event); reconnects after 3 s.
 */
export function startOfficeLogWorker(
  log: OfficeLog,
  options: { officeUrl: string; intervalMs?: number | undefined; fetch?: typeof fetch },
): OfficeLogWorker {
  const doFetch = options.fetch ?? fetch;
  const base = options.officeUrl.replace(/\/+$/, '');
  const interval = options.intervalMs ?? 15_000;
  let state: ReturnType<OfficeLogWorker['state']> = 'polling';
  let listening = false;
  let stopped = false;
  let pulling: Promise<void> | null = null;
  let again = false;
  const stream = new AbortController();
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;

  function pull(): void {
    if (stopped) return;
    if (pulling) {
      again = true; // rung while pulling: pull once more afterwards
      return;
    }
    pulling = log
      .catchUp()
      .then(() => {
        state = listening ? 'following' : 'polling';
      })
      .catch((error: unknown) => {
        state =
          error instanceof KioskError && (error.code === 'office/unreachable' || error.code === 'office/unauthorized')
            ? error.code
            : 'app/internal';
      })
      .finally(() => {
        pulling = null;
        if (again) {
          again = false;
          pull();
        }
      });
  }

  async function listen(): Promise<void> {
    while (!stopped) {
      try {
        const response = await doFetch(`${base}/v1/stream`, {
          signal: stream.signal,
          headers: { accept: 'text/event-stream' },
          redirect: 'error',
        });
        if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
        listening = true;
        const decoder = new TextDecoder();
        let buffer = '';
        reader = response.body.getReader();
        for (;;) {
          const { done, value: chunk } = await reader.read();
          if (done) break;
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (\{.*\})$/m.exec(message)?.[1];
            const seq = data ? Number((JSON.parse(data) as { seq?: unknown }).seq) : NaN;
            if (Number.isInteger(seq) && seq > log.cursor()) pull();
          }
          if (buffer.length > 4096) buffer = ''; // the doorbell sends a few bytes; anything else is not it
        }
      } catch {
        // The office is down or the stream was cut: the timer pulls meanwhile.
      }
      listening = false;
      if (state === 'following') state = 'polling';
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }

  const timer = setInterval(pull, interval);
  pull();
  const listener = listen();
  return {
    state: () => state,
    async stop() {
      stopped = true;
      clearInterval(timer);
      stream.abort();
      // The abort alone was seen to leave a read of the open stream pending (the app's close then
      // hung while the office was up): cancelling the reader ends it.
      await reader?.cancel().catch(() => undefined);
      await listener;
      await pulling;
    },
  };
}
