// Statistics cells: totals keyed by a dimension (all, category, hour, counter, forms …), a key and
// a metric (arrived, wait, service …). The counter keeps them in SQLite snapshots, the office in a
// PostgreSQL rollup per day; both read them into a CellMap and summarise them here, so a median,
// a p90 or a share within target means the same on both. Pure: no I/O.
import { BUCKET_COUNT } from './histogram.ts';
import { histogramSummary, type Accumulator, type DurationSummary } from './summary.ts';

const SEP = '\u0000';

export class CellMap {
  readonly #cells = new Map<string, Accumulator>();

  /** Adds (sign 1) or subtracts (sign -1) totals into a cell; `max` merges by maximum (never subtracted). */
  add(
    dim: string,
    key: string,
    metric: string,
    totals: { n: number; sum: number; max?: number | null; hist?: ArrayLike<number> | null },
    sign = 1,
  ): void {
    const id = `${dim}${SEP}${key}${SEP}${metric}`;
    let a = this.#cells.get(id);
    if (!a) this.#cells.set(id, (a = { n: 0, sum: 0, max: null, hist: null }));
    a.n += sign * totals.n;
    a.sum += sign * totals.sum;
    if (totals.max !== undefined && totals.max !== null && sign > 0) a.max = a.max === null ? totals.max : Math.max(a.max, totals.max);
    if (totals.hist) {
      a.hist ??= new Float64Array(BUCKET_COUNT);
      const buckets = Math.min(totals.hist.length, BUCKET_COUNT);
      for (let b = 0; b < buckets; b += 1) a.hist[b] = a.hist[b]! + sign * (totals.hist[b] ?? 0);
    }
  }

  get(dim: string, key: string, metric: string): Accumulator | undefined {
    return this.#cells.get(`${dim}${SEP}${key}${SEP}${metric}`);
  }

  count(dim: string, key: string, metric: string): number {
    return this.get(dim, key, metric)?.n ?? 0;
  }

  summary(dim: string, key: string, metric: string): DurationSummary {
    return histogramSummary(this.get(dim, key, metric));
  }

  /** The keys of a dimension that have any cell, sorted. */
  keysOf(dim: string): string[] {
    const keys = new Set<string>();
    for (const id of this.#cells.keys()) {
      const [d, k] = id.split(SEP);
      if (d === dim && k !== undefined) keys.add(k);
    }
    return [...keys].sort();
  }
}
