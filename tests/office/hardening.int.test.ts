// What a stolen or broken machine on the office LAN, or any browser, could do to the office
// service, on a real PostgreSQL: jump the
// queue with a claimed issue time, use up the day's numbers, fill the flags, speak for another
// counter, take a ticket another window is serving, hold every live stream, frame the pages.
import { request as httpRequest, type ClientRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { leaseView, ticketResponse, type OfficeEvent } from '../../domain/office.ts';
import { ISSUE_BURST, MAX_STREAMS_PER_ADDRESS } from '../../office/http.ts';
import { newUuidv7, request, useOfficePerTest } from './support/office-harness.ts';

const { start } = useOfficePerTest();

function event(at: number, patch: Partial<OfficeEvent>): OfficeEvent {
  return {
    id: newUuidv7(at),
    visitId: newUuidv7(at),
    kind: 'ticket-issued',
    at,
    counter: '7',
    staff: 'S0707',
    category: 'tennyu',
    ticket: 'A-002',
    reason: null,
    stage: null,
    forms: null,
    ...patch,
  };
}

describe('the office service against a hostile machine', () => {
  it('a leased number cannot claim to be older than its block, nor use a ticket id that is not a UUIDv7', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const c7 = await office.counter('7');
    const c1 = await office.counter('1');
    await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' });
    leaseView.parse((await c7.call('POST', '/v1/leases', { category: 'tennyu', size: 5 })).body);
    const startOfDay = Date.now() - 8 * 60 * 60_000;
    const v4 = await c7.call('POST', '/v1/events', {
      events: [{ ...event(startOfDay, {}), visitId: '6ba7b810-9dad-41d1-80b4-00c04fd430c8' }],
    });
    expect(v4.status).toBe(400);
    // Claimed at 8 hours ago: it joins the queue as of its block's lease, behind A-001.
    const claimed = await c7.call('POST', '/v1/events', { events: [event(startOfDay, {})] });
    expect(claimed.status).toBe(200);
    const next = await c1.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S0101' });
    expect(ticketResponse.parse(next.body).ticket?.number).toBe('A-001');
  });

  it('limits how fast one machine issues tickets; other machines go on', async () => {
    const office = await start();
    const kiosk = await office.counter('R1');
    const other = await office.counter('R2');
    const issue = (machine: typeof kiosk) =>
      machine.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'certificate', staff: 'R001' });
    for (let i = 0; i < ISSUE_BURST; i++) expect((await issue(kiosk)).status).toBe(200);
    const refused = await issue(kiosk);
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'office/too-many-requests' } } });
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/少し待って/);
    expect((await issue(other)).status).toBe(200);
  });

  it('keeps one open flag per changed event however often it is replayed, and refuses an event naming another counter', async () => {
    const office = await start();
    const c7 = await office.counter('7');
    const at = Date.now();
    const first = event(at, { kind: 'received', ticket: null });
    await c7.call('POST', '/v1/events', { events: [first] });
    const changed = { ...first, staff: 'S9999' };
    for (let i = 0; i < 5; i++) await c7.call('POST', '/v1/events', { events: [changed, changed, changed] });
    const flags = await office.pool.query(`SELECT count(*)::int AS n FROM sync_flags`);
    expect(flags.rows[0]).toEqual({ n: 1 });
    const impersonating = await c7.call('POST', '/v1/events', { events: [event(at, { kind: 'received', ticket: null, counter: '5' })] });
    expect(impersonating).toMatchObject({ status: 400, body: { error: { code: 'office/invalid-request' } } });
  });

  it('lets only the window serving a ticket transfer it; a waiting one, any window', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const c1 = await office.counter('1');
    const c2 = await office.counter('2');
    await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' });
    await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' });
    await c1.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S0101' });
    const transfer = (at: typeof c1, ref: string) =>
      at.call('POST', `/v1/tickets/${ref}/transfer`, { id: newUuidv7(), staff: 'S0202', to: 'certificate' });
    expect((await transfer(c2, 'A-001')).status).toBe(409);
    expect((await transfer(c1, 'A-001')).status).toBe(200);
    expect((await transfer(c2, 'A-002')).status).toBe(200);
  });

  it('holds at most a few live streams per address, and no page may be framed', async () => {
    const office = await start();
    const port = Number(new URL(office.url).port);
    const open: ClientRequest[] = [];
    const stream = () =>
      new Promise<number>((resolve, reject) => {
        const r = httpRequest({ host: '127.0.0.1', port, path: '/v1/stream' }, (response) => resolve(response.statusCode ?? 0));
        r.on('error', reject);
        r.end();
        open.push(r);
      });
    try {
      for (let i = 0; i < MAX_STREAMS_PER_ADDRESS; i++) expect(await stream()).toBe(200);
      expect(await stream()).toBe(503);
    } finally {
      for (const r of open) r.destroy();
    }
    for (const path of ['/display', '/status', '/v1/status']) {
      const response = await fetch(`${office.url}${path}`);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    // A refused key is counted, never echoed (it could be a name).
    const c3 = await office.counter('3');
    const echoed = await c3.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001', 山田太郎: 1 });
    expect(echoed.status).toBe(400);
    expect(JSON.stringify(echoed.body)).not.toContain('山田');
    void request;
  });
});
