// The counter's office API client (main/sync/office-client.ts) against the real office service on a
// real PostgreSQL: tickets, call-next per stage, the ticket commands with hand-over, leases; and
// every way it fails mapped to the catalogue: nobody listening or no answer in time is
// office/unreachable, a wrong token office/unauthorized, and the office's own refusals (404, 409,
// 400) pass through with the office's Japanese and English words.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../domain/errors.ts';
import { createOfficeClient, isRetryable } from '../../../main/sync/office-client.ts';
import { newId, idToString } from '../../../main/queue/ids.ts';
import { useOfficePerTest } from '../../office/support/office-harness.ts';
import { freePort } from '../../office/support/postgres.ts';

const { start } = useOfficePerTest();
let silent: Server | undefined;
afterEach(async () => {
  silent?.closeAllConnections();
  await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(null)));
  silent = undefined;
});

const id = () => idToString(newId());
const failure = async (promise: Promise<unknown>): Promise<KioskError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KioskError);
  return error as KioskError;
};

describe('office client', () => {
  it('issues, calls the next ticket of a stage, hands it over, and takes a lease', async () => {
    const office = await start();
    const reception = createOfficeClient({ url: office.url, token: (await office.counter('reception')).token });
    const c3 = createOfficeClient({ url: `${office.url}/`, token: (await office.counter('3')).token });
    const a1 = await reception.issueTicket({ id: id(), category: 'tennyu', staff: 'R001' });
    const a2 = await reception.issueTicket({ id: id(), category: 'tennyu', staff: 'R001' });
    expect([a1.number, a2.number, a1.stage, a1.state]).toEqual(['A-001', 'A-002', 'counter', 'waiting']);
    // A retried issue (same id) is the same ticket.
    const retry = id();
    const b1 = await reception.issueTicket({ id: retry, category: 'tenshutsu', staff: null });
    expect(await reception.issueTicket({ id: retry, category: 'tenshutsu', staff: null })).toEqual(b1);

    const called = await c3.callNext({ id: id(), pools: ['tennyu'], staff: 'sato-k', stage: 'counter' });
    expect(called).toMatchObject({ number: 'A-001', state: 'called', counter: '3', stage: 'counter' });
    expect((await c3.command('A-001', 'recall', { id: id(), staff: 'sato-k' })).calls).toBe(2);
    const handed = await c3.command(called!.id, 'hand-over', { id: id(), staff: 'sato-k', to: 'processing' });
    expect(handed).toMatchObject({ number: 'A-001', state: 'waiting', stage: 'processing', counter: null });
    // Nothing waits for the back office but A-001; nothing else is at processing.
    expect(await c3.callNext({ id: id(), pools: ['tenshutsu'], staff: 'sato-k', stage: 'processing' })).toBeNull();
    expect((await c3.ticket('A-001')).stage).toBe('processing');
    expect(await c3.command('A-002', 'call', { id: id(), staff: 'sato-k' })).toMatchObject({ state: 'called', counter: '3' });
    expect((await c3.command('A-002', 'no-show', { id: id(), staff: 'sato-k' })).state).toBe('no-show');
    expect((await c3.command('B-001', 'transfer', { id: id(), staff: 'sato-k', to: 'tenkyo' })).pool).toBe('tenkyo');

    const lease = await c3.lease({ category: 'tennyu', size: 20 });
    expect(lease).toMatchObject({ category: 'tennyu', letter: 'A', counter: '3', first: 3, last: 22 });
  });

  it("passes the office's refusals through with its own words; a wrong token is office/unauthorized", async () => {
    const office = await start();
    const c3 = createOfficeClient({ url: office.url, token: (await office.counter('3')).token });
    const c5 = createOfficeClient({ url: office.url, token: (await office.counter('5')).token });
    await c3.issueTicket({ id: id(), category: 'tennyu', staff: 'R001' });
    await c3.callNext({ id: id(), pools: ['tennyu'], staff: 'sato-k', stage: 'counter' });

    // Counter 5 may not finish counter 3's call: 409 with the office's message naming the ticket.
    const conflict = await failure(c5.command('A-001', 'complete', { id: id(), staff: 'suzuki-m' }));
    expect(conflict.code).toBe('office/illegal-transition');
    expect(conflict.details.httpStatus).toBe(409);
    expect(conflict.message).toMatch(/^A-001: 今の状態/);
    expect(conflict.messageEn).toMatch(/^A-001: 'complete' is not allowed/);
    expect(isRetryable(conflict)).toBe(false);
    // A hand-over backwards is refused by the office's schema (400).
    const backwards = await failure(c3.command('A-001', 'hand-over', { id: id(), staff: 'sato-k', to: 'counter' as 'processing' }));
    expect(backwards.code).toBe('office/invalid-request');
    expect(backwards.details.httpStatus).toBe(400);
    const missing = await failure(c3.ticket('A-099'));
    expect([missing.code, missing.details.httpStatus]).toEqual(['office/not-found', 404]);
    expect(missing.message).toBe('その番号札は本日の窓口サービスにありません。');

    const stranger = createOfficeClient({ url: office.url, token: `3.${'x'.repeat(32)}` });
    const refused = await failure(stranger.lease({ category: 'tennyu', size: 10 }));
    expect(refused.code).toBe('office/unauthorized');
    expect(refused.message).toMatch(/^この端末は窓口サービスに登録されていない/);
    expect(isRetryable(refused)).toBe(false);
  });

  it('is office/unreachable when nobody listens, and when the office does not answer within the timeout', async () => {
    const nobody = createOfficeClient({ url: `http://127.0.0.1:${await freePort()}`, token: `3.${'a'.repeat(32)}` });
    const down = await failure(nobody.issueTicket({ id: id(), category: 'tennyu', staff: null }));
    expect(down.code).toBe('office/unreachable');
    expect(down.message).toMatch(/^窓口サービスに接続できません/);
    expect(isRetryable(down)).toBe(true);

    // A process that accepts the connection and never answers (a hung service).
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
    const hung = createOfficeClient({
      url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      token: `3.${'a'.repeat(32)}`,
      timeoutMs: 300,
    });
    const started = Date.now();
    expect((await failure(hung.callNext({ id: id(), pools: ['tennyu'], staff: 'sato-k', stage: 'counter' }))).code).toBe(
      'office/unreachable',
    );
    expect(Date.now() - started).toBeLessThan(3000);

    // A server that answers 502 (a proxy in front of a stopped service) is unreachable too, with its status.
    silent.removeAllListeners('request');
    silent.on('request', (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<h1>Bad Gateway</h1>');
    });
    const gateway = await failure(hung.lease({ category: 'tennyu', size: 10 }));
    expect([gateway.code, gateway.details.httpStatus]).toEqual(['office/unreachable', 502]);
  });
});
