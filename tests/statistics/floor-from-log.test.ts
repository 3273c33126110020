// The floor from a counter's copy of the office log (statistics/floor-from-log.ts): the live queue
// replayed from ticket events as the office's tickets table holds it. The office-wide equality with
// GET /v1/floor is in tests/office/floor.int.test.ts; here, what that day's log does not exercise.
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOOR_SETTINGS, floorView } from '../../domain/floor.ts';
import type { LoggedEvent } from '../../domain/office.ts';
import { floorFromLog } from '../../statistics/floor-from-log.ts';

const at = (hhmm: string) => Date.parse(`2026-03-30T${hhmm}:00+09:00`);
let seq = 0;
function event(kind: LoggedEvent['kind'], visitId: string, time: string, fields: Partial<LoggedEvent> = {}): LoggedEvent {
  seq += 1;
  return {
    id: v7({ msecs: at(time) + seq }),
    visitId,
    kind,
    at: at(time),
    counter: null,
    staff: null,
    category: null,
    ticket: null,
    reason: null,
    stage: null,
    forms: null,
    seq,
    source: 'office',
    machine: 'reception',
    ...fields,
  };
}

describe('the floor from the copy of the office log', () => {
  it('replays each ticket to its pool and stage: a transfer moves it to the other pool keeping its wait; a hand-over starts a new wait', () => {
    const a1 = v7({ msecs: at('08:50') });
    const b1 = v7({ msecs: at('08:55') });
    const a2 = v7({ msecs: at('09:00') });
    const events = [
      event('ticket-issued', a1, '08:50', { category: 'tennyu', ticket: 'A-001' }),
      event('ticket-issued', b1, '08:55', { category: 'tenkyo', ticket: 'B-001' }),
      event('ticket-issued', a2, '09:00', { category: 'tennyu', ticket: 'A-002' }),
      // B-001 was in the wrong queue: it waits with 転入 now, still since 08:55.
      event('transferred', b1, '09:05', { category: 'tennyu', ticket: 'B-001', counter: '2' }),
      event('called', a1, '09:10', { counter: '3', ticket: 'A-001', stage: 'counter' }),
      event('handed-over', a1, '09:30', { counter: '3', ticket: 'A-001', stage: 'processing' }),
    ];
    const view = floorView.parse(
      floorFromLog({
        office: 'sapporo-chuo',
        now: at('09:40'),
        settings: DEFAULT_FLOOR_SETTINGS,
        from: '2026-03-30',
        to: '2026-03-30',
        events,
      }),
    );
    expect(view.live.queues.map((q) => [q.stage, q.category, q.waiting, q.called, q.longestTicket, q.longestWaitSeconds])).toEqual([
      ['counter', 'tennyu', 2, 0, 'B-001', 45 * 60],
      ['processing', 'tennyu', 1, 0, 'A-001', 10 * 60],
    ]);
    expect(view.today).toMatchObject({ arrivals: 3, transfers: 1 });
    expect(view.today.wait).toMatchObject({ count: 1, maxSeconds: 20 * 60 });
    expect(view.estimate.peopleAhead).toBe(2);
    // A-001's service at counter 3 ended with the hand-over: 20 minutes.
    expect(view.byCounter).toEqual([
      expect.objectContaining({ counter: '3', called: 1, service: expect.objectContaining({ maxSeconds: 20 * 60 }) }),
    ]);
  });
});
