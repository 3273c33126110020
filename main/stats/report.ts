// The supervisor statistics report: the one view model the dashboard (over IPC), the CSV export,
// the CLI's `queue stats` and the benchmark all get (domain/statistics.ts defines it).
import type { Dashboard, PeriodSummary, QueueLive, StatisticsRow } from '../../domain/statistics.ts';
import { waitingStates } from '../../domain/request.ts';
import { liveRequests, liveSummary, requestsOfDay } from '../db/requests.ts';
import type { Db } from '../db/statements.ts';
import { idToString } from '../queue/ids.ts';
import { officeDay } from '../../domain/office-time.ts';
import { ESTIMATE_METHOD, estimateWait } from './estimate.ts';
import type { DurationSummary } from './exact.ts';
import { DEFAULT_TARGET_MINUTES, periodStatistics, type GroupStats, type PeriodStats } from './period.ts';

export interface ReportQuery {
  /** First and last office day of the range (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  /** The report's "now": the live queue, today and the estimate are as of this time. */
  now: number;
  /** Service-level target for the share of waits under it (default 20 minutes). */
  targetMinutes?: number;
  /** Names a form for supervisors (statistics store form ids, never titles). */
  formTitle?: (formId: string) => string;
}

const RECENT_OF_DAY = 200;
const RECENT_SHOWN = 20;
const waiting: ReadonlySet<string> = new Set(waitingStates);

function percentiles(wait: DurationSummary, service: DurationSummary) {
  return { waitMedian: wait.medianSeconds, waitP90: wait.p90Seconds, serviceMedian: service.medianSeconds, serviceP90: service.p90Seconds };
}

function row(key: string, g: GroupStats): StatisticsRow {
  return { key, count: g.arrivals, ...percentiles(g.wait, g.service) };
}

function summary(period: PeriodStats): PeriodSummary {
  return {
    count: period.arrivals,
    ...percentiles(period.wait, period.service),
    serviceLevelTargetMinutes: period.serviceLevel.targetMinutes,
    serviceLevelShare: period.serviceLevel.share,
    abandoned: period.abandoned,
  };
}

const seconds = (fromMs: number, toMs: number) => Math.round((toMs - fromMs) / 1000);

/** The live queue as of `now`: the counts in aggregate, and every unfinished visit oldest first. */
export function liveQueue(db: Db, now: number): QueueLive {
  const out: QueueLive = { waiting: 0, inService: 0, longestWaitSeconds: null, items: [] };
  let oldest: number | null = null;
  for (const group of liveSummary(db)) {
    if (waiting.has(group.state)) {
      out.waiting += group.n;
      if (oldest === null || group.oldest < oldest) oldest = group.oldest;
    } else if (group.state === 'processing') out.inService += group.n;
  }
  if (oldest !== null) out.longestWaitSeconds = Math.max(0, seconds(oldest, now));
  out.items = liveRequests(db).map((r) => ({
    requestId: idToString(r.id),
    ticket: r.ticket,
    state: r.state,
    procedures: r.forms === '' ? [] : r.forms.split('+'),
    waitingSeconds: Math.max(0, seconds(r.received_at, now)),
  }));
  return out;
}

/** The supervisor report for [from, to], with the live queue and today as of `now`. */
export function statisticsReport(db: Db, query: ReportQuery): Dashboard {
  const { from, to, now } = query;
  const target = query.targetMinutes ?? DEFAULT_TARGET_MINUTES;
  const formTitle = query.formTitle ?? ((formId: string) => formId);
  const period = periodStatistics(db, from, to, target);
  const day = officeDay(now);
  const today = from === day && to === day ? period : periodStatistics(db, day, day, target);
  const openHours = period.activeDays * period.byHour.filter((h) => h.arrivals > 0).length;
  const recent = requestsOfDay(db, day, RECENT_OF_DAY)
    .filter((r) => r.state === 'completed')
    .slice(-RECENT_SHOWN)
    .map((r) => ({
      ticket: r.ticket,
      waitSeconds: r.processing_at !== null ? seconds(r.received_at, r.processing_at) : null,
      serviceSeconds: r.processing_at !== null && r.service_end_at !== null ? seconds(r.processing_at, r.service_end_at) : null,
    }));
  return {
    from,
    to,
    live: liveQueue(db, now),
    today: summary(today),
    range: summary(period),
    byProcedure: [
      ...period.byCategory.map((g) => row(g.label ?? g.key, g)),
      ...period.byForms.map((g) => row(g.key.split('+').map(formTitle).join('・'), g)),
    ],
    byHour: period.byHour.map((g) => ({ hour: g.hour, count: g.arrivals, ...percentiles(g.wait, g.service) })),
    byCounter: period.byCounter.map((g) => ({
      counter: g.key,
      completed: g.service.count,
      perHour: openHours ? g.service.count / openHours : null,
    })),
    estimateSeconds: estimateWait(db, now).seconds,
    estimateMethod: ESTIMATE_METHOD,
    recent,
  };
}
