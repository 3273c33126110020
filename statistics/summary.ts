// Durations summarised the one way the counter's dashboard and the office's floor view both show
// them: count, mean, median, 90th percentile and maximum, in whole seconds. Either exactly from
// every value (small samples), or from a histogram of 1-minute buckets plus the exact count, sum
// and maximum (any range, in constant space). Pure: no I/O, no clock.
import { histogramQuantile } from './histogram.ts';

export interface DurationSummary {
  count: number;
  meanSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** The longest; null when the source cannot tell (the counter's cumulative snapshots keep no maximum). */
  maxSeconds: number | null;
}

export const EMPTY_SUMMARY: DurationSummary = { count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null, maxSeconds: null };

export function exactQuantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** The summary of every value (sorts `values` in place). */
export function exactSummary(values: number[]): DurationSummary {
  if (values.length === 0) return { ...EMPTY_SUMMARY };
  values.sort((a, b) => a - b);
  return {
    count: values.length,
    meanSeconds: Math.round(values.reduce((a, b) => a + b, 0) / values.length),
    medianSeconds: Math.round(exactQuantile(values, 0.5)!),
    p90Seconds: Math.round(exactQuantile(values, 0.9)!),
    maxSeconds: Math.round(values.at(-1)!),
  };
}

/** Running totals of one statistics cell: n, the sum, the maximum (when kept) and the histogram. */
export interface Accumulator {
  n: number;
  sum: number;
  max: number | null;
  hist: Float64Array | null;
}

/** The summary of a cell: count and mean exact, percentiles interpolated in its histogram, the maximum as kept. */
export function histogramSummary(acc: Accumulator | undefined): DurationSummary {
  if (!acc || acc.n <= 0) return { ...EMPTY_SUMMARY };
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  const p90 = acc.hist ? histogramQuantile(acc.hist, 0.9) : null;
  // Interpolation can place the 90th percentile above the longest wait inside the top bucket.
  const cap = (v: number | null) => (v !== null && acc.max !== null ? Math.min(v, acc.max) : v);
  return {
    count: acc.n,
    meanSeconds: round(acc.sum / acc.n),
    medianSeconds: round(cap(acc.hist ? histogramQuantile(acc.hist, 0.5) : null)),
    p90Seconds: round(cap(p90)),
    maxSeconds: round(acc.max),
  };
}
