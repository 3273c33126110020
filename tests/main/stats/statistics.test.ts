import { afterEach, describe, expect, it } from 'vitest';
import { dashboard } from '../../../domain/statistics.ts';
import { EXACT_PERCENTILE_METHOD, periodStatistics } from '../../../main/stats/period.ts';
import { rebuildStatistics } from '../../../main/stats/cells.ts';
import { bucketBounds, bucketOf, histogramQuantile } from '../../../statistics/histogram.ts';
import { exactPeriod } from '../../../main/stats/exact.ts';
import { seedHistory } from '../../../main/stats/seed.ts';
import { statCells } from '../../../main/db/stat-cells.ts';
import { makeTestKiosk, MINUTE, MORNING, residents, type TestKiosk } from '../support/kiosk-fixtures.ts';

let t: TestKiosk;
afterEach(() => t?.cleanup());

describe('histogram', () => {
  it('puts durations in whole-minute buckets and interpolates quantiles within them', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(59)).toBe(0);
    expect(bucketOf(60)).toBe(1);
    expect(bucketOf(1199)).toBe(19);
    expect(bucketBounds(19)).toEqual([1140, 1200]);
    expect(bucketBounds(bucketOf(61 * 60))).toEqual([3600, 3720]);
    const counts = new Float64Array(200);
    counts[10] = 10; // ten visits in [10, 11) minutes
    expect(histogramQuantile(counts, 0.5)).toBe(630);
    expect(histogramQuantile(new Float64Array(10), 0.5)).toBeNull();
  });
});

