// Dates as staff type them at a counter: 和暦 (S33.4.1, 昭和33年4月1日, 平成元年1月8日) or 西暦
// (1958-04-01, 1958/4/1), with full-width digits too. Each era is checked against its own dates:
// 昭和64年1月8日 does not exist (平成 began that day), so it is refused rather than guessed.
import { z } from 'zod';

interface Era {
  name: string;
  letter: string;
  /** First and last day (inclusive). */
  from: string;
  to: string;
}

const ERAS: readonly Era[] = [
  { name: '明治', letter: 'M', from: '1868-01-25', to: '1912-07-29' },
  { name: '大正', letter: 'T', from: '1912-07-30', to: '1926-12-24' },
  { name: '昭和', letter: 'S', from: '1926-12-25', to: '1989-01-07' },
  { name: '平成', letter: 'H', from: '1989-01-08', to: '2019-04-30' },
  { name: '令和', letter: 'R', from: '2019-05-01', to: '9999-12-31' },
];

export const dateInputProblem = z.enum(['unreadable', 'not-a-date', 'outside-era']);
export type DateInputProblem = z.infer<typeof dateInputProblem>;

export type DateInput = { ok: true; iso: string } | { ok: false; problem: DateInputProblem };

const pad = (n: number): string => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): string | null {
  const iso = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Reads a typed date. Never guesses: an ambiguous or impossible date is a problem to show. */
export function parseDateInput(typed: string): DateInput {
  const text = typed
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, '')
    .replace(/元(?=年)/, '1');
  const seireki = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (seireki) {
    const iso = realDate(Number(seireki[1]), Number(seireki[2]), Number(seireki[3]));
    return iso ? { ok: true, iso } : { ok: false, problem: 'not-a-date' };
  }
  const wareki = /^(明治|大正|昭和|平成|令和|[MTSHR])(\d{1,2})[年./-](\d{1,2})[月./-](\d{1,2})日?$/i.exec(text);
  if (!wareki) return { ok: false, problem: 'unreadable' };
  const key = wareki[1]!.toUpperCase();
  const era = ERAS.find((e) => e.name === key || e.letter === key);
  if (!era) return { ok: false, problem: 'unreadable' };
  const year = Number(era.from.slice(0, 4)) + Number(wareki[2]) - 1;
  const iso = realDate(year, Number(wareki[3]), Number(wareki[4]));
  if (!iso) return { ok: false, problem: 'not-a-date' };
  if (Number(wareki[2]) < 1 || iso < era.from || iso > era.to) return { ok: false, problem: 'outside-era' };
  return { ok: true, iso };
}
