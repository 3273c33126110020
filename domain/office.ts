// The office service's vocabulary: what counters push and pull, the hall's tickets and
// calls, number leases, and the two public views (waiting status, hall display). One definition
// for the service (office/), the counter's outbox worker (main/) and the tests. Nothing here may
// carry personal data: every object is strict, so a field the schema does not name (a name, an
// address) is refused, never stored.
import { z } from 'zod';
import { category, eventKind, eventReason, formBundle } from './request.ts';
import { counterId, staffId } from './staff.ts';
import { residentLanguage, type ResidentLanguage } from './language.ts';

/** A UUIDv7 in its text form (time-ordered; the office and the counters both make them, PostgreSQL 15 cannot). */
export const uuidv7 = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'UUIDv7');
/** Any UUID (a counter's request id may be an older version). */
export const uuidText = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'UUID');

/** An office id: a short code (one PostgreSQL may hold several offices). */
export const officeId = z.string().regex(/^[a-z0-9-]{1,32}$/);

/** A ticket as the hall sees it: the category's letter and the day's number, A-012. */
export const ticketNumber = z.string().regex(/^[A-Z]-\d{3,5}$/);

/** Milliseconds since the epoch, within a sane range (2020 … 2100). */
export const epochMs = z.number().int().min(1_577_836_800_000).max(4_102_444_800_000);

/**
 * Every event kind in the office log: the counter's request events (domain/request.ts) plus what
 * the office itself records when a ticket is issued, called, recalled, marked absent or transferred.
 */
export const officeEventKind = z.enum([
  ...eventKind.options,
  'ticket-issued',
  'recalled',
  'no-show',
  'transferred',
  'handed-over',
  'ticket-completed',
]);
export type OfficeEventKind = z.infer<typeof officeEventKind>;

/**
 * Where a ticket is on its way through the windows: 'counter' (the 書かない窓口, the resident is
 * there), 'processing' (the back office works on it; the resident waits and is not called), then
 * 'delivery' (交付: the resident is called back to collect). A ticket only moves forward.
 */
export const ticketStage = z.enum(['counter', 'processing', 'delivery']);
export type TicketStage = z.infer<typeof ticketStage>;

/**
 * Where a linked counter's ticket number came from: the office, this counter's leased block (the
 * office learns of it once it is back), or this counter alone (no lease today: the office flags it).
 */
export const ticketNumbering = z.enum(['office', 'lease', 'local']);
export type TicketNumbering = z.infer<typeof ticketNumbering>;

/** One event as a counter pushes it. `id` makes the push idempotent; the office assigns `seq`. */
export const officeEvent = z.strictObject({
  id: uuidv7,
  /** The visit (the counter's request id, or the office's ticket id) the event belongs to: a UUIDv7, like every ticket id. */
  visitId: uuidv7,
  kind: officeEventKind,
  at: epochMs,
  counter: counterId.nullable(),
  staff: staffId.nullable(),
  category: category.nullable(),
  ticket: ticketNumber.nullable(),
  reason: eventReason.nullable(),
  /** The stage the ticket was at (the stage it moved to, for handed-over); null for the counter's own request events. */
  stage: ticketStage.nullable().default(null),
  /** The forms the visit handed in (the counter's request events; null before they are decided, and for the office's own events). */
  forms: formBundle.nullable().default(null),
});
export type OfficeEvent = z.infer<typeof officeEvent>;

export const MAX_PUSH_BATCH = 500;

export const pushRequest = z.strictObject({ events: z.array(officeEvent).min(1).max(MAX_PUSH_BATCH) });
export type PushRequest = z.infer<typeof pushRequest>;

/** Per pushed event, in the order sent: its office sequence, and whether this push stored it or an earlier one had. */
export const pushResponse = z.strictObject({
  results: z
    .array(
      z.strictObject({
        id: uuidv7,
        seq: z.number().int().positive(),
        status: z.enum(['stored', 'duplicate', 'conflict']),
      }),
    )
    .max(MAX_PUSH_BATCH),
});
export type PushResponse = z.infer<typeof pushResponse>;

