// The IPC contract between the renderers (untrusted) and the main process: channel names,
// request and response schemas. Shared by electron/ (wiring), main/ (handlers), renderer/
// (typed client) and the end-to-end bridge. Plain TypeScript + zod only: no Node or Electron.
import { z } from 'zod';
import { unlockKind } from '../../domain/card.ts';
import type { SerializedError } from '../../domain/errors.ts';
import { errorCodes } from '../../domain/error-catalogue.ts';
import { staffId, staffIdentity } from '../../domain/staff.ts';
import { category, eventKind, formId } from '../../domain/request.ts';
import { moveKind } from '../../domain/move.ts';
import { residentLanguage } from '../../domain/language.ts';
import { isoDate, sex } from '../../domain/person.ts';
import { LIMITS } from '../../domain/limits.ts';
import { cleanText } from '../../domain/text.ts';
import { printerState, printJobSummary, printOutcome, ticketBeforePrintReason } from '../../domain/print-job.ts';
import {
  familyRegister,
  foreignResident,
  formProblem,
  memberId as id,
  move,
  postalCode,
  procedureChoice,
  checklistItem,
  visitEndReason,
  visitFacts,
  noticeChange,
  visitNotice,
  visitMember,
} from '../../domain/visit.ts';
import { dashboard, queueLive } from '../../domain/statistics.ts';
import { floorView } from '../../domain/floor.ts';
import { syncFlagView, ticketNumber, ticketNumbering } from '../../domain/office.ts';
import { steps, type ChannelName, type EventName, type ScreenName } from './channels.ts';

export {
  CHANNEL_PREFIX,
  EVENT_CHANNEL,
  channelNames,
  channelScreens,
  eventNames,
  eventScreens,
  screenNames,
  steps,
  type Step,
  type ChannelName,
  type EventName,
  type ScreenName,
} from './channels.ts';

const empty = z.object({}).strict();

/** An error as every screen receives it: domain/errors.ts's serialised form, checked on the wire. */
export const uiError = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  action: z.string(),
  messageEn: z.string(),
  retriesLeft: z.number().int().optional(),
}) satisfies z.ZodType<SerializedError>;
export type UiError = SerializedError;

export { role, staffIdentity, type Role, type StaffIdentity } from '../../domain/staff.ts';

export { moveKind, sex, move };
export type { MoveKind } from '../../domain/move.ts';
export type { Move } from '../../domain/visit.ts';

/** A household member as the staff console shows it: the visit's member plus a reading to accept. */
export const member = visitMember.extend({ furiganaSuggestion: z.string().nullable() });
export type Member = z.infer<typeof member>;

export const preview = z.object({
  forms: z.array(z.object({ id: z.string(), title: z.string(), pageCount: z.number().int().nonnegative() })),
  problems: z.array(formProblem),
  signatureMarks: z.array(z.object({ formId: z.string(), title: z.string(), count: z.number().int().nonnegative() })),
});
export type Preview = z.infer<typeof preview>;

/** What the resident can ask staff to correct on the confirmation screen. */
export const correctionSection = z.enum(['members', 'address', 'move']);
export type CorrectionSection = z.infer<typeof correctionSection>;

/** The 受付票（控え）'s print: the card may be taken only once it has printed. */
export const receiptState = z.enum(['printing', 'printed', 'failed']);

/**
 * The estimated wait as the 受付票 prints it: a range in minutes (約15〜25分), never one number that
 * reads like a promise. Computed once, by the receipt's waitRange (forms/receipt/receipt.ts).
 */
export const waitRange = z.object({ low: z.number().int().nonnegative(), high: z.number().int().nonnegative() });
export type WaitRange = z.infer<typeof waitRange>;

export const ticket = z.object({
  number: z.string(),
  requestId: z.string(),
  estimatedWaitMinutes: z.number().nullable(),
  /** The range the 受付票 prints for estimatedWaitMinutes; null when there is no estimate. */
  estimatedWait: waitRange.nullable(),
  /** Handed over (番号札を発行): before that the number exists only because the forms were printed. */
  issued: z.boolean(),
  receipt: receiptState.nullable(),
  /**
   * Where the number came from when the counter is linked to the office service: the office, this
   * counter's leased block (the office learns of it once it is back), or this counter alone (no
   * lease today: the office flags it; staff tell the resident). null: the counter works alone.
   */
  numbering: ticketNumbering.nullable(),
});

export const step = z.enum(steps);

export const pinState = z.object({
  state: z.enum(['idle', 'prompting', 'checking', 'wrong', 'blocked']),
  retriesLeft: z.number().int().nullable(),
});

/**
 * A visit parked at this counter (the family went to fetch a document): how the console lists it.
 * No personal data but the household's family name; its data stays in main's memory only.
 */
