// The office as the one numbering authority for a linked counter (main/sync/office-tickets.ts),
// on a real office service (PostgreSQL) and real kiosk and outbox SQLite files. Online, a visit's
// number and id are the office's ticket (called to the counter at once, handed over to the back
// office at the ticket step). Cut off, the counter issues the next number of the block it leased
// while online, and the office merges it when the outbox delivers. Never having reached the office
// today, the counter numbers the visit itself and the office flags it (outside-lease).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { officeDay } from '../../../domain/office-time.ts';
import { createOfficeClient } from '../../../main/sync/office-client.ts';
import { createOfficeTickets } from '../../../main/sync/office-tickets.ts';
import { openOutbox, type Outbox } from '../../../main/sync/outbox.ts';
import { useOfficePerTest, type Harness } from '../../office/support/office-harness.ts';
import { freePort } from '../../office/support/postgres.ts';
import { makeTestKiosk, residents, type TestKiosk } from '../support/kiosk-fixtures.ts';

const { start } = useOfficePerTest();
const kiosks: TestKiosk[] = [];
const outboxes: Outbox[] = [];
afterEach(async () => {
  for (const o of outboxes.splice(0)) o.close();
  for (const k of kiosks.splice(0)) k.cleanup();
});

const ACTOR = { staffId: 'sato-k', counter: '3' } as const;

function counterAt(url: string, token: string) {
  const kiosk = makeTestKiosk({ start: Date.now() });
  kiosks.push(kiosk);
  const outbox = openOutbox({ kioskPath: kiosk.dbPath, outboxPath: join(kiosk.dir, 'office-outbox.sqlite'), officeUrl: url, token });
  outboxes.push(outbox);
  return {
    kiosk,
    outbox,
    tickets: (at: string) => createOfficeTickets({ client: createOfficeClient({ url: at, token, timeoutMs: 1000 }), outbox }),
  };
}

async function officeTickets(h: Harness) {
  const { rows } = await h.pool.query(`SELECT id::text AS id, label, state, stage, counter FROM tickets ORDER BY category, number`);
  return rows as { id: string; label: string; state: string; stage: string; counter: string | null }[];
}

