// The ticket high-water marks: each office day's last ticket number per letter, kept in a small
// file beside the master key, outside the database. A database truncated to 0 bytes, deleted, or
// replaced by an older copy would otherwise number from A-001 again on the same day, and two
// residents would hold the same 受付番号. At every start the database must have issued at least
// what the marks say; if not, the start is refused with a message for IT staff.
//
// The file is written after the ticket's transaction commits (a crash in between leaves the mark
// one behind, never ahead, so a healthy database is never refused), and at every start it is
// raised to what the database holds. It is therefore a lower bound of what was issued: enough to
// catch a database that has lost tickets.
import { existsSync, readFileSync } from 'node:fs';
import { KioskError } from '../../domain/errors.ts';
import { formatTicket } from '../../domain/request.ts';
import { writeFileAtomically } from '../db/atomic-file.ts';
import { addDays } from '../../domain/office-time.ts';

/** How many days of marks are kept (a database older than that is caught by its own dates). */
export const MARK_DAYS = 31;

type Days = Record<string, Record<string, number>>;

export interface TicketCounter {
  day: string;
  letter: string;
  last: number;
}

export interface TicketMarks {
  /** The file the marks live in. */
  readonly path: string;
  /**
   * Throws db/behind-ticket-mark when `counters` (the database's, from `today - MARK_DAYS` on) are
   * behind a mark; otherwise raises the marks to them (when `write`).
   */
  check(counters: readonly TicketCounter[], today: string, write: boolean): void;
  /** After a ticket's transaction committed. */
  record(day: string, letter: string, last: number): void;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LETTER = /^[A-Z]$/;

function read(path: string): Days {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new KioskError('db/behind-ticket-mark', {
      ja: `番号札の発行記録（${path}）が読めません。`,
      en: `The ticket high-water mark file ${path} is unreadable.`,
    });
  }
  const days: Days = {};
  const source = (parsed as { days?: unknown } | null)?.days;
  if (source && typeof source === 'object')
    for (const [day, letters] of Object.entries(source)) {
      if (!DAY.test(day) || !letters || typeof letters !== 'object') continue;
      for (const [letter, last] of Object.entries(letters as Record<string, unknown>))
        if (LETTER.test(letter) && Number.isSafeInteger(last) && (last as number) > 0) (days[day] ??= {})[letter] = last as number;
    }
  return days;
}

function write(path: string, days: Days): void {
  writeFileAtomically(path, `${JSON.stringify({ version: 1, days })}\n`);
}

function pruned(days: Days, today: string): Days {
  const since = addDays(today, -MARK_DAYS);
  return Object.fromEntries(Object.entries(days).filter(([day]) => day >= since));
}

export function fileTicketMarks(path: string): TicketMarks {
  return {
    path,
    check(counters, today, canWrite) {
      const marks = pruned(read(path), today);
      const held = new Map(counters.map((c) => [`${c.day}/${c.letter}`, c.last]));
      for (const [day, letters] of Object.entries(marks))
        for (const [letter, last] of Object.entries(letters)) {
          const inDatabase = held.get(`${day}/${letter}`) ?? 0;
          if (inDatabase < last)
            throw new KioskError('db/behind-ticket-mark', {
              ja: `データベースが番号札の発行記録より古い状態です（${day} は ${formatTicket(letter, last)} まで発行済みですが、データベースには ${inDatabase === 0 ? 'その日の番号札がありません' : `${formatTicket(letter, inDatabase)} までしかありません`}）。同じ番号札を二度発行しないよう起動を中止しました。記録: ${path}`,
              en: `The database is behind the ticket high-water mark (${day}: ${formatTicket(letter, last)} issued, the database knows ${inDatabase === 0 ? 'none' : formatTicket(letter, inDatabase)}); not started. Marks: ${path}`,
            });
        }
      if (!canWrite) return;
      let changed = false;
      for (const c of counters) {
        if (c.day < addDays(today, -MARK_DAYS) || !LETTER.test(c.letter)) continue;
        const letters = (marks[c.day] ??= {});
        if ((letters[c.letter] ?? 0) < c.last) {
          letters[c.letter] = c.last;
          changed = true;
        }
      }
      if (changed) write(path, marks);
    },
    record(day, letter, last) {
      const marks = pruned(read(path), day);
      const letters = (marks[day] ??= {});
      if ((letters[letter] ?? 0) >= last) return;
      letters[letter] = last;
      write(path, marks);
    },
  };
}
