// Period statistics over any date range, from the cumulative snapshots: two snapshot reads per
// period, whatever its length, so the report stays fast on years of history. Small periods get
// exact percentiles from the visit rows (exact.ts). Nothing here touches resident data.
import type { Db } from '../db/statements.ts';
import { countStatDays, statCells, statSnapshotAtOrBefore, statSnapshotBefore, type StatRow } from '../db/stat-cells.ts';
import { findCategory } from '../../domain/request.ts';
import { KioskError } from '../../domain/errors.ts';
import { isRealDay } from '../../domain/dates.ts';
import { countBelow, decodeHistogram } from '../../statistics/histogram.ts';
import { CellMap } from '../../statistics/cells.ts';
import { estimateAccuracy, type EstimateAccuracy } from '../../statistics/estimate.ts';
import { histogramSummary as summary, type DurationSummary } from '../../statistics/summary.ts';
import { exactPeriod, type ExactPeriod } from './exact.ts';

export const PERCENTILE_METHOD =
  '1分幅(60分超は2〜15分幅)のヒストグラムから線形補間。平均は秒単位で厳密 / percentiles interpolated within 1-minute buckets (2–15 min above an hour); means exact to the second';
export const EXACT_PERCENTILE_METHOD = '待ち時間・対応時間は全件から厳密に計算 / percentiles and means computed exactly from every visit';

/**
 * Up to this many measured waits in a period, percentiles are computed exactly from the visit
 * rows (a day at one office stays well below it). Interpolating within a 1-minute bucket is
 * fine for large samples but misleads on small ones: a single 0-second wait would show as a
 * 30-second median.
 */
export const EXACT_PERCENTILE_LIMIT = 1000;

export interface GroupStats {
  key: string;
  label?: string;
  arrivals: number;
  abandoned: number;
  wait: DurationSummary;
  service: DurationSummary;
}

export interface PeriodStats {
  from: string;
  to: string;
  activeDays: number;
  arrivals: number;
  abandoned: number;
  cancelled: number;
  wait: DurationSummary;
  service: DurationSummary;
  serviceLevel: { targetMinutes: number; withinTarget: number; measured: number; share: number | null };
  byCategory: GroupStats[];
  byForms: GroupStats[];
  byHour: (GroupStats & { hour: number; arrivalsPerDay: number | null })[];
  byCounter: GroupStats[];
  requestsPerHour: number | null;
  estimateAccuracy: EstimateAccuracy;
  percentileMethod: string;
}

export const DEFAULT_TARGET_MINUTES = 20;

/** Replaces the interpolated percentiles with exact ones (means and counts are exact already). */
function withExactPercentiles(period: PeriodStats, exact: ExactPeriod): PeriodStats {
  const exactly = (fast: DurationSummary, reference: DurationSummary | undefined): DurationSummary =>
    reference && reference.count === fast.count
      ? { ...fast, medianSeconds: reference.medianSeconds, p90Seconds: reference.p90Seconds, maxSeconds: reference.maxSeconds }
      : fast;
  const groups = <G extends GroupStats>(list: G[], dim: string): G[] =>
    list.map((g) => {
      const reference = exact.groups[dim]?.[g.key];
      return { ...g, wait: exactly(g.wait, reference?.wait), service: exactly(g.service, reference?.service) };
    });
  return {
    ...period,
    wait: exactly(period.wait, exact.wait),
    service: exactly(period.service, exact.service),
    byCategory: groups(period.byCategory, 'category'),
    byForms: groups(period.byForms, 'forms'),
    byHour: groups(period.byHour, 'hour'),
    byCounter: groups(period.byCounter, 'counter'),
    percentileMethod: EXACT_PERCENTILE_METHOD,
  };
}

/** Statistics over the visits whose ticket day lies in [from, to] (office days, inclusive). */
export function periodStatistics(db: Db, from: string, to: string, targetMinutes: number = DEFAULT_TARGET_MINUTES): PeriodStats {
  if (!isRealDay(from) || !isRealDay(to) || from > to) {
    throw new KioskError('queue/invalid-input', {
      ja: '期間の指定が不正です (YYYY-MM-DD)。',
      en: 'Invalid date range (YYYY-MM-DD, from ≤ to).',
    });
  }
  if (!(targetMinutes > 0 && targetMinutes <= 24 * 60)) {
    throw new KioskError('queue/invalid-input', { ja: '目標待ち時間が不正です。', en: 'Invalid service-level target.' });
  }
  const end = statSnapshotAtOrBefore(db, to);
  const start = statSnapshotBefore(db, from);
  const cells = new CellMap();
  const apply = (rows: StatRow[], sign: number) => {
    for (const [dim, key, metric, n, sum, hist] of rows)
      cells.add(dim, key, metric, { n, sum, hist: hist ? decodeHistogram(hist) : null }, sign);
  };
  if (end !== null && (start === null || end > start)) {
    apply(statCells(db, end), 1);
    if (start !== null) apply(statCells(db, start), -1);
  }
  const get = (dim: string, key: string, metric: string) => cells.get(dim, key, metric);
  const count = (dim: string, key: string, metric: string) => cells.count(dim, key, metric);
  const keysOf = (dim: string) => cells.keysOf(dim);
  const group = (dim: string, key: string): GroupStats => ({
    key,
    arrivals: count(dim, key, 'arrived'),
    abandoned: count(dim, key, 'abandoned'),
    wait: summary(get(dim, key, 'wait')),
    service: summary(get(dim, key, 'service')),
  });
  const nonEmpty = (g: GroupStats) => g.arrivals > 0 || g.wait.count > 0 || g.service.count > 0 || g.abandoned > 0;
  const activeDays = countStatDays(db, from, to);
  const wait = get('all', '*', 'wait');
  const measured = wait?.n ?? 0;
  const withinTarget = wait?.hist ? Math.round(countBelow(wait.hist, targetMinutes * 60)) : 0;
  const byHour = keysOf('hour')
    .map((hour) => {
      const g = group('hour', hour);
      return { ...g, hour: Number(hour), arrivalsPerDay: activeDays ? g.arrivals / activeDays : null };
    })
    .filter(nonEmpty);
  const arrivals = count('all', '*', 'arrived');
  const openHours = activeDays * byHour.filter((h) => h.arrivals > 0).length;
  const estimate = get('all', '*', 'estimate');
  const bias = get('all', '*', 'estimate-bias');
  const result: PeriodStats = {
    from,
    to,
    activeDays,
    arrivals,
    abandoned: count('all', '*', 'abandoned'),
    cancelled: count('all', '*', 'cancelled'),
    wait: summary(wait),
    service: summary(get('all', '*', 'service')),
    serviceLevel: { targetMinutes, withinTarget, measured, share: measured ? withinTarget / measured : null },
    byCategory: keysOf('category')
      .map((key) => ({ ...group('category', key), label: findCategory(key)?.label ?? key }))
      .filter(nonEmpty),
    byForms: keysOf('forms')
      .map((key) => group('forms', key))
      .filter(nonEmpty),
    byHour,
    byCounter: keysOf('counter')
      .map((key) => group('counter', key))
      .filter(nonEmpty),
    requestsPerHour: openHours ? arrivals / openHours : null,
    estimateAccuracy: estimateAccuracy(estimate, bias),
    percentileMethod: PERCENTILE_METHOD,
  };
  return measured <= EXACT_PERCENTILE_LIMIT ? withExactPercentiles(result, exactPeriod(db, from, to, targetMinutes)) : result;
}
