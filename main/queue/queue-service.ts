// The request queue: tickets, lifecycle events, encrypted resident data and its retention.
// Every write is one IMMEDIATE transaction on a synchronous=FULL WAL database, so once a call
// returns, the write survives a crash of the process or the machine.
import { eventsByRequest, eventsOf, insertEvent, type EventRow } from '../db/request-events.ts';
import {
  getRequest,
  getRequestByTicket,
  insertRequest,
  liveRequests,
  requestsById,
  requestsDueForPurge,
  requestsOfDay,
  updateProjection,
  type RequestRow,
} from '../db/requests.ts';
import { erasePersonal, fieldsOf, getRequestKey, insertField, insertRequestKey, keyIdsInUse } from '../db/resident-fields.ts';
import { checkpointTruncate, transaction, type Db } from '../db/statements.ts';
import { nextTicketNumber, setTicketCounter } from '../db/ticket-counters.ts';
import { unwrapDataKey, wrapDataKey, type KeyProvider } from '../crypto/key-provider.ts';
import { newDataKey, openField, sealField } from '../crypto/field-cipher.ts';
import { parseResidentData, residentFieldNames, type ResidentData } from '../crypto/resident-data.ts';
import type { VisitFact } from '../../domain/statistics.ts';
import { findCategory, FORM_ID, formatTicket } from '../../domain/request.ts';
import type { TicketMarks } from './ticket-marks.ts';
import { KioskError } from '../../domain/errors.ts';
import type { Actor, EventReason } from '../../domain/request.ts';
import { counterId, staffId } from '../../domain/staff.ts';
import { idFromString, idToString, isUuid, newId } from './ids.ts';
import { counterEvents, deriveState, finalStates, isEventKind, nextState, type EventKind, type RequestState } from './lifecycle.ts';
import { officeDay, officeDayStart } from '../../domain/office-time.ts';

export interface EnqueueInput {
  /** Category id or letter (see domain/request.ts). */
  category: string;
  /** Ids of the forms the visit needs (the "procedure bundle" statistics group by). */
  forms: readonly string[];
  /** Resident data: encrypted field by field. Never the individual number or the PIN. */
  resident: unknown;
  /**
   * The ticket the office service issued for this visit (or this counter took from its leased
   * block): the request takes its id and number instead of numbering the ticket itself, so the
   * counter's events name the office's ticket. Absent: the counter numbers it (working alone).
   */
  given?: { id: string; ticket: string } | undefined;
}

export interface RequestSummary {
  id: string;
  ticket: string;
  day: string;
  category: string;
  forms: string[];
  state: RequestState;
  receivedAt: string;
  processingAt: string | null;
  serviceEndAt: string | null;
  finishedAt: string | null;
  counter: string | null;
  staff: string | null;
  estimatedWaitSeconds: number | null;
  personalData: 'held' | 'purged' | 'none';
}

export interface RequestEvent {
  id: string;
  seq: number;
  kind: EventKind;
  at: string;
  counter: string | null;
  staff: string | null;
  /** Why, when no person decided it (schema v6): `day-closed`. */
  reason: EventReason | null;
}

/**
 * What the queue tells the statistics, inside its own write transactions (main/stats implements
 * it; the queue does not import the statistics, which read the queue's tables).
 */
export interface QueueStatistics {
  /** Estimated wait in seconds for a ticket taken at `at` (stored with the ticket). */
  estimateSeconds(at: number): number;
  /** Adds a fact of the visit whose ticket day is `day`; `seconds` for wait and service. */
  record(day: string, fact: VisitFact, row: RequestRow, seconds?: number): void;
}

export interface QueueOptions {
  clock?: () => number;
  /** Days after a request is finished before its personal data is erased (default 7). */
  retentionDays?: number | undefined;
  /** The office's closing time (HH:MM, office time): requests still open then are abandoned (default 17:15). */
  closingTime?: string | undefined;
  /** The ticket high-water marks outside the database (ticket-marks.ts), told of every ticket once it is committed. */
  ticketMarks?: Pick<TicketMarks, 'record'> | null | undefined;
}

export const DEFAULT_CLOSING_TIME = '17:15';
const CLOSING_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The moment the office closes on `day` (ms). */
function closingMoment(day: string, closingTime: string): number {
  const match = CLOSING_TIME.exec(closingTime);
  if (!match)
    throw new KioskError('queue/invalid-input', {
      ja: `閉庁時刻「${closingTime.slice(0, 10)}」は HH:MM で指定してください。`,
      en: 'The closing time must be HH:MM.',
    });
  return officeDayStart(day) + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}

