// Turns request facts into statistics cells. Cells hold counts and seconds keyed by category,
// form set, hour, counter: never a name, an address or any other resident data.
import type { BetterSqlite3 } from 'better-sqlite3';
import { KioskStore, type RequestRow, type StatCell } from '../db/store.ts';
import { officeHour } from '../queue/office-time.ts';
import { bucketOf } from './histogram.ts';

export type Fact = 'arrived' | 'wait' | 'service' | 'abandoned' | 'cancelled';

type FactSource = Pick<RequestRow, 'category' | 'forms' | 'received_at' | 'counter' | 'estimated_wait_s'>;

function hourKey(row: FactSource): string {
  return String(officeHour(row.received_at)).padStart(2, '0');
}

/** Cells one fact adds. `seconds` is the wait or service duration for those facts. */
export function cellsFor(fact: Fact, row: FactSource, seconds = 0): StatCell[] {
  const hour = hourKey(row);
  const forms = row.forms === '' ? '(none)' : row.forms;
  switch (fact) {
    case 'arrived':
      return [
        ['all', '*', 'arrived', -1, 1, 0],
        ['category', row.category, 'arrived', -1, 1, 0],
        ['forms', forms, 'arrived', -1, 1, 0],
        ['hour', hour, 'arrived', -1, 1, 0],
      ];
    case 'abandoned':
    case 'cancelled':
      return [
        ['all', '*', fact, -1, 1, 0],
        ['category', row.category, fact, -1, 1, 0],
        ['hour', hour, fact, -1, 1, 0],
      ];
    case 'wait':
    case 'service': {
      const s = Math.max(0, Math.round(seconds));
      const bucket = bucketOf(s);
      const counter = row.counter ?? '(none)';
      const cells: StatCell[] = [];
      for (const [dim, key] of [['all', '*'], ['category', row.category], ['forms', forms], ['hour', hour], ['counter', counter]] as const) {
        cells.push([dim, key, fact, -1, 1, s], [dim, key, fact, bucket, 1, 0]);
      }
      if (fact === 'wait' && row.estimated_wait_s !== null) {
        // How far the estimate given at the ticket was from the actual wait.
        const error = s - row.estimated_wait_s;
        for (const [dim, key] of [['all', '*'], ['category', row.category]] as const) {
          cells.push(
            [dim, key, 'estimate', -1, 1, Math.abs(error)],
            [dim, key, 'estimate', bucketOf(Math.abs(error)), 1, 0],
            [dim, key, 'estimate-bias', -1, 1, error],
          );
        }
      }
      return cells;
    }
  }
}

/** Adds a fact of the visit whose ticket day is `day` (live path, inside the event's transaction). */
export function recordFact(store: KioskStore, day: string, fact: Fact, row: FactSource, seconds = 0): void {
  store.ensureStatSnapshot(day);
  for (const cell of cellsFor(fact, row, seconds)) store.addStatCell(day, cell);
}

/** Every fact a request row implies (used by the rebuild and the seeder). */
export function factsOfRow(row: RequestRow): { fact: Fact; seconds: number }[] {
  const facts: { fact: Fact; seconds: number }[] = [{ fact: 'arrived', seconds: 0 }];
  if (row.processing_at !== null) facts.push({ fact: 'wait', seconds: (row.processing_at - row.received_at) / 1000 });
  if (row.service_end_at !== null && row.processing_at !== null) {
    facts.push({ fact: 'service', seconds: (row.service_end_at - row.processing_at) / 1000 });
  }
  if (row.state === 'abandoned' || row.state === 'cancelled') facts.push({ fact: row.state, seconds: 0 });
  return facts;
}

/** Accumulates per-day deltas in memory, then writes cumulative snapshots in one pass. */
export class SnapshotBuilder {
  readonly #deltas = new Map<string, Map<string, StatCell>>();

  add(day: string, cells: StatCell[]): void {
    let perDay = this.#deltas.get(day);
    if (!perDay) {
      perDay = new Map();
      this.#deltas.set(day, perDay);
    }
    for (const cell of cells) {
      const id = `${cell[0]}\u0000${cell[1]}\u0000${cell[2]}\u0000${cell[3]}`;
      const existing = perDay.get(id);
      if (existing) {
        existing[4] += cell[4];
        existing[5] += cell[5];
      } else perDay.set(id, [...cell]);
    }
  }

  addRow(row: RequestRow): void {
    this.add(row.day, factsOfRow(row).flatMap((f) => cellsFor(f.fact, row, f.seconds)));
  }

  /** Replaces all statistics (call inside a transaction). */
  write(store: KioskStore): { days: number; cells: number } {
    store.clearStatistics();
    const running = new Map<string, StatCell>();
    let written = 0;
    for (const day of [...this.#deltas.keys()].sort()) {
      for (const [id, cell] of this.#deltas.get(day)!) {
        const total = running.get(id);
        if (total) {
          total[4] += cell[4];
          total[5] += cell[5];
        } else running.set(id, [...cell]);
      }
      store.insertStatDay(day);
      for (const cell of running.values()) store.insertStatSnapshotRow(day, cell);
      written += running.size;
    }
    return { days: this.#deltas.size, cells: written };
  }
}

/** Recomputes every statistics cell from the request projections (migration backfill, repair). */
export function rebuildStatistics(db: BetterSqlite3.Database): { days: number; cells: number } {
  const store = new KioskStore(db);
  const builder = new SnapshotBuilder();
  for (const row of store.allRequests()) builder.addRow(row);
  return builder.write(store);
}
