// Threat: a request left open (received / printed / submitted / processing / ready) is never
// finished, so the retention purge never touches it and its personal data is kept forever.
// At the office's closing time every open request is abandoned (reason `day-closed`); then the
// normal retention purge erases it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestKiosk, MORNING, type TestKiosk } from '../main/support/kiosk-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RESIDENT = { name: '髙橋　𠮷太郎', address: '北海道札幌市中央区北一条西２丁目１番地' };

describe('day-closed', () => {
  let t: TestKiosk;
  beforeEach(() => {
    t = makeTestKiosk(); // 2026-11-24 09:00 JST
  });
  afterEach(() => t.cleanup());

  /** One request left in each open state. */
  function openRequests(): Record<string, string> {
    const q = t.kiosk.queue;
    const make = () => q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: RESIDENT }).id;
    const received = make();
    const printed = make();
    q.advance(printed, 'forms-printed');
    const submitted = make();
    q.advance(submitted, 'submitted');
    const processing = make();
    q.advance(processing, 'submitted');
    q.advance(processing, 'processing-started', { counter: '3', staffId: 'ito' });
    const ready = make();
    q.advance(ready, 'submitted');
    q.advance(ready, 'processing-started', { counter: '3', staffId: 'ito' });
    q.advance(ready, 'called', { counter: '3' });
    return { received, printed, submitted, processing, ready };
  }

  it('at closing time every open request is abandoned with the reason day-closed', () => {
    const ids = openRequests();
    t.clock.now = MORNING + 8 * HOUR; // 17:00 JST: still open
    expect(t.kiosk.queue.closeDay()).toEqual({ abandoned: 0 });
    t.clock.now = MORNING + 8.5 * HOUR; // 17:30 JST, past the default closing time 17:15
    expect(t.kiosk.queue.closeDay()).toEqual({ abandoned: 5 });
    for (const id of Object.values(ids)) {
      expect(t.kiosk.queue.get(id).state).toBe('abandoned');
      expect(t.kiosk.queue.events(id).at(-1)).toMatchObject({ kind: 'abandoned', reason: 'day-closed' });
    }
    // A second run finds nothing more to close.
    expect(t.kiosk.queue.closeDay()).toEqual({ abandoned: 0 });
    // The projection still re-derives from the events (queue check), the case a counter had started included.
    expect(t.kiosk.queue.verify().problems).toEqual([]);
  });

  it('requests left open by a day the app was not running at closing are closed at the next start', () => {
    openRequests();
    t.clock.now = MORNING + DAY - HOUR; // the next morning 08:00 JST, before today's closing
    expect(t.kiosk.queue.closeDay()).toEqual({ abandoned: 5 });
  });

  it("the closing time is the office's own (configurable)", () => {
    const q = t.kiosk.queue;
    const id = q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: RESIDENT }).id;
    t.clock.now = MORNING + 3.5 * HOUR; // 12:30 JST
    expect(q.closeDay({ closingTime: '12:00' })).toEqual({ abandoned: 1 });
    expect(q.get(id).state).toBe('abandoned');
  });

  it('then the retention purge erases their personal data (it never did for open requests)', () => {
    const ids = openRequests();
    t.clock.now = MORNING + 8.5 * HOUR;
    t.kiosk.queue.closeDay();
    t.clock.now += (t.kiosk.queue.retentionDays + 1) * DAY;
    expect(t.kiosk.queue.purgeExpired().purged).toBe(5);
    for (const id of Object.values(ids)) {
      expect(() => t.kiosk.queue.readResident(id)).toThrow(expect.objectContaining({ code: 'queue/personal-data-purged' }));
    }
  });
});