export const DEFAULT_RETENTION_DAYS = 7;

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function summarise(row: RequestRow): RequestSummary {
  return {
    id: idToString(row.id),
    ticket: row.ticket,
    day: row.day,
    category: row.category,
    forms: row.forms === '' ? [] : row.forms.split('+'),
    state: row.state,
    receivedAt: new Date(row.received_at).toISOString(),
    processingAt: iso(row.processing_at),
    serviceEndAt: iso(row.service_end_at),
    finishedAt: iso(row.finished_at),
    counter: row.counter,
    staff: row.staff,
    estimatedWaitSeconds: row.estimated_wait_s,
    personalData: row.personal,
  };
}

function checkActorId(value: string | undefined, what: '窓口' | '職員'): string | null {
  if (value === undefined) return null;
  if (!(what === '窓口' ? counterId : staffId).safeParse(value).success) {
    throw new KioskError('queue/invalid-input', {
      ja: `${what}の ID が不正です。`,
      en: `Invalid ${what === '窓口' ? 'counter' : 'staff'} id.`,
    });
  }
  return value;
}

export class QueueService {
  readonly #db: Db;
  readonly #keys: KeyProvider;
  readonly #statistics: QueueStatistics;
  readonly #clock: () => number;
  readonly retentionDays: number;
  readonly #marks: Pick<TicketMarks, 'record'> | null;

  constructor(db: Db, keys: KeyProvider, statistics: QueueStatistics, options: QueueOptions = {}) {
    this.#db = db;
    this.#keys = keys;
    this.#statistics = statistics;
    this.#clock = options.clock ?? Date.now;
    this.retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.closingTime = options.closingTime ?? DEFAULT_CLOSING_TIME;
    this.#marks = options.ticketMarks ?? null;
    closingMoment('2026-01-01', this.closingTime); // refuse a malformed closing time at start
  }

  readonly closingTime: string;

  /**
   * The office has closed: every request still open (received, printed, submitted, processing,
   * ready) from an earlier day, or from today once the closing time has passed, is abandoned with
   * the reason `day-closed`. It is then finished, so the normal retention purge erases its
   * personal data; left open, it would be kept forever.
   */
  closeDay(options: { now?: number; closingTime?: string } = {}): { abandoned: number } {
    const now = options.now ?? this.#clock();
    const today = officeDay(now);
    const closedToday = now >= closingMoment(today, options.closingTime ?? this.closingTime);
    const due = liveRequests(this.#db).filter((r) => r.day < today || (closedToday && r.day === today));
    transaction(this.#db, () => {
      for (const row of due) this.advance(idToString(row.id), 'abandoned', {}, undefined, 'day-closed');
    });
    return { abandoned: due.length };
  }

