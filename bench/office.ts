// `npm run bench -- office [--visitors 3000] [--counters 20] [--minute-ms 50]`
// A busy-season day at the office service, in accelerated time (one office minute = --minute-ms).
// Visitors arrive from 08:45 to 17:15 on a curve with a morning and an early-afternoon peak and
// take a ticket at reception; 20 counters call the next one, serve it (about 3 minutes,
// log-normal), push their events, and complete it. An SSE client listens to the doorbell.
// Measured, all over HTTP on a real PostgreSQL (embedded, or DATABASE_URL's server):
//   - call-next latency (p50/p99) and its ratio to a bare durable one-row commit on the same server,
//   - push latency per batch and the sync lag (push sent → the doorbell with its sequence heard),
//   - PostgreSQL's own cost per event: WAL bytes and commits per stored event.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ticketResponse, pushResponse, type OfficeEvent, type TicketView } from '../domain/office.ts';
import { categories, type Category } from '../domain/request.ts';
import { createPool } from '../office/database.ts';
import { benchDatabase } from './support/bench-postgres.ts';
import { openDoorbell } from '../office/doorbell.ts';
import { createOfficeServer } from '../office/http.ts';
import { newUuidv7 } from '../office/ids.ts';
import { registerMachine } from '../office/machines.ts';
import { migrateOffice } from '../office/migrations.ts';
import { officeStore } from '../office/store.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    visitors: { type: 'string', default: '3000' },
    counters: { type: 'string', default: '20' },
    'minute-ms': { type: 'string', default: '50' },
  },
});
const VISITORS = Number(values.visitors);
const COUNTERS = Number(values.counters);
const MINUTE_MS = Number(values['minute-ms']);
const OPEN_MINUTES = 510; // 08:45 … 17:15
const OFFICE = 'bench';

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 100) / 100;
  return { p50: r(percentile(s, 0.5)), p99: r(percentile(s, 0.99)), max: r(s.at(-1) ?? NaN), n: s.length };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A deterministic pseudo-random stream (the same day every run). */
let seed = 20260330;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}
function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
/** Arrival minute after opening: a morning peak (~09:45), an early-afternoon peak (~13:15), a base level. */
function arrivalMinute(): number {
  for (;;) {
    const pick = random();
    const m = pick < 0.4 ? 60 + gaussian() * 45 : pick < 0.75 ? 270 + gaussian() * 50 : random() * OPEN_MINUTES;
    if (m >= 0 && m < OPEN_MINUTES - 15) return m;
  }
}
const CATEGORY_SHARE: [Category, number][] = [
  ['tennyu', 0.3],
  ['tenshutsu', 0.2],
  ['tenkyo', 0.2],
  ['certificate', 0.2],
  ['household', 0.05],
  ['other', 0.05],
];
function category(): Category {
  let x = random();
  for (const [id, share] of CATEGORY_SHARE) if ((x -= share) < 0) return id;
  return 'other';
}

// ---- the database -----------------------------------------------------------------------------
const database = await benchDatabase('office_bench');
const databaseUrl = database.url;
const pool = createPool(databaseUrl, COUNTERS + 5);
{
  const client = await pool.connect();
  await migrateOffice(client);
  client.release();
}
const store = officeStore(pool, OFFICE);
await store.ensureOffice();
const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;

// Baseline: one durable single-row commit on the same server, same pool.
await pool.query('CREATE TABLE bench_baseline (id bigint PRIMARY KEY, at timestamptz NOT NULL)');
const baseline: number[] = [];
for (let i = 0; i < 300; i++) {
  const t0 = performance.now();
  await pool.query('INSERT INTO bench_baseline VALUES ($1, now())', [i]);
  baseline.push(performance.now() - t0);
}

// ---- the service ---------------------------------------------------------------------------
const doorbell = await openDoorbell(databaseUrl, OFFICE, () => store.head());
// The day runs accelerated: a per-machine issue limit in real time would not be the office's.
const server = createOfficeServer({ pool, office: OFFICE, doorbell, issueLimit: null });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const tokens = new Map<string, string>();
for (const id of ['reception', ...Array.from({ length: COUNTERS }, (_, i) => String(i + 1))])
  tokens.set(id, await registerMachine(pool, OFFICE, id));

async function call(machine: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(machine)}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

// The doorbell as a counter hears it.
const heard: { seq: number; at: number }[] = [];
const waiters = new Set<() => void>();
/** An idle counter waits for the doorbell (a new ticket, a call) or at most `ms`, as the counter app would. */
function doorbellOr(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    waiters.add(done);
  });
}
const stream = await fetch(`${base}/v1/stream`);
void (async () => {
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    text += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = text.indexOf('\n\n')) >= 0) {
      const frame = text.slice(0, cut);
      text = text.slice(cut + 2);
      const match = /data: \{"seq":(\d+)\}/.exec(frame);
      if (match) {
        heard.push({ seq: Number(match[1]), at: performance.now() });
        for (const wake of [...waiters]) wake();
      }
    }
  }
})();

