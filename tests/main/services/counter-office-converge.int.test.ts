// Two counter apps, one office, a cut link, on real parts: each counter its own data
// folder and SQLite files, the real CUPS-PDF queue, a real office on a real PostgreSQL, and a real
// HTTP proxy per counter that drops every connection while "the cable is out" (the hour is
// compressed: the cut lasts as long as the visits take). Then: a counter with no lease numbers
// locally; a number the office already gave is a visible clash (number-collision), and a local
// number merged is never issued by the office afterwards. Run under the suite lock (CUPS).
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ticketResponse, type TicketView } from '../../../domain/office.ts';
import { newUuidv7, useOfficePerTest, type Harness } from '../../office/support/office-harness.ts';
import { counterApp, invoke, startLinkProxy, visit, type CounterApp, type LinkProxy } from './support/counter-office.ts';

const { start } = useOfficePerTest();
const proxies: LinkProxy[] = [];
const apps: CounterApp[] = [];

beforeAll(async () => {
  execFileSync('lpstat', ['-p', 'KioskPDF']);
}, 120_000);
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const p of proxies.splice(0)) await p.close();
});

async function linked(h: Harness, id: string): Promise<{ app: CounterApp; link: LinkProxy }> {
  const link = await startLinkProxy(() => h.url);
  proxies.push(link);
  const app = await counterApp(id, link.url, (await h.counter(id)).token);
  apps.push(app);
  return { app, link };
}

async function tickets(h: Harness) {
  const { rows } = await h.pool.query(`SELECT id::text AS id, label, state, stage, counter FROM tickets ORDER BY category, number`);
  return rows as { id: string; label: string; state: string; stage: string; counter: string | null }[];
}

describe('two counters, one office, counter A cut off', () => {
  it('A issues from its lease and serves while cut off, B calls online; afterwards office, numbers and outboxes agree', async () => {
    const h = await start();
    const { app: a, link: linkA } = await linked(h, '3');
    const { app: b } = await linked(h, '4');
    const reception = await h.counter('reception');
    const issue = async () =>
      ticketResponse.parse((await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' })).body)
        .ticket as TicketView;

    const first = await visit(a, '中村　一郎'); // online: the office's number; a lease is taken behind it
    expect(first.numbering).toBe('office');
    await expect
      .poll(async () => (await h.pool.query(`SELECT count(*)::int AS n FROM number_leases WHERE counter = '3'`)).rows[0].n)
      .toBe(1);

    linkA.cut(true);
    const offline: string[] = [];
    const online: string[] = [];
    for (const [i, name] of ['小林　由美', '加藤　大輔', '吉田　さくら'].entries()) {
      const t = await visit(a, name);
      expect(t.numbering).toBe('lease');
      offline.push(t.number);
      // B keeps calling the hall online meanwhile: reception's tickets, and its own visits.
      const waiting = await issue();
      expect((await invoke(b, 'hall:call-next')).ok).toBe(true);
      expect((await b.services.session.view()).hall.called?.number).toBe(waiting.number);
      const served = await visit(b, ['山本　健', '松本　愛', '井上　誠'][i]!);
      expect(served.number).toBe(waiting.number);
      online.push(served.number);
    }
    expect(a.services.office!.status().pending).toBeGreaterThan(0);
    expect(linkA.dropped).toBeGreaterThan(0);

    linkA.cut(false);
    // The outbox worker backs off up to a minute while the office is unreachable: it comes back within that.
    for (const app of [a, b]) await expect.poll(() => app.services.office!.status().pending, { timeout: 90_000, interval: 500 }).toBe(0);

    const all = await tickets(h);
    const labels = all.map((t) => t.label);
    // No number twice, nothing lost: A's online and leased numbers, B's called ones (plus the lease's unissued rest is not a ticket).
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.sort()).toEqual([first.number, ...offline, ...online].sort());
    // Every visit of both counters handed over to the back office, A's merged from its outbox.
    for (const t of all) expect(t).toMatchObject({ state: 'waiting', stage: 'processing', counter: null });
    // Flags only where a real conflict happened: none here.
    expect((await h.pool.query('SELECT kind, ticket FROM sync_flags')).rows).toEqual([]);
    // Each counter's log is in the office's, under the office ticket's id; nothing refused or left.
    for (const app of [a, b]) {
      expect(app.services.office!.status()).toMatchObject({ pending: 0 });
      expect(app.services.office!.status().refused ?? 0).toBe(0);
    }
    const kinds = await h.pool.query<{ label: string; kinds: string[] }>(
      `SELECT t.label, array_agg(e.kind ORDER BY e.kind) AS kinds FROM tickets t JOIN events e ON e.visit_id = t.id GROUP BY t.label`,
    );
    for (const row of kinds.rows)
      expect(row.kinds).toEqual(
        expect.arrayContaining(['forms-printed', 'received', 'submitted', 'called', 'handed-over', 'ticket-issued']),
      );
    expect(kinds.rows).toHaveLength(labels.length);
    // A second drain sends nothing again.
    expect((await h.pool.query('SELECT count(*)::int AS n FROM events')).rows[0].n).toBe(
      (await h.pool.query('SELECT count(DISTINCT id)::int AS n FROM events')).rows[0].n,
    );
  }, 240_000);
});

describe('a counter with no lease numbers locally', () => {
  it('a number the office gave meanwhile is flagged number-collision; a merged local number is never issued afterwards', async () => {
    const h = await start();
    const { app: c, link } = await linked(h, '8');
    const reception = await h.counter('reception');
    const issue = async () =>
      ticketResponse.parse((await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' })).body)
        .ticket as TicketView;
    link.cut(true); // the office not reached today: no lease
    const local1 = await visit(c, '木村　拓也');
    expect(local1).toMatchObject({ number: 'A-001', numbering: 'local' });
    expect((await issue()).number).toBe('A-001'); // reception, meanwhile: the same number for another resident
    const local2 = await visit(c, '林　美穂');
    expect(local2).toMatchObject({ number: 'A-002', numbering: 'local' });
    link.cut(false);
    await expect.poll(() => c.services.office!.status().pending, { timeout: 30_000 }).toBe(0);
    const flags = await h.pool.query(`SELECT kind, ticket, machine FROM sync_flags ORDER BY ticket`);
    expect(flags.rows).toEqual([
      { kind: 'number-collision', ticket: 'A-001', machine: '8' },
      { kind: 'outside-lease', ticket: 'A-002', machine: '8' },
    ]);
    // A-002 is held by a resident of counter 8: the office goes on at A-003.
    expect((await issue()).number).toBe('A-003');
  }, 240_000);
});
