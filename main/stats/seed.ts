// Synthetic history for load tests and the benchmark: past visits with realistic shapes (busy
// mornings and Mondays, longer service for bigger form bundles, some no-shows), written in one
// transaction with prepared statements, their statistics snapshots built in the same pass.
// Seeded visits carry no resident data at all.
import { insertEvent } from '../db/request-events.ts';
import { countRequests, countRequestsBetween, insertRequest, type RequestRow } from '../db/requests.ts';
import { KioskError } from '../../domain/errors.ts';
import { transaction, type Db } from '../db/statements.ts';
import { setTicketCounter } from '../db/ticket-counters.ts';
import { categories, formatTicket, type EventKind } from '../../domain/request.ts';
import { newId } from '../queue/ids.ts';
import { addDays, officeDayStart } from '../../domain/office-time.ts';
import { rebuildStatistics, SnapshotBuilder } from './cells.ts';

export interface SeedOptions {
  count: number;
  /** Calendar days of history, ending the day before `endDay` (weekends are closed). */
  days: number;
  /** First day NOT seeded (default: today in office time is passed by the caller). */
  endDay: string;
  seed?: number;
}

/** Small deterministic PRNG (mulberry32) so a seed reproduces the same history. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FORM_BUNDLES: { forms: string[]; weight: number }[] = [
  { forms: ['jumin-ido'], weight: 30 },
  { forms: ['jumin-ido', 'kokuho'], weight: 15 },
  { forms: ['jumin-ido', 'kokuho', 'nenkin'], weight: 8 },
  { forms: ['jumin-ido', 'jido-teate'], weight: 8 },
  { forms: ['jumin-ido', 'jido-teate', 'kodomo-iryo'], weight: 7 },
  { forms: ['jumin-ido', 'kokuho', 'jido-teate', 'kodomo-iryo'], weight: 4 },
  { forms: ['jumin-ido', 'inkan'], weight: 6 },
  { forms: ['jumin-ido', 'kaigo'], weight: 4 },
  { forms: ['jumin-ido', 'kouki-koureisha'], weight: 3 },
  { forms: ['shomei-jumin'], weight: 10 },
  { forms: ['shomei-inkan'], weight: 3 },
  { forms: [], weight: 2 },
];
const CATEGORY_WEIGHTS = [28, 18, 22, 8, 18, 6];
const HOUR_WEIGHTS: Record<number, number> = { 8: 4, 9: 14, 10: 16, 11: 14, 12: 9, 13: 12, 14: 12, 15: 11, 16: 8 };

function pick<T>(rand: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < items.length; i += 1) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** Log-normal-ish positive sample with the given median (seconds). */
function skewed(rand: () => number, median: number, spread: number): number {
  const u = Math.max(1e-9, rand());
  const v = rand();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(spread * normal);
}