const walBefore = (await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
const commitsBefore = (await pool.query<{ n: number }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()'))
  .rows[0]!.n;

// ---- the day --------------------------------------------------------------------------------
const arrivals = Array.from({ length: VISITORS }, () => ({ minute: arrivalMinute(), category: category() })).sort(
  (a, b) => a.minute - b.minute,
);
const start = performance.now();
const officeNow = () => (performance.now() - start) / MINUTE_MS;
let receptionDone = false;
const callNext: number[] = [];
const callNextHit: number[] = [];
const pushes: { t0: number; t1: number; seq: number }[] = [];
const waits: number[] = [];
const issuedAt = new Map<string, number>();
const pools = categories.map((c) => c.id);

const reception = (async () => {
  for (const arrival of arrivals) {
    const delay = arrival.minute * MINUTE_MS - (performance.now() - start);
    if (delay > 0) await sleep(delay);
    const body = ticketResponse.parse(
      await call('reception', '/v1/tickets', { id: newUuidv7(), category: arrival.category, staff: 'R001' }),
    );
    issuedAt.set(body.ticket!.id, officeNow());
  }
  receptionDone = true;
})();

async function counter(id: string): Promise<number> {
  let served = 0;
  for (;;) {
    const t0 = performance.now();
    const body = ticketResponse.parse(await call(id, '/v1/call-next', { id: newUuidv7(), pools, staff: `S${id.padStart(3, '0')}` }));
    callNext.push(performance.now() - t0);
    const ticket: TicketView | null = body.ticket;
    if (ticket) callNextHit.push(performance.now() - t0);
    if (!ticket) {
      if (receptionDone) return served;
      // Spread the wake-ups a little, as real counters are not in lockstep.
      await doorbellOr(2 * MINUTE_MS);
      await sleep(random() * MINUTE_MS * 0.1);
      continue;
    }
    waits.push(officeNow() - (issuedAt.get(ticket.id) ?? officeNow()));
    const serviceMinutes = Math.exp(Math.log(3) + 0.5 * gaussian());
    const at = Date.now();
    const events: OfficeEvent[] = (['processing-started', 'completed'] as const).map((kind, i) => ({
      id: newUuidv7(at + i),
      visitId: ticket.id,
      kind,
      at: at + i,
      counter: id,
      staff: `S${id.padStart(3, '0')}`,
      category: ticket.pool,
      ticket: ticket.number,
      reason: null,
      stage: null,
      forms: null,
    }));
    await sleep(serviceMinutes * MINUTE_MS);
    const p0 = performance.now();
    const pushed = pushResponse.parse(await call(id, '/v1/events', { events }));
    pushes.push({ t0: p0, t1: performance.now(), seq: pushed.results.at(-1)!.seq });
    await call(id, `/v1/tickets/${ticket.id}/complete`, { id: newUuidv7(), staff: `S${id.padStart(3, '0')}` });
    served++;
  }
}
const served = await Promise.all(Array.from({ length: COUNTERS }, (_, i) => counter(String(i + 1))));
await reception;
await sleep(200);
const wallSeconds = (performance.now() - start) / 1000;

const walAfter = (await pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
const walBytes = Number((await pool.query<{ d: string }>('SELECT pg_wal_lsn_diff($1, $2)::bigint AS d', [walAfter, walBefore])).rows[0]!.d);
const commitsAfter = (await pool.query<{ n: number }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()'))
  .rows[0]!.n;
const events = await store.head();

// Sync lag: from sending a push to hearing a doorbell at or past its sequence.
const lags = pushes.map((p) => (heard.find((h) => h.seq >= p.seq && h.at >= p.t0)?.at ?? NaN) - p.t0).filter(Number.isFinite);

const baselineSummary = summary(baseline);
const callSummary = summary(callNext);
const result = {
  postgres: version,
  visitors: VISITORS,
  counters: COUNTERS,
  minuteMs: MINUTE_MS,
  wallSeconds: Math.round(wallSeconds * 10) / 10,
  served: served.reduce((a, b) => a + b, 0),
  loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  baselineCommitMs: baselineSummary,
  callNextMs: callSummary,
  callNextWithTicketMs: summary(callNextHit),
  callNextP50OverBaseline: Math.round((callSummary.p50 / baselineSummary.p50) * 10) / 10,
  pushMs: summary(pushes.map((p) => p.t1 - p.t0)),
  syncLagMs: summary(lags),
  waitOfficeMinutes: summary(waits),
  postgresPerEvent: {
    events,
    walBytes: Math.round(walBytes / events),
    // Every transaction, the empty call-nexts of idle counters woken by the doorbell included.
    commits: Math.round(((commitsAfter - commitsBefore) / events) * 100) / 100,
  },
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results', 'office.json'), `${JSON.stringify(result, null, 2)}\n`);

server.closeAllConnections();
server.close();
await doorbell.close();
await pool.end();
await database.drop();
process.exit(0);
