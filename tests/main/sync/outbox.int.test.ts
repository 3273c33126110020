// The counter's outbox worker against the real office service on a real PostgreSQL:
// the kiosk's SQLite event log reaches the office once per event, a lost outbox file or a resent
// batch changes nothing there, an unreachable office loses nothing, and no resident data leaves.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../domain/errors.ts';
import { pullResponse } from '../../../domain/office.ts';
import { openOutbox, startOutboxWorker, type Outbox } from '../../../main/sync/outbox.ts';
import { idFromString, newId } from '../../../main/queue/ids.ts';
import { officeEvent } from '../../../domain/office.ts';
import { z } from 'zod';
import pg from 'pg';
import { useOfficePerTest, type Harness } from '../../office/support/office-harness.ts';
import { freePort } from '../../office/support/postgres.ts';
import { makeTestKiosk, MINUTE, residents, type TestKiosk } from '../support/kiosk-fixtures.ts';

const { start } = useOfficePerTest();
let kiosk: TestKiosk | undefined;
let outbox: Outbox | undefined;
afterEach(async () => {
  outbox?.close();
  outbox = undefined;
  kiosk?.cleanup();
  kiosk = undefined;
});

const ACTOR = { counter: '3', staff: 'sato-k' } as const;

/** Three visits at counter 3: one finished, one being served, one waiting. */
function morning(t: TestKiosk): string[] {
  const q = t.kiosk.queue;
  const a = q.enqueue({ category: 'tennyu', forms: ['jumin-ido', 'kokuho'], resident: residents.yoshino });
  t.clock.now += 2 * MINUTE;
  q.advance(a.id, 'forms-printed');
  q.advance(a.id, 'submitted');
  const b = q.enqueue({ category: 'tenshutsu', forms: ['jumin-ido'], resident: residents.takahashi });
  t.clock.now += 3 * MINUTE;
  q.advance(a.id, 'processing-started', { counter: ACTOR.counter, staffId: ACTOR.staff });
  q.advance(b.id, 'submitted');
  t.clock.now += 5 * MINUTE;
  q.advance(a.id, 'completed', { counter: ACTOR.counter, staffId: ACTOR.staff });
  q.advance(b.id, 'processing-started', { counter: ACTOR.counter, staffId: ACTOR.staff });
  const c = q.enqueue({ category: 'certificate', forms: [], resident: residents.saito });
  return [a.id, b.id, c.id];
}

async function officeLog(h: Harness, token: string) {
  const response = await fetch(`${h.url}/v1/events?after=0`, { headers: { authorization: `Bearer ${token}` } });
  return pullResponse.parse(await response.json());
}