export function seedHistory(db: Db, options: SeedOptions): { requests: number; events: number; days: number; statCells: number } {
  const rand = prng(options.seed ?? 42);
  const openDays: string[] = [];
  for (let d = options.days; d >= 1; d -= 1) {
    const day = addDays(options.endDay, -d);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) openDays.push(day);
  }
  if (openDays.length === 0 || options.count <= 0) return { requests: 0, events: 0, days: 0, statCells: 0 };
  // Mondays and month ends are busier (福山市の混雑予想カレンダー).
  const dayWeights = openDays.map((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    const monthEnd = date.getUTCDate() >= 25 ? 1.3 : 1;
    return (date.getUTCDay() === 1 ? 1.4 : 1) * monthEnd;
  });
  const weightSum = dayWeights.reduce((a, b) => a + b, 0);
  const hours = Object.keys(HOUR_WEIGHTS).map(Number);
  const hourWeights = hours.map((h) => HOUR_WEIGHTS[h]!);
  const builder = new SnapshotBuilder();
  let events = 0;
  let remaining = options.count;
  return transaction(db, () => {
    // Seeded days get tickets from A-001: a day that already has requests would get a ticket
    // number a second time. Seed only an empty period.
    const already = countRequestsBetween(db, openDays[0]!, openDays[openDays.length - 1]!);
    if (already > 0)
      throw new KioskError('queue/invalid-input', {
        ja: `${openDays[0]}〜${openDays[openDays.length - 1]} には既に受付が ${already} 件あります。合成データは受付のない期間にだけ投入できます（--days か --now で期間を変えるか、新しいデータベースを使ってください）。`,
        en: `${openDays[0]}..${openDays[openDays.length - 1]} already holds ${already} requests; seed only an empty period (change --days or --now, or use a new database).`,
      });
    const existing = countRequests(db);
    openDays.forEach((day, index) => {
      const n =
        index === openDays.length - 1 ? remaining : Math.min(remaining, Math.round((options.count * dayWeights[index]!) / weightSum));
      remaining -= n;
      const start = officeDayStart(day);
      const arrivals: number[] = [];
      for (let i = 0; i < n; i += 1) {
        const hour = pick(rand, hours, hourWeights);
        arrivals.push(start + hour * 3_600_000 + Math.floor(rand() * 3_600_000));
      }
      arrivals.sort((a, b) => a - b);
      const numbers = new Map<string, number>();
      for (const receivedAt of arrivals) {
        const category = pick(rand, categories, CATEGORY_WEIGHTS);
        const bundle = pick(
          rand,
          FORM_BUNDLES,
          FORM_BUNDLES.map((b) => b.weight),
        );
        const number = (numbers.get(category.letter) ?? 0) + 1;
        numbers.set(category.letter, number);
        const hour = new Date(receivedAt + 9 * 3_600_000).getUTCHours();
        const load = HOUR_WEIGHTS[hour]! / 10;
        const wait = Math.round(skewed(rand, 600 * load, 0.6));
        const service = Math.round(skewed(rand, 300 + 240 * bundle.forms.length, 0.4));
        const outcome = rand();
        const id = newId(receivedAt);
        const counter = String(1 + Math.floor(rand() * 8));
        const staff = `s${String(1 + Math.floor(rand() * 20)).padStart(2, '0')}`;
        const kinds: [EventKind, number][] = [
          ['received', receivedAt],
          ['forms-printed', receivedAt + 60_000],
          ['submitted', receivedAt + 240_000],
        ];
        const row: RequestRow = {
          id,
          day,
          ticket: formatTicket(category.letter, number),
          category: category.id,
          forms: [...bundle.forms].sort().join('+'),
          state: 'completed',
          last_seq: 0,
          received_at: receivedAt,
          processing_at: null,
          service_end_at: null,
          finished_at: null,
          counter: null,
          staff: null,
          estimated_wait_s: Math.max(0, Math.round(wait * (0.6 + rand() * 0.8))),
          personal: 'none',
        };
        if (outcome < 0.03) {
          row.state = 'abandoned';
          row.finished_at = receivedAt + wait * 1000;
          kinds.push(['abandoned', row.finished_at]);
        } else if (outcome < 0.04) {
          row.state = 'cancelled';
          row.finished_at = receivedAt + 300_000;
          kinds.push(['cancelled', row.finished_at]);
        } else {
          row.processing_at = receivedAt + Math.max(wait * 1000, 240_000);
          row.service_end_at = row.processing_at + service * 1000;
          row.finished_at = row.service_end_at + Math.round(rand() * 300_000);
          row.counter = counter;
          row.staff = staff;
          kinds.push(['processing-started', row.processing_at], ['called', row.service_end_at], ['completed', row.finished_at]);
        }
        row.last_seq = kinds.length;
        insertRequest(db, row);
        kinds.forEach(([kind, at], i) => {
          const withCounter = kind === 'processing-started' || kind === 'called' || kind === 'completed';
          insertEvent(db, {
            id: newId(at),
            request_id: id,
            seq: i + 1,
            kind,
            at,
            counter: withCounter ? counter : null,
            staff: withCounter ? staff : null,
          });
        });
        events += kinds.length;
        builder.addRow(row);
      }
      for (const [letter, last] of numbers) setTicketCounter(db, day, letter, last);
    });
    // Statistics are cumulative snapshots: with older visits present, recompute them all.
    const written = existing > 0 ? rebuildStatistics(db) : builder.write(db);
    return { requests: options.count - remaining, events, days: openDays.length, statCells: written.cells };
  });
}
