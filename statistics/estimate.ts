// The estimated wait for someone taking a ticket now, and how good the estimates given so far
// turned out to be. The counter (its own SQLite queue) and the office (the hall's queue) feed the
// same formula and measure it the same way. Method (shown to supervisors verbatim):
// people waiting ahead × mean of the last 20 service times ÷ counters active in the last hour.
import { countBelow } from './histogram.ts';
import type { Accumulator } from './summary.ts';

export const ESTIMATE_METHOD =
  '待ち人数 × 直近20件の平均処理時間 ÷ 直近1時間の稼働窓口数 / people waiting ahead × mean of the last 20 service times ÷ counters active in the last hour';

export const RECENT_SERVICES = 20;
export const ACTIVE_WINDOW_MS = 60 * 60_000;
/** Used until the office has served anyone (first visit of a fresh installation). */
export const DEFAULT_SERVICE_SECONDS = 600;

export interface WaitEstimate {
  seconds: number;
  peopleAhead: number;
  activeCounters: number;
  meanServiceSeconds: number;
  method: string;
}

/** The estimate from its three inputs: `recentServiceSeconds` are the last services, newest first or not. */
export function estimateFrom(peopleAhead: number, recentServiceSeconds: readonly number[], activeCounters: number): WaitEstimate {
  const meanServiceSeconds = recentServiceSeconds.length
    ? recentServiceSeconds.reduce((a, b) => a + b, 0) / recentServiceSeconds.length
    : DEFAULT_SERVICE_SECONDS;
  const counters = Math.max(1, activeCounters);
  return {
    seconds: Math.round((peopleAhead * meanServiceSeconds) / counters),
    peopleAhead,
    activeCounters: counters,
    meanServiceSeconds: Math.round(meanServiceSeconds),
    method: ESTIMATE_METHOD,
  };
}

export interface EstimateAccuracy {
  count: number;
  meanAbsErrorSeconds: number | null;
  meanBiasSeconds: number | null;
  within5MinutesShare: number | null;
}

/**
 * From a cell of absolute errors (|actual wait − estimate given with the ticket|, with its
 * histogram) and a cell of signed errors (actual − estimate): the mean absolute error, the bias
 * and the share of estimates within 5 minutes (300 s is a bucket boundary, so it is counted exactly).
 */
export function estimateAccuracy(absolute: Accumulator | undefined, signed: Accumulator | undefined): EstimateAccuracy {
  const n = absolute?.n ?? 0;
  return {
    count: n,
    meanAbsErrorSeconds: absolute && n > 0 ? Math.round(absolute.sum / n) : null,
    meanBiasSeconds: signed && signed.n > 0 ? Math.round(signed.sum / signed.n) : null,
    within5MinutesShare: absolute?.hist && n > 0 ? countBelow(absolute.hist, 300) / n : null,
  };
}