export const parkedVisit = z.object({
  reference: z.string(),
  /** 保留 1, 保留 2 … in the order they were parked at this counter. */
  label: z.string(),
  familyName: z.string().nullable(),
  ticket: z.string().nullable(),
  step,
  members: z.number().int().nonnegative(),
  /** When it was parked, office time (14:05). */
  parkedAt: z.string(),
});
export type ParkedVisit = z.infer<typeof parkedVisit>;

/** Calling the hall's next resident to this counter (the office service's call-next). */
export const hallView = z.object({
  /** The counter is linked to the office service (office.service in KIOSK_CONFIG); false: it works alone and calls no one. */
  linked: z.boolean(),
  /** The number called to this counter and not yet taken by a visit: the next visit's request keeps it. */
  called: z.object({ number: z.string(), calls: z.number().int().nonnegative() }).nullable(),
  /** The last 「次の方を呼ぶ」 found nobody waiting in this counter's pools. */
  nobodyWaiting: z.boolean(),
});
export type HallView = z.infer<typeof hallView>;

export const sessionView = z.object({
  active: z.boolean(),
  reference: z.string().nullable(),
  step,
  /** The furthest step staff may open now (the stepper disables the ones after it). */
  reachable: step,
  card: z.enum(['waiting', 'pin', 'reading', 'read', 'error']),
  pin: pinState,
  members: z.array(member),
  /** The address on the first card read (the previous address for a 転入). */
  cardAddress: z.string().nullable(),
  move: move.nullable(),
  facts: visitFacts,
  notice: visitNotice,
  factQuestions: z.array(z.object({ key: z.string(), label: z.string() })),
  forms: z.array(procedureChoice),
  /** What is done without a form or left to do elsewhere (the 受付票's list), for staff to tell the resident. */
  checklist: z.array(checklistItem),
  preview: preview.nullable(),
  previewMs: z.number().nullable(),
  /** The request's jobs; a reprint of one form (not the set) carries that form's id. */
  printJobs: z.array(printJobSummary.extend({ formId: formId.optional() })),
  ticket: ticket.nullable(),
  error: uiError.nullable(),
  /** What the core is doing for this visit right now (the console disables the matching buttons). */
  busy: z.enum(['card-read', 'preview', 'print']).nullable(),
  /** The resident pressed 「訂正が必要です」 for this section (deaf residents need it most). */
  correction: correctionSection.nullable(),
  /** Visits parked at this counter, oldest first (listed whether or not a visit is open). */
  parked: z.array(parkedVisit),
  hall: hallView,
});
export type SessionView = z.infer<typeof sessionView>;

export const residentView = z.object({
  /**
   * 'card-problem': the card could not be read (a locked PIN, a pulled card, a reader fault) and staff take over.
   * 'printing': the forms were sent to the printer and are not on paper yet; 'sign': they are (where to sign).
   */
  phase: z.enum(['welcome', 'pin', 'reading', 'card-problem', 'confirm', 'printing', 'sign', 'done']),
  pin: z.object({ retriesLeft: z.number().int().nullable(), lastTry: z.boolean(), wrong: z.boolean(), blocked: z.boolean() }),
  members: z.array(
    z.object({
      name: z.string(),
      furigana: z.string(),
      birthDate: isoDate,
      /** The birth date in 和暦 (昭和64年1月7日): the screen shows it with the 西暦 year, as the forms print it. */
      birthDateWareki: z.string(),
      sex,
      relationship: z.string(),
    }),
  ),
  address: z.string().nullable(),
  /** The move as the forms will print it: 旧住所 → 新住所, 異動日 and its kind, and the phone number (null when none was given). */
  move: z
    .object({
      kind: moveKind,
      date: isoDate,
      dateWareki: z.string(),
      previousAddress: z.string(),
      newAddress: z.string(),
      phone: z.string().nullable(),
    })
    .nullable(),
  /**
   * Who makes the notice (届出人), as the forms print it: the index in `members` of the member staff
   * chose, else of the 世帯主. Null before the move is entered, or with no 世帯主 and no choice (the
   * forms then leave the box for hand-writing).
   */
  notifier: z.number().int().min(0).nullable(),
  /** The section the resident asked staff to correct (「訂正が必要です」), until staff act on it. */
  correction: correctionSection.nullable(),
  /**
   * Once the forms printed ('sign' only): each form with signature boxes, and who signs them as the
   * forms engine resolved it (the name as on the card, shown on the resident's own screen; null when
   * the household does not say), with their number of boxes.
   */
  signForms: z.array(
    z.object({
      formId: z.string(),
      title: z.string(),
      count: z.number().int(),
      signers: z.array(z.object({ name: z.string().nullable(), count: z.number().int().positive() })),
    }),
  ),
  /** Whether the idle timer runs: main ends a visit by it only until its forms are rendered. */
  idleTimer: z.boolean(),
  ticket: z.string().nullable(),
  /** The same range as the staff console and the 受付票; null before the ticket or without an estimate. */
  estimatedWait: waitRange.nullable(),
  receipt: receiptState.nullable(),
});
export type ResidentView = z.infer<typeof residentView>;

