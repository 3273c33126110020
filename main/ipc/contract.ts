// The IPC contract between the renderers (untrusted) and the main process: channel names,
// request and response schemas. Shared by electron/ (wiring), main/ (handlers), renderer/
// (typed client) and the end-to-end bridge. Plain TypeScript + zod only: no Node or Electron.
import { z } from 'zod';
import { dashboard, queueLive } from '../../domain/statistics.ts';
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
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/);

/** A staff-facing error: stable code, Japanese message and what to do next, English second. */
export const uiError = z.object({
  code: z.string(),
  message: z.string(),
  action: z.string(),
  messageEn: z.string(),
});
export type UiError = z.infer<typeof uiError>;

export const role = z.enum(['staff', 'supervisor']);
export type Role = z.infer<typeof role>;
export const staffIdentity = z.object({ staffId: z.string(), role, counter: z.string() });
export type StaffIdentity = z.infer<typeof staffIdentity>;

export const sex = z.enum(['male', 'female', 'not-applicable', 'unknown']);
export const moveKind = z.enum(['tennyu', 'tenkyo', 'tenshutsu']);
export type MoveKind = z.infer<typeof moveKind>;

export const member = z.object({
  id,
  name: z.string(),
  furigana: z.string(),
  furiganaSuggestion: z.string().nullable(),
  birthDate: isoDate,
  sex,
  relationship: z.string(),
  fromCard: z.boolean(),
});
export type Member = z.infer<typeof member>;

export const move = z.object({
  kind: moveKind,
  moveDate: isoDate,
  postalCode: z.string().regex(/^\d{3}-?\d{4}$/),
  address: z.string().min(1).max(200),
  building: z.string().max(100),
  previousPostalCode: z.string().regex(/^\d{3}-?\d{4}$/),
  previousAddress: z.string().min(1).max(200),
  phone: z.string().regex(/^[0-9+\-() ]{0,20}$/),
});
export type Move = z.infer<typeof move>;

export const formChoice = z.object({
  id: z.string(),
  title: z.string(),
  reason: z.string(),
  selected: z.boolean(),
  decidedBy: z.enum(['rule', 'staff']),
});
export type FormChoice = z.infer<typeof formChoice>;

export const previewProblem = z.object({
  formId: z.string(),
  kind: z.enum(['hand-write', 'overflow', 'missing']),
  field: z.string(),
  message: z.string(),
});
export type PreviewProblem = z.infer<typeof previewProblem>;

export const preview = z.object({
  forms: z.array(z.object({ id: z.string(), title: z.string(), pageCount: z.number().int().nonnegative() })),
  problems: z.array(previewProblem),
  signatureMarks: z.array(z.object({ formId: z.string(), title: z.string(), count: z.number().int().nonnegative() })),
});
export type Preview = z.infer<typeof preview>;

export const printJob = z.object({
  jobId: z.string(),
  document: z.string(),
  state: z.enum(['queued', 'held', 'printing', 'completed', 'failed']),
});
export const ticket = z.object({
  number: z.string(),
  requestId: z.string(),
  estimatedWaitMinutes: z.number().nullable(),
});

export const step = z.enum(steps);

export const pinState = z.object({
  state: z.enum(['idle', 'prompting', 'checking', 'wrong', 'blocked']),
  retriesLeft: z.number().int().nullable(),
});

