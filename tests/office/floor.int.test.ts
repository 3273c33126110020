// The supervisor's floor view equals what the counters' logs say. Several counters, a
// reception, the back office and 交付 work one busy-season Monday morning on a real PostgreSQL:
// 転入 in the morning peak, a transfer, a no-show called again, a ticket issued offline from a
// counter's lease and merged, and one the office could not merge. The expected figures are computed
// here from the pulled log alone (and the estimates recorded with the tickets), independently of
// the rollup, and compared with GET /v1/floor.
import { floorFromLog } from '../../statistics/floor-from-log.ts';
import { describe, expect, it } from 'vitest';
import { floorView, type DurationFigures } from '../../domain/floor.ts';
import {
  leaseView,
  pullResponse,
  syncFlagsResponse,
  ticketResponse,
  type LoggedEvent,
  type OfficeEvent,
  type TicketView,
} from '../../domain/office.ts';
import { officeDay, officeHour } from '../../domain/office-time.ts';
import { registerMachine } from '../../office/machines.ts';
import { floorView as readFloor } from '../../office/floor.ts';
import { newUuidv7, OFFICE, request, useOfficePerTest, type Counter } from './support/office-harness.ts';

const { start } = useOfficePerTest();

const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+09:00`);
const MONDAY = '2026-03-30';
const FRIDAY = '2026-03-27';

/** The same definition as any statistics text book: linear between order statistics. */
function quantile(sorted: number[], q: number): number {
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
function figures(values: number[]): DurationFigures {
  if (values.length === 0) return { count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null, maxSeconds: null };
  const s = [...values].sort((a, b) => a - b);
  return {
    count: s.length,
    meanSeconds: Math.round(s.reduce((a, b) => a + b, 0) / s.length),
    medianSeconds: Math.round(quantile(s, 0.5)),
    p90Seconds: Math.round(quantile(s, 0.9)),
    maxSeconds: s.at(-1)!,
  };
}
const secs = (fromMs: number, toMs: number) => Math.max(0, Math.round((toMs - fromMs) / 1000));

interface Expected {
  arrivals: number;
  byHour: Map<number, number>;
  byCategory: Map<string, number>;
  wait: number[];
  waitByHour: Map<number, number[]>;
  waitByCounter: Map<string, number[]>;
  service: number[];
  processing: number[];
  delivery: number[];
  bundles: Map<string, { arrivals: number; wait: number[] }>;
  noShows: number;
  transfers: number;
  waitOf: Map<string, number>;
}

/** What the log says about the tickets issued on the given days: every definition written out here, not taken from office/. */
function fromLog(events: LoggedEvent[], flagged: Set<string>, days: Set<string>): Expected {
  const out: Expected = {
    arrivals: 0,
    byHour: new Map(),
    byCategory: new Map(),
    wait: [],
    waitByHour: new Map(),
    waitByCounter: new Map(),
    service: [],
    processing: [],
    delivery: [],
    bundles: new Map(),
    noShows: 0,
    transfers: 0,
    waitOf: new Map(),
  };
  const push = <K>(m: Map<K, number[]>, k: K, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
  const issues = events.filter((e) => e.kind === 'ticket-issued' && !flagged.has(e.id) && days.has(officeDay(e.at)));
  for (const issue of issues) {
    const mine = events.filter((e) => e.visitId === issue.visitId && e.seq > issue.seq);
    const hour = officeHour(issue.at);
    out.arrivals += 1;
    out.byHour.set(hour, (out.byHour.get(hour) ?? 0) + 1);
    out.byCategory.set(issue.category!, (out.byCategory.get(issue.category!) ?? 0) + 1);
    out.noShows += mine.filter((e) => e.kind === 'no-show').length;
    out.transfers += mine.filter((e) => e.kind === 'transferred').length;
    const firstCall = mine.find((e) => e.kind === 'called' && (e.stage ?? 'counter') === 'counter');
    let wait: number | null = null;
    if (firstCall) {
      wait = secs(issue.at, firstCall.at);
      out.waitOf.set(issue.ticket!, wait);
      out.wait.push(wait);
      push(out.waitByHour, hour, wait);
      push(out.waitByCounter, firstCall.counter!, wait);
      const done = mine.find((e) => (e.kind === 'handed-over' || e.kind === 'ticket-completed') && e.at >= firstCall.at);
      if (done) out.service.push(secs(firstCall.at, done.at));
    }
    const toProcessing = mine.find((e) => e.kind === 'handed-over' && e.stage === 'processing');
    if (toProcessing) {
      const end = mine.find(
        (e) =>
          e.seq > toProcessing.seq &&
          ((e.kind === 'handed-over' && e.stage === 'delivery') || (e.kind === 'ticket-completed' && e.stage === 'processing')),
      );
      if (end) out.processing.push(secs(toProcessing.at, end.at));
    }
    const toDelivery = mine.find((e) => e.kind === 'handed-over' && e.stage === 'delivery');
    const deliveryCall = toDelivery && mine.find((e) => e.seq > toDelivery.seq && e.kind === 'called' && e.stage === 'delivery');
    if (toDelivery && deliveryCall) out.delivery.push(secs(toDelivery.at, deliveryCall.at));
    // The counter's own request events name the visit's forms and its ticket number that day.
    const named = events.find(
      (e) => e.source === 'counter' && e.forms !== null && e.ticket === issue.ticket && officeDay(e.at) === officeDay(issue.at),
    );
    if (named?.forms) {
      const b = out.bundles.get(named.forms) ?? { arrivals: 0, wait: [] };
      b.arrivals += 1;
      if (wait !== null) b.wait.push(wait);
      out.bundles.set(named.forms, b);
    }
  }
  return out;
}

describe('the supervisor floor view', () => {
  it('equals what the counters’ logs say: per stage, by hour, per counter, per bundle, the estimate’s accuracy; alerts in words; counters may not read it', async () => {
    let clock = at(FRIDAY, '13:00');
    const office = await start({
      now: () => clock,
      floor: { targetMinutes: 20, open: '08:45', close: '17:15' },
    });
    const reception = await office.counter('R1');
    const c1 = await office.counter('1');
    const c2 = await office.counter('2');
    const c3 = await office.counter('3');
    const back = await office.counter('P1');
    const supervisor = await registerMachine(office.pool, OFFICE, 'SV1', 'supervisor');
    const ok = (r: { status: number; body: unknown }) => {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const issue = async (hhmm: string, category: string, day = MONDAY): Promise<TicketView> => {
      clock = at(day, hhmm);
      return ticketResponse.parse(ok(await reception.call('POST', '/v1/tickets', { id: newUuidv7(clock), category, staff: 'R0001' })))
        .ticket!;
    };
    const callNext = async (who: Counter, hhmm: string, pools: string[], stage = 'counter', day = MONDAY) => {
      clock = at(day, hhmm);
      return ticketResponse.parse(
        ok(await who.call('POST', '/v1/call-next', { id: newUuidv7(clock), pools, staff: `S00${who.id}`.slice(0, 8), stage })),
      ).ticket!;
    };
    const command = async (who: Counter, hhmm: string, ref: string, name: string, extra: object = {}, day = MONDAY) => {
      clock = at(day, hhmm);
      return ok(
        await who.call('POST', `/v1/tickets/${ref}/${name}`, { id: newUuidv7(clock), staff: `S00${who.id}`.slice(0, 8), ...extra }),
      );
    };
    /** The counter's own request events for a visit (its own request id), naming the ticket and the forms handed in. */
    const counterLog = async (who: Counter, ticket: string, category: string, forms: string, times: string[]) => {
      const visit = newUuidv7(at(MONDAY, times[0]!));
      const kinds = ['received', 'forms-printed', 'submitted'] as const;
      const events: OfficeEvent[] = times.map((hhmm, i) => ({
        id: newUuidv7(at(MONDAY, hhmm) + i),
        visitId: visit,
        kind: kinds[i]!,
        at: at(MONDAY, hhmm),
        counter: who.id,
        staff: `S00${who.id}`,
        category: category as OfficeEvent['category'],
        ticket,
        reason: null,
        stage: null,
        forms,
      }));
      ok(await who.call('POST', '/v1/events', { events }));
    };

    // Friday afternoon: one 証明書 visit (the range's other day).
    await issue('13:00', 'certificate', FRIDAY);
    await callNext(c1, '13:04', ['certificate'], 'counter', FRIDAY);
    await command(c1, '13:10', 'E-001', 'complete', {}, FRIDAY);

    // Monday 08:51: counter 3 takes a block of 転出 numbers before its link goes down.
    clock = at(MONDAY, '08:51');
    const lease = leaseView.parse(ok(await c3.call('POST', '/v1/leases', { category: 'tenshutsu', size: 5 })));
    expect([lease.first, lease.last]).toEqual([1, 5]);

    // The morning peak: 転入 first.
    const a1 = await issue('08:50', 'tennyu');
    const a2 = await issue('08:52', 'tennyu');
    await issue('08:55', 'tenkyo'); // C-001
    await issue('09:00', 'tennyu');
    const b6 = await issue('09:02', 'tenshutsu');
    expect([a1.number, a2.number, b6.number]).toEqual(['A-001', 'A-002', 'B-006']);

    expect((await callNext(c1, '09:05', ['tennyu', 'tenkyo'])).number).toBe('A-001');
    expect((await callNext(c2, '09:06', ['tennyu', 'tenkyo'])).number).toBe('A-002');
    await counterLog(c1, 'A-001', 'tennyu', 'jumin-ido+kokuho-ido', ['09:06', '09:12', '09:18']);
    await command(c1, '09:20', 'A-001', 'hand-over', { to: 'processing' });
    expect((await callNext(c3, '09:21', ['tenshutsu'])).number).toBe('B-006');
    // C-001 is a 転入 after all: it keeps its number and its wait, in the 転入 pool.
    await command(c2, '09:22', 'C-001', 'transfer', { to: 'tennyu' });
    await command(c2, '09:25', 'A-002', 'complete');
    await counterLog(c2, 'A-002', 'tennyu', 'jumin-ido', ['09:07', '09:14', '09:24']);
    expect((await callNext(c1, '09:26', ['tennyu'])).number).toBe('C-001');
    await command(c1, '09:27', 'C-001', 'no-show');
    expect((await callNext(back, '09:30', ['tennyu'], 'processing')).number).toBe('A-001');
    await command(c3, '09:35', 'B-006', 'hand-over', { to: 'processing' });
    await command(c1, '09:40', 'C-001', 'call'); // came back: called again, its wait is not counted twice
    await command(back, '09:45', 'A-001', 'hand-over', { to: 'delivery' });

    // Counter 3's link returns: what it did alone is merged (B-002), a number outside its block is flagged.
    clock = at(MONDAY, '09:46');
    const b2 = newUuidv7(at(MONDAY, '09:10'));
    const offlineEvent = (kind: OfficeEvent['kind'], visitId: string, ticket: string, hhmm: string): OfficeEvent => ({
      id: newUuidv7(at(MONDAY, hhmm) + 7),
      visitId,
      kind,
      at: at(MONDAY, hhmm),
      counter: '3',
      staff: 'S003',
      category: 'tenshutsu',
      ticket,
      reason: null,
      stage: null,
      forms: null,
    });
    const outside = offlineEvent('ticket-issued', newUuidv7(at(MONDAY, '09:12')), 'B-009', '09:12');
    ok(
      await c3.call('POST', '/v1/events', {
        events: [
          offlineEvent('ticket-issued', b2, 'B-002', '09:10'),
          outside,
          offlineEvent('called', b2, 'B-002', '09:33'),
          offlineEvent('ticket-completed', b2, 'B-002', '09:40'),
        ],
      }),
    );
    await command(c1, '09:50', 'C-001', 'complete');
    expect((await callNext(c2, '09:55', ['tennyu'], 'delivery')).number).toBe('A-001');
    await command(c2, '09:58', 'A-001', 'complete');

    // 10:00: A-003 has waited an hour; B-006 waits in the back office.
    clock = at(MONDAY, '10:00');
    const denied = await c1.call('GET', `/v1/floor?from=${FRIDAY}&to=${MONDAY}`);
    expect(denied.status).toBe(403);
    expect((await request(office.url, 'GET', `/v1/floor?from=${MONDAY}&to=${FRIDAY}`, undefined, supervisor)).status).toBe(400);
    expect((await request(office.url, 'GET', `/v1/floor?from=2026-02-30&to=${MONDAY}`, undefined, supervisor)).status).toBe(400);
    const view = floorView.parse(ok(await request(office.url, 'GET', `/v1/floor?from=${FRIDAY}&to=${MONDAY}`, undefined, supervisor)));

    // --- expected, from the log alone ---
    const log: LoggedEvent[] = [];
    for (let after = 0; ;) {
      const page = pullResponse.parse(ok(await c1.call('GET', `/v1/events?after=${after}`)));
      log.push(...page.events);
      after = page.cursor;
      if (page.cursor >= page.head) break;
    }
    const flags = syncFlagsResponse.parse(ok(await request(office.url, 'GET', '/v1/flags', undefined, supervisor))).flags;
    expect(flags.map((f) => [f.kind, f.ticket, f.machine])).toEqual([['outside-lease', 'B-009', '3']]);
    const flagged = new Set(flags.map((f) => f.eventId));
    const range = fromLog(log, flagged, new Set([FRIDAY, MONDAY]));
    const today = fromLog(log, flagged, new Set([MONDAY]));

    expect(view.range).toMatchObject({ from: FRIDAY, to: MONDAY, days: 2, arrivals: range.arrivals, noShows: 1, transfers: 1 });
    expect(range.arrivals).toBe(7); // E-001, A-001…A-003, C-001, B-006 and the merged B-002; not B-009
    expect(view.range.wait).toEqual(figures(range.wait));
    expect(view.range.stages).toEqual({
      counter: figures(range.wait),
      processing: figures(range.processing),
      delivery: figures(range.delivery),
    });
    expect(view.range.service).toEqual(figures(range.service));
    expect(view.today.wait).toEqual(figures(today.wait));
    expect(view.today.arrivals).toBe(6);
    // The city's target metric is the maximum: C-001 waited 31 minutes (08:55 → 09:26, its transfer kept the wait).
    expect(today.waitOf.get('C-001')).toBe(31 * 60);
    expect(view.today.wait.maxSeconds).toBe(31 * 60);
    expect(view.today.target).toEqual({
      minutes: 20,
      within: today.wait.filter((w) => w < 20 * 60).length,
      measured: today.wait.length,
      share: today.wait.filter((w) => w < 20 * 60).length / today.wait.length,
      maxWithin: false,
    });
    expect(view.range.byCategory.map((c) => [c.category, c.label, c.arrivals])).toEqual(
      [...range.byCategory]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, n]) => [k, { tennyu: '転入', tenkyo: '転居', tenshutsu: '転出', certificate: '証明書' }[k], n]),
    );

    // The fixed axis 08:45–17:15, the current hour marked; Friday's 13:00 visit in the range's 13 o'clock.
    expect(view.byHour.map((h) => `${h.from}-${h.to}`)).toEqual([
      '08:45-09:00',
      '09:00-10:00',
      '10:00-11:00',
      '11:00-12:00',
      '12:00-13:00',
      '13:00-14:00',
      '14:00-15:00',
      '15:00-16:00',
      '16:00-17:00',
      '17:00-17:15',
    ]);
    expect(view.byHour.filter((h) => h.current).map((h) => h.hour)).toEqual([10]);
    for (const h of view.byHour) {
      expect(h.today.arrivals, `${h.hour}`).toBe(today.byHour.get(h.hour) ?? 0);
      expect(h.range.arrivals, `${h.hour}`).toBe(range.byHour.get(h.hour) ?? 0);
      expect(h.range.wait, `${h.hour}`).toEqual(figures(range.waitByHour.get(h.hour) ?? []));
    }
    expect(view.byHour.find((h) => h.hour === 8)!.today.arrivals).toBe(3); // the morning peak: A-001, A-002 (転入) and C-001

    expect(view.byCounter.map((c) => [c.counter, c.called, c.wait])).toEqual(
      [...range.waitByCounter].sort(([a], [b]) => a.localeCompare(b)).map(([k, w]) => [k, w.length, figures(w)]),
    );
    expect(view.byCounter.find((c) => c.counter === '1')?.noShows).toBe(1);
    expect(view.byBundle.map((b) => [b.bundle, b.arrivals, b.wait])).toEqual(
      [...range.bundles].sort(([a], [b]) => a.localeCompare(b)).map(([k, b]) => [k, b.arrivals, figures(b.wait)]),
    );
    expect(view.byBundle.map((b) => b.bundle)).toEqual(['jumin-ido', 'jumin-ido+kokuho-ido']);

    // The estimate given with each ticket (recorded at issue) against the wait it got.
    const { rows: estimates } = await office.pool.query<{ label: string; est: number | null }>(
      `SELECT label, estimated_wait_s AS est FROM tickets ORDER BY issued_at`,
    );
    const given = new Map(estimates.map((r) => [r.label, r.est]));
    expect(given.get('A-001')).toBe(0); // nobody ahead
    expect(given.get('A-002')).toBe(600); // one ahead × 10 minutes (no service measured yet) ÷ 1 counter
    expect(given.get('B-002')).toBeNull(); // issued offline: the office told it nothing
    const errors = [...range.waitOf]
      .filter(([t]) => given.get(t) !== null && given.get(t) !== undefined)
      .map(([t, w]) => w - given.get(t)!);
    expect(view.estimate.accuracy).toEqual({
      count: errors.length,
      meanAbsErrorSeconds: Math.round(errors.reduce((a, e) => a + Math.abs(e), 0) / errors.length),
      meanBiasSeconds: Math.round(errors.reduce((a, e) => a + e, 0) / errors.length),
      within5MinutesShare: errors.filter((e) => Math.abs(e) < 300).length / errors.length,
    });
    expect(view.estimate.peopleAhead).toBe(1); // A-003 waits

    // Live: A-003 an hour before the counter, B-006 in the back office; the alert says so in words.
    expect(view.live.queues.map((q) => [q.stage, q.category, q.waiting, q.called, q.longestTicket, q.longestWaitSeconds])).toEqual([
      ['counter', 'tennyu', 1, 0, 'A-003', 3600],
      ['processing', 'tenshutsu', 1, 0, 'B-006', 25 * 60],
    ]);
    expect(view.alerts).toEqual([
      expect.objectContaining({ code: 'wait-over-target', stage: 'counter', ticket: 'A-003', waitSeconds: 3600, targetMinutes: 20 }),
    ]);
    expect(view.alerts[0]!.message).toMatch(/A-003.*60 分.*目標 20 分を超えています/);
    expect(view.alerts[0]!.messageEn).toMatch(/A-003.*60 min, over the 20-min target/);

    // The rollup alone (the path a year of history takes): the same counts, means and maxima; percentiles within a bucket.
    const fast = await readFloor(office.pool, OFFICE, { from: FRIDAY, to: MONDAY, now: clock, exact: false });
    expect(fast.percentileMethod).not.toBe(view.percentileMethod);
    for (const [a, b] of [
      [fast.range.wait, view.range.wait],
      [fast.range.stages.processing, view.range.stages.processing],
      [fast.range.service, view.range.service],
      ...fast.byCounter.map((c, i) => [c.wait, view.byCounter[i]!.wait]),
    ] as [DurationFigures, DurationFigures][]) {
      expect({ ...a, medianSeconds: 0, p90Seconds: 0 }).toEqual({ ...b, medianSeconds: 0, p90Seconds: 0 });
      expect(Math.abs(a.medianSeconds! - b.medianSeconds!)).toBeLessThanOrEqual(60);
    }

    // A replayed batch changes nothing in the floor.
    const again = log.filter((e) => e.source === 'counter' && e.machine === '3').map(({ seq: _s, source: _o, machine: _m, ...e }) => e);
    ok(await c3.call('POST', '/v1/events', { events: again }));
    expect(floorView.parse(ok(await request(office.url, 'GET', `/v1/floor?from=${FRIDAY}&to=${MONDAY}`, undefined, supervisor)))).toEqual(
      view,
    );

    // The counter's copy of the log gives the same floor (statistics/floor-from-log.ts: the same
    // follower, cells and view), except the estimate's accuracy: the estimates given are not in the log.
    const copy = floorFromLog({ office: OFFICE, now: clock, settings: view.settings, from: FRIDAY, to: MONDAY, events: log, flagged });
    const withoutAccuracy = (v: typeof view) => ({ ...v, estimate: { ...v.estimate, accuracy: null } });
    expect(withoutAccuracy(copy)).toEqual(withoutAccuracy(view));
    expect(copy.estimate.accuracy).not.toEqual(view.estimate.accuracy);
    // Not told which number the office refused, the copy counts B-009 as one more arrival.
    const unflagged = floorFromLog({ office: OFFICE, now: clock, settings: view.settings, from: FRIDAY, to: MONDAY, events: log });
    expect(unflagged.today.arrivals).toBe(view.today.arrivals + 1);
  });
});
