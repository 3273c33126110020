// A visit that ends while its office call is in flight (the rule for every
// asynchronous result: it is accepted only by the visit, or the signed-in staff, that started it).
// Real parts: two counter apps on their own SQLite files and the real CUPS-PDF queue, a real office
// on a real PostgreSQL, and between them a real HTTP proxy that holds one request until the test
// lets it through (a slow office). Every hall action lands in the counter's audit log (codes only).
// Run under the suite lock (CUPS).
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ticketResponse, type TicketView } from '../../../domain/office.ts';
import { newUuidv7, useOfficePerTest, type Harness } from '../../office/support/office-harness.ts';
import { counterApp, invoke, previewed, signIn, startLinkProxy, visit, type CounterApp, type LinkProxy } from './support/counter-office.ts';

const { start } = useOfficePerTest();
let proxy: LinkProxy | undefined;
const apps: CounterApp[] = [];

beforeAll(async () => {
  execFileSync('lpstat', ['-p', 'KioskPDF']);
}, 120_000);
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await proxy?.close();
  proxy = undefined;
});

async function setUp(ids: string[]): Promise<{ h: Harness; link: LinkProxy; counters: CounterApp[] }> {
  const h = await start();
  const link = await startLinkProxy(() => h.url);
  proxy = link;
  const counters: CounterApp[] = [];
  for (const id of ids) {
    const app = await counterApp(id, link.url, (await h.counter(id)).token);
    apps.push(app);
    counters.push(app);
  }
  return { h, link, counters };
}

async function tickets(h: Harness) {
  const { rows } = await h.pool.query(`SELECT id::text AS id, label, state, stage, counter, pool FROM tickets ORDER BY category, number`);
  return rows as { id: string; label: string; state: string; stage: string; counter: string | null; pool: string }[];
}

const audit = (app: CounterApp) =>
  app.services.audit.entries().filter((e) => e.action.startsWith('hall-') || e.action === 'office-ticket-settled');

describe('a visit that ends while the office answers (slow office through a real proxy)', () => {
  for (const how of ['終了', 'sign-out'] as const) {
    it(`${how} while the ticket is being issued: the ticket is settled at the office (no-show), the next visit gets its own number`, async () => {
      const { h, link, counters } = await setUp(['5']);
      const c5 = counters[0]!;
      const session = c5.services.session;
      await previewed(c5, '佐藤　健二');
      const held = link.hold('POST', /^\/v1\/tickets$/);
      const printing = session.print();
      const request = await held;
      if (how === '終了') session.end('cancelled');
      else expect((await invoke(c5, 'auth:sign-out')).ok).toBe(true);
      expect((await session.view()).reference).toBeNull();
      request.release(); // the office issues A-001 now, for a visit that is gone
      await printing;

      // Never in the next visit, never left called at counter 5: marked absent at the office.
      await expect
        .poll(async () => (await tickets(h)).map((t) => [t.label, t.state, t.counter]), { timeout: 10_000 })
        .toEqual([['A-001', 'no-show', '5']]);
      expect(audit(c5).map((e) => [e.action, e.detail, e.staffId, e.counter])).toEqual([
        ['office-ticket-settled', 'A-001:told', 'staff-5', '5'],
      ]);

      if (how === 'sign-out') signIn(c5.services, '5', 'staff-5b');
      const next = await visit(c5, '鈴木　美咲');
      // Its own number (the next office number, after the lease taken behind A-001), never A-001.
      expect(next.number).toMatch(/^A-0(0[2-9]|[1-9]\d)$/);
      expect(c5.receipts.map((r) => r.ticket)).toEqual([next.number]);
      const after = await tickets(h);
      expect(after.find((t) => t.label === next.number)).toMatchObject({
        id: next.requestId,
        stage: expect.stringMatching(/counter|processing/),
      });
    }, 120_000);
  }

  it('the resident screen’s idle expiry during the issue is ignored (the forms are rendered): the ticket lands in its own visit', async () => {
    const { h, link, counters } = await setUp(['5']);
    const c5 = counters[0]!;
    const session = c5.services.session;
    await previewed(c5, '高橋　直子');
    const before = (await session.view()).reference;
    const held = link.hold('POST', /^\/v1\/tickets$/);
    const printing = session.print();
    const request = await held;
    session.idleExpired();
    expect(session.canEndForIdleSignOut()).toBe(false); // staff idle sign-out waits for the print
    request.release();
    await printing;
    const view = await session.view();
    expect(view.reference).toBe(before);
    expect(view.ticket?.number ?? (await tickets(h))[0]?.label).toBe('A-001');
    expect((await tickets(h)).map((t) => [t.label, t.state, t.counter])).toEqual([['A-001', 'called', '5']]);
  }, 120_000);

  it('a leased number taken while the office dropped the request, for a visit ended meanwhile: its no-show goes with the outbox', async () => {
    const { h, link, counters } = await setUp(['5']);
    const c5 = counters[0]!;
    const session = c5.services.session;
    await visit(c5, '伊藤　翔太'); // A-001 online; the lease A-002… is taken behind it
    await expect.poll(async () => (await h.pool.query('SELECT count(*)::int AS n FROM number_leases')).rows[0].n).toBe(1);
    await previewed(c5, '渡辺　陽菜');
    const held = link.hold('POST', /^\/v1\/tickets$/);
    const printing = session.print();
    const request = await held;
    link.cut(true);
    session.end('cancelled');
    request.drop(); // the office never hears of it: the counter takes its lease's next number
    await printing;
    expect(audit(c5).at(-1)).toMatchObject({ action: 'office-ticket-settled', detail: expect.stringMatching(/^A-\d{3}:queued$/) });
    const leased = /^(A-\d{3})/.exec(audit(c5).at(-1)!.detail!)![1]!;
    link.cut(false);
    await expect.poll(() => c5.services.office!.status().pending, { timeout: 20_000 }).toBe(0);
    expect((await tickets(h)).find((t) => t.label === leased)).toMatchObject({ state: 'no-show', counter: '5' });
    expect((await h.pool.query('SELECT kind, ticket FROM sync_flags')).rows).toEqual([]);
  }, 120_000);
});

