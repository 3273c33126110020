// Estimated wait for someone taking a ticket now at this counter: the inputs from its SQLite queue,
// the formula shared with the office (statistics/estimate.ts).
import { countersActiveSince, countersInService, countWaiting, recentServiceDurations } from '../db/requests.ts';
import type { Db } from '../db/statements.ts';
import { ACTIVE_WINDOW_MS, estimateFrom, RECENT_SERVICES, type WaitEstimate } from '../../statistics/estimate.ts';

export { DEFAULT_SERVICE_SECONDS, ESTIMATE_METHOD, type WaitEstimate } from '../../statistics/estimate.ts';

export function estimateWait(db: Db, now: number): WaitEstimate {
  const counters = new Set<string>(countersInService(db));
  for (const counter of countersActiveSince(db, now - ACTIVE_WINDOW_MS)) counters.add(counter);
  const durations = recentServiceDurations(db, now, RECENT_SERVICES).map((ms) => ms / 1000);
  return estimateFrom(countWaiting(db), durations, counters.size);
}
