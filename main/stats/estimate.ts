// Estimated wait for someone taking a ticket now. Method (shown to supervisors verbatim):
// people waiting ahead × mean of the last 20 service times ÷ counters active in the last hour.
import { countersActiveSince, countersInService, countWaiting, recentServiceDurations } from '../db/requests.ts';
import type { Db } from '../db/statements.ts';

export const ESTIMATE_METHOD =
  '待ち人数 × 直近20件の平均処理時間 ÷ 直近1時間の稼働窓口数 / people waiting ahead × mean of the last 20 service times ÷ counters active in the last hour';

const RECENT_SERVICES = 20;
const ACTIVE_WINDOW_MS = 60 * 60_000;
/** Used until the office has served anyone (first visit of a fresh installation). */
export const DEFAULT_SERVICE_SECONDS = 600;

export interface WaitEstimate {
  seconds: number;
  peopleAhead: number;
  activeCounters: number;
  meanServiceSeconds: number;
  method: string;
}

export function estimateWait(db: Db, now: number): WaitEstimate {
  const peopleAhead = countWaiting(db);
  const counters = new Set<string>(countersInService(db));
  for (const counter of countersActiveSince(db, now - ACTIVE_WINDOW_MS)) counters.add(counter);
  const durations = recentServiceDurations(db, now, RECENT_SERVICES);
  const meanServiceSeconds = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length / 1000 : DEFAULT_SERVICE_SECONDS;
  const activeCounters = Math.max(1, counters.size);
  return {
    seconds: Math.round((peopleAhead * meanServiceSeconds) / activeCounters),
    peopleAhead,
    activeCounters,
    meanServiceSeconds: Math.round(meanServiceSeconds),
    method: ESTIMATE_METHOD,
  };
}