describe('counter outbox', () => {
  it('pushes every kiosk event once, only new ones next time, and a lost outbox file re-pushes without changing the office', async () => {
    const office = await start();
    const counter = await office.counter('3');
    kiosk = makeTestKiosk();
    const visits = morning(kiosk);
    const outboxPath = join(kiosk.dir, 'office-outbox.sqlite');
    outbox = openOutbox({ kioskPath: kiosk.dbPath, outboxPath, officeUrl: office.url, token: counter.token, batchSize: 4 });
    expect(outbox.pending()).toBe(9);
    expect(await outbox.drain()).toBe(9);
    expect(outbox.pending()).toBe(0);

    const log = await officeLog(office, counter.token);
    expect(log.head).toBe(9);
    expect(new Set(log.events.map((e) => e.visitId))).toEqual(new Set(visits));
    const first = log.events.find((e) => e.visitId === visits[0] && e.kind === 'completed');
    expect(first).toMatchObject({ ticket: 'A-001', category: 'tennyu', counter: '3', staff: 'sato-k', source: 'counter', machine: '3' });
    // Kiosk order within a visit is kept (by time, then the visit's own sequence for events of the same millisecond).
    expect(log.events.filter((e) => e.visitId === visits[0]).map((e) => e.kind)).toEqual([
      'received',
      'forms-printed',
      'submitted',
      'processing-started',
      'completed',
    ]);

    // New events: only they are pushed.
    kiosk.clock.now += MINUTE;
    kiosk.kiosk.queue.advance(visits[1]!, 'completed', { counter: ACTOR.counter, staffId: ACTOR.staff });
    expect(outbox.pending()).toBe(1);
    expect((await outbox.pushOnce()).sent).toBe(1);

    // The outbox file is lost: everything goes again, and the office answers with what it has.
    outbox.close();
    rmSync(outboxPath);
    outbox = openOutbox({ kioskPath: kiosk.dbPath, outboxPath, officeUrl: office.url, token: counter.token });
    expect(outbox.pending()).toBe(10);
    expect(await outbox.drain()).toBe(10);
    const again = await officeLog(office, counter.token);
    expect(again.head).toBe(10);
    const statuses = await office.pool.query(`SELECT count(*)::int AS n FROM sync_flags`);
    expect(statuses.rows[0].n).toBe(0);

    // Nothing of the sealed resident data reached the office.
    const dump = await office.pool.query(`SELECT string_agg(t::text, ' ') AS all FROM events t`);
    for (const text of ['𠮷野', '髙橋', '齋藤', '千代田区', '札幌市', '090-1234-5678', '1985-04-01'])
      expect(dump.rows[0].all).not.toContain(text);
  });

  it('keeps every event while the office is unreachable, and delivers them when it is back; the worker retries by itself', async () => {
    const office = await start();
    const counter = await office.counter('3');
    kiosk = makeTestKiosk();
    morning(kiosk);
    const outboxPath = join(kiosk.dir, 'office-outbox.sqlite');
    const down = `http://127.0.0.1:${await freePort()}`;
    outbox = openOutbox({ kioskPath: kiosk.dbPath, outboxPath, officeUrl: down, token: counter.token, timeoutMs: 2000 });
    const error = await outbox.pushOnce().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe('office/unreachable');
    expect(outbox.pending()).toBe(9);
    outbox.close();

    // A wrong credential is told apart from an unreachable office.
    outbox = openOutbox({ kioskPath: kiosk.dbPath, outboxPath, officeUrl: office.url, token: `3.${'x'.repeat(32)}` });
    expect(((await outbox.pushOnce().catch((e: unknown) => e)) as KioskError).code).toBe('office/unauthorized');
    outbox.close();

    outbox = openOutbox({ kioskPath: kiosk.dbPath, outboxPath, officeUrl: office.url, token: counter.token });
    const worker = startOutboxWorker(outbox, { intervalMs: 100 });
    await expect.poll(() => outbox!.pending(), { timeout: 10_000 }).toBe(0);
    kiosk.kiosk.queue.enqueue({ category: 'household', forms: [], resident: residents.saito });
    worker.kick();
    await expect.poll(() => outbox!.pending(), { timeout: 10_000 }).toBe(0);
    expect(worker.state()).toBe('idle');
    await worker.stop();
    expect((await officeLog(office, counter.token)).head).toBe(10);
  });

  it('an event the office refuses (400) is marked refused and does not stall the rest; a 503 is retried, never refused', async () => {
    const office = await start();
    const counter = await office.counter('3');
    kiosk = makeTestKiosk();
    const visits = morning(kiosk);
    // A counter updated before its office: it knows an event kind the office does not (yet).
    kiosk.db
      .prepare('INSERT INTO request_events (id, request_id, seq, kind, at, counter, staff) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(Buffer.from(newId(kiosk.clock.now)), idFromString(visits[2]!), 2, 'returned', kiosk.clock.now, '3', 'sato-k');
    const newer = officeEvent.extend({ kind: z.string().regex(/^[a-z-]{1,32}$/) });
    const open = () =>
      openOutbox({
        kioskPath: kiosk!.dbPath,
        outboxPath: join(kiosk!.dir, 'office-outbox.sqlite'),
        officeUrl: office.url,
        token: counter.token,
        eventSchema: newer as never,
      });
    outbox = open();
    expect(outbox.pending()).toBe(10);

    // The office's database refuses connections: 503, retried later; nothing is marked refused.
    await office.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const name = (await office.pool.query('SELECT current_database() AS d')).rows[0].d as string;
    const admin = new pg.Client({ connectionString: office.databaseUrl.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
    const down = await outbox.pushOnce().catch((e: unknown) => e);
    expect((down as KioskError).code).toBe('office/unreachable');
    expect(outbox.refused()).toBe(0);
    expect(outbox.pending()).toBe(10);
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await admin.end();

    // Back: the batch is halved down to the refused event; the nine others are stored.
    const round = await outbox.pushOnce();
    expect([round.sent, round.refused]).toEqual([9, 1]);
    expect(outbox.pending()).toBe(0);
    expect(outbox.refused()).toBe(1);
    expect((await officeLog(office, counter.token)).head).toBe(9);
  });
});