describe('call-next answered after the staff who pressed it signed out', () => {
  for (const how of ['sign-out', 'idle sign-out'] as const) {
    it(`${how}: the ticket goes back to its pool with its place; nobody signed in next finds it called`, async () => {
      const { h, link, counters } = await setUp(['5', '6']);
      const [c5, c6] = counters as [CounterApp, CounterApp];
      const reception = await h.counter('reception');
      const issue = async () =>
        ticketResponse.parse((await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' })).body)
          .ticket as TicketView;
      const a1 = await issue();
      const a2 = await issue();
      const held = link.hold('POST', /^\/v1\/call-next$/);
      const calling = invoke(c5, 'hall:call-next');
      const request = await held;
      if (how === 'sign-out') expect((await invoke(c5, 'auth:sign-out')).ok).toBe(true);
      else c5.services.signOut('staff', 'idle');
      request.release(); // the office calls A-001 to counter 5, where nobody is signed in
      await calling;
      await expect
        .poll(async () => (await tickets(h)).find((t) => t.label === 'A-001'), { timeout: 10_000 })
        .toMatchObject({
          state: 'waiting',
          counter: null,
          pool: 'tennyu',
        });
      signIn(c5.services, '5', 'staff-5b');
      expect((await c5.services.session.view()).hall.called).toBeNull();
      // It kept its place: the next call anywhere takes A-001 before A-002.
      expect((await invoke(c6, 'hall:call-next')).ok).toBe(true);
      expect((await c6.services.session.view()).hall.called?.number).toBe(a1.number);
      expect(a2.number).toBe('A-002');
      expect(audit(c5).map((e) => [e.action, e.reference, e.detail, e.staffId, e.counter])).toEqual([
        ['hall-called', a1.id, 'A-001', 'staff-5', '5'],
        ['hall-call-given-back', a1.id, 'A-001:told', 'staff-5', '5'],
      ]);
    }, 120_000);
  }

  it('a number still called when its staff sign out is given back too', async () => {
    const { h, counters } = await setUp(['5']);
    const c5 = counters[0]!;
    const reception = await h.counter('reception');
    await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tenkyo', staff: 'R001' });
    expect((await invoke(c5, 'hall:call-next')).ok).toBe(true);
    expect((await tickets(h))[0]).toMatchObject({ state: 'called', counter: '5' });
    expect((await invoke(c5, 'auth:sign-out')).ok).toBe(true);
    await expect.poll(async () => (await tickets(h))[0], { timeout: 10_000 }).toMatchObject({ state: 'waiting', counter: null });
  }, 120_000);
});

describe('hall calls in the counter’s audit log', () => {
  it('call-next, recall, no-show, nobody waiting and an unreachable office: staff id, counter, ticket, outcome; never a name', async () => {
    const { h, link, counters } = await setUp(['7']);
    const c7 = counters[0]!;
    const reception = await h.counter('reception');
    const a1 = ticketResponse.parse(
      (await reception.call('POST', '/v1/tickets', { id: newUuidv7(), category: 'tennyu', staff: 'R001' })).body,
    ).ticket as TicketView;
    expect((await invoke(c7, 'hall:call-next')).ok).toBe(true);
    expect((await invoke(c7, 'hall:recall')).ok).toBe(true);
    expect((await invoke(c7, 'hall:no-show')).ok).toBe(true);
    expect((await invoke(c7, 'hall:call-next')).ok).toBe(true); // nobody waits now
    link.cut(true);
    expect((await invoke(c7, 'hall:call-next')).ok).toBe(false);
    expect(audit(c7).map((e) => [e.action, e.staffId, e.counter, e.reference, e.detail])).toEqual([
      ['hall-called', 'staff-7', '7', a1.id, 'A-001'],
      ['hall-recalled', 'staff-7', '7', a1.id, 'A-001'],
      ['hall-no-show', 'staff-7', '7', a1.id, 'A-001'],
      ['hall-called', 'staff-7', '7', null, 'nobody-waiting'],
      ['hall-call-failed', 'staff-7', '7', null, 'call-next:office/unreachable'],
    ]);
  }, 120_000);
});
