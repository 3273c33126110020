// What the counter session needs from the card reader, the form engine, the queue and the
// printer. Each port is implemented by an adapter over the real module (main/services/*-adapter.ts),
// so the session and the IPC handlers do not depend on those modules' exact shapes.
import type { Dashboard, QueueLive } from '../../domain/statistics.ts';
import type { Member, MoveKind } from '../ipc/contract.ts';

/** A stable error code plus the Japanese message, the next step for staff, and English. */
export class ServiceError extends Error {
  readonly code: string;
  readonly action: string;
  readonly messageEn: string;
  readonly retriesLeft: number | undefined;
  constructor(code: string, message: string, action: string, messageEn: string, retriesLeft?: number) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.action = action;
    this.messageEn = messageEn;
    this.retriesLeft = retriesLeft;
  }
}

// ---- card -----------------------------------------------------------------------------

export interface CardPerson {
  name: string;
  address: string;
  birthDate: string;
  sex: Member['sex'];
}

export interface ReaderState {
  name: string;
  cardPresent: boolean;
}

export type CardUnlock = { kind: 'pin'; pin: string } | { kind: 'code-b'; code: string };

export interface CardPort {
  readonly demo: boolean;
  readers(): Promise<ReaderState[]>;
  /** Called on reader attach/detach and card insert/remove. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** Remaining PIN tries, read without consuming one. */
  pinRetries(reader: string): Promise<number>;
  /** Reads the basic-4 data. Throws ServiceError (wrong-pin with retriesLeft, pin-blocked, card-removed, …). */
  read(reader: string, unlock: CardUnlock, options: { allowLastTry: boolean }): Promise<CardPerson>;
  close(): Promise<void>;
}

// ---- forms ----------------------------------------------------------------------------

export interface HouseholdDraft {
  reference: string;
  members: Member[];
  headId: string | null;
  move: {
    kind: MoveKind;
    moveDate: string;
    postalCode: string;
    address: string;
    building: string;
    previousPostalCode: string;
    previousAddress: string;
    phone: string;
  };
  facts: Record<string, boolean>;
}

export interface FormDecision {
  /** The procedure (what staff add or remove); its form is chosen by the move type. */
  id: string;
  title: string;
  reason: string;
  included: boolean;
  decidedBy: 'rule' | 'staff';
}

export interface FormOverride {
  procedureId: string;
  action: 'add' | 'remove';
  reason: string;
}

export interface RenderedForm {
  id: string;
  title: string;
  pdf: Uint8Array;
  pageCount: number;
  signatureMarks: number;
}

export interface RenderResult {
  forms: RenderedForm[];
  /** All forms in hand-over order, one print job. */
  combined: Uint8Array;
  problems: { formId: string; kind: 'hand-write' | 'overflow' | 'missing'; field: string; message: string }[];
}

export interface FormsPort {
  /** Yes/no facts the rules need, per member (keys "<memberId>:<fact>"), with the question staff ask. */
  factQuestions(members: Member[]): { key: string; label: string }[];
  lookupPostal(postalCode: string): { candidates: string[]; dataDate: string | null };
  /** Every procedure with its decision and reason (excluded ones too, so staff can add them). */
  decide(household: HouseholdDraft, overrides: FormOverride[]): FormDecision[];
  render(household: HouseholdDraft, overrides: FormOverride[]): Promise<RenderResult>;
}

// ---- queue and statistics ------------------------------------------------------------

export interface Actor {
  staffId: string;
  counter: string;
}

export interface QueuePort {
  /** Creates the request (ticket issued) with its encrypted personal data. */
  enqueue(
    input: { reference: string; category: string; procedures: string[]; personal: unknown },
    actor: Actor,
  ): { requestId: string; ticket: string };
  advance(requestId: string, to: 'printed' | 'submitted' | 'called' | 'in-service' | 'completed' | 'cancelled', actor: Actor): void;
  live(): QueueLive;
  /** Estimated wait in seconds for someone taking a ticket now. */
  estimateSeconds(): number | null;
  /** The office's current day (YYYY-MM-DD, office time zone). */
  today(): string;
  /** The supervisor statistics report for [from, to] (domain/statistics.ts). */
  stats(from: string, to: string): Dashboard;
  close(): void;
}

// ---- printer -------------------------------------------------------------------------

export interface PrintJobState {
  jobId: string;
  document: string;
  state: 'queued' | 'held' | 'printing' | 'completed' | 'failed';
}

export interface PrinterPort {
  readonly printerName: string;
  status(): Promise<{ state: 'ready' | 'printing' | 'stopped' | 'missing'; heldJobs: number }>;
  /** Records and sends the documents; held (not lost) when the printer is stopped. */
  print(requestId: string, documents: { name: string; pdf: Uint8Array }[]): Promise<PrintJobState[]>;
  jobs(requestId: string): Promise<PrintJobState[]>;
}
