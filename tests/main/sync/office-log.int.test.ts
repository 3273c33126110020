// The counter's copy of the office log against the real office service on a real PostgreSQL:
// it pulls everything after its cursor, keeps it across a restart, follows the SSE
// doorbell, replaces itself when the office's log is not the one it copied, and drops old days.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pullResponse } from '../../../domain/office.ts';
import { openOfficeLog, startOfficeLogWorker, type OfficeLog, type OfficeLogWorker } from '../../../main/sync/office-log.ts';
import { newUuidv7, useOfficePerTest, type Counter } from '../../office/support/office-harness.ts';

const { start } = useOfficePerTest();
let log: OfficeLog | undefined;
let worker: OfficeLogWorker | undefined;
let dir: string;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  log?.close();
  log = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A busy minute at the hall: reception issues, counter 3 calls and hands over to the back office. */
async function hall(reception: Counter, counter: Counter, tickets: number): Promise<void> {
  for (let i = 0; i < tickets; i++) {
    await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: i % 2 ? 'tenkyo' : 'tennyu', staff: 'R001' });
  }
  const called = await counter.call('POST', '/v1/call-next', { id: newUuidv7(), pools: ['tennyu'], staff: 'S0412' });
  const number = (called.body as { ticket: { number: string } }).ticket.number;
  await counter.call('POST', `/v1/tickets/${number}/hand-over`, { id: newUuidv7(), staff: 'S0412', to: 'processing' });
}

async function officeLogOf(counter: Counter): Promise<unknown[]> {
  return pullResponse.parse((await counter.call('GET', '/v1/events?after=0')).body).events;
}

describe('the counter’s copy of the office log', () => {
  it('pulls everything after its cursor, and only what is new after a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'office-log-'));
    const office = await start();
    const reception = await office.counter('reception');
    const c3 = await office.counter('3');
    await hall(reception, c3, 6);
    const path = join(dir, 'office-log.sqlite');
    log = openOfficeLog({ path, officeUrl: office.url, token: c3.token });
    expect(await log.catchUp()).toBe(8);
    expect(log.events()).toEqual(await officeLogOf(c3));
    expect(log.events().map((e) => [e.kind, e.stage])).toContainEqual(['handed-over', 'processing']);
    log.close();

    await hall(reception, c3, 2);
    log = openOfficeLog({ path, officeUrl: office.url, token: c3.token });
    expect(log.cursor()).toBe(8);
    expect(await log.pullOnce()).toMatchObject({ pulled: 4, cursor: 12, head: 12, replaced: false });
    expect(log.events()).toEqual(await officeLogOf(c3));
    // A time range: only the events in it.
    const all = log.events();
    const from = all[3]!.at;
    expect(log.events({ from }).every((e) => e.at >= from)).toBe(true);
  });

  it('replaces the copy when the office’s log is not the one it copied (a restored or another office database)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'office-log-'));
    let office = await start();
    let c3 = await office.counter('3');
    await hall(await office.counter('reception'), c3, 6);
    const path = join(dir, 'office-log.sqlite');
    log = openOfficeLog({ path, officeUrl: office.url, token: c3.token });
    await log.catchUp();
    expect(log.cursor()).toBe(8);
    log.close();
    await office.close();

    // Another database with more events than the copy: the sequence alone would look like a continuation.
    office = await start();
    c3 = await office.counter('3');
    await hall(await office.counter('reception'), c3, 10);
    log = openOfficeLog({ path, officeUrl: office.url, token: c3.token });
    const round = await log.pullOnce();
    expect(round.replaced).toBe(true);
    expect(log.events()).toEqual(await officeLogOf(c3));
  });

  it('follows the doorbell: a ticket issued anywhere reaches the copy without waiting for the timer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'office-log-'));
    const office = await start();
    const reception = await office.counter('reception');
    const c3 = await office.counter('3');
    log = openOfficeLog({ path: join(dir, 'office-log.sqlite'), officeUrl: office.url, token: c3.token });
    worker = startOfficeLogWorker(log, { officeUrl: office.url, intervalMs: 600_000 });
    await expect.poll(() => worker!.state(), { timeout: 5000 }).toBe('following');
    await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tenshutsu', staff: 'R001' });
    await expect.poll(() => log!.events().map((e) => e.ticket), { timeout: 5000 }).toEqual(['B-001']);
    await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tenshutsu', staff: 'R001' });
    await expect.poll(() => log!.cursor(), { timeout: 5000 }).toBe(2);
  });

  it('drops days past its retention but keeps the cursor; says when the office is unreachable and keeps what it has', async () => {
    dir = mkdtempSync(join(tmpdir(), 'office-log-'));
    const office = await start();
    const c3 = await office.counter('3');
    await hall(await office.counter('reception'), c3, 4);
    const path = join(dir, 'office-log.sqlite');
    log = openOfficeLog({ path, officeUrl: office.url, token: c3.token });
    await log.catchUp();
    expect(log.events()).toHaveLength(6);
    log.close();

    // 40 days later (past the 31 days kept): the old events go, the newest stays as the cursor.
    log = openOfficeLog({ path, officeUrl: office.url, token: c3.token, clock: () => Date.now() + 40 * 86_400_000 });
    expect(await log.pullOnce()).toMatchObject({ pulled: 0, replaced: false });
    expect(log.events().map((e) => e.seq)).toEqual([6]);
    expect(log.cursor()).toBe(6);

    await office.close();
    await expect(log.pullOnce()).rejects.toMatchObject({ code: 'office/unreachable' });
    expect(log.cursor()).toBe(6);
  });
});
