// The floor view's pure computation: the opening-hours axis, alerts in words, the cells a fact changes.
import { describe, expect, it } from 'vitest';
import { floorView } from '../../domain/floor.ts';
import { CellMap } from '../../statistics/cells.ts';
import { estimateFrom } from '../../statistics/estimate.ts';
import { accumulate, buildFloorView, cellMapOf, floorDeltas, openingAxis } from '../../statistics/floor.ts';

const now = Date.parse('2026-03-30T10:30:00+09:00');

describe('the floor view computation', () => {
  it('puts the opening hours on a fixed axis, the first and last hour cut at the opening and closing times', () => {
    expect(openingAxis({ targetMinutes: 20, open: '08:45', close: '17:15' }).map((s) => `${s.hour}:${s.from}-${s.to}`)).toEqual([
      '8:08:45-09:00',
      '9:09:00-10:00',
      '10:10:00-11:00',
      '11:11:00-12:00',
      '12:12:00-13:00',
      '13:13:00-14:00',
      '14:14:00-15:00',
      '15:15:00-16:00',
      '16:16:00-17:00',
      '17:17:00-17:15',
    ]);
    expect(openingAxis({ targetMinutes: 20, open: '09:00', close: '12:00' }).map((s) => s.hour)).toEqual([9, 10, 11]);
  });

  it('a first call at the counter counts its wait for the visit, its hour of issue, its counter and its bundle; the estimate’s error beside it', () => {
    const visit = { day: '2026-03-30', hour: 8, category: 'tennyu', forms: 'jumin-ido' };
    const cells = floorDeltas(visit, { fact: 'wait-counter', seconds: 905.4, counter: '2', estimateSeconds: 600 });
    expect(cells.map((c) => [c.dim, c.key, c.metric, c.seconds])).toEqual([
      ['all', '*', 'wait-counter', 905],
      ['category', 'tennyu', 'wait-counter', 905],
      ['hour', '08', 'wait-counter', 905],
      ['counter', '2', 'wait-counter', 905],
      ['forms', 'jumin-ido', 'wait-counter', 905],
      ['all', '*', 'estimate', 305],
      ['all', '*', 'estimate-bias', 305],
    ]);
  });

  it('alerts when the longest current wait passes the target, in Japanese and English words; the back office’s own work is no alert', () => {
    const oldest = (minutes: number) => now - minutes * 60_000;
    const view = buildFloorView({
      office: 'sapporo-chuo',
      now,
      day: '2026-03-30',
      settings: { targetMinutes: 20, open: '08:45', close: '17:15' },
      from: '2026-03-30',
      to: '2026-03-30',
      range: {
        cells: cellMapOf(
          accumulate(floorDeltas({ day: '2026-03-30', hour: 9, category: 'tennyu', forms: null }, { fact: 'arrived' })).values(),
        ),
        days: 1,
      },
      today: { cells: new CellMap(), days: 0 },
      live: [
        { stage: 'counter', category: 'tennyu', waiting: 4, called: 2, oldestWaitingSince: oldest(42), oldestTicket: 'A-031' },
        { stage: 'counter', category: 'certificate', waiting: 1, called: 0, oldestWaitingSince: oldest(12), oldestTicket: 'E-007' },
        { stage: 'processing', category: 'tennyu', waiting: 3, called: 1, oldestWaitingSince: oldest(55), oldestTicket: 'A-012' },
        { stage: 'delivery', category: 'tennyu', waiting: 1, called: 0, oldestWaitingSince: oldest(19), oldestTicket: 'A-009' },
      ],
      estimate: estimateFrom(5, [420], 4),
      currentHour: 10,
    });
    expect(floorView.parse(view)).toEqual(view);
    expect(view.alerts.map((a) => [a.stage, a.ticket, a.waitSeconds])).toEqual([['counter', 'A-031', 42 * 60]]);
    expect(view.alerts[0]!.message).toBe(
      '窓口前の最長待ち A-031（転入）が 42 分で、目標 20 分を超えています。窓口を増やすか、呼出を優先してください。',
    );
    expect(view.alerts[0]!.messageEn).toContain('42 min, over the 20-min target');
    expect(view.live).toMatchObject({ waiting: 9, called: 3, longestWaitSeconds: 55 * 60 });
    expect(view.byHour.find((h) => h.current)?.hour).toBe(10);
    expect(view.range.arrivals).toBe(1);
  });
});
