// Counters push their event log to the office and pull the office's log by cursor, on a
// real PostgreSQL: a replayed or reordered batch changes nothing, a changed replay is flagged, the
// sequence is gapless, personal data cannot be pushed, and the SSE doorbell rings with a sequence.
import { describe, expect, it } from 'vitest';
import { pullResponse, pushResponse, type OfficeEvent } from '../../domain/office.ts';
import { newUuidv7, useOfficePerTest } from './support/office-harness.ts';

const { start } = useOfficePerTest();

const T0 = Date.parse('2026-03-30T09:15:00+09:00');

/** One visit's events as counter 3 records them: received → … → completed. */
function visit(minute: number, ticket: string): OfficeEvent[] {
  const visitId = newUuidv7(T0 + minute * 60_000);
  const base = {
    visitId,
    counter: '3',
    staff: 'S0412',
    category: 'tennyu' as const,
    ticket,
    reason: null,
    stage: null,
    forms: 'jumin-ido+kokuho-ido',
  };
  const kinds = ['received', 'forms-printed', 'submitted', 'processing-started', 'called', 'completed'] as const;
  return kinds.map((kind, i) => ({ ...base, id: newUuidv7(T0 + (minute + i) * 60_000), kind, at: T0 + (minute + i) * 60_000 }));
}

describe('office sync', () => {
  it('stores a batch once: a replay, or the same events in another order, gets the same sequences and changes nothing', async () => {
    const office = await start();
    const c3 = await office.counter('3');
    const batch = [...visit(0, 'A-001'), ...visit(2, 'A-002')];
    const first = pushResponse.parse((await c3.call('POST', '/v1/events', { events: batch })).body);
    expect(first.results.map((r) => r.status)).toEqual(batch.map(() => 'stored'));
    expect(first.results.map((r) => r.seq)).toEqual(batch.map((_, i) => i + 1));

    const replay = pushResponse.parse((await c3.call('POST', '/v1/events', { events: batch })).body);
    expect(replay.results).toEqual(first.results.map((r) => ({ ...r, status: 'duplicate' })));
    const reversed = pushResponse.parse((await c3.call('POST', '/v1/events', { events: [...batch].reverse() })).body);
    expect(reversed.results).toEqual([...first.results].reverse().map((r) => ({ ...r, status: 'duplicate' })));
    // A batch holding the same event twice stores it once.
    const one = visit(10, 'A-003');
    const doubled = pushResponse.parse((await c3.call('POST', '/v1/events', { events: [...one, ...one] })).body);
    expect(doubled.results.map((r) => r.status)).toEqual([...one.map(() => 'stored'), ...one.map(() => 'duplicate')]);
    expect(doubled.results.map((r) => r.seq)).toEqual([13, 14, 15, 16, 17, 18, 13, 14, 15, 16, 17, 18]);

    const pulled = pullResponse.parse((await c3.call('GET', '/v1/events?after=0')).body);
    expect(pulled.head).toBe(18);
    expect(pulled.events.map((e) => e.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(pulled.events.slice(0, 12).map(({ seq: _s, source: _o, machine: _m, ...event }) => event)).toEqual(batch);
    expect(pulled.events.every((e) => e.source === 'counter' && e.machine === '3')).toBe(true);
  });

  it('flags a replay whose content differs, keeps the first version, and drops nothing', async () => {
    const office = await start();
    const c3 = await office.counter('3');
    const c5 = await office.counter('5');
    const events = visit(0, 'A-001');
    await c3.call('POST', '/v1/events', { events });
    // Counter 5 claims the same `called` event for itself (a split brain).
    const changed = { ...events[4]!, counter: '5' };
    const result = pushResponse.parse((await c5.call('POST', '/v1/events', { events: [changed] })).body);
    expect(result.results).toEqual([{ id: changed.id, seq: 5, status: 'conflict' }]);
    const flags = await office.pool.query(`SELECT kind, event_id::text AS id, machine, pushed->>'counter' AS counter FROM sync_flags`);
    expect(flags.rows).toEqual([{ kind: 'event-conflict', id: changed.id, machine: '5', counter: '5' }]);
    const log = pullResponse.parse((await c3.call('GET', '/v1/events?after=4&limit=1')).body);
    expect(log.events.map((e) => [e.seq, e.counter])).toEqual([[5, '3']]);
  });

  it('pages by cursor: limit, cursor and head let a counter catch up in steps', async () => {
    const office = await start();
    const c3 = await office.counter('3');
    const events = Array.from({ length: 5 }, (_, i) => visit(i * 10, `A-00${i + 1}`)).flat();
    await c3.call('POST', '/v1/events', { events });
    const seen: number[] = [];
    let cursor = 0;
    for (let page = 0; page < 10; page++) {
      const body = pullResponse.parse((await c3.call('GET', `/v1/events?after=${cursor}&limit=7`)).body);
      seen.push(...body.events.map((e) => e.seq));
      cursor = body.cursor;
      if (cursor >= body.head) break;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const empty = pullResponse.parse((await c3.call('GET', `/v1/events?after=30`)).body);
    expect(empty).toEqual({ events: [], cursor: 30, head: 30 });
  });

  it('refuses personal data and malformed events without echoing them, and stores nothing of the batch', async () => {
    const office = await start();
    const c3 = await office.counter('3');
    const [good, second] = visit(0, 'A-001');
    const withName = { ...second, name: '髙橋　健太郎', address: '北海道札幌市中央区北一条西2丁目1番地' };
    const response = await c3.call('POST', '/v1/events', { events: [good, withName] });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: 'office/invalid-request', message: expect.stringMatching(/形式/) },
      issues: [{ path: 'events.1', code: 'unrecognized_keys', unknownKeys: 2 }],
    });
    expect(JSON.stringify(response.body)).not.toMatch(/髙橋|札幌/);
    const badId = await c3.call('POST', '/v1/events', { events: [{ ...good, id: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' }] });
    expect(badId.status).toBe(400);
    expect((await c3.call('POST', '/v1/events', '{"events": [')).status).toBe(400);
    expect((await c3.call('POST', '/v1/events', { events: [] })).status).toBe(400);
    const pulled = pullResponse.parse((await c3.call('GET', '/v1/events')).body);
    expect(pulled.head).toBe(0);
  });

  it('rings the SSE doorbell with the new sequence after each committed push', async () => {
    const office = await start();
    const c3 = await office.counter('3');
    const controller = new AbortController();
    const response = await fetch(`${office.url}/v1/stream`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (pattern: RegExp): Promise<void> => {
      const deadline = Date.now() + 10_000;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`no ${pattern} in the stream`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value, { stream: true });
      }
    };
    await until(/data: \{"seq":0\}/);
    await c3.call('POST', '/v1/events', { events: visit(0, 'A-001') });
    await until(/data: \{"seq":6\}/);
    await c3.call('POST', '/v1/events', { events: visit(10, 'A-002').slice(0, 2) });
    await until(/data: \{"seq":8\}/);
    // Only sequence numbers travel on the stream.
    expect(text.replace(/retry: \d+|event: seq|data: \{"seq":\d+\}|: ping|\s/g, '')).toBe('');
    controller.abort();
  });
});
