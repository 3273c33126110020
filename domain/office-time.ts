// Office-local calendar: ticket numbers restart per office day and statistics group by it.
// Japan has no daylight saving time, so a fixed offset is exact for JST.
export const JST_OFFSET_MINUTES = 9 * 60;

export function officeDay(ms: number, offsetMinutes: number = JST_OFFSET_MINUTES): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function officeHour(ms: number, offsetMinutes: number = JST_OFFSET_MINUTES): number {
  return new Date(ms + offsetMinutes * 60_000).getUTCHours();
}

/** Milliseconds of 00:00 office time on the given YYYY-MM-DD. */
export function officeDayStart(day: string, offsetMinutes: number = JST_OFFSET_MINUTES): number {
  return Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export { DAY_PATTERN } from './dates.ts';