export const deviceStatus = z.object({
  reader: z.object({
    state: z.enum(['ready', 'card-present', 'no-reader', 'unavailable']),
    name: z.string().nullable(),
    demo: z.boolean(),
  }),
  printer: z.object({
    // not-configured: no forms printer set (printer/not-configured); not-allowed: a CUPS-PDF queue outside demo mode.
    state: z.enum([...printerState.options, 'unavailable', 'not-configured', 'not-allowed']),
    name: z.string().nullable(),
    heldJobs: z.number().int(),
    /** What IT staff must set, when the app will not print at all (the catalogue's texts). */
    problem: uiError.nullable(),
  }),
  queue: z.object({ state: z.enum(['ok', 'unavailable']), waiting: z.number().int(), inService: z.number().int() }),
  /** The link to the office service (office.service in KIOSK_CONFIG); not-configured: the counter works alone. pending: events waiting to be sent; refused: events the office would not take (kept on this counter for IT). */
  office: z.object({
    state: z.enum(['not-configured', 'connected', 'not-connected', 'unauthorized']),
    pending: z.number().int(),
    refused: z.number().int(),
  }),
});
export type DeviceStatus = z.infer<typeof deviceStatus>;

export { dashboard, queueLive, type Dashboard, type QueueLive } from '../../domain/statistics.ts';

/** The supervisor's floor over the office link: the view and the flags, or linked: false (the counter works alone). */
/**
 * The supervisor's floor. source 'office': GET /v1/floor and the open flags; 'copy': the office is
 * out of reach and the floor was computed from this counter's copy of the log, as last pulled at
 * `pulledAt` (no flags then: only the office holds them).
 */
export const officeFloor = z.object({
  linked: z.boolean(),
  source: z.enum(['office', 'copy']),
  pulledAt: z.number().int().nullable(),
  floor: floorView.nullable(),
  flags: z.array(syncFlagView),
});
export type OfficeFloor = z.infer<typeof officeFloor>;
export type { FloorView } from '../../domain/floor.ts';

