// A counter cut off from the office: it issues numbers from its leased block, calls and
// serves, then its events arrive. The office merges what agrees with its queue and flags what does
// not (a number outside the lease or already given, a ticket called at two counters during the
// split), on a real PostgreSQL. Nothing is dropped, and a replay changes nothing.
import { describe, expect, it } from 'vitest';
import {
  leaseView,
  syncFlagsResponse,
  publicStatus,
  pullResponse,
  pushResponse,
  ticketResponse,
  type OfficeEvent,
  type TicketView,
} from '../../domain/office.ts';
import { registerMachine } from '../../office/machines.ts';
import { newUuidv7, OFFICE, request, useOfficePerTest } from './support/office-harness.ts';

const { start } = useOfficePerTest();

describe('a counter offline', () => {
  it('merges the tickets it issued from its lease and its calls; flags a double call and numbers it could not give; a replay changes nothing', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const c1 = await office.counter('1');
    const c7 = await office.counter('7');
    const issue = async () =>
      ticketResponse.parse((await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' })).body)
        .ticket as TicketView;

    const a1 = await issue();
    // Before the link goes down, counter 7 takes a block of numbers and knows the queue (A-001 waits).
    const lease = leaseView.parse((await c7.call('POST', '/v1/leases', { category: 'tennyu', size: 10 })).body);
    expect([lease.first, lease.last]).toEqual([2, 11]);
    // It took the block before the link went down, an hour ago (what it issues cannot claim an earlier time).
    await office.pool.query(`UPDATE number_leases SET leased_at = now() - interval '61 minutes' WHERE counter = '7'`);

    // --- the split: the office goes on ---
    const a12 = await issue();
    expect(a12.number).toBe('A-012');
    const called = ticketResponse.parse(
      (await c1.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S0101' })).body,
    ).ticket;
    expect(called?.number).toBe('A-001');

    // --- … and counter 7, cut off, goes on too ---
    const t = Date.now() - 60 * 60_000;
    const ev = (kind: OfficeEvent['kind'], visitId: string, ticket: string, minutes: number): OfficeEvent => ({
      id: newUuidv7(t + minutes * 60_000),
      visitId,
      kind,
      at: t + minutes * 60_000,
      counter: '7',
      staff: 'S0707',
      category: 'tennyu',
      ticket,
      reason: null,
      stage: null,
      forms: null,
    });
    const v2 = newUuidv7(t);
    const v3 = newUuidv7(t + 1);
    const v4 = newUuidv7(t + 2);
    const v4again = newUuidv7(t + 3);
    const v12 = newUuidv7(t + 4);
    const offline: OfficeEvent[] = [
      ev('ticket-issued', v2, 'A-002', 0),
      ev('ticket-issued', v3, 'A-003', 1),
      ev('called', v2, 'A-002', 2),
      ev('ticket-completed', v2, 'A-002', 10),
      // Counter 7 calls A-001, which counter 1 called meanwhile.
      ev('called', a1.id, 'A-001', 11),
      // A-004 given twice (a restored backup), and A-012, outside its block (the office gave it).
      ev('ticket-issued', v4, 'A-004', 12),
      ev('ticket-issued', v4again, 'A-004', 13),
      ev('ticket-issued', v12, 'A-012', 14),
    ];
    const pushed = pushResponse.parse((await c7.call('POST', '/v1/events', { events: offline })).body);
    expect(pushed.results.map((r) => r.status)).toEqual(offline.map(() => 'stored'));

    // Merged: A-002 was served at counter 7, A-003 waits (since an hour ago: it is called next).
    expect(ticketResponse.parse((await c1.call('GET', '/v1/tickets/A-002')).body).ticket).toMatchObject({
      state: 'completed',
      counter: '7',
      id: v2,
    });
    expect(ticketResponse.parse((await c1.call('GET', '/v1/tickets/A-003')).body).ticket).toMatchObject({ state: 'waiting', id: v3 });
    // The first call of A-001 stands; A-004 is the first visit's; A-012 stays the office's.
    expect(ticketResponse.parse((await c1.call('GET', '/v1/tickets/A-001')).body).ticket).toMatchObject({ state: 'called', counter: '1' });
    expect(ticketResponse.parse((await c1.call('GET', '/v1/tickets/A-012')).body).ticket?.id).toBe(a12.id);
    expect(ticketResponse.parse((await c1.call('GET', '/v1/tickets/A-004')).body).ticket?.id).toBe(v4);
    const flags = await office.pool.query(`SELECT kind, ticket, machine FROM sync_flags ORDER BY flag_id`);
    expect(flags.rows).toEqual([
      { kind: 'double-call', ticket: 'A-001', machine: '7' },
      { kind: 'number-collision', ticket: 'A-004', machine: '7' },
      // Outside its block and given by the office already: two residents hold A-012 (a real clash).
      { kind: 'number-collision', ticket: 'A-012', machine: '7' },
    ]);
    // The supervisor's machine sees them (numbers and codes only) and marks one dealt with; a counter may not.
    const supervisor = await registerMachine(office.pool, OFFICE, 'floor', 'supervisor');
    const listed = syncFlagsResponse.parse((await request(office.url, 'GET', '/v1/flags', undefined, supervisor)).body).flags;
    expect(listed.map((f) => [f.kind, f.ticket, f.machine])).toEqual([
      ['double-call', 'A-001', '7'],
      ['number-collision', 'A-004', '7'],
      ['number-collision', 'A-012', '7'],
    ]);
    expect((await c1.call('GET', '/v1/flags')).status).toBe(403);
    const left = syncFlagsResponse.parse(
      (await request(office.url, 'POST', `/v1/flags/${listed[0]!.id}/resolve`, {}, supervisor)).body,
    ).flags;
    expect(left.map((f) => f.ticket)).toEqual(['A-004', 'A-012']);
    expect((await request(office.url, 'POST', `/v1/flags/${listed[0]!.id}/resolve`, {}, supervisor)).status).toBe(404);

    // Nothing dropped: every event is in the log.
    const log = pullResponse.parse((await c1.call('GET', '/v1/events?after=0')).body);
    expect(log.events.filter((e) => e.source === 'counter').map((e) => e.id)).toEqual(offline.map((e) => e.id));

    // The longest wait is called next: A-003 (issued offline an hour ago) before A-012.
    const next = ticketResponse.parse(
      (await c1.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S0101' })).body,
    ).ticket;
    expect(next?.number).toBe('A-003');

    // Counter 7 pushes everything again (it was not sure what got through): nothing changes.
    const replay = pushResponse.parse((await c7.call('POST', '/v1/events', { events: [...offline].reverse() })).body);
    expect(replay.results.every((r) => r.status === 'duplicate')).toBe(true);
    expect((await office.pool.query(`SELECT count(*)::int AS n FROM sync_flags`)).rows[0].n).toBe(3);
    const status = publicStatus.parse((await request(office.url, 'GET', '/v1/status')).body);
    expect(status.categories.find((c) => c.category === 'tennyu')).toMatchObject({ waiting: 2, calling: ['A-003', 'A-001'] });
  });
});
