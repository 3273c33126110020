// The one check of every date that comes from outside (resident data, the IPC contract, the
// household file, the CLI's --day, --from/--to and --now): the text has the shape, and the
// calendar has the day. 2026-02-30 and 2026-13-45 are refused, never rolled over into March or
// turned into a RangeError deep inside. Shared by every layer (it depends on zod only).
import { z } from 'zod';
import { KioskError } from './errors.ts';

/** YYYY-MM-DD (the shape only; isRealDay also asks the calendar). */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Days in each month of a year of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function realYmd(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a YYYY-MM-DD text naming a day that exists (year 0001 to 9999). */
export function isRealDay(text: unknown): text is string {
  if (typeof text !== 'string' || !DAY_PATTERN.test(text)) return false;
  return realYmd(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

/**
 * Age in completed years on a day (both YYYY-MM-DD): one more from the birthday itself, as the forms
 * count it (by law a person ages the day before). A 29 February birthday counts from 1 March in a
 * common year. Shared by the forms' rules and the staff console.
 */
export function ageOn(birthIso: string, onIso: string): number {
  if (!isRealDay(birthIso) || !isRealDay(onIso)) throw new KioskError('forms/bad-date');
  const years = Number(onIso.slice(0, 4)) - Number(birthIso.slice(0, 4));
  return onIso.slice(5) < birthIso.slice(5) ? years - 1 : years;
}

/** A real calendar day as YYYY-MM-DD: the wire shape of every date (birth dates, move dates, ranges). */
export const isoDate = z.string().refine(isRealDay, { message: 'invalid_date' });
export type IsoDate = z.infer<typeof isoDate>;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * An ISO 8601 instant as the CLI takes it (--now): YYYY-MM-DD (00:00 UTC) or YYYY-MM-DDTHH:MM[:SS[.sss]]
 * with Z or an offset. Returns milliseconds, or null when the text is not a real date and time.
 */
export function parseInstant(text: string): number | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  if (!realYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  if (m[4] !== undefined) {
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return null;
    if (m[8] !== undefined && (Number(m[8]) > 14 || Number(m[9]) > 59)) return null;
  }
  const ms = Date.parse(m[4] === undefined ? `${text}T00:00:00Z` : text);
  return Number.isFinite(ms) ? ms : null;
}
