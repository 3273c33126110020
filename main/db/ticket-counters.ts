// The `ticket_counters` table: the last ticket number per office day and category letter.
import { prepared, type Db } from './statements.ts';

/** Allocates the next ticket number of the day and letter (never reused, survives restarts). */
export function nextTicketNumber(db: Db, day: string, letter: string): number {
  return prepared<[string, string], number>(
    db,
    `INSERT INTO ticket_counters (day, letter, last) VALUES (?, ?, 1)
       ON CONFLICT (day, letter) DO UPDATE SET last = last + 1 RETURNING last`,
  )
    .pluck()
    .get(day, letter) as number;
}

/** Raises the counter to at least `last` (the seeder, after writing past tickets). */
export function setTicketCounter(db: Db, day: string, letter: string, last: number): void {
  prepared<[string, string, number]>(
    db,
    'INSERT INTO ticket_counters (day, letter, last) VALUES (?, ?, ?) ON CONFLICT (day, letter) DO UPDATE SET last = max(last, excluded.last)',
  ).run(day, letter, last);
}

/** Every day's last ticket number per letter from `sinceDay` on (the high-water marks' check). */
export function ticketCountersSince(db: Db, sinceDay: string): { day: string; letter: string; last: number }[] {
  return prepared<[string], { day: string; letter: string; last: number }>(
    db,
    'SELECT day, letter, last FROM ticket_counters WHERE day >= ? ORDER BY day, letter',
  ).all(sinceDay);
}