export const sessionView = z.object({
  active: z.boolean(),
  reference: z.string().nullable(),
  step,
  card: z.enum(['waiting', 'pin', 'reading', 'read', 'error']),
  pin: pinState,
  members: z.array(member),
  /** The address on the first card read (the previous address for a 転入). */
  cardAddress: z.string().nullable(),
  move: move.nullable(),
  facts: z.record(z.string(), z.boolean()),
  factQuestions: z.array(z.object({ key: z.string(), label: z.string() })),
  forms: z.array(formChoice),
  preview: preview.nullable(),
  previewMs: z.number().nullable(),
  printJobs: z.array(printJob),
  ticket: ticket.nullable(),
  error: uiError.nullable(),
  busy: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const residentView = z.object({
  phase: z.enum(['welcome', 'pin', 'reading', 'confirm', 'sign', 'done']),
  pin: z.object({ retriesLeft: z.number().int().nullable(), lastTry: z.boolean(), wrong: z.boolean(), blocked: z.boolean() }),
  members: z.array(z.object({ name: z.string(), furigana: z.string(), birthDate: isoDate, relationship: z.string() })),
  address: z.string().nullable(),
  signForms: z.array(z.object({ title: z.string(), count: z.number().int() })),
  ticket: z.string().nullable(),
});
export type ResidentView = z.infer<typeof residentView>;

export const deviceStatus = z.object({
  reader: z.object({
    state: z.enum(['ready', 'card-present', 'no-reader', 'unavailable']),
    name: z.string().nullable(),
    demo: z.boolean(),
  }),
  printer: z.object({
    state: z.enum(['ready', 'printing', 'stopped', 'missing', 'unavailable']),
    name: z.string().nullable(),
    heldJobs: z.number().int(),
  }),
  queue: z.object({ state: z.enum(['ok', 'unavailable']), waiting: z.number().int(), inService: z.number().int() }),
});
export type DeviceStatus = z.infer<typeof deviceStatus>;

export { dashboard, queueLive, type Dashboard, type QueueLive } from '../../domain/statistics.ts';

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
        staffId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
        password: z.string().min(1).max(200),
        counter: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/),
      })
      .strict(),
    response: staffIdentity,
  },
  'auth:sign-out': { request: empty, response: empty },
  'auth:whoami': { request: empty, response: z.object({ staff: staffIdentity.nullable() }) },
  'session:get': { request: empty, response: sessionView },
  'session:start': { request: empty, response: sessionView },
  'session:read-card': {
    request: z
      .object({
        unlock: z.enum(['pin', 'code-b']),
        codeB: z
          .string()
          .regex(/^\d{14}$/)
          .optional(),
      })
      .strict(),
    response: sessionView,
  },
  'session:update-member': {
    request: z.object({ id, furigana: z.string().max(100).optional(), relationship: z.string().max(20).optional() }).strict(),
    response: sessionView,
  },
  'session:add-member': {
    request: z
      .object({
        name: z.string().min(1).max(60),
        furigana: z.string().max(100),
        birthDate: isoDate,
        sex,
        relationship: z.string().min(1).max(20),
      })
      .strict(),
    response: sessionView,
  },
  'session:remove-member': { request: z.object({ id }).strict(), response: sessionView },
  'session:set-move': { request: move.strict(), response: sessionView },
  'session:set-facts': { request: z.object({ facts: z.record(z.string().max(40), z.boolean()) }).strict(), response: sessionView },
  'session:toggle-form': {
    request: z.object({ formId: id, selected: z.boolean(), reason: z.string().min(1).max(200) }).strict(),
    response: sessionView,
  },
  'session:go-to': { request: z.object({ step }).strict(), response: sessionView },
  'session:preview': { request: empty, response: sessionView },
  'session:preview-page': {
    request: z.object({ formId: id, page: z.number().int().min(1).max(50) }).strict(),
    response: z.object({ dataUrl: z.string().startsWith('data:image/png;base64,') }),
  },
  'session:print': { request: empty, response: sessionView },
  'session:issue-ticket': { request: empty, response: sessionView },
  'session:end': { request: z.object({ reason: z.enum(['completed', 'cancelled']) }).strict(), response: sessionView },
  'session:keep-alive': { request: empty, response: empty },
  'session:idle-expired': { request: empty, response: empty },
  'postal:lookup': {
    request: z.object({ postalCode: z.string().regex(/^\d{3}-?\d{4}$/) }).strict(),
    response: z.object({ candidates: z.array(z.string()), dataDate: z.string().nullable() }),
  },
  'resident:view': { request: empty, response: residentView },
  'resident:pin-submit': {
    // The PIN passes straight to the card layer; it is never stored, logged or echoed.
    request: z.object({ pin: z.string().regex(/^\d{4}$/), confirmLastTry: z.boolean() }).strict(),
    response: z.object({ accepted: z.boolean() }),
  },
  'resident:pin-cancel': { request: empty, response: empty },
  'queue:live': { request: empty, response: queueLive },
  'queue:advance': {
    request: z.object({ requestId: id, to: z.enum(['called', 'in-service', 'completed', 'cancelled']) }).strict(),
    response: queueLive,
  },
  'stats:dashboard': { request: z.object({ from: isoDate, to: isoDate }).strict(), response: dashboard },
  'stats:csv': {
    request: z.object({ from: isoDate, to: isoDate }).strict(),
    response: z.object({ filename: z.string(), csv: z.string() }),
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