export const contract = {
  'app:info': {
    request: empty,
    response: z.object({
      name: z.string(),
      version: z.string(),
      demoMode: z.boolean(),
      idleTimeoutSeconds: z.number().int().positive(),
      idleCountdownSeconds: z.number().int().positive(),
    }),
  },
  'app:open-dashboard': { request: empty, response: empty },
  'status:get': { request: empty, response: deviceStatus },
  'auth:sign-in': {
    request: z
      .object({
        staffId,
        password: z.string().min(1).max(200),
        // No counter: it is the machine's (office config office.counter); a request naming one is refused.
      })
      .strict(),
    response: staffIdentity,
  },
  'auth:sign-out': { request: empty, response: empty },
  'auth:whoami': { request: empty, response: z.object({ staff: staffIdentity.nullable() }) },
  /** Main's idle sign-out: seconds left while this screen is in its warning minute, else null. */
  'auth:idle': { request: empty, response: z.object({ signOutInSeconds: z.number().int().nonnegative().nullable() }) },
  /** 続ける / Continue on the warning, or staff typing or clicking: the idle period starts again. */
  'auth:stay-signed-in': { request: empty, response: empty },
  'session:get': { request: empty, response: sessionView },
  'session:start': { request: empty, response: sessionView },
  'session:read-card': {
    request: z
      .object({
        unlock: unlockKind,
        codeB: z
          .string()
          .regex(/^\d{14}$/)
          .optional(),
      })
      .strict(),
    response: sessionView,
  },
  'session:update-member': {
    request: z
      .object({
        id,
        furigana: cleanText(LIMITS.fullKana, { name: true }).optional(),
        relationship: cleanText(LIMITS.relationship, { name: true }).optional(),
        foreignResident: foreignResident.nullable().optional(),
        familyRegister: familyRegister.nullable().optional(),
      })
      .strict(),
    response: sessionView,
  },
  'session:add-member': {
    request: z
      .object({
        name: cleanText(LIMITS.fullName, { min: 1, name: true }),
        furigana: cleanText(LIMITS.fullKana, { name: true }),
        birthDate: isoDate,
        sex,
        relationship: cleanText(LIMITS.relationship, { min: 1, name: true }),
        foreignResident: foreignResident.nullable().optional(),
      })
      .strict(),
    response: sessionView,
  },
  'session:remove-member': { request: z.object({ id }).strict(), response: sessionView },
  'session:set-move': { request: move.strict(), response: sessionView },
  // The facts staff answered now; main keeps the others.
  'session:set-facts': { request: z.object({ facts: visitFacts }).strict(), response: sessionView },
  // Only the parts staff changed; main keeps the others (two quick changes cannot undo each other).
  'session:set-notice': { request: z.object({ notice: noticeChange }).strict(), response: sessionView },
  'session:toggle-form': {
    request: z.object({ formId: id, included: z.boolean(), reason: z.string().min(1).max(200) }).strict(),
    response: sessionView,
  },
  'session:go-to': { request: z.object({ step }).strict(), response: sessionView },
  'session:preview': { request: empty, response: sessionView },
  'session:preview-page': {
    // size 'full': the page staff clicked open, at a resolution to zoom into.
    request: z.object({ formId: id, page: z.number().int().min(1).max(50), size: z.enum(['thumbnail', 'full']).optional() }).strict(),
    response: z.object({ dataUrl: z.string().startsWith('data:image/png;base64,') }),
  },
  'session:print': { request: empty, response: sessionView },
  'session:issue-ticket': { request: z.object({ beforePrint: ticketBeforePrintReason.optional() }).strict(), response: sessionView },
  'session:end': { request: z.object({ reason: visitEndReason.extract(['completed', 'cancelled']) }).strict(), response: sessionView },
  'session:keep-alive': { request: empty, response: empty },
  'session:idle-expired': { request: empty, response: empty },
  'postal:lookup': {
    request: z.object({ postalCode }).strict(),
    response: z.object({ candidates: z.array(z.string()), dataDate: z.string().nullable() }),
  },
  'resident:view': { request: empty, response: residentView },
  'resident:pin-submit': {
    // The PIN passes straight to the card layer; it is never stored, logged or echoed.
    request: z.object({ pin: z.string().regex(/^\d{4}$/), confirmLastTry: z.boolean() }).strict(),
    response: z.object({ accepted: z.boolean() }),
  },
  'resident:pin-cancel': { request: empty, response: empty },
  'resident:set-language': { request: z.object({ language: residentLanguage }).strict(), response: empty },
  'resident:request-correction': { request: z.object({ section: correctionSection }).strict(), response: empty },
  'session:clear-correction': { request: empty, response: sessionView },
  /** Another copy of the set, or of one form of it (formId: a spoiled page); audited, a new job. */
  'session:reprint': { request: z.object({ formId: formId.optional() }).strict(), response: sessionView },
  /** Staff checked the printer for a job shown as 'check-printer': printed or not (audited; nothing is sent). */
  'session:print-outcome': { request: z.object({ jobId: z.uuid(), outcome: printOutcome }).strict(), response: sessionView },
  'session:park': { request: empty, response: sessionView },
  'session:resume': { request: z.object({ reference: z.uuid() }).strict(), response: sessionView },
  'hall:call-next': { request: empty, response: sessionView },
  'hall:recall': { request: empty, response: sessionView },
  'hall:no-show': { request: empty, response: sessionView },
  /** Calls one number of today to this counter (a resident who came back after 「不在」, or out of turn). */
  'hall:call-number': { request: z.object({ number: ticketNumber }).strict(), response: sessionView },
  /** Sends the called resident to another category's queue, keeping the number and the wait. */
  'hall:transfer': { request: z.object({ to: category }).strict(), response: sessionView },
  'queue:live': { request: empty, response: queueLive },
  'queue:advance': {
    request: z.object({ requestId: id, to: eventKind.extract(['processing-started', 'called', 'completed', 'cancelled']) }).strict(),
    response: queueLive,
  },
  'stats:dashboard': { request: z.object({ from: isoDate, to: isoDate }).strict(), response: dashboard },
  'stats:csv': {
    request: z.object({ from: isoDate, to: isoDate }).strict(),
    response: z.object({ filename: z.string(), csv: z.string() }),
  },
  /** The whole office's floor and its open sync flags, through this machine's office link (linked: false when it has none). */
  'office:floor': { request: z.object({ from: isoDate, to: isoDate }).strict(), response: officeFloor },
  /** Marks one sync flag dealt with (「対応済みにする」); answers the flags still open. */
  'office:resolve-flag': {
    request: z.object({ id: z.number().int().positive() }).strict(),
    response: z.object({ flags: z.array(syncFlagView) }),
  },
} as const satisfies Record<ChannelName, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

/** What every invoke resolves to: errors travel as data so their code and next step survive the bridge. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: UiError };

/** The API the preload exposes as `window.kiosk`. */
export type KioskApi = {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>>;
  /** Subscribes to a push event; returns an unsubscribe function. */
  on(event: EventName, listener: () => void): () => void;
  /** The screen this window is (fixed by main, not chosen by the page). */
  readonly screen: ScreenName;
};
