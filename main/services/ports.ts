// What the counter session needs from the card reader, the form engine, the queue and the
// printer. Each port is implemented by an adapter over the real module (main/services/*-adapter.ts);
// the types are the modules' and the domain's own, so an adapter only translates where the
// session truly needs something else.
import type { FloorView } from '../../domain/floor.ts';
import type { SyncFlagView } from '../../domain/office.ts';
import type { BasicInfo } from '../../devices/card/card-data.ts';
import type { ReaderInfo, Unlock } from '../../devices/card/card-service.ts';
import type { StaffOverride } from '../../forms/index.ts';
import type { Actor, EventKind } from '../../domain/request.ts';
import type { ChecklistItem, FormProblem, HouseholdDraft, Move, ProcedureChoice, VisitMember } from '../../domain/visit.ts';
import type { Dashboard, QueueLive } from '../../domain/statistics.ts';
import type { PrinterState, PrintJobSummary, PrintOutcome } from '../../domain/print-job.ts';
import type { ResidentLanguage } from '../../domain/language.ts';
import type { OfficeTickets } from '../sync/office-tickets.ts';

// ---- card -----------------------------------------------------------------------------

export interface CardPort {
  readonly demo: boolean;
  readers(): Promise<ReaderInfo[]>;
  /** Called on reader attach/detach and card insert/remove. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Remaining PIN tries, read without consuming one. */
  pinRetries(reader: string): Promise<number>;
  /** Reads the basic-4 data and zeroes the secret. Throws KioskError card/… (pin-wrong with retriesLeft, pin-blocked, card-removed, …). */
  read(reader: string, unlock: Unlock, options: { allowLastTry: boolean }): Promise<BasicInfo>;
  close(): Promise<void>;
}

// ---- forms ----------------------------------------------------------------------------

export interface RenderedForm {
  id: string;
  title: string;
  pdf: Uint8Array;
  pageCount: number;
  signatureMarks: number;
  /** Who signs those boxes (the member's index in the visit, null when the forms do not say), with how many each. */
  signers: { member: number | null; count: number }[];
  /** The render report's filled fields (binding ids, "#n" for member rows). */
  fieldsFilled: string[];
}

export interface RenderResult {
  forms: RenderedForm[];
  /** All forms in hand-over order, one print job. */
  combined: Uint8Array;
  problems: FormProblem[];
}

export interface FormsPort {
  /**
   * Yes/no facts the rules need, per member (keys "<memberId>:<fact>"), with the question staff ask;
   * ages on the day each rule takes them (the move's 異動日 or 届出日; today before the move is entered).
   */
  factQuestions(members: readonly VisitMember[], move?: Move | null): { key: string; label: string }[];
  lookupPostal(postalCode: string): { candidates: string[]; dataDate: string | null };
  /** Every procedure with its decision and reason (excluded ones too, so staff can add them). */
  decide(household: HouseholdDraft, overrides: readonly StaffOverride[]): ProcedureChoice[];
  /** What is done without a form or left to do elsewhere, as the 受付票 lists it (none when absent). */
  checklist?(household: HouseholdDraft, overrides: readonly StaffOverride[]): ChecklistItem[];
  render(household: HouseholdDraft, overrides: readonly StaffOverride[]): Promise<RenderResult>;
  /** The 受付票（控え）: ticket, wait, forms handed in, what follows; only the family name of the household. */
  receipt(household: HouseholdDraft, ticket: ReceiptTicket): Promise<Uint8Array>;
}

/** What the counter knows of the handed-over ticket when it prints the 受付票. */
export interface ReceiptTicket {
  number: string;
  language: ResidentLanguage;
  estimatedWaitMinutes: number | null;
  /** Procedures handed in (ids and titles, as decided for this visit). */
  procedures: readonly { id: string; title: string }[];
  counter: string;
  waitingArea: string;
  /** When it is issued, as printed. */
  issuedAt: string;
}

// ---- queue and statistics ------------------------------------------------------------