describe('numbering through the office', () => {
  it('online: the office numbers the visit, the request takes its id, the ticket is called here and handed over to processing', async () => {
    const office = await start();
    const c3 = await office.counter('3');
    const { kiosk, outbox, tickets } = counterAt(office.url, c3.token);
    const link = tickets(office.url);

    // Reception took A-001 before; this counter's visit gets the office's next number.
    await c3.call('POST', '/v1/tickets', { id: '019ad000-0000-7000-8000-000000000001', category: 'tennyu', staff: 'R001' });
    const given = await link.issue('tennyu', ACTOR);
    expect(given).toMatchObject({ ticket: 'A-002', numbering: 'office' });
    const request = kiosk.kiosk.queue.enqueue({ category: 'tennyu', forms: ['jumin-ido'], resident: residents.yoshino, given: given! });
    expect([request.id, request.ticket]).toEqual([given!.id, 'A-002']);
    expect((await officeTickets(office)).find((t) => t.label === 'A-002')).toMatchObject({
      state: 'called',
      counter: '3',
      stage: 'counter',
    });
    // A lease was taken behind it for the day (topped up while online).
    await expect.poll(() => outbox.leases.remaining(officeDay(Date.now()), 'tennyu')).toBe(20);

    kiosk.kiosk.queue.advance(request.id, 'forms-printed');
    kiosk.kiosk.queue.advance(request.id, 'submitted');
    expect(await link.handOver({ id: request.id, ticket: request.ticket, category: 'tennyu' }, ACTOR)).toBe('told');
    expect(await outbox.drain()).toBe(3);
    const log = (await office.pool.query(`SELECT visit_id::text AS v, kind, source FROM events WHERE ticket = 'A-002' ORDER BY seq`)).rows;
    expect(log.map((e) => `${e.source}:${e.kind}`)).toEqual([
      'office:ticket-issued',
      'office:called',
      'office:handed-over',
      'counter:received',
      'counter:forms-printed',
      'counter:submitted',
    ]);
    // Every event of the visit, the counter's and the office's, names the office ticket.
    expect(new Set(log.map((e) => e.v))).toEqual(new Set([given!.id]));
    expect((await officeTickets(office)).find((t) => t.label === 'A-002')).toMatchObject({
      state: 'waiting',
      stage: 'processing',
      counter: null,
    });
    // The counter's own numbering continues above the office's number (a local number never repeats it).
    expect(kiosk.kiosk.queue.enqueue({ category: 'tennyu', forms: [], resident: residents.saito }).ticket).toBe('A-003');
    expect((await office.pool.query(`SELECT count(*)::int AS n FROM sync_flags`)).rows[0].n).toBe(0);
  });

  it('cut off: issues from the lease, and the office merges the ticket, its call and hand-over once the outbox delivers; no flags', async () => {
    const office = await start();
    const c3 = await office.counter('3');
    const { kiosk, outbox, tickets } = counterAt(office.url, c3.token);
    const online = tickets(office.url);
    const first = await online.issue('tenshutsu', ACTOR); // B-001, and a lease B-002 … B-021
    kiosk.kiosk.queue.enqueue({ category: 'tenshutsu', forms: [], resident: residents.takahashi, given: first! });
    await expect.poll(() => outbox.leases.remaining(officeDay(Date.now()), 'tenshutsu')).toBe(20);
    expect(await outbox.drain()).toBe(1);

    const offline = tickets(`http://127.0.0.1:${await freePort()}`);
    const numbers: string[] = [];
    for (const resident of [residents.yoshino, residents.saito]) {
      const given = await offline.issue('tenshutsu', ACTOR);
      expect(given?.numbering).toBe('lease');
      const r = kiosk.kiosk.queue.enqueue({ category: 'tenshutsu', forms: ['jumin-ido'], resident, given: given! });
      kiosk.kiosk.queue.advance(r.id, 'forms-printed');
      kiosk.kiosk.queue.advance(r.id, 'submitted');
      expect(await offline.handOver({ id: r.id, ticket: r.ticket, category: 'tenshutsu' }, ACTOR)).toBe('queued');
      numbers.push(r.ticket);
    }
    expect(numbers).toEqual(['B-002', 'B-003']);
    expect(outbox.leases.remaining(officeDay(Date.now()), 'tenshutsu')).toBe(18);
    // Meanwhile the office gives B-022 to reception: never one of the leased numbers.
    const other = await c3.call('POST', '/v1/tickets', {
      id: '019ad000-0000-7000-8000-000000000002',
      category: 'tenshutsu',
      staff: 'R001',
    });
    expect((other.body as { ticket: { number: string } }).ticket.number).toBe('B-022');

    // Back online: ticket-issued, called and handed-over of each, plus its three request events.
    expect(outbox.pending()).toBe(12);
    expect(await outbox.drain()).toBe(12);
    const merged = (await officeTickets(office)).filter((t) => numbers.includes(t.label));
    expect(merged.map((t) => [t.label, t.state, t.stage])).toEqual([
      ['B-002', 'waiting', 'processing'],
      ['B-003', 'waiting', 'processing'],
    ]);
    expect(merged.map((t) => t.id)).toEqual(
      kiosk.kiosk.queue
        .live()
        .filter((r) => numbers.includes(r.ticket))
        .map((r) => r.id),
    );
    expect((await office.pool.query(`SELECT count(*)::int AS n FROM sync_flags`)).rows[0].n).toBe(0);
  });

  it('never reached the office today: numbers the visit itself, and the office flags it outside-lease', async () => {
    const office = await start();
    const c5 = await office.counter('5');
    const { kiosk, outbox, tickets } = counterAt(office.url, c5.token);
    const offline = tickets(`http://127.0.0.1:${await freePort()}`);
    expect(await offline.issue('tenkyo', { staffId: 'suzuki-m', counter: '5' })).toBeNull();
    const r = kiosk.kiosk.queue.enqueue({ category: 'tenkyo', forms: [], resident: residents.saito });
    offline.issuedLocally({ id: r.id, ticket: r.ticket, category: 'tenkyo' }, { staffId: 'suzuki-m', counter: '5' });
    expect(outbox.localTickets(officeDay(Date.now()))).toBe(1);
    expect(await outbox.drain()).toBe(2);
    const flags = (await office.pool.query(`SELECT kind, ticket, machine FROM sync_flags`)).rows;
    expect(flags).toEqual([{ kind: 'outside-lease', ticket: 'C-001', machine: '5' }]);
  });

  it('keeps a reception number of another category, and refuses a malformed one', () => {
    const kiosk = makeTestKiosk({ start: Date.now() });
    kiosks.push(kiosk);
    const kept = kiosk.kiosk.queue.enqueue({
      category: 'tenkyo',
      forms: [],
      resident: residents.saito,
      given: { id: '019ad000-0000-7000-8000-000000000003', ticket: 'A-004' },
    });
    expect([kept.ticket, kept.category]).toEqual(['A-004', 'tenkyo']);
    for (const ticket of ['Z-004', 'A-04', '髙橋'])
      expect(() =>
        kiosk.kiosk.queue.enqueue({
          category: 'tennyu',
          forms: [],
          resident: residents.saito,
          given: { id: '019ad000-0000-7000-8000-000000000004', ticket },
        }),
      ).toThrow(expect.objectContaining({ code: 'queue/invalid-input' }));
  });
});