  enqueue(input: EnqueueInput): RequestSummary {
    const category = findCategory(input.category);
    if (!category) {
      throw new KioskError('queue/unknown-category', {
        ja: '手続きの区分が不明です。',
        en: `Unknown procedure category '${String(input.category).slice(0, 30)}'.`,
      });
    }
    if (!Array.isArray(input.forms) || !input.forms.every((f) => typeof f === 'string' && FORM_ID.test(f))) {
      throw new KioskError('queue/invalid-input', { ja: '様式 ID が不正です。', en: 'Invalid form ids.' });
    }
    const forms = [...new Set(input.forms)].sort().join('+');
    const resident = parseResidentData(input.resident);
    const at = this.#clock();
    const day = officeDay(at);
    const db = this.#db;
    const given = input.given;
    // A reception ticket keeps its number when the visit turns out to be of another category (A-012 for a 転居).
    const match = given ? /^([A-Z])-(\d{3,5})$/.exec(given.ticket) : null;
    const givenLetter = match ? findCategory(match[1] as string)?.letter : undefined;
    if (given && (!isUuid(given.id) || !match || !givenLetter || Number(match[2]) < 1)) {
      throw new KioskError('queue/invalid-input', {
        ja: '窓口サービスの番号札の番号が正しくありません。',
        en: "The office's ticket number is malformed.",
      });
    }
    const givenNumber = match ? Number(match[2]) : 0;
    const letter = givenLetter ?? category.letter;
    const id = given ? idFromString(given.id) : newId(at);
    const idText = idToString(id);
    let number = 0;
    const row = transaction(db, () => {
      if (given) {
        // The office's number: the counter's own numbering continues above it (a later local number never repeats it).
        number = givenNumber;
        setTicketCounter(db, day, letter, number);
      } else number = nextTicketNumber(db, day, letter);
      const ticket = formatTicket(letter, number);
      const row: RequestRow = {
        id,
        day,
        ticket,
        category: category.id,
        forms,
        state: 'received',
        last_seq: 1,
        received_at: at,
        processing_at: null,
        service_end_at: null,
        finished_at: null,
        counter: null,
        staff: null,
        estimated_wait_s: this.#statistics.estimateSeconds(at),
        personal: 'held',
      };
      insertRequest(db, row);
      insertEvent(db, { id: newId(at), request_id: id, seq: 1, kind: 'received', at, counter: null, staff: null });
      const dataKey = newDataKey();
      try {
        // Wrapped by the key of the request's office day, destroyed once that day's requests are purged.
        const { keyId, wrapped } = wrapDataKey(this.#keys, day, dataKey);
        insertRequestKey(db, id, keyId, wrapped);
        for (const field of residentFieldNames) {
          const value = resident[field];
          if (value !== undefined) insertField(db, id, field, sealField(dataKey, idText, field, value));
        }
      } finally {
        dataKey.fill(0);
      }
      this.#statistics.record(day, 'arrived', row);
      return row;
    });
    try {
      this.#marks?.record(day, letter, number);
    } catch {
      // The ticket is committed and must be handed out. The mark stays one behind (a lower bound),
      // and the next start raises it to the database's counter.
    }
    return summarise(row);
  }

  /** Finds a request by its id, or by its ticket number (today's, or of `day`). */
  resolve(idOrTicket: string, day?: string): RequestRow {
    const row = isUuid(idOrTicket)
      ? getRequest(this.#db, idFromString(idOrTicket))
      : getRequestByTicket(this.#db, day ?? officeDay(this.#clock()), idOrTicket.toUpperCase());
    if (!row) {
      throw new KioskError('queue/unknown-request', {
        ja: `申請 ${idOrTicket.slice(0, 40)} が見つかりません。`,
        en: `No request ${idOrTicket.slice(0, 40)}.`,
      });
    }
    return row;
  }

  advance(idOrTicket: string, kind: string, actor: Partial<Actor> = {}, day?: string, reason: EventReason | null = null): RequestSummary {
    if (!isEventKind(kind)) {
      throw new KioskError('queue/invalid-input', {
        ja: `不明なイベント「${kind.slice(0, 30)}」です。`,
        en: `Unknown event '${kind.slice(0, 30)}'.`,
      });
    }
    const counterArg = checkActorId(actor.counter, '窓口');
    const staffArg = checkActorId(actor.staffId, '職員');
    const db = this.#db;
    const row = transaction(db, () => {
      // Re-read inside the write transaction: the state check and the append are atomic.
      const row = this.resolve(idOrTicket, day);
      const state = nextState(row.state, kind, row.ticket, reason);
      const counter = counterArg ?? row.counter;
      const staff = staffArg ?? row.staff;
      if (counterEvents.has(kind) && counter === null) {
        throw new KioskError('queue/invalid-input', { ja: 'この操作には窓口番号が必要です。', en: `Event '${kind}' needs a counter.` });
      }
      const lastAt = Math.max(row.received_at, row.processing_at ?? 0, row.service_end_at ?? 0);
      const at = Math.max(this.#clock(), lastAt);
      const seq = row.last_seq + 1;
      insertEvent(db, {
        id: newId(at),
        request_id: row.id,
        seq,
        kind,
        at,
        counter: counterEvents.has(kind) ? counter : counterArg,
        staff: staffArg,
        reason,
      });
      const next: RequestRow = { ...row, state, last_seq: seq, counter, staff };
      if (kind === 'processing-started') {
        next.processing_at = at;
        this.#statistics.record(row.day, 'wait', next, (at - row.received_at) / 1000);
      }
      if ((kind === 'called' || kind === 'completed') && row.service_end_at === null && row.processing_at !== null) {
        next.service_end_at = at;
        this.#statistics.record(row.day, 'service', next, (at - row.processing_at) / 1000);
      }
      if (finalStates.has(state)) next.finished_at = at;
      if (kind === 'abandoned' || kind === 'cancelled') this.#statistics.record(row.day, kind, next);
      updateProjection(db, {
        id: row.id,
        state,
        lastSeq: seq,
        processingAt: next.processing_at,
        serviceEndAt: next.service_end_at,
        finishedAt: next.finished_at,
        counter,
        staff,
      });
      return next;
    });
    return summarise(row);
  }

  get(idOrTicket: string, day?: string): RequestSummary {
    return summarise(this.resolve(idOrTicket, day));
  }

  /** Unfinished requests, oldest first. */
  live(): RequestSummary[] {
    return liveRequests(this.#db).map(summarise);
  }

  ofDay(day: string = officeDay(this.#clock()), limit = 1000): RequestSummary[] {
    return requestsOfDay(this.#db, day, limit).map(summarise);
  }

  events(idOrTicket: string, day?: string): RequestEvent[] {
    return eventsOf(this.#db, this.resolve(idOrTicket, day).id).map((e: EventRow) => ({
      id: idToString(e.id),
      seq: e.seq,
      kind: e.kind,
      at: new Date(e.at).toISOString(),
      counter: e.counter,
      staff: e.staff,
      reason: e.reason ?? null,
    }));
  }

  /** Decrypts the resident data (for filling forms). Throws once the retention rule erased it. */
  readResident(idOrTicket: string, day?: string): ResidentData {
    const row = this.resolve(idOrTicket, day);
    const key = getRequestKey(this.#db, row.id);
    if (row.personal !== 'held' || !key) {
      throw new KioskError('queue/personal-data-purged', {
        ja: `${row.ticket} の個人情報は保存期間を過ぎて消去済みです。`,
        en: `Personal data of ${row.ticket} has been erased.`,
      });
    }
    const dataKey = unwrapDataKey(this.#keys, key.key_id, key.wrapped);
    try {
      const idText = idToString(row.id);
      const data: Record<string, string> = {};
      for (const { field, sealed } of fieldsOf(this.#db, row.id)) data[field] = openField(dataKey, idText, field, sealed);
      return parseResidentData(data);
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * Retention rule: erases the personal data of requests finished more than `retentionDays`
   * ago (key and ciphertext deleted with secure_delete on, then the WAL truncated so no frame
   * keeps the old pages). Events and statistics stay: they hold no personal data.
   */
  purgeExpired(options: { now?: number; retentionDays?: number } = {}): { purged: number; before: string; walTruncated: boolean } {
    const now = options.now ?? this.#clock();
    const days = options.retentionDays ?? this.retentionDays;
    const before = now - days * 86_400_000;
    const db = this.#db;
    const purged = transaction(db, () => {
      const ids = requestsDueForPurge(db, before);
      for (const id of ids) erasePersonal(db, id);
      return ids.length;
    });
    // If a reader on another connection blocks the truncation, walTruncated is false and the
    // caller should run the purge again soon (it truncates even when nothing new is due).
    const walTruncated = checkpointTruncate(db);
    // Then the keys of past days no stored data key uses any more: copies of the database taken
    // before this purge can no longer be decrypted either.
    const inUse = new Set(keyIdsInUse(db));
    this.#keys.periods?.destroyUnused((keyId) => inUse.has(keyId), officeDay(now));
    return { purged, before: new Date(before).toISOString(), walTruncated };
  }

  /** Re-derives every request's state from its events (one merge pass); returns the disagreements. */
  verify(): { checked: number; problems: { id: string; ticket: string; problem: string }[] } {
    const problems: { id: string; ticket: string; problem: string }[] = [];
    const events = eventsByRequest(this.#db);
    let next = events.next();
    let checked = 0;
    for (const row of requestsById(this.#db)) {
      checked += 1;
      const kinds: { kind: EventKind; reason: EventReason | null }[] = [];
      let gapless = true;
      while (!next.done && Buffer.compare(next.value.request_id, row.id) < 0) next = events.next();
      while (!next.done && next.value.request_id.equals(row.id)) {
        kinds.push({ kind: next.value.kind, reason: next.value.reason ?? null });
        if (next.value.seq !== kinds.length) gapless = false;
        next = events.next();
      }
      const problem = (text: string) => problems.push({ id: idToString(row.id), ticket: row.ticket, problem: text });
      try {
        const derived = deriveState(kinds);
        if (derived !== row.state) problem(`projection ${row.state} != events ${derived}`);
      } catch (error) {
        problem(error instanceof KioskError ? error.code : 'unreadable');
      }
      if (!gapless || kinds.length !== row.last_seq) problem('event sequence has gaps');
    }
    return { checked, problems };
  }
}
