// Tickets and calls at the office service on a real PostgreSQL: numbers issued
// centrally, call-next from many counters at once, recall / no-show / transfer / call a number,
// and the published status and hall display (numbers only).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayView, leaseView, publicStatus, pullResponse, ticketResponse, type TicketView } from '../../domain/office.ts';
import type { Category } from '../../domain/request.ts';
import { newUuidv7, request, useOfficePerTest, type Counter } from './support/office-harness.ts';
import { MAX_LEASED_PER_COUNTER, officeStore } from '../../office/store.ts';

const { start } = useOfficePerTest();

async function issue(reception: Counter, category: Category): Promise<TicketView> {
  const response = await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category, staff: 'R001' });
  expect(response.status).toBe(200);
  return ticketResponse.parse(response.body).ticket as TicketView;
}

async function callNext(counter: Counter, pools: Category[], id: string = newUuidv7()): Promise<TicketView | null> {
  const response = await counter.call('POST', '/v1/call-next', { id, pools, staff: `S${counter.id}` });
  expect(response.status).toBe(200);
  return ticketResponse.parse(response.body).ticket;
}

describe('office tickets and calls', () => {
  it('10 counter processes, each with its own SQLite, calling at once never call the same ticket twice', async () => {
    const office = await start({ issueLimit: { burst: 60, refillMs: 2000 } });
    const reception = await office.counter('reception');
    const counters = await Promise.all(Array.from({ length: 10 }, (_, i) => office.counter(String(i + 21))));
    const issued: TicketView[] = [];
    for (let i = 0; i < 60; i++) issued.push(await issue(reception, i % 3 === 0 ? 'tenshutsu' : 'tennyu'));

    const root = resolve(import.meta.dirname, '../..');
    const runs = counters.map(
      (counter) =>
        new Promise<{ counter: string; called: { id: string; counter: string | null }[] }>((done, fail) => {
          const child = spawn(
            process.execPath,
            ['--disable-warning=ExperimentalWarning', 'tests/office/support/counter-caller.ts', office.url, counter.token, counter.id],
            { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
          );
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.once('exit', (code) =>
            code === 0 ? done(JSON.parse(stdout) as never) : fail(new Error(`counter ${counter.id} exited ${code}: ${stderr}`)),
          );
        }),
    );
    const results = await Promise.all(runs);
    const called = results.flatMap((r) => r.called.map((c) => ({ ...c, caller: r.counter })));
    expect(called).toHaveLength(60);
    expect(new Set(called.map((c) => c.id))).toEqual(new Set(issued.map((t) => t.id)));
    for (const c of called) expect(c.counter).toBe(c.caller);
    // More than one process got work: the calls ran side by side.
    expect(results.filter((r) => r.called.length > 0).length).toBeGreaterThan(1);
    const { rows } = await office.pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT visit_id)::int AS visits FROM events WHERE kind = 'called'`,
    );
    expect(rows[0]).toEqual({ n: 60, visits: 60 });
  }, 90_000);

  it('10 counters calling at once never call the same ticket twice, and call each waiting ticket once', async () => {
    // 60 tickets from one reception at once: more than a machine may issue in a burst.
    const office = await start({ issueLimit: { burst: 60, refillMs: 2000 } });
    const reception = await office.counter('reception');
    const counters = await Promise.all(Array.from({ length: 10 }, (_, i) => office.counter(String(i + 1))));
    const issued: TicketView[] = [];
    for (let i = 0; i < 60; i++) issued.push(await issue(reception, i % 3 === 0 ? 'tenshutsu' : 'tennyu'));
    expect(new Set(issued.map((t) => t.number)).size).toBe(60);
    expect(
      issued
        .filter((t) => t.category === 'tennyu')
        .map((t) => t.number)
        .slice(0, 3),
    ).toEqual(['A-001', 'A-002', 'A-003']);

    // Every counter calls as fast as it can until the pools are empty.
    const calls = await Promise.all(
      counters.map(async (counter) => {
        const mine: TicketView[] = [];
        for (;;) {
          const ticket = await callNext(counter, ['tennyu', 'tenshutsu']);
          if (!ticket) return mine;
          expect(ticket.counter).toBe(counter.id);
          mine.push(ticket);
        }
      }),
    );
    const called = calls.flat();
    expect(called).toHaveLength(60);
    expect(new Set(called.map((t) => t.id)).size).toBe(60);
    expect(new Set(called.map((t) => t.id))).toEqual(new Set(issued.map((t) => t.id)));
    // More than one counter got work (the calls really ran side by side).
    expect(calls.filter((mine) => mine.length > 0).length).toBeGreaterThan(1);
    // The log agrees: one `called` event per ticket, with gapless sequences.
    const { rows } = await office.pool.query(
      `SELECT kind, count(*)::int AS n, count(DISTINCT visit_id)::int AS visits FROM events GROUP BY kind ORDER BY kind`,
    );
    expect(rows).toEqual([
      { kind: 'called', n: 60, visits: 60 },
      { kind: 'ticket-issued', n: 60, visits: 60 },
    ]);
    const seqs = await office.pool.query(`SELECT min(seq)::int AS lo, max(seq)::int AS hi, count(*)::int AS n FROM events`);
    expect(seqs.rows[0]).toEqual({ lo: 1, hi: 120, n: 120 });
  });

  it('calls the longest wait first, answers a retried call-next with the same ticket, and keeps pools apart', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const c3 = await office.counter('3');
    const a1 = await issue(reception, 'tennyu');
    const b1 = await issue(reception, 'tenshutsu');
    const a2 = await issue(reception, 'tennyu');
    const id = newUuidv7();
    expect((await callNext(c3, ['tennyu'], id))?.number).toBe(a1.number);
    // The same request again (the answer was lost on the way): the same ticket, no second call.
    expect((await callNext(c3, ['tennyu'], id))?.number).toBe(a1.number);
    expect((await callNext(c3, ['tennyu']))?.number).toBe(a2.number);
    expect(await callNext(c3, ['tennyu'])).toBeNull();
    expect((await callNext(c3, ['tenshutsu']))?.number).toBe(b1.number);
    // Issuing with a retried id returns the same ticket, not a new number.
    const retryId = newUuidv7();
    const first = await reception.call('POST', '/v1/tickets', { id: retryId, category: 'certificate', staff: 'R001' });
    const again = await reception.call('POST', '/v1/tickets', { id: retryId, category: 'certificate', staff: 'R001' });
    expect(ticketResponse.parse(again.body).ticket).toEqual(ticketResponse.parse(first.body).ticket);
    expect(ticketResponse.parse(first.body).ticket?.number).toBe('E-001');
  });

  it('recall, no-show, call a number again, transfer to another pool, complete; refuses what the state does not allow', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const c1 = await office.counter('1');
    const c2 = await office.counter('2');
    const a1 = await issue(reception, 'tennyu');
    const a2 = await issue(reception, 'tennyu');
    const command = (counter: Counter, ref: string, what: string, extra: object = {}) =>
      counter.call('POST', `/v1/tickets/${ref}/${what}`, { id: newUuidv7(), staff: 'S1001', ...extra });

    // Call a specific number out of turn.
    const called = await command(c1, 'A-002', 'call');
    expect(called.status).toBe(200);
    expect(ticketResponse.parse(called.body).ticket).toMatchObject({ number: 'A-002', state: 'called', counter: '1', calls: 1 });
    // Another counter cannot call it too, nor recall it.
    const twice = await command(c2, 'A-002', 'call');
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { code: 'office/illegal-transition' } });
    expect((await command(c2, 'A-002', 'recall')).status).toBe(409);
    expect(ticketResponse.parse((await command(c1, 'A-002', 'recall')).body).ticket).toMatchObject({ state: 'called', calls: 2 });
    // Not there: no-show; then the resident comes back and is called again.
    expect(ticketResponse.parse((await command(c1, 'A-002', 'no-show')).body).ticket?.state).toBe('no-show');
    expect(ticketResponse.parse((await command(c2, 'A-002', 'call')).body).ticket).toMatchObject({
      state: 'called',
      counter: '2',
      calls: 3,
    });
    // Transfer to 証明書: waits in that pool, keeps its number, and the next call there gets it.
    const moved = ticketResponse.parse((await command(c2, 'A-002', 'transfer', { to: 'certificate' })).body).ticket;
    expect(moved).toMatchObject({ number: 'A-002', category: 'tennyu', pool: 'certificate', state: 'waiting', counter: null });
    expect((await callNext(c1, ['tennyu']))?.number).toBe(a1.number);
    expect((await callNext(c1, ['certificate']))?.number).toBe(a2.number);
    expect(ticketResponse.parse((await command(c1, 'A-002', 'complete')).body).ticket?.state).toBe('completed');
    expect((await command(c1, 'A-002', 'complete')).status).toBe(409);
    // Unknown numbers and malformed references.
    expect((await command(c1, 'A-999', 'call')).status).toBe(404);
    expect((await command(c1, 'not-a-ticket', 'call')).status).toBe(400);
    // By id as well as by number.
    const byId = await c1.call('GET', `/v1/tickets/${a1.id}`);
    expect(ticketResponse.parse(byId.body).ticket?.number).toBe('A-001');
  });

  it('one ticket follows the visit: counter → hand-over → processing (not announced) → 交付 (announced) → done; never backwards', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const counter = await office.counter('3');
    const back = await office.counter('B1');
    const delivery = await office.counter('K1');
    const command = (at: Counter, ref: string, what: string, extra: object = {}) =>
      at.call('POST', `/v1/tickets/${ref}/${what}`, { id: newUuidv7(), staff: 'S2001', ...extra });
    const call = async (at: Counter, stage: string) => {
      const response = await at.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S2001', stage });
      expect(response.status).toBe(200);
      return ticketResponse.parse(response.body).ticket;
    };
    const a1 = await issue(reception, 'tennyu');
    expect(a1).toMatchObject({ stage: 'counter', waitingSince: a1.issuedAt });
    // Waiting at the counter: the back office and 交付 have nothing yet.
    expect(await call(back, 'processing')).toBeNull();
    expect(await call(delivery, 'delivery')).toBeNull();
    expect((await call(counter, 'counter'))?.number).toBe('A-001');
    // Another counter cannot hand it over; going back to the counter is refused.
    expect((await command(back, 'A-001', 'hand-over', { to: 'processing' })).status).toBe(409);
    expect((await command(counter, 'A-001', 'hand-over', { to: 'counter' })).status).toBe(400);
    const handed = ticketResponse.parse((await command(counter, 'A-001', 'hand-over', { to: 'processing' })).body).ticket;
    expect(handed).toMatchObject({ number: 'A-001', stage: 'processing', state: 'waiting', counter: null });
    expect(handed!.waitingSince).toBeGreaterThanOrEqual(a1.issuedAt);
    // The counter's queue no longer holds it; the back office takes it without calling anyone.
    expect(await call(counter, 'counter')).toBeNull();
    expect((await call(back, 'processing'))?.number).toBe('A-001');
    expect((await command(back, 'A-001', 'hand-over', { to: 'processing' })).status).toBe(409);
    await command(back, 'A-001', 'hand-over', { to: 'delivery' });
    expect((await call(delivery, 'delivery'))?.number).toBe('A-001');
    expect(ticketResponse.parse((await command(delivery, 'A-001', 'complete')).body).ticket).toMatchObject({
      stage: 'delivery',
      state: 'completed',
    });

    // The hall heard the counter's call and 交付's, never the back office taking the file.
    const display = displayView.parse((await request(office.url, 'GET', '/v1/display')).body);
    expect(display.calls.map((c) => [c.number, c.counter])).toEqual([
      ['A-001', 'K1'],
      ['A-001', '3'],
    ]);
    // The log says at which stage each step happened.
    const pulled = pullResponse.parse((await counter.call('GET', '/v1/events?after=0')).body);
    expect(pulled.events.map((e) => [e.kind, e.stage, e.counter])).toEqual([
      ['ticket-issued', 'counter', null],
      ['called', 'counter', '3'],
      ['handed-over', 'processing', '3'],
      ['called', 'processing', 'B1'],
      ['handed-over', 'delivery', 'B1'],
      ['called', 'delivery', 'K1'],
      ['ticket-completed', 'delivery', 'K1'],
    ]);
  });

  it('leases blocks of numbers that never collide with the numbers the office issues', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const c7 = await office.counter('7');
    expect((await issue(reception, 'tennyu')).number).toBe('A-001');
    const lease = leaseView.parse((await c7.call('POST', '/v1/leases', { category: 'tennyu', size: 50 })).body);
    expect(lease).toMatchObject({ category: 'tennyu', letter: 'A', counter: '7', first: 2, last: 51 });
    expect((await issue(reception, 'tennyu')).number).toBe('A-052');
    const second = leaseView.parse((await c7.call('POST', '/v1/leases', { category: 'tennyu', size: 10 })).body);
    expect([second.first, second.last]).toEqual([53, 62]);
    // A counter holds at most a day's worth of spare numbers per category; another counter is not held back.
    for (let held = 60; held + 200 <= MAX_LEASED_PER_COUNTER; held += 200)
      expect((await c7.call('POST', '/v1/leases', { category: 'tennyu', size: 200 })).status).toBe(200);
    const tooMany = await c7.call('POST', '/v1/leases', { category: 'tennyu', size: 200 });
    expect(tooMany).toMatchObject({ status: 409, body: { error: { code: 'office/numbers-exhausted' } } });
    expect((await c7.call('POST', '/v1/leases', { category: 'tenkyo', size: 200 })).status).toBe(200);
    expect((await (await office.counter('8')).call('POST', '/v1/leases', { category: 'tennyu', size: 200 })).status).toBe(200);
  });

  it('stops at A-99999 (the label has five digits) instead of failing on the database', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const day = (await issue(reception, 'tenshutsu')).day;
    await office.pool.query(`UPDATE ticket_numbers SET last_number = 99998 WHERE category = 'tenshutsu' AND day = $1`, [day]);
    expect((await issue(reception, 'tenshutsu')).number).toBe('B-99999');
    const refused = await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tenshutsu', staff: 'R001' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'office/numbers-exhausted' } } });
    const lease = await reception.call('POST', '/v1/leases', { category: 'tenshutsu', size: 5 });
    expect(lease).toMatchObject({ status: 409, body: { error: { code: 'office/numbers-exhausted' } } });
  });

  it('keeps offices sharing one database apart: another office’s event id reveals nothing and is refused', async () => {
    const office = await start();
    const chiba = officeStore(office.pool, 'chiba-chuo');
    await chiba.ensureOffice();
    const theirs = await chiba.issueTicket('reception', { id: newUuidv7(), category: 'tennyu', staff: 'R9' });
    const theirCall = newUuidv7();
    await chiba.callNext('5', { id: theirCall, pools: ['tennyu'], staff: 'S9' });
    const c5 = await office.counter('5');
    const waiting = await issue(await office.counter('reception'), 'tennyu');
    // The same call id here: not answered with their ticket (a retry is recognised in this office only).
    const ours = await c5.call('POST', '/v1/call-next', { id: theirCall, pools: ['tennyu'], staff: 'S5' });
    expect(JSON.stringify(ours.body)).not.toContain(theirs.id);
    expect(ours.status).toBe(400);
    expect(ours.body).toMatchObject({ error: { code: 'office/invalid-request' } });
    expect((await c5.call('GET', `/v1/tickets/${waiting.number}`)).body).toMatchObject({ ticket: { state: 'waiting' } });
    // Nor is a pushed event with that id a 'duplicate' of theirs.
    const pushed = await c5.call('POST', '/v1/events', {
      events: [
        {
          id: theirCall,
          visitId: theirs.id,
          kind: 'received',
          at: Date.now(),
          counter: '5',
          staff: 'S5',
          category: 'tennyu',
          ticket: null,
          reason: null,
        },
      ],
    });
    expect(pushed).toMatchObject({ status: 400, body: { error: { code: 'office/invalid-request' } } });
    expect((await chiba.pull(0)).events.map((e) => e.kind)).toEqual(['ticket-issued', 'called']);
  });

  it('publishes waiting counts, the numbers being called and a wait range; the hall display lists the calls; no credential needed, no personal data', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const c4 = await office.counter('4');
    for (let i = 0; i < 5; i++) await issue(reception, 'tenkyo');
    await issue(reception, 'household');
    await callNext(c4, ['tenkyo']);
    await callNext(c4, ['tenkyo']);
    await c4.call('POST', '/v1/tickets/C-002/recall', { id: newUuidv7(), staff: 'S1001' });

    const status = await request(office.url, 'GET', '/v1/status');
    expect(status.status).toBe(200);
    const parsed = publicStatus.parse(status.body);
    const tenkyo = parsed.categories.find((c) => c.category === 'tenkyo');
    expect(tenkyo).toMatchObject({ letter: 'C', label: '転居', waiting: 3, calling: ['C-002', 'C-001'] });
    expect(tenkyo?.estimatedWaitMinutes).toEqual({ low: 0, high: 1 });
    expect(parsed.categories.find((c) => c.category === 'household')).toMatchObject({
      waiting: 1,
      calling: [],
      estimatedWaitMinutes: null,
    });

    const display = displayView.parse((await request(office.url, 'GET', '/v1/display')).body);
    expect(display.calls.map((c) => [c.number, c.counter, c.recall])).toEqual([
      ['C-002', '4', true],
      ['C-002', '4', false],
      ['C-001', '4', false],
    ]);
    // Only numbers, codes and times: no staff id, no visit id.
    expect(JSON.stringify(display)).not.toMatch(/S4|R001|visit/);

    // Everything else needs a machine credential.
    expect((await request(office.url, 'POST', '/v1/call-next', { id: newUuidv7(), pools: ['tenkyo'], staff: 'S1' })).status).toBe(401);
    expect((await request(office.url, 'GET', '/v1/events', undefined, `4.${'x'.repeat(32)}`)).status).toBe(401);
  });
});
