// The office's operations over PostgreSQL: the event log (push, pull), tickets (issue, call-next,
// call, recall, no-show, transfer, complete), number leases, and the two public views.
//
// Locking, in one order everywhere so no two transactions can deadlock: first the ticket rows
// (call-next: FOR UPDATE SKIP LOCKED, so concurrent counters pick different tickets instead of
// queueing for one), then the day's number row, and last the office row, whose lock hands out the
// next sequence numbers. Holding the office row until COMMIT is what makes sequences gapless and
// visible in order. Every change to a ticket writes its event in the same transaction, and every
// request that changes something carries a caller-chosen event id, so a retry is answered from
// the log instead of being done twice.
import type pg from 'pg';
import { KioskError } from '../domain/errors.ts';
import {
  type DisplayView,
  type LeaseView,
  type LoggedEvent,
  type OfficeEvent,
  type OfficeEventKind,
  type PublicStatus,
  type PullResponse,
  type PushResponse,
  type SyncFlagView,
  type TicketStage,
  type TicketState,
  type TicketView,
  MAX_PULL,
  ticketStage,
  uuidText,
} from '../domain/office.ts';
import { officeDay, officeDayStart } from '../domain/office-time.ts';
import { categories, formatTicket, type Category } from '../domain/request.ts';
import { newUuidv7 } from './ids.ts';
import { recordFloor } from './floor.ts';

type Client = pg.PoolClient;

const NOTIFY_CHANNEL = 'office_events';
export { NOTIFY_CHANNEL };

/** Runs `work` in a transaction, again (up to 3 times) after a serialisation failure, a deadlock or a lost race on an event id. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: Client) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      const code = (error as { code?: string }).code;
      const constraint = (error as { constraint?: string }).constraint;
      const retry = code === '40001' || code === '40P01' || (code === '23505' && constraint === 'events_id_unique');
      if (!retry) throw error;
      if (attempt >= 3) {
        // Still taken after the retries found no such event in this office: another office logged
        // that id (ids are unique across offices, 0001). Refused without saying whose it is.
        if (constraint !== 'events_id_unique') throw error;
        throw new KioskError('office/invalid-request', {
          ja: 'このイベント ID は使えません。新しい ID で送り直してください。',
          en: 'This event id cannot be used; send it again with a new id.',
        });
      }
    } finally {
      client.release(broken);
    }
  }
}

interface EventRow {
  seq: number;
  id: string;
  visit_id: string;
  kind: OfficeEventKind;
  at_ms: number;
  counter: string | null;
  staff: string | null;
  category: Category | null;
  ticket: string | null;
  reason: 'day-closed' | null;
  stage: TicketStage | null;
  forms: string | null;
  source: 'counter' | 'office';
  machine: string;
}

const EVENT_COLUMNS = `seq, id::text AS id, visit_id::text AS visit_id, kind, round(extract(epoch FROM at) * 1000)::bigint AS at_ms,
  counter, staff, category, ticket, reason, stage, forms, source, machine`;

function toLogged(row: EventRow): LoggedEvent {
  return {
    id: row.id,
    visitId: row.visit_id,
    kind: row.kind,
    at: row.at_ms,
    counter: row.counter,
    staff: row.staff,
    category: row.category,
    ticket: row.ticket,
    reason: row.reason,
    stage: row.stage,
    forms: row.forms,
    seq: row.seq,
    source: row.source,
    machine: row.machine,
  };
}

function sameEvent(a: OfficeEvent, b: OfficeEvent): boolean {
  return (
    a.visitId === b.visitId &&
    a.kind === b.kind &&
    a.at === b.at &&
    a.counter === b.counter &&
    a.staff === b.staff &&
    a.category === b.category &&
    a.ticket === b.ticket &&
    a.reason === b.reason &&
    a.stage === b.stage &&
    a.forms === b.forms
  );
}

/** Locks the office row and appends the events with the next sequences; rings the doorbell at COMMIT. */
async function appendEvents(
  client: Client,
  office: string,
  events: readonly OfficeEvent[],
  source: 'counter' | 'office',
  machine: string,
): Promise<number[]> {
  if (events.length === 0) return [];
  const { rows } = await client.query<{ last_seq: number }>('SELECT last_seq FROM offices WHERE office_id = $1 FOR UPDATE', [office]);
  if (!rows[0]) throw new KioskError('office/not-found', { ja: '窓口（事務所）が登録されていません。', en: 'Unknown office.' });
  const first = rows[0].last_seq + 1;
  const seqs = events.map((_, i) => first + i);
  await client.query(
    `INSERT INTO events (office_id, seq, id, visit_id, kind, at, counter, staff, category, ticket, reason, stage, forms, source, machine)
     SELECT $1, s, i, v, k, to_timestamp(a::double precision / 1000), c, st, cat, t, r, sg, f, $11, $12
     FROM unnest($2::bigint[], $3::uuid[], $4::uuid[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[],
                 $13::text[], $14::text[], $15::text[])
       AS x(s, i, v, k, a, c, st, cat, t, r, sg, f)`,
    [
      office,
      seqs,
      events.map((e) => e.id),
      events.map((e) => e.visitId),
      events.map((e) => e.kind),
      events.map((e) => e.at),
      events.map((e) => e.counter),
      events.map((e) => e.staff),
      events.map((e) => e.category),
      events.map((e) => e.ticket),
      source,
      machine,
      events.map((e) => e.reason),
      events.map((e) => e.stage),
      events.map((e) => e.forms),
    ],
  );
  // The floor view's rollup, in the same transaction (office/floor.ts).
  await recordFloor(client, office, events, source);
  const last = first + events.length - 1;
  await client.query('UPDATE offices SET last_seq = $2 WHERE office_id = $1', [office, last]);
  // The doorbell carries the office and its newest sequence only; listeners re-read by cursor.
  await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, JSON.stringify({ office, seq: last })]);
  return seqs;
}