describe('supervisor statistics', () => {
  it('matches the exact figures computed from every visit row (seeded history)', () => {
    t = makeTestKiosk();
    seedHistory(t.db, { count: 3000, days: 30, endDay: '2026-11-24', seed: 7 });
    const from = '2026-11-01';
    const to = '2026-11-23';
    const fast = periodStatistics(t.db, from, to, 20);
    const exact = exactPeriod(t.db, from, to, 20);
    expect(fast.arrivals).toBe(exact.arrivals);
    expect(fast.arrivals).toBeGreaterThan(1500);
    expect(fast.abandoned).toBe(exact.abandoned);
    expect(fast.wait.count).toBe(exact.wait.count);
    // Means are exact; percentiles within one bucket (1 minute below an hour, 2 minutes above).
    expect(fast.wait.meanSeconds).toBe(exact.wait.meanSeconds);
    expect(fast.service.meanSeconds).toBe(exact.service.meanSeconds);
    expect(Math.abs(fast.wait.medianSeconds! - exact.wait.medianSeconds!)).toBeLessThanOrEqual(60);
    expect(Math.abs(fast.wait.p90Seconds! - exact.wait.p90Seconds!)).toBeLessThanOrEqual(120);
    expect(Math.abs(fast.service.p90Seconds! - exact.service.p90Seconds!)).toBeLessThanOrEqual(120);
    // The service level at a whole-minute target is counted exactly.
    expect(fast.serviceLevel.withinTarget).toBe(exact.withinTarget);
    expect(fast.serviceLevel.share).toBeCloseTo(exact.withinTarget / exact.wait.count, 10);
    // Breakdowns: by category, by form bundle, by hour, by counter.
    for (const [list, dim] of [
      [fast.byCategory, 'category'],
      [fast.byForms, 'forms'],
      [fast.byHour, 'hour'],
      [fast.byCounter, 'counter'],
    ] as const) {
      expect(list.length).toBeGreaterThan(1);
      for (const group of list) {
        const reference = exact.groups[dim]![group.key]!;
        expect(group.wait.count, `${dim} ${group.key}`).toBe(reference.wait.count);
        expect(group.wait.meanSeconds).toBe(reference.wait.meanSeconds);
        expect(Math.abs(group.wait.medianSeconds! - reference.wait.medianSeconds!)).toBeLessThanOrEqual(120);
        if (dim !== 'counter') expect(group.arrivals).toBe(reference.arrivals);
      }
    }
    // The bundle with four forms takes longer to serve than a certificate alone.
    const big = fast.byForms.find((g) => g.key === 'jido-teate+jumin-ido+kodomo-iryo+kokuho')!;
    const small = fast.byForms.find((g) => g.key === 'shomei-jumin')!;
    expect(big.service.medianSeconds!).toBeGreaterThan(small.service.medianSeconds!);
    // Estimate accuracy is reported from the estimates given at the ticket.
    expect(fast.estimateAccuracy.count).toBe(fast.wait.count);
    expect(fast.estimateAccuracy.meanAbsErrorSeconds).toBeGreaterThan(0);
    expect(fast.requestsPerHour).toBeGreaterThan(0);
  });

  it('a sub-range equals the difference of cumulative snapshots and stays consistent with the whole', () => {
    t = makeTestKiosk();
    seedHistory(t.db, { count: 1500, days: 20, endDay: '2026-11-24', seed: 3 });
    const whole = periodStatistics(t.db, '2026-11-01', '2026-11-23');
    const first = periodStatistics(t.db, '2026-11-01', '2026-11-12');
    const second = periodStatistics(t.db, '2026-11-13', '2026-11-23');
    expect(first.arrivals + second.arrivals).toBe(whole.arrivals);
    expect(first.wait.count + second.wait.count).toBe(whole.wait.count);
    expect(first.abandoned + second.abandoned).toBe(whole.abandoned);
    const empty = periodStatistics(t.db, '2020-01-01', '2020-01-31');
    expect(empty).toMatchObject({ arrivals: 0, wait: { count: 0, medianSeconds: null } });
    expect(() => periodStatistics(t.db, '2026-11-10', '2026-11-01')).toThrow(expect.objectContaining({ code: 'queue/invalid-input' }));
  });

  it('live figures and today: waiting, in service, longest wait, abandoned, service level', () => {
    t = makeTestKiosk();
    const q = t.kiosk.queue;
    const a = q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: residents.yoshino });
    t.clock.now += 5 * MINUTE;
    const c = q.enqueue({ category: 'certificate', forms: ['shomei-jumin'], resident: residents.saito });
    q.advance(a.id, 'submitted');
    t.clock.now += 25 * MINUTE; // a waited 30 minutes
    q.advance(a.id, 'processing-started', { counter: '1', staffId: 'k01' });
    const b = q.enqueue({ category: 'certificate', forms: ['shomei-jumin'], resident: residents.takahashi });
    q.advance(b.id, 'submitted');
    t.clock.now += 10 * MINUTE; // b waited 10 minutes
    q.advance(b.id, 'processing-started', { counter: '2', staffId: 'k02' });
    q.advance(c.id, 'abandoned');
    const d = q.enqueue({ category: 'tenshutsu', forms: [], resident: residents.saito });
    q.advance(d.id, 'submitted');
    t.clock.now += MINUTE;
    // Printed but not handed in (the resident still signs at the counter): live, not waiting.
    const e = q.enqueue({ category: 'tenkyo', forms: [], resident: residents.yoshino });
    q.advance(e.id, 'forms-printed');
    t.clock.now += 3 * MINUTE;
    const day = q.get(a.id).day;
    const report = t.kiosk.statistics({ from: day, to: day, targetMinutes: 20 });
    expect(dashboard.parse(report)).toEqual(report); // exactly the contract's view model, nothing more
    expect(report.live).toMatchObject({ waiting: 1, inService: 2, longestWaitSeconds: 240 });
    expect(report.live.items.map((i) => [i.ticket, i.state, i.waitingSeconds])).toEqual([
      ['A-001', 'processing', 44 * 60],
      ['E-002', 'processing', 14 * 60],
      ['B-001', 'submitted', 4 * 60],
      ['C-001', 'forms-printed', 3 * 60],
    ]);
    // Waits of 30 and 10 minutes: exact percentiles of a small sample; one of two under 20 minutes.
    expect(report.today).toEqual({
      count: 5,
      waitMedian: 1200,
      waitP90: 600 + 0.9 * 1200,
      serviceMedian: null,
      serviceP90: null,
      serviceLevelTargetMinutes: 20,
      serviceLevelShare: 0.5,
      abandoned: 1,
    });
    expect(report.range).toEqual(report.today);
    expect(report.byCounter.map((g) => g.counter)).toEqual(['1', '2']);
    expect(report.byProcedure.map((r) => [r.key, r.count])).toEqual(
      expect.arrayContaining([
        ['転入', 1],
        ['証明書', 2],
        ['転出', 1],
        ['転居', 1],
      ]),
    );
    // 1 waiting × 10 minutes (no service history yet) ÷ 2 counters in service.
    expect(report.estimateSeconds).toBe(300);
    expect(d.ticket).toBe('B-001');
  });

  it('the live path (event by event) gives the same cells as a rebuild, also across midnight', () => {
    t = makeTestKiosk({ start: MORNING + 14 * 60 * MINUTE }); // 23:00 JST
    const q = t.kiosk.queue;
    const late = q.enqueue({ category: 'household', forms: ['jumin-ido'], resident: residents.saito });
    q.advance(late.id, 'submitted');
    t.clock.now += 90 * MINUTE; // served after midnight: belongs to the ticket's day
    q.advance(late.id, 'processing-started', { counter: '9' });
    const next = q.enqueue({ category: 'household', forms: [], resident: residents.saito });
    q.advance(next.id, 'cancelled');
    t.clock.now += 10 * MINUTE;
    q.advance(late.id, 'called');
    q.advance(late.id, 'completed');
    const cells = (day: string) => statCells(t.db, day).sort().map(String);
    const liveDay1 = cells('2026-11-24');
    const liveDay2 = cells('2026-11-25');
    expect(periodStatistics(t.db, '2026-11-24', '2026-11-24').wait).toMatchObject({ count: 1, meanSeconds: 5400 });
    t.db.transaction(() => rebuildStatistics(t.db))();
    expect(cells('2026-11-24')).toEqual(liveDay1);
    expect(cells('2026-11-25')).toEqual(liveDay2);
  });

  it('statistics tables hold no personal data', () => {
    t = makeTestKiosk();
    const q = t.kiosk.queue;
    const r = q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: residents.yoshino });
    q.advance(r.id, 'submitted');
    q.advance(r.id, 'processing-started', { counter: '1' });
    q.advance(r.id, 'completed');
    const text =
      JSON.stringify(t.db.prepare('SELECT * FROM stat_cells').all()) +
      JSON.stringify(t.kiosk.statistics({ from: '2026-11-01', to: '2026-11-24' }));
    expect(text).toContain('tennyu');
    for (const value of Object.values(residents.yoshino)) expect(text).not.toContain(value);
  });
});

describe('small samples', () => {
  it('reports exact percentiles when a period has few visits (no bucket interpolation)', () => {
    t = makeTestKiosk();
    const q = t.kiosk.queue;
    const waits = [0, 90, 400];
    const ids = waits.map(() => q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: residents.yoshino }).id);
    for (const id of ids) for (const kind of ['forms-printed', 'submitted'] as const) q.advance(id, kind);
    const startAt = t.clock.now;
    // Visit i starts being served waits[i] seconds after all three took their tickets.
    ids.forEach((id, i) => {
      t.clock.now = startAt + waits[i]! * 1000;
      q.advance(id, 'processing-started', { counter: '1', staffId: 'sato02' });
    });
    const day = q.get(ids[0]!).day;
    const period = periodStatistics(t.db, day, day);
    expect(period.wait.count).toBe(3);
    expect(period.wait.medianSeconds).toBe(90);
    expect(period.wait.p90Seconds).toBe(Math.round(90 + (400 - 90) * 0.8));
    expect(period.byCounter.find((g) => g.key === '1')?.wait.medianSeconds).toBe(90);
    expect(period.percentileMethod).toBe(EXACT_PERCENTILE_METHOD);
  });
});
