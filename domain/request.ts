// A request (one visit's business at the counter) and its lifecycle vocabulary: states, the
// events that move it, and which states count as live or waiting. The transition rules live
// with the queue (main/queue/lifecycle.ts); these names are shared by the database, the
// statistics, the contract and the screens.
import { z } from 'zod';
import { moveKind } from './move.ts';

export const requestState = z.enum([
  'received', // entered in the queue (the counter app: as its forms go to the printer)
  'forms-printed',
  'submitted', // signed and handed in, the ticket handed over: the resident waits in the hall
  'processing', // a counter has the case
  'ready', // resident called to collect
  'completed',
  'cancelled',
  'abandoned', // resident left / no-show
]);
export type RequestState = z.infer<typeof requestState>;
export const requestStates = requestState.options;

export const eventKind = z.enum([
  'received',
  'forms-printed',
  'submitted',
  'processing-started',
  'called',
  'completed',
  'cancelled',
  'abandoned',
]);
export type EventKind = z.infer<typeof eventKind>;
export const eventKinds = eventKind.options;

/** Why an event was recorded when no person decided it: `day-closed` = the office closed with the request still open. */
export const eventReason = z.enum(['day-closed']);
export type EventReason = z.infer<typeof eventReason>;

/** States in which a request is still in the hall (shown live, counted in the queue). */
export const liveStates = ['received', 'forms-printed', 'submitted', 'processing', 'ready'] as const satisfies readonly RequestState[];
/**
 * Live states in which the resident waits in the hall for a counter. Only 'submitted': before it the
 * resident is still at the counter (signing the printed forms, or a printed visit staff have yet to
 * resolve), and only a submitted request can be taken up ('processing-started').
 */
export const waitingStates = ['submitted'] as const satisfies readonly RequestState[];
export const finalStates = ['completed', 'cancelled', 'abandoned'] as const satisfies readonly RequestState[];

/** Who acted: a staff id at a counter (both codes, never names). */
export const actor = z.object({ staffId: z.string(), counter: z.string() });
export type Actor = z.infer<typeof actor>;

/** A form's id (forms/definitions/<id>.json): a code, never free text. */
export const FORM_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** A form's id as a request field (the IPC contract's reprint of one form). */
export const formId = z.string().regex(FORM_ID);
/** The forms a visit handed in, as one code: their ids sorted and joined by '+' (jumin-ido+kokuho-ido). */
export const formBundle = z
  .string()
  .max(1000)
  .refine((text) => text.split('+').every((id) => FORM_ID.test(id)), 'form ids joined by +');

/** The procedure category of a visit. A moving visit's category is its move kind. */
export const category = z.enum([...moveKind.options, 'household', 'certificate', 'other']);
export type Category = z.infer<typeof category>;

/** Each category with the letter its tickets carry (A-012 …) and its label for staff. */
export const categories: readonly { readonly id: Category; readonly letter: string; readonly label: string }[] = [
  { id: 'tennyu', letter: 'A', label: '転入' },
  { id: 'tenshutsu', letter: 'B', label: '転出' },
  { id: 'tenkyo', letter: 'C', label: '転居' },
  { id: 'household', letter: 'D', label: '世帯変更' },
  { id: 'certificate', letter: 'E', label: '証明書' },
  { id: 'other', letter: 'F', label: 'その他' },
];

/** the category's letter and the day's running number, three digits, more past 999 (never wraps). */
export function formatTicket(letter: string, number: number): string {
  return `${letter}-${String(number).padStart(3, '0')}`;
}

export function findCategory(idOrLetter: string): (typeof categories)[number] | undefined {
  return categories.find((c) => c.id === idOrLetter || c.letter === idOrLetter.toUpperCase());
}
