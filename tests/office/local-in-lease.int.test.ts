// Two counters cut off from the office at once: counter 3 issues from the block it leased, counter 5
// (no lease today) numbers a visit itself, and its local number falls inside counter 3's block. Two
// residents hold one number. Whichever ticket arrives first, the office flags number-collision, keeps
// both events in its log and drops neither; on a real PostgreSQL.
import { describe, expect, it } from 'vitest';
import { leaseView, pullResponse, pushResponse, ticketResponse, type OfficeEvent } from '../../domain/office.ts';
import { newUuidv7, useOfficePerTest, type Counter } from './support/office-harness.ts';

const { start } = useOfficePerTest();

function issued(counter: string, staff: string, ticket: string, at: number): OfficeEvent {
  return {
    id: newUuidv7(at),
    visitId: newUuidv7(at),
    kind: 'ticket-issued',
    at,
    counter,
    staff,
    category: 'tenkyo',
    ticket,
    reason: null,
    stage: null,
    forms: null,
  };
}

async function push(counter: Counter, events: OfficeEvent[]): Promise<void> {
  const answer = pushResponse.parse((await counter.call('POST', '/v1/events', { events })).body);
  expect(answer.results.map((r) => r.status)).toEqual(events.map(() => 'stored'));
}

describe("a local number inside another counter's leased block", () => {
  for (const order of ['local first', 'leased first'] as const) {
    it(`is flagged number-collision when the ${order === 'local first' ? 'leased ticket' : 'local number'} arrives second (${order})`, async () => {
      const office = await start();
      const reception = await office.counter('reception');
      const c3 = await office.counter('3');
      const c5 = await office.counter('5');
      // 転居 this morning: the reception gives C-001, counter 3 leases C-002 … C-021 while online.
      await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tenkyo', staff: 'R0001' });
      const lease = leaseView.parse((await c3.call('POST', '/v1/leases', { category: 'tenkyo', size: 20 })).body);
      expect([lease.first, lease.last]).toEqual([2, 21]);
      await office.pool.query(`UPDATE number_leases SET leased_at = now() - interval '40 minutes' WHERE counter = '3'`);

      // The link drops. Counter 3 issues C-002 … C-004 from its block; counter 5, which held C-001's
      // number only, continues above it on its own: C-002, inside counter 3's block.
      const t = Date.now() - 30 * 60_000;
      const leased = [
        issued('3', 'S0303', 'C-002', t),
        issued('3', 'S0303', 'C-003', t + 60_000),
        issued('3', 'S0303', 'C-004', t + 120_000),
      ];
      const local = issued('5', 'S0505', 'C-002', t + 90_000);
      if (order === 'local first') {
        await push(c5, [local]);
        await push(c3, leased);
      } else {
        await push(c3, leased);
        await push(c5, [local]);
      }

      const flags = await office.pool.query<{ kind: string; ticket: string; machine: string }>(
        `SELECT kind, ticket, machine FROM sync_flags WHERE kind = 'number-collision' ORDER BY flag_id`,
      );
      // The second of the two to arrive is the clash the supervisor sees (number and counter).
      expect(flags.rows).toEqual([{ kind: 'number-collision', ticket: 'C-002', machine: order === 'local first' ? '3' : '5' }]);
      // Counter 3's leased tickets are in the hall's queue, C-002 among them; the local number is not.
      const c002 = ticketResponse.parse((await c3.call('GET', '/v1/tickets/C-002')).body).ticket;
      expect(c002).toMatchObject({ id: leased[0]!.visitId, state: 'waiting' });
      const c003 = ticketResponse.parse((await c3.call('GET', '/v1/tickets/C-003')).body).ticket;
      expect(c003).toMatchObject({ id: leased[1]!.visitId, state: 'waiting' });
      // Nothing dropped: all four events are in the office log.
      const log = pullResponse.parse((await c3.call('GET', '/v1/events?after=0')).body);
      expect(
        log.events
          .filter((e) => e.source === 'counter')
          .map((e) => e.id)
          .sort(),
      ).toEqual([...leased, local].map((e) => e.id).sort());
      // Its own other numbers clash with nothing.
      expect((await office.pool.query(`SELECT count(*)::int AS n FROM sync_flags WHERE ticket IN ('C-003', 'C-004')`)).rows[0].n).toBe(0);
    });
  }
});
