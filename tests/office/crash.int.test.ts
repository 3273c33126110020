// The office service killed with SIGKILL in the middle of pushes, then restarted: no
// event it acknowledged is lost, nothing is stored twice, and the counters' replay of everything
// (acknowledged or not) converges on one copy of each event with a gapless sequence.
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pushResponse, type OfficeEvent } from '../../domain/office.ts';
import { registerMachine } from '../../office/machines.ts';
import { migrate, newUuidv7, OFFICE, request } from './support/office-harness.ts';
import { freePort, startTestPostgres, type TestPostgres } from './support/postgres.ts';
import { NODE, ROOT, startServiceProcess } from './support/service-process.ts';

let postgres: TestPostgres;
let pool: pg.Pool | undefined;
const children: ChildProcess[] = [];
beforeAll(async () => {
  postgres = await startTestPostgres();
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await pool?.end();
});
afterAll(async () => {
  await postgres?.stop();
});

/** Starts `npm run office`'s entry point on the test database; resolves with its URL once it listens. */
async function startService(databaseUrl: string, port = 0): Promise<{ child: ChildProcess; url: string }> {
  const service = await startServiceProcess({ DATABASE_URL: databaseUrl, OFFICE_ID: OFFICE, OFFICE_PORT: String(port) });
  children.push(service.child);
  return { child: service.child, url: service.started.listening };
}

const T0 = Date.parse('2026-03-30T10:00:00+09:00');
let minute = 0;
function batch(counter: string, size: number): OfficeEvent[] {
  return Array.from({ length: size }, () => {
    const at = T0 + minute++ * 1000;
    return {
      id: newUuidv7(at),
      visitId: newUuidv7(at),
      kind: 'received',
      at,
      counter,
      staff: 'S0412',
      category: 'tenkyo',
      ticket: null,
      reason: null,
      stage: null,
      forms: null,
    };
  });
}