/** This office's events with these ids (an id another office used is not this office's business). */
async function eventsById(client: pg.ClientBase | pg.Pool, office: string, ids: readonly string[]): Promise<Map<string, LoggedEvent>> {
  const { rows } = await client.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE office_id = $1 AND id = ANY($2::uuid[])`, [
    office,
    ids,
  ]);
  return new Map(rows.map((row) => [row.id, toLogged(row)]));
}

export interface OfficeStore {
  readonly office: string;
  ensureOffice(): Promise<void>;
  push(machine: string, events: readonly OfficeEvent[]): Promise<PushResponse>;
  pull(after: number, limit?: number): Promise<PullResponse>;
  head(): Promise<number>;
  issueTicket(machine: string, request: { id: string; category: Category; staff: string | null }, now?: number): Promise<TicketView>;
  lease(counter: string, request: { category: Category; size: number }, now?: number): Promise<LeaseView>;
  callNext(
    counter: string,
    request: { id: string; pools: readonly Category[]; staff: string; stage?: TicketStage },
    now?: number,
  ): Promise<TicketView | null>;
  command(
    counter: string,
    ref: string,
    command: TicketCommand,
    /** `stage`: the stage the calling window serves (a page machine's): it may call only a number at that stage. */
    request: { id: string; staff: string; to?: Category | TicketStage; stage?: TicketStage },
    now?: number,
  ): Promise<TicketView>;
  ticket(ref: string, now?: number): Promise<TicketView>;
  status(now?: number): Promise<PublicStatus>;
  display(now?: number, limit?: number): Promise<DisplayView>;
  flags(): Promise<SyncFlagView[]>;
  resolveFlag(id: number): Promise<boolean>;
}

export type TicketCommand = 'call' | 'recall' | 'no-show' | 'transfer' | 'hand-over' | 'complete';

interface TicketRow {
  id: string;
  day: string;
  category: Category;
  number: number;
  label: string;
  pool: Category;
  state: TicketState;
  stage: TicketStage;
  issued_ms: number;
  waiting_ms: number;
  called_ms: number | null;
  counter: string | null;
  calls: number;
}

const TICKET_COLUMNS = `id::text AS id, to_char(day, 'YYYY-MM-DD') AS day, category, number, label, pool, state, stage,
  round(extract(epoch FROM issued_at) * 1000)::bigint AS issued_ms, round(extract(epoch FROM waiting_since) * 1000)::bigint AS waiting_ms,
  round(extract(epoch FROM called_at) * 1000)::bigint AS called_ms,
  counter, calls`;

function toTicket(row: TicketRow): TicketView {
  return {
    id: row.id,
    number: row.label,
    day: row.day,
    category: row.category,
    pool: row.pool,
    state: row.state,
    stage: row.stage,
    issuedAt: row.issued_ms,
    waitingSince: row.waiting_ms,
    calledAt: row.called_ms,
    counter: row.counter,
    calls: row.calls,
  };
}

function letterOf(category: Category): string {
  const found = categories.find((c) => c.id === category);
  if (!found) throw new KioskError('office/invalid-request');
  return found.letter;
}

/** Ticket labels have at most five digits (A-99999; the CHECK on tickets.label). */
export const MAX_TICKET_NUMBER = 99_999;
/** Numbers one counter may hold in leases per day and category (a day's worth for one busy counter). */
export const MAX_LEASED_PER_COUNTER = 1000;

/** Open flags listed at once, oldest first (resolving them brings the next ones). */
export const MAX_FLAGS_LISTED = 500;

/** Which states each command may start from, and where it leads. */
const COMMANDS: Readonly<
  Record<TicketCommand, { from: readonly TicketState[]; to: TicketState; kind: OfficeEventKind; sameCounter: boolean }>
> = {
  // Call a specific number (out of turn), or one marked absent who came back.
  call: { from: ['waiting', 'no-show'], to: 'called', kind: 'called', sameCounter: false },
  recall: { from: ['called'], to: 'called', kind: 'recalled', sameCounter: true },
  'no-show': { from: ['called'], to: 'no-show', kind: 'no-show', sameCounter: true },
  transfer: { from: ['waiting', 'called', 'no-show'], to: 'waiting', kind: 'transferred', sameCounter: false },
  // The calling window is done with its stage; the ticket waits for the next stage's windows.
  'hand-over': { from: ['called'], to: 'waiting', kind: 'handed-over', sameCounter: true },
  complete: { from: ['called'], to: 'completed', kind: 'ticket-completed', sameCounter: true },
};

const STAGE_NAMES: Readonly<Record<TicketStage, { ja: string; en: string }>> = {
  counter: { ja: '窓口（書かない窓口）', en: 'the counter' },
  processing: { ja: '手続き（バックオフィス）', en: 'processing' },
  delivery: { ja: '交付', en: 'collection' },
};

function windowLabel(counter: string | null): { ja: string; en: string } {
  if (counter === null) return { ja: 'ほかの窓口', en: 'another window' };
  return /^[0-9]+$/.test(counter)
    ? { ja: `${counter}番窓口`, en: `counter ${counter}` }
    : { ja: `窓口 ${counter}`, en: `window ${counter}` };
}

/**
 * Why a window may not call this number now, in words staff act on: it is at another stage than the
 * window serves, another window is calling it, this window is, or it is done.
 */
function refuseCall(row: TicketRow, counter: string, stage: TicketStage | undefined): void {
  const refuse = (ja: string, en: string): never => {
    throw new KioskError('office/illegal-transition', { ja, en });
  };
  if (row.state === 'completed') refuse(`${row.label} の手続きは終わっています（交付済み）。`, `${row.label} is already finished.`);
  if (stage === 'counter' && row.stage !== stage)
    refuse(
      `${row.label} はいま「${STAGE_NAMES[row.stage].ja}」の番号です。窓口からは呼べません。番号を確かめてください（${STAGE_NAMES[row.stage].ja}の係が呼びます）。`,
      `${row.label} is at ${STAGE_NAMES[row.stage].en}, not at the counter; check the number (the ${STAGE_NAMES[row.stage].en} staff call it).`,
    );
  if (stage !== undefined && row.stage !== stage)
    refuse(
      `${row.label} はいま「${STAGE_NAMES[row.stage].ja}」の番号です。この画面（${STAGE_NAMES[stage].ja}）では呼べません。`,
      `${row.label} is at ${STAGE_NAMES[row.stage].en}, not at ${STAGE_NAMES[stage].en}.`,
    );
  if (row.state === 'called' && row.counter === counter)
    refuse(
      `${row.label} はこの窓口で呼出中です。もう一度呼ぶときは「再呼出」を押してください。`,
      `${row.label} is already being called here; press Call again to repeat it.`,
    );
  if (row.state === 'called') {
    const at = windowLabel(row.counter);
    refuse(`${row.label} はすでに${at.ja}で呼出中です。`, `${row.label} is already being called at ${at.en}.`);
  }
}

export function officeStore(pool: pg.Pool, office: string): OfficeStore {
  async function findTicket(client: pg.ClientBase | pg.Pool, ref: string, now: number, lock: boolean): Promise<TicketRow> {
    const byId = uuidText.safeParse(ref).success;
    const by = byId ? 'id = $2::uuid' : 'day = $3::date AND label = $2';
    const { rows } = await client.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM tickets WHERE office_id = $1 AND ${by} ${lock ? 'FOR UPDATE' : ''}`,
      byId ? [office, ref] : [office, ref, officeDay(now)],
    );
    if (!rows[0]) throw new KioskError('office/not-found');
    return rows[0];
  }

  async function flag(client: Client, kind: string, event: OfficeEvent, machine: string): Promise<void> {
    await client.query(`INSERT INTO sync_flags (office_id, kind, event_id, machine, pushed, ticket) VALUES ($1, $2, $3, $4, $5, $6)`, [
      office,
      kind,
      event.id,
      machine,
      JSON.stringify(event),
      event.ticket,
    ]);
  }

  /**
   * Whether a counter gave itself this number that day without a lease (its `ticket-issued` was
   * flagged outside-lease), for another visit than `except`: the office never issues such a number
   * again, and a leased ticket of that number means two residents hold it.
   */
  async function heldLocally(client: Client, label: string, day: string, except: string | null = null): Promise<boolean> {
    const { rows } = await client.query(
      `SELECT 1 FROM sync_flags WHERE office_id = $1 AND kind = 'outside-lease' AND ticket = $2
         AND (pushed->>'at')::bigint >= $3 AND (pushed->>'at')::bigint < $4
         AND ($5::text IS NULL OR pushed->>'visitId' <> $5::text) LIMIT 1`,
      [office, label, officeDayStart(day), officeDayStart(day) + 86_400_000, except],
    );
    return rows.length > 0;
  }

  /**
   * Merges a counter's event into the hall's queue the first time it arrives: a ticket the counter
   * issued from its leased block while offline joins the queue, and its calls and outcomes apply
   * when they agree with what the office knows. Anything else is flagged, and the event is logged all
   * the same. Events of the counter's own request lifecycle (received … completed) name no office
   * ticket and change nothing here.
   */
  async function project(client: Client, machine: string, event: OfficeEvent): Promise<void> {
    if (event.kind === 'ticket-issued') {
      const match = /^([A-Z])-(\d+)$/.exec(event.ticket ?? '');
      const known = categories.find((c) => c.id === event.category);
      if (!match || !known || known.letter !== match[1]) return flag(client, 'outside-lease', event, machine);
      const day = officeDay(event.at);
      const number = Number(match[2]);
      const lease = await client.query<{ leased_ms: number }>(
        `SELECT round(extract(epoch FROM leased_at) * 1000)::bigint AS leased_ms FROM number_leases
         WHERE office_id = $1 AND day = $2 AND category = $3 AND counter = $4 AND $5 BETWEEN first_number AND last_number`,
        [office, day, known.id, machine, number],
      );
      if (!lease.rows[0]) {
        // A number the counter gave itself (no lease, office away). The same number already given
        // to another visit that day is a real clash: two residents hold it (number-collision).
        // Otherwise it is flagged outside-lease, and the office never issues it afterwards (issueTicket).
        const taken = await client.query(`SELECT 1 FROM tickets WHERE office_id = $1 AND day = $2 AND label = $3`, [
          office,
          day,
          event.ticket,
        ]);
        return flag(client, taken.rows[0] ? 'number-collision' : 'outside-lease', event, machine);
      }
      // Its place in the queue is its issue time, which the counter states: never before the block
      // was leased, nor in the future (a claimed 08:00 would put it ahead of everyone).
      const issuedAt = Math.min(Math.max(event.at, Number(lease.rows[0].leased_ms)), Date.now());
      const inserted = await client.query(
        `INSERT INTO tickets (id, office_id, day, category, number, label, pool, state, issued_at, waiting_since)
         VALUES ($1, $2, $3, $4, $5, $6, $4, 'waiting', to_timestamp($7::double precision / 1000), to_timestamp($7::double precision / 1000))
         ON CONFLICT DO NOTHING RETURNING id`,
        [event.visitId, office, day, known.id, number, event.ticket, issuedAt],
      );
      // The number taken already (given twice, or by the office), or given meanwhile by a counter cut
      // off without a lease (another counter's local number inside this block): two residents hold it.
      // The ticket still joins the queue when it can; the supervisor sorts the clash out at the window.
      if (!inserted.rows[0] || (await heldLocally(client, event.ticket as string, day, event.visitId)))
        await flag(client, 'number-collision', event, machine);
      return;
    }
    if (!['called', 'recalled', 'no-show', 'ticket-completed', 'handed-over'].includes(event.kind)) return;
    const { rows } = await client.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1::uuid AND office_id = $2`, [
      event.visitId,
      office,
    ]);
    const ticket = rows[0];
    if (!ticket) return;
    if (event.kind === 'handed-over') {
      // The counter was done while the office could not be told (or did not yet know the ticket):
      // applied once, forward only; a ticket already at that stage (the answer was lost) is left as it is.
      const to = ticketStage.safeParse(event.stage);
      if (!to.success || ticketStage.options.indexOf(to.data) <= ticketStage.options.indexOf(ticket.stage)) return;
      if (ticket.state !== 'called' || ticket.counter !== machine) return flag(client, 'wrong-counter', event, machine);
      await client.query(
        `UPDATE tickets SET state = 'waiting', stage = $2, counter = NULL, waiting_since = to_timestamp($3::double precision / 1000) WHERE id = $1::uuid`,
        [ticket.id, to.data, event.at],
      );
      return;
    }
    // A call merges at the counter stage only: a counter's own request event 'called' (its 交付 call)
    // names a ticket the back office already has.
    if (event.kind === 'called' && ticket.stage !== 'counter') return;
    if (event.kind === 'called') {
      if (ticket.state === 'waiting' || ticket.state === 'no-show') {
        await client.query(
          `UPDATE tickets SET state = 'called', counter = $2, calls = calls + 1, called_at = to_timestamp($3::double precision / 1000) WHERE id = $1::uuid`,
          [ticket.id, machine, event.at],
        );
      } else if (ticket.counter !== machine) {
        // Called at two counters while they could not see each other: the first call stands.
        await flag(client, 'double-call', event, machine);
      }
      return;
    }
    if (ticket.state !== 'called' || ticket.counter !== machine) return flag(client, 'wrong-counter', event, machine);
    if (event.kind === 'recalled') {
      await client.query(`UPDATE tickets SET calls = calls + 1 WHERE id = $1::uuid`, [ticket.id]);
    } else {
      await client.query(`UPDATE tickets SET state = $2 WHERE id = $1::uuid`, [
        ticket.id,
        event.kind === 'no-show' ? 'no-show' : 'completed',
      ]);
    }
  }

  async function ticketOfEvent(client: pg.ClientBase, eventId: string): Promise<{ event: LoggedEvent; ticket: TicketView } | null> {
    const event = (await eventsById(client, office, [eventId])).get(eventId);
    if (!event) return null;
    const { rows } = await client.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1::uuid AND office_id = $2`, [
      event.visitId,
      office,
    ]);
    if (!rows[0]) throw new KioskError('office/invalid-request');
    return { event, ticket: toTicket(rows[0]) };
  }

  return {
    office,

    async ensureOffice() {
      await pool.query('INSERT INTO offices (office_id) VALUES ($1) ON CONFLICT DO NOTHING', [office]);
    },

    async push(machine, events) {
      // A machine speaks for itself: an event naming another counter is refused (nothing of the batch is stored).
      if (events.some((e) => e.counter !== null && e.counter !== machine)) {
        throw new KioskError('office/invalid-request', {
          ja: '送られた記録の窓口番号がこの端末の番号と違います。端末の設定（office.counter と登録した端末 ID）を確認してください。',
          en: "An event names another counter than this machine; check office.counter against the machine's registered id.",
        });
      }
      return inTransaction(pool, async (client) => {
        // The tickets the batch may touch first (the lock order), then the office row: pushes of
        // the same events then see each other's commits.
        await client.query(`SELECT 1 FROM tickets WHERE office_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [
          office,
          [...new Set(events.map((e) => e.visitId))],
        ]);
        await client.query('SELECT 1 FROM offices WHERE office_id = $1 FOR UPDATE', [office]);
        const known = await eventsById(
          client,
          office,
          events.map((e) => e.id),
        );
        const fresh: OfficeEvent[] = [];
        const inBatch = new Map<string, OfficeEvent>();
        for (const event of events) {
          if (!known.has(event.id) && !inBatch.has(event.id)) {
            inBatch.set(event.id, event);
            fresh.push(event);
          }
        }
        for (const event of fresh) await project(client, machine, event);
        const seqs = await appendEvents(client, office, fresh, 'counter', machine);
        const stored = new Map(fresh.map((e, i) => [e.id, seqs[i] as number]));
        const results: PushResponse['results'] = [];
        const reported = new Set<string>();
        for (const event of events) {
          const earlier = known.get(event.id) ?? (reported.has(event.id) ? (inBatch.get(event.id) as OfficeEvent) : undefined);
          const seq = known.get(event.id)?.seq ?? (stored.get(event.id) as number);
          reported.add(event.id);
          if (!earlier) {
            results.push({ id: event.id, seq, status: 'stored' });
          } else if (sameEvent(event, earlier)) {
            results.push({ id: event.id, seq, status: 'duplicate' });
          } else {
            // Never dropped: the supervisor sees it (sync_flags), the log keeps the first version.
            // One open flag per event id: replaying a changed event a thousand times is one thing to look at.
            await client.query(
              `INSERT INTO sync_flags (office_id, kind, event_id, machine, pushed)
               SELECT $1, 'event-conflict', $2, $3, $4
               WHERE NOT EXISTS (SELECT 1 FROM sync_flags WHERE office_id = $1 AND event_id = $2 AND kind = 'event-conflict' AND resolved_at IS NULL)`,
              [office, event.id, machine, JSON.stringify(event)],
            );
            results.push({ id: event.id, seq, status: 'conflict' });
          }
        }
        return { results };
      });
    },

    async pull(after, limit = MAX_PULL) {
      const [events, head] = await Promise.all([
        pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE office_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [
          office,
          after,
          Math.min(limit, MAX_PULL),
        ]),
        this.head(),
      ]);
      const list = events.rows.map(toLogged);
      return { events: list, cursor: list.at(-1)?.seq ?? after, head: Math.max(head, list.at(-1)?.seq ?? 0) };
    },

    async head() {
      const { rows } = await pool.query<{ last_seq: number }>('SELECT last_seq FROM offices WHERE office_id = $1', [office]);
      return rows[0]?.last_seq ?? 0;
    },

    async issueTicket(machine, request, now = Date.now()) {
      return inTransaction(pool, async (client) => {
        const previous = await ticketOfEvent(client, request.id);
        if (previous) {
          if (previous.event.kind !== 'ticket-issued') throw new KioskError('office/invalid-request');
          return previous.ticket;
        }
        const day = officeDay(now);
        const letter = letterOf(request.category);
        const { rows } = await client.query<{ last_number: number }>(
          `INSERT INTO ticket_numbers (office_id, day, category, last_number) VALUES ($1, $2, $3, 1)
           ON CONFLICT (office_id, day, category) DO UPDATE SET last_number = ticket_numbers.last_number + 1
           RETURNING last_number`,
          [office, day, request.category],
        );
        let number = rows[0]?.last_number as number;
        // Numbers a counter gave itself today without a lease (flagged outside-lease) are never issued again.
        while (await heldLocally(client, formatTicket(letter, number), day)) {
          number++;
          await client.query(`UPDATE ticket_numbers SET last_number = $4 WHERE office_id = $1 AND day = $2 AND category = $3`, [
            office,
            day,
            request.category,
            number,
          ]);
        }
        if (number > MAX_TICKET_NUMBER) throw new KioskError('office/numbers-exhausted');
        const id = newUuidv7(now);
        const inserted = await client.query<TicketRow>(
          `INSERT INTO tickets (id, office_id, day, category, number, label, pool, state, issued_at, waiting_since)
           VALUES ($1, $2, $3, $4, $5, $6, $4, 'waiting', to_timestamp($7::double precision / 1000), to_timestamp($7::double precision / 1000))
           RETURNING ${TICKET_COLUMNS}`,
          [id, office, day, request.category, number, formatTicket(letter, number), now],
        );
        const ticket = toTicket(inserted.rows[0] as TicketRow);
        await appendEvents(
          client,
          office,
          [
            {
              id: request.id,
              visitId: id,
              kind: 'ticket-issued',
              at: now,
              counter: null,
              staff: request.staff,
              category: request.category,
              ticket: ticket.number,
              reason: null,
              stage: 'counter',
              forms: null,
            },
          ],
          'office',
          machine,
        );
        return ticket;
      });
    },

    async lease(counter, request, now = Date.now()) {
      return inTransaction(pool, async (client) => {
        const day = officeDay(now);
        // A counter holds a few blocks at most: a runaway or hostile machine cannot use up the day's numbers.
        const held = await client.query<{ numbers: number }>(
          `SELECT coalesce(sum(last_number - first_number + 1), 0)::int AS numbers FROM number_leases
           WHERE office_id = $1 AND day = $2 AND category = $3 AND counter = $4`,
          [office, day, request.category, counter],
        );
        if ((held.rows[0]?.numbers ?? 0) + request.size > MAX_LEASED_PER_COUNTER) throw new KioskError('office/numbers-exhausted');
        const { rows } = await client.query<{ last_number: number }>(
          `INSERT INTO ticket_numbers (office_id, day, category, last_number) VALUES ($1, $2, $3, $4)
           ON CONFLICT (office_id, day, category) DO UPDATE SET last_number = ticket_numbers.last_number + $4
           RETURNING last_number`,
          [office, day, request.category, request.size],
        );
        const last = rows[0]?.last_number as number;
        if (last > MAX_TICKET_NUMBER) throw new KioskError('office/numbers-exhausted');
        const first = last - request.size + 1;
        await client.query(
          'INSERT INTO number_leases (office_id, day, category, counter, first_number, last_number) VALUES ($1, $2, $3, $4, $5, $6)',
          [office, day, request.category, counter, first, last],
        );
        return { day, category: request.category, letter: letterOf(request.category), counter, first, last };
      });
    },

    async callNext(counter, request, now = Date.now()) {
      return inTransaction(pool, async (client) => {
        const previous = await ticketOfEvent(client, request.id);
        if (previous) {
          if (previous.event.kind !== 'called' || previous.event.counter !== counter) throw new KioskError('office/invalid-request');
          return previous.ticket;
        }
        // The longest-waiting ticket of the pools that no other counter is taking right now.
        const { rows } = await client.query<{ id: string }>(
          `SELECT id::text AS id FROM tickets
           WHERE office_id = $1 AND day = $2 AND stage = $4 AND state = 'waiting' AND pool = ANY($3::text[])
           ORDER BY waiting_since, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [office, officeDay(now), request.pools, request.stage ?? 'counter'],
        );
        if (!rows[0]) return null;
        return callTicket(client, rows[0].id, counter, request.id, request.staff, 'called', now);
      });
    },

    async command(counter, ref, command, request, now = Date.now()) {
      return inTransaction(pool, async (client) => {
        const previous = await ticketOfEvent(client, request.id);
        if (previous) {
          if (previous.event.kind !== COMMANDS[command].kind || previous.event.counter !== counter)
            throw new KioskError('office/invalid-request');
          return previous.ticket;
        }
        const row = await findTicket(client, ref, now, true).catch((error: unknown) => {
          if (command === 'call' && error instanceof KioskError && error.code === 'office/not-found')
            throw new KioskError('office/not-found', {
              ja: `${ref} は本日の番号にありません。番号を確かめて入れ直してください。`,
              en: `${ref} is not one of today's numbers. Check the number and enter it again.`,
            });
          throw error;
        });
        const rule = COMMANDS[command];
        if (command === 'call') refuseCall(row, counter, request.stage);
        // A ticket at a window belongs to that window: only it may move it on (a waiting one, anyone may).
        const callersOnly = rule.sameCounter || (command === 'transfer' && row.state === 'called');
        if (!rule.from.includes(row.state) || (callersOnly && row.counter !== counter)) {
          throw new KioskError('office/illegal-transition', {
            ja: `${row.label}: 今の状態（${row.state}）では「${command}」はできません。`,
            en: `${row.label}: '${command}' is not allowed in state '${row.state}'.`,
          });
        }
        if (command === 'call' || command === 'recall') {
          return callTicket(client, row.id, counter, request.id, request.staff, command === 'call' ? 'called' : 'recalled', now);
        }
        const pool = command === 'transfer' ? (request.to as Category) : row.pool;
        let stage = row.stage;
        if (command === 'hand-over') {
          stage = request.to as TicketStage;
          if (ticketStage.options.indexOf(stage) <= ticketStage.options.indexOf(row.stage)) {
            throw new KioskError('office/illegal-transition', {
              ja: `${row.label}: 「${row.stage}」から「${stage}」へは戻せません（受付は前へだけ進みます）。`,
              en: `${row.label}: cannot hand over from '${row.stage}' back to '${stage}'.`,
            });
          }
        }
        const { rows } = await client.query<TicketRow>(
          `UPDATE tickets SET state = $2, pool = $3, stage = $4, counter = CASE WHEN $2 = 'waiting' THEN NULL ELSE counter END,
             waiting_since = CASE WHEN $4 <> stage THEN to_timestamp($5::double precision / 1000) ELSE waiting_since END
           WHERE id = $1::uuid RETURNING ${TICKET_COLUMNS}`,
          [row.id, rule.to, pool, stage, now],
        );
        const ticket = toTicket(rows[0] as TicketRow);
        await appendEvents(
          client,
          office,
          [
            {
              id: request.id,
              visitId: ticket.id,
              kind: rule.kind,
              at: now,
              counter,
              staff: request.staff,
              category: ticket.pool,
              ticket: ticket.number,
              reason: null,
              stage: ticket.stage,
              forms: null,
            },
          ],
          'office',
          counter,
        );
        return ticket;
      });
    },

    async ticket(ref, now = Date.now()) {
      return toTicket(await findTicket(pool, ref, now, false));
    },

    async status(now = Date.now()) {
      const day = officeDay(now);
      const [counts, calling, waits] = await Promise.all([
        // Waiting for the 書かない窓口 (those waiting for 交付 are not in the queue a new arrival joins).
        pool.query<{ pool: Category; waiting: number }>(
          `SELECT pool, count(*)::int AS waiting FROM tickets
           WHERE office_id = $1 AND day = $2 AND state = 'waiting' AND stage = 'counter' GROUP BY pool`,
          [office, day],
        ),
        // Called to a window now: the counter's calls and 交付 (the back office calls no one).
        pool.query<{ pool: Category; labels: string[] }>(
          `SELECT pool, (array_agg(label ORDER BY called_at DESC))[1:6] AS labels FROM tickets
           WHERE office_id = $1 AND day = $2 AND state = 'called' AND stage <> 'processing' GROUP BY pool`,
          [office, day],
        ),
        // The waits before the counter of each pool's last 20 first calls today (from the issue to
        // the call, whatever stage the ticket is at now): the middle half of them is the range shown.
        pool.query<{ pool: Category; low: number | null; high: number | null }>(
          `SELECT pool, percentile_cont(0.25) WITHIN GROUP (ORDER BY w) AS low, percentile_cont(0.75) WITHIN GROUP (ORDER BY w) AS high
           FROM (SELECT e.category AS pool, extract(epoch FROM e.at - t.issued_at) / 60 AS w,
                        row_number() OVER (PARTITION BY e.category ORDER BY e.seq DESC) AS n
                 FROM events e JOIN tickets t ON t.id = e.visit_id AND t.office_id = e.office_id
                 WHERE e.office_id = $1 AND e.kind = 'called' AND e.source = 'office' AND coalesce(e.stage, 'counter') = 'counter'
                   AND e.at >= to_timestamp($3::double precision / 1000) AND t.day = $2) recent
           WHERE n <= 20 GROUP BY pool`,
          [office, day, officeDayStart(day)],
        ),
      ]);
      const waiting = new Map(counts.rows.map((r) => [r.pool, r.waiting]));
      const called = new Map(calling.rows.map((r) => [r.pool, r.labels]));
      const ranges = new Map(waits.rows.map((r) => [r.pool, r]));
      return {
        office,
        day,
        updatedAt: now,
        categories: categories.map((c) => {
          const range = ranges.get(c.id);
          return {
            category: c.id,
            letter: c.letter,
            label: c.label,
            waiting: waiting.get(c.id) ?? 0,
            calling: called.get(c.id) ?? [],
            estimatedWaitMinutes:
              range && range.low !== null && range.high !== null
                ? { low: Math.max(0, Math.floor(Number(range.low))), high: Math.max(0, Math.ceil(Number(range.high))) }
                : null,
          };
        }),
      };
    },

    async flags() {
      const { rows } = await pool.query<{
        id: number;
        kind: SyncFlagView['kind'];
        ticket: string | null;
        machine: string;
        event_id: string;
        raised_ms: number;
      }>(
        `SELECT flag_id AS id, kind, ticket, machine, event_id::text AS event_id, round(extract(epoch FROM raised_at) * 1000)::bigint AS raised_ms
         FROM sync_flags WHERE office_id = $1 AND resolved_at IS NULL ORDER BY flag_id LIMIT ${MAX_FLAGS_LISTED}`,
        [office],
      );
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        ticket: r.ticket,
        machine: r.machine,
        eventId: r.event_id,
        raisedAt: r.raised_ms,
      }));
    },

    async resolveFlag(id) {
      const { rowCount } = await pool.query(
        `UPDATE sync_flags SET resolved_at = now() WHERE office_id = $1 AND flag_id = $2 AND resolved_at IS NULL`,
        [office, id],
      );
      return (rowCount ?? 0) > 0;
    },

    async display(now = Date.now(), limit = 6) {
      const day = officeDay(now);
      const [calls, head] = await Promise.all([
        pool.query<{ seq: number; ticket: string; counter: string; at_ms: number; kind: string }>(
          `SELECT seq, ticket, counter, round(extract(epoch FROM at) * 1000)::bigint AS at_ms, kind FROM events
           WHERE office_id = $1 AND kind IN ('called', 'recalled') AND source = 'office' AND at >= to_timestamp($2::double precision / 1000)
             AND stage IS DISTINCT FROM 'processing'
           ORDER BY seq DESC LIMIT $3`,
          [office, officeDayStart(day), limit],
        ),
        this.head(),
      ]);
      return {
        day,
        head,
        calls: calls.rows.map((r) => ({ seq: r.seq, number: r.ticket, counter: r.counter, at: r.at_ms, recall: r.kind === 'recalled' })),
      };
    },
  };

  async function callTicket(
    client: Client,
    ticketId: string,
    counter: string,
    eventId: string,
    staff: string,
    kind: 'called' | 'recalled',
    now: number,
  ): Promise<TicketView> {
    const { rows } = await client.query<TicketRow>(
      `UPDATE tickets SET state = 'called', counter = $2, calls = calls + 1,
         called_at = CASE WHEN $3 = 'recalled' THEN called_at ELSE to_timestamp($4::double precision / 1000) END
       WHERE id = $1::uuid RETURNING ${TICKET_COLUMNS}`,
      [ticketId, counter, kind, now],
    );
    const ticket = toTicket(rows[0] as TicketRow);
    await appendEvents(
      client,
      office,
      [
        {
          id: eventId,
          visitId: ticket.id,
          kind,
          at: now,
          counter,
          staff,
          category: ticket.pool,
          ticket: ticket.number,
          reason: null,
          stage: ticket.stage,
          forms: null,
        },
      ],
      'office',
      counter,
    );
    return ticket;
  }
}
