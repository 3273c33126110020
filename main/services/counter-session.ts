// One resident's visit at one counter: card → PIN (on the resident's screen) → members →
// move → procedures → preview → print → ticket.
//
// The visit is one object. Starting a visit creates it whole; ending it (終了, sign-out, idle
// expiry, card pulled after the ticket) drops it whole, so no field can be forgotten in a reset.
// Every asynchronous step (card read, render, print) remembers the visit that started it and
// writes its result only if that visit is still the current one: a read that finishes after its
// visit ended is discarded, never shown to the next resident.
//
// A visit can be parked (the family goes to fetch a document) and resumed. A parked visit is not
// the current one, so nothing started for another visit can write into it, and what it had in
// flight is refused (parking waits until no card read, render or print is running). It stays in
// this process's memory only and is dropped by the same rules: sign-out, the office day ending,
// the app exiting.
import { v7 as uuidv7 } from 'uuid';
import type { BasicInfo } from '../../devices/card/card-data.ts';
import type { Unlock } from '../../devices/card/card-service.ts';
import type { UnlockKind } from '../../domain/card.ts';
import type { ResidentLanguage } from '../../domain/language.ts';
import {
  printedForTicket,
  setPrinted,
  type PrintJobSummary,
  type PrintOutcome,
  type TicketBeforePrintReason,
} from '../../domain/print-job.ts';
import { categories, type Actor, type Category } from '../../domain/request.ts';
import {
  move as moveSchema,
  newAddressLine,
  previousAddressLine,
  type FamilyRegister,
  type ForeignResident,
  EMPTY_NOTICE,
  MAX_VISIT_FACTS,
  type HouseholdDraft,
  type Move,
  type MoveInput,
  type NewMember,
  type ProcedureChoice,
  type ChecklistItem,
  type VisitFacts,
  type VisitEndReason,
  type VisitMember,
  type VisitNotice,
  type NoticeChange,
  type NoticePart,
} from '../../domain/visit.ts';
import type { StaffOverride } from '../../forms/index.ts';
import type { CorrectionSection, Preview, ResidentView, SessionView, Step, UiError, WaitRange } from '../ipc/contract.ts';
import { toWareki, waitRange } from '../../forms/index.ts';
import { steps } from '../ipc/contract.ts';
import type { AuditLog, AuditAction } from '../audit/audit-log.ts';
import type { EventHub } from './event-hub.ts';
import { type CardPort, type FormsPort, type PrinterPort, type QueuePort, type RenderResult } from './ports.ts';
import { suggestFurigana } from './furigana.ts';
import type { OfficeTicket, OfficeTickets } from '../sync/office-tickets.ts';
import type { TicketNumbering, TicketView } from '../../domain/office.ts';
import { isKioskError, KioskError, serializeError } from '../../domain/errors.ts';
import { officeDay } from '../../domain/office-time.ts';
import { availableParallelism } from 'node:os';
import { PREVIEW_DPI } from './rasterize.ts';
import { DEFAULT_WAITING_AREA } from './office-config.ts';
import { LIMITS } from '../../domain/limits.ts';

export interface CounterSessionDeps {
  card: CardPort | null;
  forms: FormsPort | null;
  queue: QueuePort | null;
  printer: PrinterPort | null;
  events: EventHub;
  audit: AuditLog;
  /** The office service as the numbering authority (office.service in KIOSK_CONFIG); null: the counter numbers its own tickets. */
  office?: OfficeTickets | null;
  /** The pools this counter calls from (office.pools in KIOSK_CONFIG; default every category). */
  pools?: readonly Category[] | undefined;
  actor(): Actor | null;
  /** The reader chosen for this counter (by name), or the first one. */
  readerName(): Promise<string | null>;
  rasterize(pdf: Uint8Array, page: number, dpi: number): Promise<string>;
  now?(): number;
  /** Wall-clock time (ms since the epoch): the office day a parked visit belongs to. */
  clock?(): number;
  /** Where residents wait, as printed on the 受付票 (office.waitingArea of the office configuration). */
  waitingArea?: string | undefined;
  /** How often the 受付票's print job is checked until it has printed (ms). */
  receiptPollMs?: number;
  /**
   * How long nobody may have touched a visit before `idleExpired` ends it (ms): the resident
   * screen's timeout plus its countdown. Main decides, not the screen that asks.
   */
  idleAfterMs?: number;
}

/** At most this many visits parked at one counter: each holds a household's data in memory. */
export const MAX_PARKED = 5;
/** How often parked visits are checked for the office day having ended (ms). */
const DAY_END_CHECK_MS = 60_000;
/** Preview pages rasterised at once: one pdftoppm per core, the first page first. */
const RASTER_CONCURRENCY = Math.max(1, availableParallelism());
/** Quiet time after the last change to the household before its forms are rendered ahead (ms). */
const PREPARE_DELAY_MS = 400;