/** An event in the office log: the pushed fields plus the office sequence and where it came from. */
export const loggedEvent = officeEvent.extend({
  seq: z.number().int().positive(),
  source: z.enum(['counter', 'office']),
  /** The machine that pushed or caused it. */
  machine: z.string().max(16),
});
export type LoggedEvent = z.infer<typeof loggedEvent>;

export const MAX_PULL = 1000;

export const pullResponse = z.strictObject({
  events: z.array(loggedEvent).max(MAX_PULL),
  /** The cursor to pull after next time (the last sequence returned, or the one asked for). */
  cursor: z.number().int().nonnegative(),
  /** The office's newest sequence: more to pull while cursor < head. */
  head: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof pullResponse>;

/** Where a ticket is: waiting in its category's pool, called to a counter, or done. */
export const ticketState = z.enum(['waiting', 'called', 'no-show', 'completed']);
export type TicketState = z.infer<typeof ticketState>;

export const ticketView = z.strictObject({
  id: uuidv7,
  number: ticketNumber,
  day: z.string(),
  /** The category the number was issued in (its letter). */
  category,
  /** The category whose pool it waits in now (differs after a transfer). */
  pool: category,
  state: ticketState,
  stage: ticketStage,
  issuedAt: epochMs,
  /** When it began to wait at its stage (its issue, or its hand-over to this stage). */
  waitingSince: epochMs,
  calledAt: epochMs.nullable(),
  counter: counterId.nullable(),
  calls: z.number().int().nonnegative(),
});
export type TicketView = z.infer<typeof ticketView>;

/** Issue a ticket. `id` (a UUIDv7 chosen by the caller) makes a retried request return the same ticket. */
export const issueTicketRequest = z.strictObject({ id: uuidv7, category, staff: staffId.nullable() });

/** Call the longest-waiting ticket of the given pools. `id` is the call's event id (a retry returns the same call). */
export const callNextRequest = z.strictObject({
  id: uuidv7,
  pools: z.array(category).min(1).max(16),
  staff: staffId,
  /** The stage the calling window serves: the 書かない窓口 by default, the back office, or 交付. */
  stage: ticketStage.default('counter'),
});

/** Call a specific ticket, recall it, mark it absent or completed. */
export const ticketCommandRequest = z.strictObject({ id: uuidv7, staff: staffId });

export const transferRequest = z.strictObject({ id: uuidv7, staff: staffId, to: category });

/** The calling window is done with its stage: the ticket waits for the next one (a later stage only). */
export const handOverRequest = z.strictObject({ id: uuidv7, staff: staffId, to: ticketStage.exclude(['counter']) });

export const ticketResponse = z.strictObject({ ticket: ticketView.nullable() });

/** A block of numbers a counter may issue on its own while cut off from the office. */
export const leaseRequest = z.strictObject({ category, size: z.number().int().min(1).max(200) });
export const leaseView = z.strictObject({
  day: z.string(),
  category,
  letter: z.string(),
  counter: counterId,
  first: z.number().int().positive(),
  last: z.number().int().positive(),
});
export type LeaseView = z.infer<typeof leaseView>;

/** The published waiting status: numbers only (counts, ticket numbers, minutes). */
export const publicStatus = z.strictObject({
  office: officeId,
  day: z.string(),
  updatedAt: epochMs,
  categories: z.array(
    z.strictObject({
      category,
      letter: z.string(),
      label: z.string(),
      waiting: z.number().int().nonnegative(),
      calling: z.array(ticketNumber),
      /** A range in minutes from today's measured waits in this pool, or null before there are any. */
      estimatedWaitMinutes: z.strictObject({ low: z.number().int().nonnegative(), high: z.number().int().nonnegative() }).nullable(),
    }),
  ),
});
export type PublicStatus = z.infer<typeof publicStatus>;

/** The hall display: the latest calls (number and counter), newest first. */
export const displayView = z.strictObject({
  day: z.string(),
  head: z.number().int().nonnegative(),
  calls: z.array(
    z.strictObject({ seq: z.number().int().positive(), number: ticketNumber, counter: counterId, at: epochMs, recall: z.boolean() }),
  ),
});
export type DisplayView = z.infer<typeof displayView>;

/** What the office could not merge, for the supervisor: the kind, the ticket, the machine; never a person. */
export const syncFlagKind = z.enum(['event-conflict', 'outside-lease', 'number-collision', 'double-call', 'wrong-counter']);
export const syncFlagView = z.strictObject({
  id: z.number().int().positive(),
  kind: syncFlagKind,
  ticket: ticketNumber.nullable(),
  machine: z.string(),
  eventId: uuidv7,
  raisedAt: epochMs,
});
export type SyncFlagView = z.infer<typeof syncFlagView>;
export const syncFlagsResponse = z.strictObject({ flags: z.array(syncFlagView) });

/**
 * What a machine is for. 'counter' and 'supervisor' machines are programs holding a token;
 * 'reception', 'processing' and 'delivery' machines are browsers showing the office's own pages
 * (/reception, /window): they sign in with a one-time link and hold only a session cookie.
 */
export const machineRole = z.enum(['counter', 'supervisor', 'reception', 'processing', 'delivery']);
export type MachineRole = z.infer<typeof machineRole>;
export const PAGE_ROLES: readonly MachineRole[] = ['reception', 'processing', 'delivery'];

/** The one-time code of a sign-in link (the part after '#'), exchanged once for a session. */
export const signInCode = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/);
export const signInRequest = z.strictObject({ code: signInCode, staff: staffId });

/** A page's session: which machine, who signed it in, until when (the end of the office day). */
export const sessionView = z.strictObject({
  machine: counterId,
  role: machineRole,
  staff: staffId,
  expiresAt: epochMs,
  /** Whether the office has a public status URL, so the reception's slip carries a QR code. */
  qr: z.boolean(),
});
export type SessionView = z.infer<typeof sessionView>;

/** A window page's view of its stage: how many wait there, and the ticket this window holds now. */
export const stageQueueView = z.strictObject({
  stage: ticketStage,
  waiting: z.number().int().nonnegative(),
  current: ticketView.nullable(),
});
export type StageQueueView = z.infer<typeof stageQueueView>;

/**
 * Where one number is on its way, in words a resident understands: waiting for the counter, called
 * (to which window), in the back office, ready for 交付, called for 交付, done, or called and absent.
 */
export const ticketPhase = z.enum(['waiting', 'called', 'processing', 'ready', 'delivery-called', 'completed', 'no-show']);
export type TicketPhase = z.infer<typeof ticketPhase>;

/** The same words in every language the resident screen speaks (domain/language.ts). */
const wordsSchema = z.strictObject(
  Object.fromEntries(residentLanguage.options.map((language) => [language, z.string()])) as Record<ResidentLanguage, z.ZodString>,
);

/**
 * The published status of one of today's numbers (/v1/status/A-012): numbers and words only. No
 * ticket id, no staff, no machine but the window it is called to (the hall display shows that too).
 */
export const ticketStatusView = z.strictObject({
  number: ticketNumber,
  day: z.string(),
  stage: ticketStage,
  state: ticketState,
  phase: ticketPhase,
  words: wordsSchema,
  /** The window it is called to, while called at the counter or for 交付. */
  counter: counterId.nullable(),
  /** Numbers waiting before it at its stage (null when it is not waiting). */
  ahead: z.number().int().nonnegative().nullable(),
  /** What is likely still to wait, in minutes, from today's waits at its stage; null when unknown or not waiting. */
  estimatedWaitMinutes: z.strictObject({ low: z.number().int().nonnegative(), high: z.number().int().nonnegative() }).nullable(),
  updatedAt: epochMs,
});
export type TicketStatusView = z.infer<typeof ticketStatusView>;

/**
 * The public status URL of one number: `<base>?ticket=A-012`. The base is the city's relay of the
 * office's /status page (a static page works too); the QR codes on the 受付票 carry it.
 */
export function ticketStatusUrl(base: string, number: string): string {
  const url = new URL(base);
  url.searchParams.set('ticket', ticketNumber.parse(number));
  return url.toString();
}
