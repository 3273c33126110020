// Statistics cells: totals keyed by a dimension (all, category, hour, counter, forms …), a key and
// a metric (arrived, wait, service …). The counter keeps them in SQLite snapshots, the office in a
// PostgreSQL rollup per day; both read them into a CellMap and summarise them here, so a median,
// a p90 or a share within target means the same on both. Pure: no I/O.
import { BUCKET_COUNT, countBelow } from './histogram.ts';
import { exactSummary, histogramSummary, type Accumulator, type DurationSummary } from './summary.ts';

const SEP = '\u0000';

export class CellMap {
  readonly #cells = new Map<string, Accumulator>();
  readonly #values = new Map<string, number[]>();

  /**
   * Records one measured value of a cell as well, for exact percentiles on small samples (a day of
   * one office): interpolating inside a 1-minute bucket misleads there. Used only where the values
   * account for the whole cell (their number equals its count).
   */
  addValue(dim: string, key: string, metric: string, value: number): void {
    const id = `${dim}${SEP}${key}${SEP}${metric}`;
    let list = this.#values.get(id);
    if (!list) this.#values.set(id, (list = []));
    list.push(value);
  }

  #exact(dim: string, key: string, metric: string): number[] | null {
    const values = this.#values.get(`${dim}${SEP}${key}${SEP}${metric}`);
    const acc = this.get(dim, key, metric);
    return values && acc && values.length === acc.n ? values : null;
  }

  /** How many of the cell's durations are below `limitSeconds`: exact from the values, else from the histogram (exact at a whole minute). */
  countBelow(dim: string, key: string, metric: string, limitSeconds: number): number {
    const values = this.#exact(dim, key, metric);
    if (values) return values.filter((v) => v < limitSeconds).length;
    const acc = this.get(dim, key, metric);
    return acc?.hist ? Math.round(countBelow(acc.hist, limitSeconds)) : 0;
  }

  /** True when the cell's percentiles come from every value. */
  isExact(dim: string, key: string, metric: string): boolean {
    return this.#exact(dim, key, metric) !== null;
  }

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

  /** Count, mean and maximum from the cell; median and p90 exact when its values are all known, else interpolated. */
  summary(dim: string, key: string, metric: string): DurationSummary {
    const fast = histogramSummary(this.get(dim, key, metric));
    const values = this.#exact(dim, key, metric);
    if (!values) return fast;
    const exact = exactSummary([...values]);
    return { ...fast, medianSeconds: exact.medianSeconds, p90Seconds: exact.p90Seconds };
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