/** A small FIFO limiter: at most `max` tasks run; an urgent task (a page staff clicked) goes first. */
class Limiter {
  readonly #max: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(max: number) {
    this.#max = max;
  }
  async run<T>(task: () => Promise<T>, urgent = false): Promise<T> {
    if (this.#running >= this.#max) {
      await new Promise<void>((resolve) => (urgent ? this.#waiting.unshift(resolve) : this.#waiting.push(resolve)));
    }
    this.#running++;
    try {
      return await task();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}

/** A household's family name: the head's name up to the first space (氏 and 名 are entered apart). */
function familyNameOf(members: readonly VisitMember[]): string | null {
  const head = members.find((m) => m.relationship === '世帯主') ?? members[0];
  if (!head) return null;
  const name = head.name.trim();
  const at = name.search(/[\u3000 ]/);
  return at < 0 ? name : name.slice(0, at);
}

/**
 * The 届出人 as the forms print it (forms/pdf/context.ts notifierIndexOf): the member staff chose,
 * else the 世帯主; null with neither.
 */
function notifierIndex(visit: Visit): number | null {
  const chosen = visit.notice.notifierId === null ? -1 : visit.members.findIndex((m) => m.id === visit.notice.notifierId);
  const at = chosen >= 0 ? chosen : visit.members.findIndex((m) => m.relationship === '世帯主');
  return at < 0 ? null : at;
}

/** A time of day as the office reads it (14:05). */
function officeTimeText(ms: number): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(ms);
}
/** The resident screen's default idle timeout and countdown (120 s + 30 s). */
const DEFAULT_IDLE_AFTER_MS = 150_000;
/** Timers and IPC on a loaded counter PC: the screen's timer may fire this much early by main's clock. */
const IDLE_SLACK_MS = 1_000;

/** How a print set is listed in the job list and the spooler: what it is, not an id. */
function printSetName(result: RenderResult, reprint = false): string {
  const pages = result.forms.reduce((n, f) => n + f.pageCount, 0);
  return `帳票一式（${result.forms.length}様式・${pages}ページ）${reprint ? '・再印刷' : ''}`;
}

/** The jobs that printed the whole set (a reprint of one form does not put the set on paper). */
function setJobs(request: QueuedRequest): PrintJobSummary[] {
  return request.printJobs.filter((j) => !request.formJobs.has(j.jobId));
}

/** The 受付票's issue time as printed: 和暦, office time (令和8年12月2日 13:20). */
/** The wait as the 受付票 prints it (one definition: the receipt's waitRange), for both screens. */
function estimatedWait(request: QueuedRequest): WaitRange | null {
  const minutes = request.issued?.estimatedWaitMinutes ?? null;
  return minutes === null ? null : waitRange(minutes);
}

function issuedAtText(ms: number): string {
  return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    timeZone: 'Asia/Tokyo',
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms);
}

type PinState = SessionView['pin'];
const IDLE_PIN: PinState = { state: 'idle', retriesLeft: null };

/** The rendered form set the resident checks and signs, with the pages rasterised so far. */
interface RenderedSet {
  readonly result: RenderResult;
  readonly preview: Preview;
  /** From the first card read to the preview being ready (the counter's key figure). */
  readonly previewMs: number | null;
  /**
   * Where the resident signs, once the set has printed: each form with signature boxes and who signs
   * them, by name as on the card, taken when the set was rendered (a member edited after printing
   * does not change what the paper asks for).
   */
  readonly signForms: ResidentView['signForms'];
  /** Page images by "formId#page#size", in flight or done; a failed one is removed to be retried. */
  readonly pages: Map<string, Promise<string>>;
}

/**
 * The form set rendered ahead of 「プレビューを作成」 while staff are still on the procedures step,
 * for exactly this input (members, move, facts, overrides): the click then shows pages already
 * drawn. Any change to the input drops it; a result is used only for the input it was made from.
 */
interface PreparedSet {
  readonly key: string;
  readonly result: Promise<RenderResult>;
  readonly pages: Map<string, Promise<string>>;
}

/** A visit parked at the counter, with what the console lists it by. */
interface Parked {
  readonly visit: Visit;
  readonly label: string;
  /** Wall clock when it was parked: its office day, and the time shown. */
  readonly at: number;
  /** Who parked it: recorded on its request's cancellation if the day ends with nobody signed in. */
  readonly actor: Actor;
}

/** The request in the queue, once the forms were sent to the printer. */
interface QueuedRequest {
  readonly id: string;
  readonly ticket: string;
  readonly category: HouseholdDraft['move']['kind'];
  /** Where the number came from (office link only; null: the counter works alone). */
  readonly numbering: TicketNumbering | null;
  printJobs: PrintJobSummary[];
  /** The jobs that reprinted one form (not the set), by job id: that form's id. */
  readonly formJobs: Map<string, string>;
  /** Set when the ticket was handed over (番号札を発行). */
  issued: { estimatedWaitMinutes: number | null } | null;
  /** The 受付票（控え）, printed once the ticket is handed over: the card may be taken only after it. */
  receipt: ReceiptState | null;
}

type ReceiptState = NonNullable<ResidentView['receipt']>;

/** Everything one visit holds, personal data included. Never reset field by field: dropped whole. */
interface Visit {
  readonly reference: string;
  step: Step;
  card: SessionView['card'];
  pin: PinState;
  reader: string | null;
  members: VisitMember[];
  memberSeq: number;
  /** The address on the first card read (the previous address for a 転入). */
  cardAddress: string | null;
  cardReadAt: number | null;
  move: Move | null;
  facts: VisitFacts;
  notice: VisitNotice;
  procedures: ProcedureChoice[];
  checklist: ChecklistItem[];
  overrides: Map<string, StaffOverride>;
  rendered: RenderedSet | null;
  prepared: PreparedSet | null;
  /** Pending start of the render ahead (after staff stop changing the input for a moment). */
  prepareTimer: ReturnType<typeof setTimeout> | null;
  request: QueuedRequest | null;
  error: UiError | null;
  busy: SessionView['busy'];
  /** The language the resident chose on their screen (the 受付票 is printed in it). */
  language: ResidentLanguage;
  /** What the resident asked staff to correct, until staff clear it or change the household. */
  correction: CorrectionSection | null;
  /** When staff or the resident last did something in this visit (the session's clock). */
  lastActivityAt: number;
}

function newVisit(reference: string, now: number): Visit {
  return {
    reference,
    step: 'card',
    card: 'waiting',
    pin: IDLE_PIN,
    reader: null,
    members: [],
    memberSeq: 0,
    cardAddress: null,
    cardReadAt: null,
    move: null,
    facts: {},
    notice: EMPTY_NOTICE,
    procedures: [],
    checklist: [],
    overrides: new Map(),
    rendered: null,
    prepared: null,
    prepareTimer: null,
    request: null,
    error: null,
    busy: null,
    language: 'ja',
    correction: null,
    lastActivityAt: now,
  };
}

/** How far a visit has come; what staff may do next follows from it. */
export type VisitPhase = 'identifying' | 'entering' | 'deciding' | 'previewed' | 'printed' | 'ticketed';

function phaseOf(visit: Visit): VisitPhase {
  if (visit.request?.issued) return 'ticketed';
  if (visit.request) return 'printed';
  if (visit.rendered) return 'previewed';
  if (visit.move) return 'deciding';
  if (visit.members.length > 0) return 'entering';
  return 'identifying';
}

/** The furthest step staff may open in each phase (they can always go back). */
const FURTHEST_STEP: Record<VisitPhase, Step> = {
  identifying: 'card',
  entering: 'move',
  deciding: 'procedures',
  previewed: 'preview',
  printed: 'print',
  ticketed: 'ticket',
};

/** Once printed, the printed set is the record: household changes no longer replace it. */
const hasPrinted = (visit: Visit): boolean => visit.request !== null;

/**
 * Whether the resident screen's idle timer may end the visit: only until its forms are rendered.
 * After that the resident checks the preview, signs or holds printed forms, and staff end the visit.
 */
const endsOnIdle = (visit: Visit): boolean => visit.rendered === null && visit.request === null;

const NO_VISIT: SessionView = {
  active: false,
  reference: null,
  step: 'card',
  reachable: 'card',
  card: 'waiting',
  pin: IDLE_PIN,
  members: [],
  cardAddress: null,
  move: null,
  facts: {},
  notice: EMPTY_NOTICE,
  factQuestions: [],
  forms: [],
  checklist: [],
  preview: null,
  previewMs: null,
  printJobs: [],
  ticket: null,
  error: null,
  busy: null,
  correction: null,
  parked: [],
  hall: { linked: false, called: null, nobodyWaiting: false },
};

/** The ticket called to this counter (call-next) and not yet taken by a visit. */
interface CalledTicket {
  readonly id: string;
  readonly number: string;
  /** Its pool at the office: where it goes back if the staff who called it sign out. */
  readonly pool: Category;
  readonly calls: number;
}

const WELCOME: ResidentView = {
  phase: 'welcome',
  pin: { retriesLeft: null, lastTry: false, wrong: false, blocked: false },
  members: [],
  address: null,
  move: null,
  notifier: null,
  correction: null,
  signForms: [],
  idleTimer: false,
  ticket: null,
  estimatedWait: null,
  receipt: null,
};

export class CounterSession {
  readonly #deps: CounterSessionDeps;
  #visit: Visit | null = null;
  #parked: Parked[] = [];
  #parkSeq = 0;
  /** Called to this counter; the next visit's request keeps its id and number. Counter state, not a visit's: it holds no personal data. */
  #called: CalledTicket | null = null;
  #nobodyWaiting = false;
  /** Incremented at each sign-out: a call-next answer that arrives after it belongs to nobody here. */
  #shift = 0;
  readonly #raster = new Limiter(RASTER_CONCURRENCY);
  readonly #unsubscribeCard: (() => void) | null;
  readonly #dayEndTimer: ReturnType<typeof setInterval>;

  constructor(deps: CounterSessionDeps) {
    this.#deps = deps;
    this.#unsubscribeCard = deps.card?.onChange(() => void this.#onCardChange()) ?? null;
    // A parked visit never outlives its office day, even when nobody touches the console.
    this.#dayEndTimer = setInterval(() => this.#dropParkedOfPastDays(), DAY_END_CHECK_MS);
    this.#dayEndTimer.unref?.();
  }

  #clock(): number {
    return this.#deps.clock?.() ?? Date.now();
  }

  #now(): number {
    return this.#deps.now?.() ?? performance.now();
  }

  #requireActor(): Actor {
    const actor = this.#deps.actor();
    if (!actor) throw new KioskError('auth/not-signed-in');
    return actor;
  }

  /** The current visit, for a staff action (signed in, visit started). */
  #requireVisit(): { actor: Actor; visit: Visit } {
    const actor = this.#requireActor();
    const visit = this.#visit;
    if (!visit) throw new KioskError('session/no-session');
    this.#touch(visit);
    return { actor, visit };
  }

  /** Someone acted on the visit: it is not idle. */
  #touch(visit: Visit): void {
    visit.lastActivityAt = this.#now();
  }

  /** Staff working at the console, or the resident pressing 続ける on the idle countdown. */
  keepAlive(): void {
    if (this.#visit) this.#touch(this.#visit);
  }

  /** Whether an asynchronous step may still write into the visit that started it. */
  #isCurrent(visit: Visit): boolean {
    return this.#visit === visit;
  }

  /** `actor` is who started the step (captured before any await), by default who is signed in now. */
  #audit(visit: Visit | null, action: AuditAction, detail: string | null = null, actor: Actor | null = this.#deps.actor()): void {
    this.#deps.audit.record({
      staffId: actor?.staffId ?? null,
      counter: actor?.counter ?? null,
      action,
      reference: visit?.reference ?? null,
      detail,
    });
  }

  #changed(): void {
    this.#deps.events.emit('session-changed', 'resident-changed');
  }

  #service<T>(port: T | null, name: string, english: string): T {
    if (!port) throw new KioskError('session/service-unavailable', { ja: `${name}が利用できません。`, en: `${english} is unavailable.` });
    return port;
  }

  // ---- views --------------------------------------------------------------------------

  async view(): Promise<SessionView> {
    this.#dropParkedOfPastDays();
    const visit = this.#visit;
    if (!visit) return { ...NO_VISIT, parked: this.#parkedViews(), hall: this.#hallView() };
    const request = visit.request;
    if (visit.step === 'print' && request && this.#deps.printer) {
      const jobs = await this.#deps.printer.jobs(request.id).catch(() => request.printJobs);
      // The visit may have ended meanwhile: answer with whatever is current now, never with it.
      if (!this.#isCurrent(visit)) return this.view();
      const printedBefore = setPrinted(setJobs(request));
      request.printJobs = jobs;
      // The console follows the jobs while they print: the resident screen learns here that the
      // set is on paper, and shows where to sign.
      if (setPrinted(setJobs(request)) !== printedBefore) this.#deps.events.emit('resident-changed');
    }
    return {
      active: true,
      reference: visit.reference,
      step: visit.step,
      reachable: FURTHEST_STEP[phaseOf(visit)],
      card: visit.card,
      pin: { ...visit.pin },
      members: visit.members.map((m) => ({ ...m, furiganaSuggestion: suggestFurigana(m, visit.members) })),
      cardAddress: visit.cardAddress,
      move: visit.move ? { ...visit.move } : null,
      facts: { ...visit.facts },
      notice: { ...visit.notice },
      factQuestions: this.#deps.forms?.factQuestions(visit.members, visit.move) ?? [],
      forms: visit.procedures.map((p) => ({ ...p })),
      checklist: visit.checklist.map((c) => ({ ...c })),
      preview: visit.rendered?.preview ?? null,
      previewMs: visit.rendered?.previewMs ?? null,
      printJobs: (request?.printJobs ?? []).map((j) => {
        const formId = request?.formJobs.get(j.jobId);
        return formId === undefined ? { ...j } : { ...j, formId };
      }),
      ticket: request
        ? {
            number: request.ticket,
            requestId: request.id,
            estimatedWaitMinutes: request.issued?.estimatedWaitMinutes ?? null,
            estimatedWait: estimatedWait(request),
            issued: request.issued !== null,
            receipt: request.receipt,
            numbering: request.numbering,
          }
        : null,
      error: visit.error,
      busy: visit.busy,
      correction: visit.correction,
      parked: this.#parkedViews(),
      hall: this.#hallView(),
    };
  }

  #hallView(): SessionView['hall'] {
    const called = this.#called;
    return {
      linked: Boolean(this.#deps.office),
      called: called ? { number: called.number, calls: called.calls } : null,
      nobodyWaiting: this.#nobodyWaiting,
    };
  }

  // ---- calling the hall (the office service) -------------------------------------------

  #office(): OfficeTickets {
    return this.#service(this.#deps.office ?? null, '窓口サービス', 'The office service');
  }

  /**
   * 「次の方を呼ぶ」: the office calls the longest-waiting ticket of this counter's pools here (the
   * hall display announces it). The next visit's request keeps that ticket's id and number. Refused
   * while a called number has not been taken by a visit or marked absent.
   */
  async callNext(): Promise<void> {
    const actor = this.#requireActor();
    const office = this.#office();
    if (this.#called) throw new KioskError('session/called-pending');
    // The call belongs to the staff member signed in now: if they sign out before the answer
    // comes, the ticket is given back to its pool (it keeps its place), never left to whoever signs in next.
    const shift = this.#shift;
    let ticket: TicketView | null;
    try {
      ticket = await office.callNext(this.#deps.pools ?? categories.map((c) => c.id), actor);
    } catch (error) {
      this.#hallAudit(actor, 'hall-call-failed', null, `call-next:${isKioskError(error) ? error.code : 'app/internal'}`);
      throw error;
    }
    if (shift !== this.#shift || this.#called) {
      if (ticket) {
        this.#hallAudit(actor, 'hall-called', ticket.id, ticket.number);
        this.#giveBack({ id: ticket.id, number: ticket.number, pool: ticket.pool, calls: ticket.calls }, actor);
      }
      return;
    }
    this.#called = ticket ? { id: ticket.id, number: ticket.number, pool: ticket.pool, calls: ticket.calls } : null;
    this.#nobodyWaiting = ticket === null;
    this.#hallAudit(actor, 'hall-called', ticket?.id ?? null, ticket?.number ?? 'nobody-waiting');
    this.#changed();
  }

  /** 「再呼出」: the display announces the called number again. */
  async recall(): Promise<void> {
    const actor = this.#requireActor();
    const office = this.#office();
    const called = this.#called;
    if (!called) throw new KioskError('session/nothing-called');
    let ticket: TicketView;
    try {
      ticket = await office.command(called.id, 'recall', actor);
    } catch (error) {
      this.#hallAudit(actor, 'hall-call-failed', called.id, `recall:${called.number}:${isKioskError(error) ? error.code : 'app/internal'}`);
      throw error;
    }
    this.#hallAudit(actor, 'hall-recalled', called.id, called.number);
    if (this.#called?.id === called.id) this.#called = { ...called, calls: ticket.calls };
    this.#changed();
  }

  /** 「不在」: the resident did not come; the number may be called again later (by its number, at the office). */
  async noShow(): Promise<void> {
    const actor = this.#requireActor();
    const office = this.#office();
    const called = this.#called;
    if (!called) throw new KioskError('session/nothing-called');
    try {
      await office.command(called.id, 'no-show', actor);
    } catch (error) {
      this.#hallAudit(
        actor,
        'hall-call-failed',
        called.id,
        `no-show:${called.number}:${isKioskError(error) ? error.code : 'app/internal'}`,
      );
      throw error;
    }
    this.#hallAudit(actor, 'hall-no-show', called.id, called.number);
    if (this.#called?.id === called.id) this.#called = null;
    this.#nobodyWaiting = false;
    this.#changed();
  }

  /** 「番号を指定して呼ぶ」: one number of today (a resident who came back, or out of turn) called here. */
  async callNumber(number: string): Promise<void> {
    const actor = this.#requireActor();
    const office = this.#office();
    if (this.#called) throw new KioskError('session/called-pending');
    const shift = this.#shift;
    let ticket: TicketView;
    try {
      ticket = await office.callNumber(number, actor);
    } catch (error) {
      this.#hallAudit(actor, 'hall-call-failed', null, `${number}:${isKioskError(error) ? error.code : 'app/internal'}`);
      throw error;
    }
    const called = { id: ticket.id, number: ticket.number, pool: ticket.pool, calls: ticket.calls };
    this.#hallAudit(actor, 'hall-called', ticket.id, ticket.number);
    // Signed out (or another number called) while the office answered: given back, as call-next's.
    if (shift !== this.#shift || this.#called) return this.#giveBack(called, actor);
    this.#called = called;
    this.#nobodyWaiting = false;
    this.#changed();
  }

  /** 「別の手続きの列へ」: the called resident belongs in another category's queue; they keep their number and their wait. */
  async transfer(to: Category): Promise<void> {
    const actor = this.#requireActor();
    const office = this.#office();
    const called = this.#called;
    if (!called) throw new KioskError('session/nothing-called');
    try {
      await office.transfer(called.id, to, actor);
    } catch (error) {
      this.#hallAudit(actor, 'hall-call-failed', called.id, `transfer:${isKioskError(error) ? error.code : 'app/internal'}`);
      throw error;
    }
    this.#hallAudit(actor, 'hall-transferred', called.id, `${called.number}:${to}`);
    if (this.#called?.id === called.id) this.#called = null;
    this.#changed();
  }

  /** A cancelled request's office ticket (numbered by the office or a lease): settled at the office. */
  #settleRequest(visit: Visit, request: NonNullable<Visit['request']>, actor: Actor): void {
    if (request.numbering === 'office' || request.numbering === 'lease')
      this.#settle(visit, { id: request.id, ticket: request.ticket, numbering: request.numbering }, request.category, actor);
  }

  /** A hall action in the audit log: who, at which counter, which ticket (id and number), the outcome. Never personal data. */
  #hallAudit(actor: Actor, action: AuditAction, ticketId: string | null, detail: string): void {
    this.#deps.audit.record({ staffId: actor.staffId, counter: actor.counter, action, reference: ticketId, detail });
  }

  /** The staff member who called `called` signed out: the ticket goes back to its pool at the office. */
  #giveBack(called: CalledTicket, actor: Actor): void {
    const office = this.#deps.office;
    if (!office) return;
    void office.giveBack({ id: called.id, pool: called.pool }, actor).then((outcome) => {
      this.#hallAudit(actor, 'hall-call-given-back', called.id, `${called.number}:${outcome}`);
      this.#deps.events.emit('queue-changed');
    });
  }

  /** Sign-out (by staff or idle): calls made for the staff who leave are given back; a call still in flight too, when it lands. */
  #endShift(): void {
    this.#shift++;
    const called = this.#called;
    const actor = this.#deps.actor();
    this.#called = null;
    this.#nobodyWaiting = false;
    if (called && actor) this.#giveBack(called, actor);
  }

  /**
   * An office ticket obtained or adopted for a visit that then ended without handing it over (終了
   * or sign-out while the office answered, or the printed request cancelled): nobody stands at the
   * counter for it, so it is settled at the office ('no-show', callable again by its number).
   */
  #settle(visit: Visit, ticket: OfficeTicket, category: Category, actor: Actor): void {
    const office = this.#deps.office;
    if (!office) return;
    void office.settle({ ...ticket, category }, actor).then((outcome) => {
      this.#audit(visit, 'office-ticket-settled', `${ticket.ticket}:${outcome}`, actor);
      this.#deps.events.emit('queue-changed');
    });
  }

  #parkedViews(): SessionView['parked'] {
    return this.#parked.map(({ visit, label, at }) => ({
      reference: visit.reference,
      label,
      familyName: familyNameOf(visit.members),
      ticket: visit.request?.ticket ?? null,
      step: visit.step,
      members: visit.members.length,
      parkedAt: officeTimeText(at),
    }));
  }

  residentView(): ResidentView {
    const visit = this.#visit;
    if (!visit) return WELCOME;
    let phase: ResidentView['phase'] = 'welcome';
    if (visit.card === 'pin') phase = 'pin';
    else if (visit.card === 'reading') phase = 'reading';
    // Told on the resident's own screen, in their language: not only by staff speaking.
    else if (visit.card === 'error' && visit.members.length === 0) phase = 'card-problem';
    else if (visit.step === 'ticket') phase = 'done';
    // Where to sign only once the set is on paper: before that the resident is still checking the data.
    else if (visit.request) phase = setPrinted(setJobs(visit.request)) ? 'sign' : 'printing';
    else if (visit.members.length > 0) phase = 'confirm';
    return {
      phase,
      pin: {
        retriesLeft: visit.pin.retriesLeft,
        lastTry: visit.pin.retriesLeft === 1,
        wrong: visit.pin.state === 'wrong',
        blocked: visit.pin.state === 'blocked',
      },
      members: visit.members.map((m) => ({
        name: m.name,
        furigana: m.furigana,
        birthDate: m.birthDate,
        birthDateWareki: toWareki(m.birthDate).text,
        sex: m.sex,
        relationship: m.relationship,
      })),
      address: visit.move ? newAddressLine(visit.move) : visit.cardAddress,
      move: visit.move
        ? {
            kind: visit.move.kind,
            date: visit.move.moveDate,
            dateWareki: toWareki(visit.move.moveDate).text,
            previousAddress: previousAddressLine(visit.move),
            newAddress: newAddressLine(visit.move),
            // As the forms print it (the household's phone): an empty box means none was given.
            phone: visit.move.phone || null,
          }
        : null,
      notifier: visit.move ? notifierIndex(visit) : null,
      correction: visit.correction,
      signForms:
        phase === 'sign' ? (visit.rendered?.signForms ?? []).map((f) => ({ ...f, signers: f.signers.map((s) => ({ ...s })) })) : [],
      idleTimer: endsOnIdle(visit),
      ticket: visit.step === 'ticket' ? (visit.request?.ticket ?? null) : null,
      estimatedWait: visit.step === 'ticket' && visit.request ? estimatedWait(visit.request) : null,
      receipt: visit.step === 'ticket' ? (visit.request?.receipt ?? null) : null,
    };
  }

  // ---- flow ---------------------------------------------------------------------------

  start(): void {
    this.#requireActor();
    this.#visit = newVisit(uuidv7(), this.#now());
    this.#audit(this.#visit, 'session-started');
    this.#changed();
  }

  async readCard(unlock: UnlockKind, codeB?: string): Promise<void> {
    const { visit } = this.#requireVisit();
    const card = this.#service(this.#deps.card, 'カードリーダー', 'card reader');
    visit.error = null;
    const reader = await this.#deps.readerName();
    if (!this.#isCurrent(visit)) return;
    if (!reader) {
      this.#fail(visit, new KioskError('card/reader-not-found'));
      return;
    }
    visit.reader = reader;
    if (unlock === 'code-b') {
      if (!codeB) throw new KioskError('session/code-b-required');
      await this.#read(visit, { kind: 'code-b', secret: new TextEncoder().encode(codeB) }, false);
      return;
    }
    try {
      const retries = await card.pinRetries(reader);
      if (!this.#isCurrent(visit)) return;
      if (retries <= 0) {
        visit.pin = { state: 'blocked', retriesLeft: 0 };
        this.#fail(visit, new KioskError('card/pin-blocked', { retriesLeft: 0 }));
        return;
      }
      visit.pin = { state: 'prompting', retriesLeft: retries };
      visit.card = 'pin';
    } catch (error) {
      if (this.#isCurrent(visit)) this.#fail(visit, error);
      return;
    }
    this.#changed();
  }

  /** From the resident's screen only. The PIN is handed to the card layer and not kept. */
  async submitPin(pin: string, confirmLastTry: boolean): Promise<boolean> {
    const visit = this.#visit;
    if (!visit || visit.card !== 'pin' || !visit.reader) {
      throw new KioskError('session/no-pin-request');
    }
    this.#touch(visit);
    if (visit.pin.retriesLeft === 1 && !confirmLastTry) return false;
    await this.#read(visit, { kind: 'pin', secret: new TextEncoder().encode(pin) }, confirmLastTry);
    return true;
  }

  cancelPin(): void {
    const visit = this.#visit;
    if (!visit || visit.card !== 'pin') return;
    this.#touch(visit);
    visit.card = visit.members.length > 0 ? 'read' : 'waiting';
    visit.pin = IDLE_PIN;
    this.#changed();
  }

  async #read(visit: Visit, unlock: Unlock, allowLastTry: boolean): Promise<void> {
    const actor = this.#deps.actor();
    const card = this.#service(this.#deps.card, 'カードリーダー', 'card reader');
    const reader = visit.reader;
    if (!reader) {
      unlock.secret.fill(0);
      return;
    }
    visit.card = 'reading';
    visit.busy = 'card-read';
    if (unlock.kind === 'pin') visit.pin = { ...visit.pin, state: 'checking' };
    this.#changed();
    let person: BasicInfo;
    try {
      person = await card.read(reader, unlock, { allowLastTry });
    } catch (error) {
      // The failure belongs to the visit that asked, whichever visit is current now.
      this.#audit(visit, 'card-read-failed', isKioskError(error) ? error.code : 'app/internal', actor);
      if (!this.#isCurrent(visit)) return;
      visit.busy = null;
      if (isKioskError(error) && error.code === 'card/pin-wrong') {
        visit.pin = { state: 'wrong', retriesLeft: error.retriesLeft ?? null };
        visit.card = 'pin';
        visit.error = serializeError(error);
        this.#changed();
      } else {
        // A pulled card or a reader fault is not a wrong PIN: the retry count is left as it was.
        visit.pin = isKioskError(error) && error.code === 'card/pin-blocked' ? { state: 'blocked', retriesLeft: 0 } : IDLE_PIN;
        this.#fail(visit, error);
      }
      return;
    }
    this.#audit(visit, 'card-read', unlock.kind, actor);
    // A read that outlived its visit is dropped here: its data never reaches the next resident.
    if (!this.#isCurrent(visit)) return;
    visit.busy = null;
    this.#onCardRead(visit, person);
    this.#changed();
  }

  /** A household has at most LIMITS.members members: the visit's arrays never grow without bound. */
  #roomForMember(visit: Visit): void {
    if (visit.members.length >= LIMITS.members)
      throw new KioskError('ipc/invalid-request', {
        ja: `世帯員は${LIMITS.members}人までです。`,
        en: `A household has at most ${LIMITS.members} members.`,
      });
  }

  #onCardRead(visit: Visit, person: BasicInfo): void {
    if (visit.members.length >= LIMITS.members) return;
    const first = visit.members.length === 0;
    visit.members.push({
      id: `m${++visit.memberSeq}`,
      name: person.name,
      furigana: '',
      birthDate: person.birthDate,
      sex: person.sex,
      relationship: first ? '世帯主' : '',
      fromCard: true,
      foreignResident: null,
    });
    if (first) visit.cardAddress = person.address;
    visit.pin = IDLE_PIN;
    visit.card = 'read';
    visit.step = 'members';
    visit.cardReadAt = this.#now();
    this.#invalidatePreview(visit);
  }

  #fail(visit: Visit, error: unknown): void {
    visit.card = 'error';
    visit.error = serializeError(error);
    this.#changed();
  }

  updateMember(
    id: string,
    patch: {
      furigana?: string | undefined;
      relationship?: string | undefined;
      foreignResident?: ForeignResident | null | undefined;
      familyRegister?: FamilyRegister | null | undefined;
    },
  ): void {
    const { visit } = this.#requireVisit();
    const member = visit.members.find((m) => m.id === id);
    if (!member) throw new KioskError('session/no-member');
    if (patch.furigana !== undefined) member.furigana = patch.furigana;
    if (patch.relationship !== undefined) member.relationship = patch.relationship;
    if (patch.foreignResident !== undefined) member.foreignResident = patch.foreignResident;
    if (patch.familyRegister !== undefined) member.familyRegister = patch.familyRegister;
    // A foreign resident has no 戸籍: ticking 外国人住民 drops a 本籍・筆頭者 typed before.
    if (member.foreignResident) member.familyRegister = null;
    visit.error = null;
    this.#householdChanged(visit);
  }

  addMember(input: NewMember): void {
    const { visit } = this.#requireVisit();
    this.#roomForMember(visit);
    visit.members.push({ ...input, foreignResident: input.foreignResident ?? null, id: `m${++visit.memberSeq}`, fromCard: false });
    if (visit.step === 'card') visit.step = 'members';
    this.#audit(visit, 'member-added', 'manual');
    this.#householdChanged(visit);
  }

  removeMember(id: string): void {
    const { visit } = this.#requireVisit();
    visit.members = visit.members.filter((m) => m.id !== id);
    // The removed member no longer makes the notice or supports the children.
    const { notifierId, supporterId } = visit.notice;
    if (notifierId === id || supporterId === id)
      visit.notice = {
        ...visit.notice,
        notifierId: notifierId === id ? null : notifierId,
        supporterId: supporterId === id ? null : supporterId,
      };
    this.#audit(visit, 'member-removed');
    this.#householdChanged(visit);
  }

  setMove(input: MoveInput): void {
    const { visit } = this.#requireVisit();
    visit.move = moveSchema.parse(input);
    visit.step = 'procedures';
    this.#householdChanged(visit);
  }

  /** Staff's answers to these questions; the other answers stay as they were. */
  setFacts(answers: VisitFacts): void {
    const { visit } = this.#requireVisit();
    const facts = { ...visit.facts, ...answers };
    if (Object.keys(facts).length > MAX_VISIT_FACTS) throw new KioskError('ipc/invalid-request');
    visit.facts = facts;
    this.#householdChanged(visit);
  }

  /** What staff learned by asking (届出人, 生計維持者, pension, insurance, 旧世帯主, 転出証明書). */
  setNotice(change: NoticeChange): void {
    const { visit } = this.#requireVisit();
    const notice: VisitNotice = { ...visit.notice };
    for (const [part, value] of Object.entries(change) as [NoticePart, unknown][])
      if (value !== undefined) Object.assign(notice, { [part]: value });
    for (const id of [notice.notifierId, notice.supporterId])
      if (id !== null && !visit.members.some((m) => m.id === id)) throw new KioskError('session/no-member');
    visit.notice = { ...notice };
    this.#householdChanged(visit);
  }

  toggleForm(formId: string, included: boolean, reason: string): void {
    const { visit } = this.#requireVisit();
    if (!visit.procedures.some((f) => f.id === formId)) {
      throw new KioskError('session/unknown-form');
    }
    visit.overrides.set(formId, { procedureId: formId, action: included ? 'add' : 'remove', reason });
    this.#audit(visit, included ? 'form-added' : 'form-removed', formId);
    this.#householdChanged(visit);
  }

  goTo(step: Step): void {
    const { visit } = this.#requireVisit();
    if (steps.indexOf(step) > steps.indexOf(FURTHEST_STEP[phaseOf(visit)])) {
      throw new KioskError('session/step-not-ready');
    }
    visit.step = step;
    visit.error = null;
    this.#changed();
  }

  #household(visit: Visit): HouseholdDraft {
    const move = visit.move;
    if (!move || visit.members.length === 0) {
      throw new KioskError('session/household-incomplete');
    }
    const head = visit.members.find((m) => m.relationship === '世帯主') ?? visit.members[0];
    return {
      reference: visit.reference,
      members: visit.members.map((m) => ({ ...m })),
      headId: head?.id ?? null,
      move: { ...move },
      facts: { ...visit.facts },
      notice: { ...visit.notice },
    };
  }

  /** Members, move, facts or overrides changed: decide the procedures again, drop the stale preview. */
  #householdChanged(visit: Visit): void {
    // Staff changed what the resident questioned (or something else): the resident checks again.
    visit.correction = null;
    const forms = this.#deps.forms;
    if (forms && visit.move) {
      try {
        visit.procedures = forms.decide(this.#household(visit), [...visit.overrides.values()]);
        visit.checklist = forms.checklist?.(this.#household(visit), [...visit.overrides.values()]) ?? [];
        visit.error = null;
      } catch (error) {
        visit.error = serializeError(error);
      }
    }
    this.#invalidatePreview(visit);
    this.#schedulePrepare(visit);
    this.#changed();
  }

  #invalidatePreview(visit: Visit): void {
    if (!hasPrinted(visit)) visit.rendered = null;
  }

  /** The input changed: drop what was rendered ahead and render again once staff pause. */
  #schedulePrepare(visit: Visit): void {
    if (visit.prepareTimer) clearTimeout(visit.prepareTimer);
    visit.prepareTimer = null;
    if (hasPrinted(visit)) return;
    visit.prepared = null;
    if (!this.#deps.forms || !visit.move || !visit.procedures.some((f) => f.included)) return;
    visit.prepareTimer = setTimeout(() => {
      visit.prepareTimer = null;
      if (!this.#isCurrent(visit) || visit.rendered || visit.busy) return;
      try {
        this.#prepare(visit);
      } catch {
        // An incomplete household: 「プレビューを作成」 will say what is missing.
      }
    }, PREPARE_DELAY_MS);
    visit.prepareTimer.unref?.();
  }

  /** The render for the visit's input as it is now: the one started ahead if the input is the same. */
  #prepare(visit: Visit): PreparedSet {
    const forms = this.#service(this.#deps.forms, '帳票作成', 'form engine');
    const household = this.#household(visit);
    const overrides = [...visit.overrides.values()];
    const key = JSON.stringify([household, overrides]);
    if (visit.prepared?.key === key) return visit.prepared;
    const prepared: PreparedSet = { key, result: forms.render(household, overrides), pages: new Map() };
    visit.prepared = prepared;
    prepared.result.then(
      (result) => {
        if (this.#isCurrent(visit) && visit.prepared === prepared) this.#prefetchPages(visit, { result, pages: prepared.pages });
      },
      () => {
        if (visit.prepared === prepared) visit.prepared = null;
      },
    );
    return prepared;
  }

  async renderPreview(): Promise<void> {
    const { actor, visit } = this.#requireVisit();
    // Refused before anything changes: no form engine, an incomplete household, no form chosen.
    this.#service(this.#deps.forms, '帳票作成', 'form engine');
    this.#household(visit);
    if (!visit.procedures.some((f) => f.included)) throw new KioskError('session/no-forms');
    visit.busy = 'preview';
    visit.step = 'preview';
    this.#changed();
    try {
      const prepared = this.#prepare(visit);
      const result = await prepared.result;
      // A change to the household while it rendered makes this set stale: it is never shown.
      if (!this.#isCurrent(visit) || visit.prepared !== prepared) return;
      visit.rendered = {
        result,
        preview: {
          forms: result.forms.map((f) => ({ id: f.id, title: f.title, pageCount: f.pageCount })),
          problems: result.problems.map((p) => ({ ...p })),
          signatureMarks: result.forms.map((f) => ({ formId: f.id, title: f.title, count: f.signatureMarks })),
        },
        previewMs: visit.cardReadAt === null ? null : Math.round(this.#now() - visit.cardReadAt),
        signForms: result.forms
          .filter((f) => f.signatureMarks > 0)
          .map((f) => ({
            formId: f.id,
            title: f.title,
            count: f.signatureMarks,
            signers: f.signers.map((s) => ({ name: s.member === null ? null : (visit.members[s.member]?.name ?? null), count: s.count })),
          })),
        pages: prepared.pages,
      };
      visit.error = null;
      this.#audit(visit, 'preview-rendered', String(result.forms.length), actor);
      this.#prefetchPages(visit, visit.rendered);
    } catch (error) {
      if (!this.#isCurrent(visit)) return;
      visit.error = serializeError(error);
    } finally {
      if (this.#isCurrent(visit)) {
        visit.busy = null;
        this.#changed();
      }
    }
  }

  /**
   * One page image. Pages are rasterised in main as soon as the set is rendered, the first page
   * first and one pdftoppm per core, so the console shows them as they come; a page staff click
   * open ('full') jumps the line.
   */
  async previewPage(formId: string, page: number, size: keyof typeof PREVIEW_DPI = 'thumbnail'): Promise<string> {
    const { visit } = this.#requireVisit();
    const rendered = visit.rendered;
    if (!rendered) throw new KioskError('session/no-page');
    const dataUrl = await this.#page(visit, rendered, formId, page, size);
    // Only the visit (and the render) that asked may see the page.
    if (!this.#isCurrent(visit) || visit.rendered !== rendered) throw new KioskError('session/no-page');
    return dataUrl;
  }

  #page(
    visit: Visit,
    rendered: Pick<RenderedSet, 'result' | 'pages'>,
    formId: string,
    page: number,
    size: keyof typeof PREVIEW_DPI,
  ): Promise<string> {
    const form = rendered.result.forms.find((f) => f.id === formId);
    if (!form || page > form.pageCount) return Promise.reject(new KioskError('session/no-page'));
    const key = `${formId}#${page}#${size}`;
    const cached = rendered.pages.get(key);
    if (cached) return cached;
    const image = this.#raster.run(async () => {
      // Queued behind others: a render replaced or a visit ended (or parked) meanwhile is not drawn.
      const wanted = visit.rendered?.pages === rendered.pages || visit.prepared?.pages === rendered.pages;
      if (!this.#isCurrent(visit) || !wanted) throw new KioskError('session/no-page');
      return this.#deps.rasterize(form.pdf, page, PREVIEW_DPI[size]);
    }, size === 'full');
    rendered.pages.set(key, image);
    image.catch(() => {
      if (rendered.pages.get(key) === image) rendered.pages.delete(key);
    });
    return image;
  }

  /** Starts every thumbnail in hand-over order, so the first page is drawn first. */
  #prefetchPages(visit: Visit, rendered: Pick<RenderedSet, 'result' | 'pages'>): void {
    for (const form of rendered.result.forms)
      for (let page = 1; page <= form.pageCount; page++)
        void this.#page(visit, rendered, form.id, page, 'thumbnail').catch(() => undefined);
  }

  async print(): Promise<void> {
    const { actor, visit } = this.#requireVisit();
    const rendered = visit.rendered;
    if (!rendered) throw new KioskError('session/no-preview');
    // The set went to the printer once: another copy is a reprint (asked for, audited), never a
    // second 印刷 from the preview step.
    if (visit.request && visit.request.printJobs.length > 0) throw new KioskError('session/already-printed');
    const queue = this.#service(this.#deps.queue, '受付キュー', 'queue');
    const printer = this.#service(this.#deps.printer, 'プリンター', 'printer');
    visit.busy = 'print';
    visit.step = 'print';
    this.#changed();
    try {
      if (!visit.request) {
        // No printer configured, or one the app must not print to: refused before any request exists.
        await printer.checkUsable?.();
        if (!this.#isCurrent(visit)) return;
        const household = this.#household(visit);
        const category = household.move.kind;
        // The office numbers the visit when the counter is linked to it (over HTTP, before any
        // SQLite transaction opens); cut off, a leased number; with neither, the counter's own.
        const office = this.#deps.office ?? null;
        // A resident called from the hall keeps the number they hold (no new number).
        const called = office ? this.#called : null;
        let given: OfficeTicket | null = called ? { id: called.id, ticket: called.number, numbering: 'office' } : null;
        if (office && !called) {
          given = await office.issue(category, actor);
          // The visit ended (or another press made its request) while the office answered: the
          // ticket is this visit's alone, never the next one's, and is settled at the office.
          if (!this.#isCurrent(visit) || visit.request) {
            if (given) this.#settle(visit, given, category, actor);
            return;
          }
        }
        const created = queue.enqueue(
          household,
          rendered.result.forms.map((f) => f.id),
          actor,
          ...(given ? [{ id: given.id, ticket: given.ticket }] : []),
        );
        if (office && !given) office.issuedLocally({ id: created.requestId, ticket: created.ticket, category }, actor);
        if (called && this.#called === called) this.#called = null;
        visit.request = {
          id: created.requestId,
          ticket: created.ticket,
          category,
          numbering: office ? (given?.numbering ?? 'local') : null,
          printJobs: [],
          formJobs: new Map(),
          issued: null,
          receipt: null,
        };
        this.#audit(visit, 'request-created', created.requestId);
      }
      const request = visit.request;
      const jobs = await printer.print(request.id, [{ name: printSetName(rendered.result), pdf: rendered.result.combined }]);
      request.printJobs = jobs;
      queue.advance(request.id, 'forms-printed', actor);
      this.#audit(visit, 'print-sent', request.id, actor);
      if (this.#isCurrent(visit)) visit.error = null;
    } catch (error) {
      if (this.#isCurrent(visit)) visit.error = serializeError(error);
    } finally {
      if (this.#isCurrent(visit)) {
        visit.busy = null;
        this.#changed();
      }
      this.#deps.events.emit('queue-changed', 'status-changed');
    }
  }

  /**
   * Hands over the ticket once every print job has completed: a ticket for forms still held at a
   * stopped printer sends the resident to wait for papers nobody has. Staff may override with a
   * stated reason (a code, audited).
   */
  async issueTicket(beforePrint: TicketBeforePrintReason | null = null): Promise<void> {
    const { actor, visit } = this.#requireVisit();
    const queue = this.#service(this.#deps.queue, '受付キュー', 'queue');
    const request = visit.request;
    if (!request) throw new KioskError('session/not-printed');
    // A second press (double click, two screens) hands over the same ticket once.
    if (request.issued) return;
    if (this.#deps.printer) {
      const jobs = await this.#deps.printer.jobs(request.id).catch(() => request.printJobs);
      if (!this.#isCurrent(visit) || request.issued) return;
      request.printJobs = jobs;
    }
    const printed = printedForTicket(setJobs(request), request.printJobs);
    if (!printed && beforePrint === null) {
      this.#changed();
      throw new KioskError('session/print-not-finished');
    }
    queue.advance(request.id, 'submitted', actor);
    const estimate = queue.estimateSeconds();
    request.issued = { estimatedWaitMinutes: estimate === null ? null : Math.ceil(estimate / 60) };
    visit.step = 'ticket';
    visit.error = null;
    if (printed) this.#audit(visit, 'ticket-issued', request.id, actor);
    else this.#audit(visit, 'ticket-issued-before-print', beforePrint, actor);
    request.receipt = 'printing';
    this.#changed();
    this.#deps.events.emit('queue-changed', 'status-changed');
    void this.#printReceipt(visit, request, actor);
    // The counter is done: the office's ticket waits for the back office (told now, or by the outbox later).
    const office = this.#deps.office;
    if (office && request.numbering !== null && request.numbering !== 'local')
      void office
        .handOver({ id: request.id, ticket: request.ticket, category: request.category }, actor)
        .then(() => this.#deps.events.emit('queue-changed'))
        .catch(() => undefined); // the outbox file closed (the app is closing): the office's ticket stays called here
  }

  /**
   * 「訂正が必要です」 on the resident's screen: staff see which section the resident questioned
   * (a deaf resident cannot simply say so). Only while they check the data.
   */
  requestCorrection(section: CorrectionSection): void {
    const visit = this.#visit;
    if (!visit || visit.members.length === 0 || visit.request) return;
    this.#touch(visit);
    visit.correction = section;
    this.#audit(visit, 'correction-requested', section);
    this.#changed();
  }

  clearCorrection(): void {
    const { visit } = this.#requireVisit();
    visit.correction = null;
    this.#changed();
  }

  /** The resident's language, from their screen; kept with the visit for the 受付票. */
  setResidentLanguage(language: ResidentLanguage): void {
    const visit = this.#visit;
    if (!visit) return;
    this.#touch(visit);
    if (visit.language === language) return;
    visit.language = language;
  }

  /**
   * Prints the 受付票 and follows its job until it has printed. Until then the card removal does not
   * end the visit (the screen is the only other place the number is); once it has printed, a card
   * already taken ends the visit.
   */
  async #printReceipt(visit: Visit, request: QueuedRequest, actor: Actor): Promise<void> {
    const forms = this.#deps.forms;
    const printer = this.#deps.printer;
    let state: ReceiptState = 'failed';
    try {
      if (!forms || !printer) throw new KioskError('session/service-unavailable');
      const pdf = await forms.receipt(this.#household(visit), {
        number: request.ticket,
        language: visit.language,
        estimatedWaitMinutes: request.issued?.estimatedWaitMinutes ?? null,
        procedures: visit.procedures.filter((p) => p.included).map((p) => ({ id: p.id, title: p.title })),
        counter: actor.counter,
        waitingArea: this.#deps.waitingArea ?? DEFAULT_WAITING_AREA,
        issuedAt: issuedAtText(Date.now()),
      });
      if (!this.#isCurrent(visit)) return;
      // To the receipt printer when the office has one, else a page of its own after the forms.
      const sent = await printer.print(request.id, [{ name: '受付票', pdf }], { receipt: true });
      const jobId = sent.at(-1)?.jobId;
      this.#audit(visit, 'receipt-sent', request.id, actor);
      for (;;) {
        const job = (await printer.jobs(request.id)).find((j) => j.jobId === jobId);
        if (!this.#isCurrent(visit)) return;
        if (job?.state === 'completed') {
          state = 'printed';
          break;
        }
        if (!job || job.state === 'failed') break;
        await new Promise((resolve) => setTimeout(resolve, this.#deps.receiptPollMs ?? 1000));
        if (!this.#isCurrent(visit)) return;
      }
    } catch {
      // Recorded below as failed: the resident screen tells them to ask staff; the number stays on it.
    }
    if (!this.#isCurrent(visit)) return;
    request.receipt = state;
    this.#changed();
    if (state === 'printed') await this.#endIfCardTaken(visit);
  }

  /**
   * Another copy of the printed set, or of one form of it (`formId`: a spoiled page of that form),
   * because a person asked for it. Always a new job of its own, audited: never a silent second print.
   */
  async reprint(formId?: string): Promise<void> {
    const { actor, visit } = this.#requireVisit();
    const request = visit.request;
    const rendered = visit.rendered;
    if (!request || !rendered) throw new KioskError('session/not-printed');
    const form = formId === undefined ? null : rendered.result.forms.find((f) => f.id === formId);
    if (form === undefined)
      throw new KioskError('session/unknown-form', {
        ja: 'その様式は印刷した帳票一式にありません。',
        en: 'That form is not in the printed set.',
      });
    const printer = this.#service(this.#deps.printer, 'プリンター', 'printer');
    const document = form
      ? { name: `${form.title}・再印刷`, pdf: form.pdf }
      : { name: printSetName(rendered.result, true), pdf: rendered.result.combined };
    const jobs = await printer.print(request.id, [document]);
    // The form's id (a code) when one form was reprinted, else the request's id.
    this.#audit(visit, 'reprint-sent', form ? form.id : request.id, actor);
    if (form) for (const job of jobs) request.formJobs.set(job.jobId, form.id);
    if (!this.#isCurrent(visit)) return;
    request.printJobs = [...request.printJobs.filter((j) => !jobs.some((n) => n.jobId === j.jobId)), ...jobs];
    this.#changed();
  }

  /**
   * Staff checked the printer for a job of this visit whose outcome the print service could not
   * tell (sent, then lost by CUPS): what they found is recorded and audited. Nothing is printed;
   * after 'not-printed', a reprint is their choice.
   */
  async resolvePrintOutcome(jobId: string, outcome: PrintOutcome): Promise<void> {
    const { actor, visit } = this.#requireVisit();
    const request = visit.request;
    const printer = this.#service(this.#deps.printer, 'プリンター', 'printer');
    if (!request || !request.printJobs.some((j) => j.jobId === jobId) || !printer.resolveOutcome)
      throw new KioskError('printer/unknown-job', { ja: '印刷ジョブが見つかりません。', en: 'Unknown print job.' });
    const job = await printer.resolveOutcome(jobId, outcome);
    this.#audit(visit, 'print-outcome-recorded', outcome, actor);
    if (!this.#isCurrent(visit)) return;
    request.printJobs = request.printJobs.map((j) => (j.jobId === jobId ? job : j));
    this.#changed();
  }

  /**
   * Parks the current visit (the family goes to fetch a document): it leaves both screens, whose
   * stores are wiped, and waits in this process's memory, never on disk. Refused while something
   * runs for it (a card read, a PIN on the resident's screen, a render, a print) and once its ticket
   * is handed over (that visit is finished, not paused). The resident screen shows the welcome
   * screen, so its idle timer does not run for a parked visit; it restarts when the visit resumes.
   */
  park(): void {
    const { actor, visit } = this.#requireVisit();
    if (visit.busy !== null || visit.card === 'pin' || visit.card === 'reading' || visit.request?.issued) {
      throw new KioskError('session/cannot-park');
    }
    if (this.#parked.length >= MAX_PARKED) throw new KioskError('session/too-many-parked');
    this.#park(visit, actor);
  }

  /** Moves the open visit to the parked list and off both screens. */
  #park(visit: Visit, actor: Actor): void {
    const label = `保留 ${++this.#parkSeq}`;
    this.#parked.push({ visit, label, at: this.#clock(), actor });
    visit.error = null;
    if (visit.prepareTimer) clearTimeout(visit.prepareTimer);
    visit.prepareTimer = null;
    this.#visit = null;
    this.#audit(visit, 'visit-parked', visit.step, actor);
    this.#deps.events.emit('wipe', 'session-changed', 'resident-changed');
  }

  /**
   * Resumes a parked visit where it was left. A visit open with nobody in it yet (started, no card
   * read) gives way; one with data must be parked or ended first.
   */
  resume(reference: string): void {
    const actor = this.#requireActor();
    this.#dropParkedOfPastDays();
    const index = this.#parked.findIndex((p) => p.visit.reference === reference);
    const parked = this.#parked[index];
    if (!parked) throw new KioskError('session/no-parked-visit');
    const open = this.#visit;
    if (open && (open.members.length > 0 || open.busy !== null || open.card === 'pin')) throw new KioskError('session/visit-open');
    if (open) this.end('cancelled');
    this.#parked.splice(index, 1);
    this.#visit = parked.visit;
    this.#audit(parked.visit, 'visit-resumed', parked.visit.step, actor);
    if (!parked.visit.rendered) this.#schedulePrepare(parked.visit);
    this.#changed();
  }

  /** Drops parked visits of an office day that has ended (their printed requests are cancelled). */
  #dropParkedOfPastDays(): void {
    const today = officeDay(this.#clock());
    const stale = this.#parked.filter((p) => officeDay(p.at) !== today);
    if (stale.length === 0) return;
    this.#parked = this.#parked.filter((p) => !stale.includes(p));
    for (const { visit, actor } of stale) this.#drop(visit, 'day-end', actor);
    this.#deps.events.emit('session-changed');
  }

  /** Drops a visit that is not the current one (parked): its printed request leaves the queue. */
  #drop(visit: Visit, reason: VisitEndReason, parkedBy: Actor): void {
    const request = visit.request;
    if (request && !request.issued && this.#deps.queue) {
      const actor = this.#deps.actor() ?? parkedBy;
      try {
        this.#deps.queue.advance(request.id, 'cancelled', actor);
        this.#audit(visit, 'request-cancelled', request.id, actor);
        this.#settleRequest(visit, request, actor);
        this.#deps.events.emit('queue-changed', 'status-changed');
      } catch {
        // Already finished in the queue (e.g. cancelled from the dashboard): nothing to undo.
      }
    }
    this.#audit(visit, 'session-ended', reason, this.#deps.actor() ?? parkedBy);
  }

  /**
   * Sign-out: the open visit and every parked one end (refused before, by the caller, while any of
   * them has printed forms without a ticket: staff decide those first).
   */
  endAll(reason: VisitEndReason): void {
    this.#endShift();
    const parked = this.#parked;
    this.#parked = [];
    for (const { visit, actor } of parked) this.#drop(visit, reason, actor);
    if (this.#visit) this.end(reason);
    else if (parked.length > 0) this.#deps.events.emit('wipe', 'session-changed', 'resident-changed');
  }

  /**
   * Staff idle sign-out (main/services/staff-idle.ts): nobody is at the console. Visits with nothing
   * printed end ('idle'). A visit whose forms were printed but got no ticket is never ended
   * silently: the open one is parked (it leaves both screens and waits in the 保留 list for the
   * next staff to sign in and decide), parked ones stay parked; if it cannot be parked (too many
   * parked) it stays open. Returns how many visits were kept, or null while a card read, a PIN or a
   * step is running for the open visit (the caller tries again shortly).
   */
  endForIdleSignOut(): { kept: number } | null {
    if (!this.canEndForIdleSignOut()) return null;
    this.#endShift();
    const open = this.#visit;
    const unticketed = (visit: Visit) => visit.request !== null && !visit.request.issued;
    const dropped = this.#parked.filter((p) => !unticketed(p.visit));
    this.#parked = this.#parked.filter((p) => unticketed(p.visit));
    for (const { visit, actor } of dropped) this.#drop(visit, 'idle', actor);
    let kept = this.#parked.length;
    if (open && unticketed(open)) {
      kept += 1;
      // Past the limit staff have for parking by hand: left open, it would stay on the resident
      // screen of an empty counter. Nothing runs for it (canEndForIdleSignOut).
      this.#park(open, this.#requireActor());
    } else if (open) {
      this.end('idle');
    } else if (dropped.length > 0) {
      this.#deps.events.emit('wipe', 'session-changed', 'resident-changed');
    }
    return { kept };
  }

  /** Whether nothing runs for the open visit (no card read, PIN, render or print): staff idle sign-out may end or park it. */
  canEndForIdleSignOut(): boolean {
    const open = this.#visit;
    return !open || (open.busy === null && open.card !== 'pin' && open.card !== 'reading');
  }

  /** Whether the open visit, or a parked one, has printed forms but no ticket yet: it cannot simply be dropped. */
  hasUnticketedPrint(): boolean {
    return [this.#visit, ...this.#parked.map((p) => p.visit)].some(
      (v) => v?.request !== null && v?.request !== undefined && !v.request.issued,
    );
  }

  /**
   * The resident screen's idle timer ran out. It is paused once the forms are rendered (the
   * resident is signing, or holds printed forms): a visit past that point is never ended by a
   * timer, only by staff (a renderer that sends this anyway is ignored, and audited). The screen
   * may send this at any moment: main ends the visit only if nobody has touched it for the whole
   * idle period by its own clock.
   */
  idleExpired(): void {
    const visit = this.#visit;
    if (!visit) return;
    if (!endsOnIdle(visit)) {
      this.#audit(visit, 'idle-ignored', visit.step);
      return;
    }
    const idleAfter = this.#deps.idleAfterMs ?? DEFAULT_IDLE_AFTER_MS;
    if (this.#now() - visit.lastActivityAt < idleAfter - IDLE_SLACK_MS) {
      this.#audit(visit, 'idle-ignored', 'not-idle');
      return;
    }
    this.end('idle');
  }

  /**
   * Ends the visit. A visit whose forms were printed but got no ticket is never dropped silently:
   * 'completed' is refused, and 'cancelled' cancels its request in the queue (staff confirmed it
   * on the console) so it is not counted as waiting.
   */
  end(reason: VisitEndReason): void {
    const visit = this.#visit;
    if (!visit) return;
    const request = visit.request;
    if (request && !request.issued) {
      if (reason !== 'cancelled') throw new KioskError('session/not-ticketed');
      const actor = this.#requireActor();
      const queue = this.#service(this.#deps.queue, '受付キュー', 'queue');
      queue.advance(request.id, 'cancelled', actor);
      this.#audit(visit, 'request-cancelled', request.id, actor);
      this.#settleRequest(visit, request, actor);
      this.#deps.events.emit('queue-changed', 'status-changed');
    }
    this.#audit(visit, 'session-ended', reason);
    if (visit.prepareTimer) clearTimeout(visit.prepareTimer);
    this.#visit = null;
    this.#deps.events.emit('wipe', 'session-changed', 'resident-changed');
  }

  async #onCardChange(): Promise<void> {
    this.#deps.events.emit('status-changed');
    const visit = this.#visit;
    if (visit) await this.#endIfCardTaken(visit);
  }

  /** After the ticket and its 受付票 have been handed over, taking the card ends the visit. */
  async #endIfCardTaken(visit: Visit): Promise<void> {
    if (visit.step !== 'ticket' || visit.request?.receipt !== 'printed' || !visit.reader || !this.#deps.card) return;
    const reader = visit.reader;
    const readers = await this.#deps.card.readers().catch(() => []);
    const present = readers.find((r) => r.name === reader)?.cardPresent ?? false;
    if (!present && this.#isCurrent(visit) && visit.step === 'ticket') this.end('card-removed');
  }

  dispose(): void {
    this.#unsubscribeCard?.();
    clearInterval(this.#dayEndTimer);
    this.#visit = null;
    this.#parked = [];
  }
}