export interface QueuePort {
  /** Creates the request (ticket issued) for the visit's move kind, with its encrypted personal data. */
  /**
   * `given`: the ticket the office issued (or this counter took from its lease) for the visit; the
   * request takes its id and number. Absent: the counter numbers the ticket itself.
   */
  enqueue(
    household: HouseholdDraft,
    procedures: readonly string[],
    actor: Actor,
    given?: { id: string; ticket: string },
  ): { requestId: string; ticket: string };
  advance(requestId: string, event: Exclude<EventKind, 'received' | 'abandoned'>, actor: Actor): void;
  live(): QueueLive;
  /** Estimated wait in seconds for someone taking a ticket now. */
  estimateSeconds(): number | null;
  /** The office's current day (YYYY-MM-DD, office time zone). */
  today(): string;
  /** The supervisor statistics report for [from, to] (domain/statistics.ts). */
  stats(from: string, to: string): Dashboard;
  close(): void;
}

// ---- office link -----------------------------------------------------------------------

/** The link to the office service (office.service in KIOSK_CONFIG): the outbox worker behind it. */
export interface OfficeLinkPort {
  /** The office's URL (no token). */
  readonly url: string;
  /**
   * connected: the last push reached the office; not-connected: it has not (yet, or any more);
   * unauthorized: the office refused this machine's token. pending: events not yet answered for.
   */
  status(): { state: 'connected' | 'not-connected' | 'unauthorized'; pending: number; refused: number };
  /** Push now (after a queue change) instead of at the next tick. */
  kick(): void;
  /** The supervisor's floor view over the whole office (needs a supervisor machine's token: office/forbidden otherwise). */
  floor(from: string, to: string): Promise<FloorView>;
  /** What the office could not merge, still open; and marking one dealt with. */
  flags(): Promise<SyncFlagView[]>;
  resolveFlag(id: number): Promise<SyncFlagView[]>;
  /**
   * The floor computed from this counter's copy of the office log (main/sync/office-log.ts), for
   * when the office is out of reach; `pulledAt`: when the copy last reached the office (null: not
   * since this start). Without the office's flags and estimates (statistics/floor-from-log.ts).
   */
  floorFromCopy(from: string, to: string): { floor: FloorView; pulledAt: number | null };
  /** The office as the numbering authority: a visit's ticket, its hand-over (main/sync/office-tickets.ts). */
  readonly tickets: OfficeTickets;
  /** Stops the worker (waiting for a push under way) and closes the outbox file. */
  close(): Promise<void>;
}

// ---- printer -------------------------------------------------------------------------

/** The forms printer as staff see it: a spooler state, or why the app will not print at all. */
export type PrinterPortState = PrinterState | 'not-configured' | 'not-allowed';

export interface PrinterPort {
  /** null: no forms printer configured (printer/not-configured; there is no default). */
  readonly printerName: string | null;
  /** keepsCopies: the spooler keeps the forms it printed (CUPS PreserveJobFiles): IT staff must turn it off. */
  status(): Promise<{ state: PrinterPortState; heldJobs: number; keepsCopies?: boolean }>;
  /**
   * Throws when the app must not print at all: no printer configured (printer/not-configured), or a
   * CUPS-PDF queue outside demo mode (printer/pdf-queue-not-allowed). Asked before a request is created.
   */
  checkUsable?(options?: { receipt?: boolean }): Promise<void>;
  /**
   * Records and sends the documents; held (not lost) when the printer is stopped. `receipt`: to the
   * receipt printer when one is configured (the 受付票), else to the forms printer.
   */
  print(requestId: string, documents: { name: string; pdf: Uint8Array }[], options?: { receipt?: boolean }): Promise<PrintJobSummary[]>;
  jobs(requestId: string): Promise<PrintJobSummary[]>;
  /**
   * Staff checked the printer for a job whose outcome the print service could not tell
   * ('check-printer'): printed, or not printed (then a reprint is a person's choice). Nothing is sent.
   */
  resolveOutcome?(jobId: string, outcome: PrintOutcome): Promise<PrintJobSummary>;
}