describe('office service crash', () => {
  it('SIGKILL mid-push loses no acknowledged event and duplicates nothing after restart and replay', async () => {
    const databaseUrl = await postgres.database();
    pool = await migrate(databaseUrl);
    const counters = ['1', '2', '3', '4', '5', '6'];
    const tokens = new Map<string, string>();
    for (const id of counters) tokens.set(id, await registerMachine(pool, OFFICE, id));

    const first = await startService(databaseUrl);
    const sent: OfficeEvent[][] = [];
    const acknowledged = new Map<string, number>();
    let failed = 0;
    let killed = false;
    // Six counters push batches of 25 back to back; the service is killed once 600 events are acknowledged.
    const pushers = counters.map(async (counter) => {
      while (!killed) {
        const events = batch(counter, 25);
        sent.push(events);
        try {
          const response = await request(first.url, 'POST', '/v1/events', { events }, tokens.get(counter));
          if (response.status !== 200) throw new Error(String(response.status));
          for (const result of pushResponse.parse(response.body).results) acknowledged.set(result.id, result.seq);
          if (acknowledged.size >= 600 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          failed++;
          return;
        }
      }
    });
    await Promise.all(pushers);
    await new Promise((done) =>
      first.child.exitCode !== null || first.child.signalCode !== null ? done(null) : first.child.once('exit', done),
    );
    expect(first.child.signalCode).toBe('SIGKILL');
    // Some pushes were still in flight when the service died.
    expect(failed).toBeGreaterThan(0);

    // A COMMIT the service had sent before it died may still finish (committed, never acknowledged):
    // wait until the dead service's database sessions are gone, then look.
    for (let i = 0; i < 100; i++) {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'kakanai-office%'`);
      if (rows[0].n === 0) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    // Every acknowledged event is in the log, under the sequence it was acknowledged with.
    const stored = await pool.query<{ id: string; seq: number }>(
      `SELECT id::text AS id, seq FROM events WHERE office_id = $1 ORDER BY seq`,
      [OFFICE],
    );
    const storedSeq = new Map(stored.rows.map((r) => [r.id, r.seq]));
    for (const [id, seq] of acknowledged) expect(storedSeq.get(id)).toBe(seq);
    // Gapless: 1 … n, whatever the in-flight transactions left behind (they rolled back whole).
    expect(stored.rows.map((r) => r.seq)).toEqual(stored.rows.map((_, i) => i + 1));
    expect(stored.rows.length % 25).toBe(0);
    expect(stored.rows.length).toBeGreaterThanOrEqual(acknowledged.size);
    console.log(`crash: ${acknowledged.size} acknowledged, ${stored.rows.length} stored at the kill, ${failed} pushes cut off`);

    // Restart; the counters replay every batch they sent, acknowledged or not.
    const second = await startService(databaseUrl);
    for (const events of sent) {
      const counter = events[0]!.counter!;
      const response = await request(second.url, 'POST', '/v1/events', { events }, tokens.get(counter));
      expect(response.status).toBe(200);
      for (const result of pushResponse.parse(response.body).results) {
        expect(result.status).toBe(storedSeq.has(result.id) ? 'duplicate' : 'stored');
        if (storedSeq.has(result.id)) expect(result.seq).toBe(storedSeq.get(result.id));
      }
    }
    const all = sent.flat();
    const after = await pool.query<{ n: number; ids: number; hi: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids, max(seq)::int AS hi FROM events WHERE office_id = $1`,
      [OFFICE],
    );
    expect(after.rows[0]).toEqual({ n: all.length, ids: all.length, hi: all.length });
    const head = await pool.query<{ last_seq: number }>(`SELECT last_seq FROM offices WHERE office_id = $1`, [OFFICE]);
    expect(head.rows[0]!.last_seq).toBe(all.length);
    second.child.kill('SIGTERM');
  });

  it('counter processes, each with its own SQLite and outbox, push through a SIGKILL and a restart: every kiosk event is in the office log once', async () => {
    const databaseUrl = await postgres.database();
    pool = await migrate(databaseUrl);
    const counters = ['11', '12', '13', '14'];
    const visits = 40; // 5 events each: 200 per counter
    const tokens = new Map<string, string>();
    for (const id of counters) tokens.set(id, await registerMachine(pool, OFFICE, id));
    const port = await freePort();
    const first = await startService(databaseUrl, port);

    // Each counter is its own node process with its own kiosk SQLite and outbox file.
    const reports = counters.map((counter) => {
      const child = spawn(
        NODE,
        [
          '--disable-warning=ExperimentalWarning',
          'tests/office/support/counter-process.ts',
          first.url,
          tokens.get(counter)!,
          counter,
          String(visits),
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      return new Promise<{ counter: string; ids: string[] }>((done, fail) =>
        child.once('exit', (code) =>
          code === 0
            ? done(JSON.parse(stdout) as { counter: string; ids: string[] })
            : fail(new Error(`counter ${counter} exited ${code}: ${stderr}`)),
        ),
      );
    });

    // Killed mid-push, once a quarter of the day's events have arrived.
    const stored = async () =>
      (await pool!.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE office_id = $1`, [OFFICE])).rows[0]!.n;
    const total = counters.length * visits * 5;
    let atKill = 0;
    for (let i = 0; i < 600 && (atKill = await stored()) < total / 4; i++) await new Promise((done) => setTimeout(done, 25));
    first.child.kill('SIGKILL');
    await new Promise((done) =>
      first.child.exitCode !== null || first.child.signalCode !== null ? done(null) : first.child.once('exit', done),
    );
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(total);
    // Down for a second while the counters keep serving and retrying; then back on the same address.
    await new Promise((done) => setTimeout(done, 1000));
    const second = await startService(databaseUrl, port);

    const done = await Promise.all(reports);
    const kioskIds = done.flatMap((r) => r.ids);
    expect(kioskIds).toHaveLength(total);
    const log = await pool.query<{ id: string; seq: number }>(`SELECT id::text AS id, seq FROM events WHERE office_id = $1 ORDER BY seq`, [
      OFFICE,
    ]);
    expect(log.rows.map((r) => r.id).sort()).toEqual([...kioskIds].sort());
    expect(log.rows.map((r) => r.seq)).toEqual(log.rows.map((_, i) => i + 1));
    console.log(`crash with counter processes: ${atKill} of ${total} events stored at the kill`);
    second.child.kill('SIGTERM');
  }, 120_000);
});
