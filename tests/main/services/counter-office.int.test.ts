// Two counters and the office service on real parts: each counter is the app's own
// services (real-modules.ts, app-services.ts) over its own SQLite files, printing to the real
// CUPS-PDF queue, linked to a real office service on a real PostgreSQL. The office is the one
// numbering authority: both counters' tickets are distinct office numbers; a counter cut off
// (the office stopped) keeps issuing from its lease and converges once the office is back; a
// resident called from a reception ticket keeps that number on the 受付票, and the office's ticket
// waits for the back office afterwards. Run under the suite lock (CUPS).
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ticketResponse, type TicketView } from '../../../domain/office.ts';
import { newUuidv7, useOfficePerTest, type Harness } from '../../office/support/office-harness.ts';
import { freePort } from '../../office/support/postgres.ts';
import { counterApp as linkedCounter, invoke, visit, type CounterApp } from './support/counter-office.ts';

function ok(response: { status: number; body: unknown }): unknown {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

const { start, database } = useOfficePerTest();
let databaseUrl: string;
let port: number;
const apps: CounterApp[] = [];

beforeAll(async () => {
  execFileSync('lpstat', ['-p', 'KioskPDF']); // set up by .ci/start-services
}, 120_000);
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function startOffice(): Promise<Harness> {
  databaseUrl = await database();
  port = await freePort();
  return start({ port }, databaseUrl);
}

/** A counter PC (support/counter-office.ts) linked straight to the office. */
async function counterApp(id: string, token: string): Promise<CounterApp> {
  const app = await linkedCounter(id, `http://127.0.0.1:${port}`, token);
  apps.push(app);
  return app;
}

async function tickets(h: Harness) {
  const { rows } = await h.pool.query(`SELECT id::text AS id, label, state, stage, counter FROM tickets ORDER BY category, number`);
  return rows as { id: string; label: string; state: string; stage: string; counter: string | null }[];
}

describe('the counter and the office (real PostgreSQL, real SQLite, real CUPS)', () => {
  it('a resident called from a reception ticket keeps that number on the 受付票; the office ticket is at processing afterwards', async () => {
    const h = await startOffice();
    const reception = await h.counter('reception');
    const c5 = await counterApp('5', (await h.counter('5')).token);
    const issue = async (category: string) =>
      ticketResponse.parse((await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category, staff: 'R001' })).body)
        .ticket as TicketView;
    const a1 = await issue('tennyu');
    const e1 = await issue('certificate'); // not in counter 5's pools
    expect([a1.number, e1.number]).toEqual(['A-001', 'E-001']);

    // 「次の方を呼ぶ」: the office calls A-001 to counter 5; the console shows it large.
    const called = await invoke(c5, 'hall:call-next');
    expect(called.ok).toBe(true);
    const hall = (await c5.services.session.view()).hall;
    expect(hall).toEqual({ linked: true, called: { number: 'A-001', calls: 1 }, nobodyWaiting: false });
    // A second call while A-001 is open is refused (serve or mark absent first).
    const again = await invoke(c5, 'hall:call-next');
    expect(again.ok ? null : again.error.code).toBe('session/called-pending');
    expect((await invoke(c5, 'hall:recall')).ok).toBe(true);
    expect((await c5.services.session.view()).hall.called).toEqual({ number: 'A-001', calls: 2 });
    expect((await tickets(h)).find((t) => t.label === 'A-001')).toMatchObject({ state: 'called', counter: '5', stage: 'counter' });

    // The resident comes; the visit turns out to be a 転居: the number stays A-001, no new number.
    const ticket = await visit(c5, '山田　花子', 'tenkyo');
    expect(ticket).toMatchObject({ number: 'A-001', requestId: a1.id, numbering: 'office' });
    expect(c5.receipts.map((r) => r.ticket)).toEqual(['A-001']);
    expect(c5.receipts[0]!.text).toContain('A-001');
    expect((await c5.services.session.view()).hall.called).toBeNull();
    // Handed over to the back office: waiting at processing, no longer this counter's.
    await expect
      .poll(async () => (await tickets(h)).find((t) => t.label === 'A-001'), { timeout: 10_000 })
      .toMatchObject({
        id: a1.id,
        state: 'waiting',
        stage: 'processing',
        counter: null,
      });

    // Nobody waits in counter 5's pools now (E-001 is another pool's); then one is called and does not come.
    expect((await invoke(c5, 'hall:call-next')).ok).toBe(true);
    expect((await c5.services.session.view()).hall).toMatchObject({ called: null, nobodyWaiting: true });
    const a2 = await issue('tennyu');
    expect((await invoke(c5, 'hall:call-next')).ok).toBe(true);
    expect((await c5.services.session.view()).hall.called?.number).toBe(a2.number);
    expect((await invoke(c5, 'hall:no-show')).ok).toBe(true);
    expect((await c5.services.session.view()).hall.called).toBeNull();
    expect((await tickets(h)).find((t) => t.label === a2.number)?.state).toBe('no-show');

    // The counter's events reached the office under the office ticket's id.
    await expect.poll(() => c5.services.office!.status().pending, { timeout: 10_000 }).toBe(0);
    const kinds = await h.pool.query(`SELECT source, kind FROM events WHERE visit_id = $1 ORDER BY seq`, [a1.id]);
    // (In the office's order: the counter's push and the hand-over interleave as they arrive.)
    expect(kinds.rows.map((r) => `${r.source}:${r.kind}`).sort()).toEqual([
      'counter:forms-printed',
      'counter:received',
      'counter:submitted',
      'office:called',
      'office:handed-over',
      'office:recalled',
      'office:ticket-issued',
    ]);

    // The office goes away: the buttons say so, in Japanese first.
    await h.close();
    const away = await invoke(c5, 'hall:call-next');
    expect(away.ok ? null : [away.error.code, away.error.message]).toEqual([
      'office/unreachable',
      expect.stringMatching(/^窓口サービスに接続できません/),
    ]);
  }, 180_000);

  it('calls a number by hand (a resident back after 「不在」) and sends a called resident to another queue, keeping number and wait', async () => {
    const h = await startOffice();
    const reception = await h.counter('reception');
    const c7 = await h.counter('7');
    const c5 = await counterApp('5', (await h.counter('5')).token);
    const issue = async (category: string) =>
      ticketResponse.parse((await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category, staff: 'R001' })).body)
        .ticket as TicketView;
    const a1 = await issue('tennyu');
    const a2 = await issue('tennyu');

    // A-001 is called and does not come; later the resident is back at the counter.
    expect((await invoke(c5, 'hall:call-next')).ok).toBe(true);
    expect((await invoke(c5, 'hall:no-show')).ok).toBe(true);
    const back = await invoke(c5, 'hall:call-number', { number: 'A-001' });
    expect(back.ok).toBe(true);
    // The console says it is this number's second call.
    expect((await c5.services.session.view()).hall.called).toEqual({ number: 'A-001', calls: 2 });
    // While A-001 is open no other number is called.
    const pending = await invoke(c5, 'hall:call-number', { number: 'A-002' });
    expect(pending.ok ? null : pending.error.code).toBe('session/called-pending');

    // A-001 turns out to be a 転居: moved to that queue, the same number, still waiting since its issue.
    expect((await invoke(c5, 'hall:transfer', { to: 'tenkyo' })).ok).toBe(true);
    expect((await c5.services.session.view()).hall.called).toBeNull();
    const moved = await h.pool.query(
      `SELECT label, pool, state, stage, waiting_since = issued_at AS kept FROM tickets WHERE id = $1::uuid`,
      [a1.id],
    );
    expect(moved.rows[0]).toEqual({ label: 'A-001', pool: 'tenkyo', state: 'waiting', stage: 'counter', kept: true });
    // Each hall action is in the counter's audit log, by ticket id and number (never a name).
    expect(
      c5.services.audit
        .entries()
        .filter((e) => e.action.startsWith('hall-'))
        .map((e) => [e.action, e.detail]),
    ).toEqual([
      ['hall-called', 'A-001'],
      ['hall-no-show', 'A-001'],
      ['hall-called', 'A-001'],
      ['hall-transferred', 'A-001:tenkyo'],
    ]);

    // A number at the back office is not a counter's to call; an unknown number is said so.
    ok(await c7.call('POST', `/v1/tickets/${a2.number}/call`, { id: newUuidv7(), staff: 'S0007' }));
    ok(await c7.call('POST', `/v1/tickets/${a2.number}/hand-over`, { id: newUuidv7(), staff: 'S0007', to: 'processing' }));
    const atProcessing = await invoke(c5, 'hall:call-number', { number: a2.number });
    expect(atProcessing.ok ? null : [atProcessing.error.code, atProcessing.error.message]).toEqual([
      'session/number-not-callable',
      expect.stringMatching(/^A-002 は窓口でお待ちの番号ではありません/),
    ]);
    const unknown = await invoke(c5, 'hall:call-number', { number: 'A-099' });
    expect(unknown.ok ? null : unknown.error.code).toBe('office/not-found');
    // A malformed number never reaches main's session.
    const malformed = await invoke(c5, 'hall:call-number', { number: 'a-1; DROP' });
    expect(malformed.ok ? null : malformed.error.code).toBe('ipc/invalid-request');
    expect((await tickets(h)).filter((t) => t.state === 'called')).toEqual([]);
  }, 120_000);
});
