// A counter machine calls a number by hand (番号を指定して呼ぶ: a resident back after 不在) only while
// that number waits at the counter stage. Its staff console checks the stage before calling, but the
// number may have moved on in between (handed over to the back office, or to 交付): the office itself
// refuses then, in Japanese words, and nothing changes. On a real PostgreSQL.
import { describe, expect, it } from 'vitest';
import { pullResponse, ticketResponse, type TicketView } from '../../domain/office.ts';
import { registerMachine } from '../../office/machines.ts';
import { newUuidv7, OFFICE, request, useOfficePerTest, type Counter } from './support/office-harness.ts';

const { start } = useOfficePerTest();

const command = (counter: Counter, ref: string, what: string, extra: object = {}) =>
  counter.call('POST', `/v1/tickets/${ref}/${what}`, { id: newUuidv7(), staff: 'S0312', ...extra });

async function ticket(counter: Counter, ref: string): Promise<TicketView | null> {
  return ticketResponse.parse((await counter.call('GET', `/v1/tickets/${ref}`)).body).ticket;
}

describe("a counter machine's call of a given number", () => {
  it('is refused once the number has gone on to the back office or 交付; a number at the counter is called', async () => {
    const office = await start();
    const reception = await office.counter('reception');
    const c3 = await office.counter('3');
    const c7 = await office.counter('7');
    for (let i = 0; i < 3; i++) await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tenshutsu', staff: 'R0001' });
    // 転出 B-001: served at counter 3, handed over to the back office. B-002: not there when called (不在).
    await command(c3, 'B-001', 'call');
    await command(c3, 'B-001', 'hand-over', { to: 'processing' });
    await command(c3, 'B-002', 'call');
    await command(c3, 'B-002', 'no-show');
    const head = pullResponse.parse((await c3.call('GET', '/v1/events?after=0')).body).head;

    // Counter 7 types B-001 (a slip of the eye: it meant B-002): the back office has it.
    const refused = await command(c7, 'B-001', 'call');
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: {
        code: 'office/illegal-transition',
        message:
          'B-001 はいま「手続き（バックオフィス）」の番号です。窓口からは呼べません。番号を確かめてください（手続き（バックオフィス）の係が呼びます）。',
        messageEn: 'B-001 is at processing, not at the counter; check the number (the processing staff call it).',
        action: expect.any(String),
      },
    });
    // Nothing changed: still waiting for the back office, no call logged, nothing on the hall display.
    expect(await ticket(c7, 'B-001')).toMatchObject({ stage: 'processing', state: 'waiting', counter: null, calls: 1 });
    expect(pullResponse.parse((await c3.call('GET', '/v1/events?after=0')).body).head).toBe(head);

    // The back office takes it (its next file) and hands it on to 交付; a counter may not call it there either.
    const backOffice = await office.counter('31');
    const taken = await backOffice.call('POST', '/v1/call-next', {
      id: newUuidv7(),
      pools: ['tenshutsu'],
      staff: 'S2001',
      stage: 'processing',
    });
    expect(ticketResponse.parse(taken.body).ticket?.number).toBe('B-001');
    await command(backOffice, 'B-001', 'hand-over', { to: 'delivery' });
    const atDelivery = await command(c7, 'B-001', 'call');
    expect(atDelivery.status).toBe(409);
    expect((atDelivery.body as { error: { message: string } }).error.message).toBe(
      'B-001 はいま「交付」の番号です。窓口からは呼べません。番号を確かめてください（交付の係が呼びます）。',
    );
    expect(await ticket(c7, 'B-001')).toMatchObject({ stage: 'delivery', state: 'waiting', counter: null });

    // B-002, back after 不在, waits at the counter stage: counter 7 calls it.
    const back = await command(c7, 'B-002', 'call');
    expect(back.status).toBe(200);
    expect(ticketResponse.parse(back.body).ticket).toMatchObject({ number: 'B-002', stage: 'counter', state: 'called', counter: '7' });
    // A supervisor's machine is not bound to a stage (it may call a 交付 number).
    const supervisor = await registerMachine(office.pool, OFFICE, 'floor', 'supervisor');
    const bySupervisor = await request(office.url, 'POST', '/v1/tickets/B-001/call', { id: newUuidv7(), staff: 'K0001' }, supervisor);
    expect(bySupervisor.status).toBe(200);
  });
});
