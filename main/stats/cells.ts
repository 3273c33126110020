// Turns request facts into statistics cells. Cells hold counts, seconds and duration histograms
// keyed by category, form set, hour, counter: never a name, an address or other resident data.
// Snapshot rows are cumulative (see migration 0002), so a period is two snapshot reads.
import type { VisitFact } from '../../domain/statistics.ts';
import type { Db } from '../db/statements.ts';
import { allRequests, type RequestRow } from '../db/requests.ts';
import { clearStatistics, ensureStatSnapshot, getStatRow, insertStatDay, putStatRow, statDaysFrom } from '../db/stat-cells.ts';
import { officeHour } from '../../domain/office-time.ts';
import type { QueueStatistics } from '../queue/queue-service.ts';
import { estimateWait } from './estimate.ts';
import { addHistogram, BUCKET_COUNT, bucketOf, encodeHistogram } from '../../statistics/histogram.ts';

/** A change to one cell: add n and sum, and n to one histogram bucket when `bucket` is set. */
export interface StatDelta {
  dim: string;
  key: string;
  metric: string;
  n: number;
  sum: number;
  bucket: number | null;
}

type FactSource = Pick<RequestRow, 'category' | 'forms' | 'received_at' | 'counter' | 'estimated_wait_s'>;

const delta = (dim: string, key: string, metric: string, sum = 0, bucket: number | null = null): StatDelta => ({
  dim,
  key,
  metric,
  n: 1,
  sum,
  bucket,
});

/** Cells one fact changes. `seconds` is the wait or service duration for those facts. */
export function cellsFor(fact: VisitFact, row: FactSource, seconds = 0): StatDelta[] {
  const hour = String(officeHour(row.received_at)).padStart(2, '0');
  const forms = row.forms === '' ? '(none)' : row.forms;
  switch (fact) {
    case 'arrived':
      return [
        delta('all', '*', 'arrived'),
        delta('category', row.category, 'arrived'),
        delta('forms', forms, 'arrived'),
        delta('hour', hour, 'arrived'),
      ];
    case 'abandoned':
    case 'cancelled':
      return [delta('all', '*', fact), delta('category', row.category, fact), delta('hour', hour, fact)];
    case 'wait':
    case 'service': {
      const s = Math.max(0, Math.round(seconds));
      const bucket = bucketOf(s);
      const cells = (
        [
          ['all', '*'],
          ['category', row.category],
          ['forms', forms],
          ['hour', hour],
          ['counter', row.counter ?? '(none)'],
        ] as const
      ).map(([dim, key]) => delta(dim, key, fact, s, bucket));
      if (fact === 'wait' && row.estimated_wait_s !== null) {
        // How far the estimate given with the ticket was from the actual wait.
        const error = s - row.estimated_wait_s;
        for (const [dim, key] of [
          ['all', '*'],
          ['category', row.category],
        ] as const) {
          cells.push(delta(dim, key, 'estimate', Math.abs(error), bucketOf(Math.abs(error))), delta(dim, key, 'estimate-bias', error));
        }
      }
      return cells;
    }
  }
}

/** Adds a fact of the visit whose ticket day is `day` (live path, inside the event's transaction). */
export function recordFact(db: Db, day: string, fact: VisitFact, row: FactSource, seconds = 0): void {
  ensureStatSnapshot(db, day);
  const days = statDaysFrom(db, day); // the fact's day and every later (cumulative) snapshot
  for (const d of cellsFor(fact, row, seconds)) {
    for (const snapshot of days) {
      const current = getStatRow(db, snapshot, d.dim, d.key, d.metric);
      let hist = current?.hist ?? null;
      if (d.bucket !== null) {
        const counts = new Int32Array(BUCKET_COUNT);
        addHistogram(counts, hist);
        counts[d.bucket] = counts[d.bucket]! + d.n;
        hist = encodeHistogram(counts);
      }
      putStatRow(db, snapshot, [d.dim, d.key, d.metric, (current?.n ?? 0) + d.n, (current?.sum ?? 0) + d.sum, hist]);
    }
  }
}

/** Every fact a request row implies (used by the rebuild and the seeder). */
export function factsOfRow(row: RequestRow): { fact: VisitFact; seconds: number }[] {
  const facts: { fact: VisitFact; seconds: number }[] = [{ fact: 'arrived', seconds: 0 }];
  if (row.processing_at !== null) facts.push({ fact: 'wait', seconds: (row.processing_at - row.received_at) / 1000 });
  if (row.service_end_at !== null && row.processing_at !== null) {
    facts.push({ fact: 'service', seconds: (row.service_end_at - row.processing_at) / 1000 });
  }
  if (row.state === 'abandoned' || row.state === 'cancelled') facts.push({ fact: row.state, seconds: 0 });
  return facts;
}

interface Totals {
  dim: string;
  key: string;
  metric: string;
  n: number;
  sum: number;
  hist: Int32Array | null;
}

/** Accumulates per-day deltas in memory, then writes cumulative snapshots in one pass. */
export class SnapshotBuilder {
  readonly #deltas = new Map<string, Map<string, Totals>>();

  add(day: string, deltas: StatDelta[]): void {
    let perDay = this.#deltas.get(day);
    if (!perDay) this.#deltas.set(day, (perDay = new Map()));
    for (const d of deltas) {
      const id = `${d.dim}\u0000${d.key}\u0000${d.metric}`;
      let t = perDay.get(id);
      if (!t) perDay.set(id, (t = { dim: d.dim, key: d.key, metric: d.metric, n: 0, sum: 0, hist: null }));
      t.n += d.n;
      t.sum += d.sum;
      if (d.bucket !== null) {
        t.hist ??= new Int32Array(BUCKET_COUNT);
        t.hist[d.bucket] = t.hist[d.bucket]! + d.n;
      }
    }
  }

  addRow(row: RequestRow): void {
    this.add(
      row.day,
      factsOfRow(row).flatMap((f) => cellsFor(f.fact, row, f.seconds)),
    );
  }

  /** Replaces all statistics (call inside a transaction). */
  write(db: Db): { days: number; cells: number } {
    clearStatistics(db);
    const running = new Map<string, Totals>();
    let written = 0;
    for (const day of [...this.#deltas.keys()].sort()) {
      for (const [id, d] of this.#deltas.get(day)!) {
        let t = running.get(id);
        if (!t) running.set(id, (t = { ...d, n: 0, sum: 0, hist: null }));
        t.n += d.n;
        t.sum += d.sum;
        if (d.hist) {
          t.hist ??= new Int32Array(BUCKET_COUNT);
          for (let b = 0; b < BUCKET_COUNT; b += 1) t.hist[b] = t.hist[b]! + d.hist[b]!;
        }
      }
      insertStatDay(db, day);
      for (const t of running.values()) putStatRow(db, day, [t.dim, t.key, t.metric, t.n, t.sum, t.hist ? encodeHistogram(t.hist) : null]);
      written += running.size;
    }
    return { days: this.#deltas.size, cells: written };
  }
}

/** Recomputes every statistics cell from the request projections (seeding, repair; call inside a transaction). */
export function rebuildStatistics(db: Db): { days: number; cells: number } {
  const builder = new SnapshotBuilder();
  for (const row of allRequests(db)) builder.addRow(row);
  return builder.write(db);
}

/** The statistics the queue writes inside its transactions: cells per fact, the ticket's estimate. */
export function queueStatistics(db: Db): QueueStatistics {
  return {
    estimateSeconds: (at) => estimateWait(db, at).seconds,
    record: (day, fact, row, seconds) => recordFact(db, day, fact, row, seconds),
  };
}
