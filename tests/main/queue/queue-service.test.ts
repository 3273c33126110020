import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../domain/errors.ts';
import { makeTestKiosk, MINUTE, MORNING, residents, type TestKiosk } from '../support/kiosk-fixtures.ts';

let t: TestKiosk;
afterEach(() => t?.cleanup());

function errorOf(fn: () => unknown): KioskError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KioskError) return error;
    throw error;
  }
  throw new Error('expected a KioskError');
}

describe('queue service', () => {
  it('issues per-day tickets per category letter and never reuses a number, even after a cancel or restart', () => {
    t = makeTestKiosk();
    const q = () => t.kiosk.queue;
    const a1 = q().enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: residents.yoshino });
    const a2 = q().enqueue({ category: 'A', forms: ['jumin-ido'], resident: residents.takahashi });
    const b1 = q().enqueue({ category: 'tenshutsu', forms: [], resident: residents.saito });
    expect([a1.ticket, a2.ticket, b1.ticket]).toEqual(['A-001', 'A-002', 'B-001']);
    q().advance(a2.ticket, 'cancelled');
    t.reopen();
    const a3 = q().enqueue({ category: 'tennyu', forms: [], resident: residents.saito });
    expect(a3.ticket).toBe('A-003');
    // The next office day (JST) starts again at 001; the old day keeps its numbers.
    t.clock.now = MORNING + 24 * 60 * MINUTE;
    const next = q().enqueue({ category: 'tennyu', forms: [], resident: residents.saito });
    expect(next.ticket).toBe('A-001');
    expect(next.day).toBe('2026-11-25');
    expect(q().get('A-003', '2026-11-24').id).toBe(a3.id);
  });

  it('uses time-ordered UUIDv7 ids', () => {
    t = makeTestKiosk();
    const first = t.kiosk.queue.enqueue({ category: 'E', forms: [], resident: residents.takahashi });
    t.clock.now += 1000;
    const second = t.kiosk.queue.enqueue({ category: 'E', forms: [], resident: residents.takahashi });
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.id > first.id).toBe(true);
  });

  it('records every transition as an event with time, counter and staff, and derives the state', () => {
    t = makeTestKiosk();
    const q = t.kiosk.queue;
    const r = q.enqueue({ category: 'tennyu', forms: ['kokuho', 'jumin-ido', 'kokuho'], resident: residents.yoshino });
    expect(r.forms).toEqual(['jumin-ido', 'kokuho']);
    t.clock.now += 2 * MINUTE;
    q.advance(r.id, 'forms-printed');
    t.clock.now += 3 * MINUTE;
    q.advance(r.id, 'submitted');
    t.clock.now += 10 * MINUTE;
    q.advance(r.ticket, 'processing-started', { counter: '3', staffId: 'tanaka01' });
    t.clock.now += 7 * MINUTE;
    q.advance(r.ticket, 'called');
    t.clock.now += MINUTE;
    const done = q.advance(r.ticket, 'completed');
    expect(done.state).toBe('completed');
    expect(done.counter).toBe('3');
    expect(Date.parse(done.processingAt!) - Date.parse(done.receivedAt)).toBe(15 * MINUTE);
    const events = q.events(r.id);
    expect(events.map((e) => e.kind)).toEqual(['received', 'forms-printed', 'submitted', 'processing-started', 'called', 'completed']);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[3]).toMatchObject({ counter: '3', staff: 'tanaka01' });
    expect(q.verify()).toEqual({ checked: 1, problems: [] });
    // verify() really re-derives: a tampered projection is reported.
    t.db.prepare("UPDATE requests SET state = 'processing'").run();
    expect(q.verify().problems).toEqual([{ id: r.id, ticket: 'A-001', problem: 'projection processing != events completed' }]);
  });

  it('rejects illegal transitions and leaves no trace of them', () => {
    t = makeTestKiosk();
    const q = t.kiosk.queue;
    const r = q.enqueue({ category: 'tennyu', forms: [], resident: residents.yoshino });
    const error = errorOf(() => q.advance(r.id, 'completed', { counter: '1' }));
    expect(error.code).toBe('queue/illegal-transition');
    expect(error.message).toBe('A-001: 「受付済」の申請に「completed」は記録できません。');
    expect(error.messageEn).toBe("A-001: event 'completed' is not allowed in state 'received'.");
    expect(error.message).not.toContain('𠮷');
    expect(q.events(r.id)).toHaveLength(1);
    q.advance(r.id, 'submitted');
    expect(errorOf(() => q.advance(r.id, 'processing-started')).code).toBe('queue/invalid-input'); // needs a counter
    expect(errorOf(() => q.advance(r.id, 'teleported')).code).toBe('queue/invalid-input');
    expect(errorOf(() => q.advance('Z-999', 'submitted')).code).toBe('queue/unknown-request');
    expect(errorOf(() => q.advance(r.id, 'processing-started', { counter: '3; DROP TABLE' })).code).toBe('queue/invalid-input');
    expect(q.get(r.id).state).toBe('submitted');
  });

  it('encrypts resident data field by field and decrypts it for the request only', () => {
    t = makeTestKiosk();
    const q = t.kiosk.queue;
    const r = q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: residents.yoshino });
    q.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: residents.takahashi });
    expect(q.readResident(r.id)).toEqual(residents.yoshino);
    const fields = t.db
      .prepare('SELECT field, sealed FROM resident_fields WHERE request_id = (SELECT id FROM requests WHERE ticket = ?)')
      .all('A-001') as { field: string; sealed: Buffer }[];
    expect(fields.map((f) => f.field).sort()).toEqual(Object.keys(residents.yoshino).sort());
    for (const f of fields) {
      const plain = Buffer.from(residents.yoshino[f.field as keyof typeof residents.yoshino], 'utf8');
      expect(f.sealed.includes(plain)).toBe(false);
      expect(f.sealed.length).toBe(12 + 16 + plain.length); // iv | tag | ciphertext
    }
    // Nothing readable anywhere in the file: not in the main file nor the WAL.
    t.db.pragma('wal_checkpoint(PASSIVE)');
    const bytes = Buffer.concat([readFileSync(t.dbPath), readFileSync(`${t.dbPath}-wal`)]);
    for (const value of Object.values(residents.yoshino)) expect(bytes.includes(Buffer.from(value, 'utf8'))).toBe(false);
  });

  it('never stores the individual number or the PIN', () => {
    t = makeTestKiosk();
    const q = t.kiosk.queue;
    expect(
      errorOf(() => q.enqueue({ category: 'A', forms: [], resident: { ...residents.takahashi, individualNumber: '123456789018' } })).code,
    ).toBe('queue/forbidden-personal-field');
    expect(errorOf(() => q.enqueue({ category: 'A', forms: [], resident: { ...residents.takahashi, pin: '1234' } })).code).toBe(
      'queue/forbidden-personal-field',
    );
    expect(
      errorOf(() => q.enqueue({ category: 'A', forms: [], resident: { ...residents.takahashi, address: '個人番号 123456789018' } })).code,
    ).toBe('queue/forbidden-personal-field');
    expect(t.db.prepare('SELECT COUNT(*) FROM requests').pluck().get()).toBe(0);
    // The rejected attempts did not consume ticket numbers either.
    expect(q.enqueue({ category: 'A', forms: [], resident: residents.takahashi }).ticket).toBe('A-001');
  });

  it('rejects unknown categories and malformed form ids', () => {
    t = makeTestKiosk();
    expect(errorOf(() => t.kiosk.queue.enqueue({ category: 'Q', forms: [], resident: residents.saito })).code).toBe(
      'queue/unknown-category',
    );
    expect(errorOf(() => t.kiosk.queue.enqueue({ category: 'A', forms: ['../etc'], resident: residents.saito })).code).toBe(
      'queue/invalid-input',
    );
  });

  it('gives new arrivals an estimate from the people ahead, recent service times and active counters', () => {
    t = makeTestKiosk();
    const q = t.kiosk.queue;
    // Two served visits of 10 and 20 minutes at counters 1 and 2.
    for (const [counter, minutes] of [
      ['1', 10],
      ['2', 20],
    ] as const) {
      const r = q.enqueue({ category: 'A', forms: [], resident: residents.saito });
      q.advance(r.id, 'submitted');
      q.advance(r.id, 'processing-started', { counter });
      t.clock.now += minutes * MINUTE;
      q.advance(r.id, 'called');
    }
    // Each waits in the hall once submitted (ticket handed over); the next arrival counts them.
    const first = q.enqueue({ category: 'A', forms: [], resident: residents.saito });
    q.advance(first.id, 'submitted');
    const waiting = [first, q.enqueue({ category: 'B', forms: [], resident: residents.saito })];
    expect(waiting[0]!.estimatedWaitSeconds).toBe(0);
    // 1 person ahead × mean 15 min ÷ 2 counters = 7.5 min.
    expect(waiting[1]!.estimatedWaitSeconds).toBe(450);
    q.advance(waiting[1]!.id, 'submitted');
    // A request entered but not submitted (its resident still at the counter) is nobody ahead.
    q.enqueue({ category: 'C', forms: [], resident: residents.saito });
    const estimate = t.kiosk.estimate();
    expect(estimate).toMatchObject({ peopleAhead: 2, activeCounters: 2, meanServiceSeconds: 900, seconds: 900 });
  });
});
