// `npm run bench -- office-floor [--visits 1000000]`
// The supervisor's floor view on a year of office history. A year of weekdays
// (2025-04-01 … 2026-03-31, without 年末年始) gets --visits visits on a realistic curve: a morning
// peak (~09:45) and an early-afternoon peak (~13:15) each day, March and April busy (about 1.8 ×),
// Mondays busier. Every visit is a ticket with its events in the office log (issued, called at the
// counter, completed; a third go on to the back office and 交付; some no-shows and transfers), its
// floor facts and the daily rollup the office keeps (built here from the same statistics/floor.ts
// facts the service's transaction adds). All of it goes into a real PostgreSQL (embedded, or
// DATABASE_URL's), then in the same run:
//   - the floor query (GET /v1/floor's work: office/floor.ts floorView) for a year, a month and a day,
//   - the naive query: the same figures computed in plain SQL from the events of the range
//     (first call − issue per visit, percentile_cont / max per category, hour and counter),
// and prints the ratios, with both answers side by side (counts and maxima must be equal; the
// rollup's percentiles are interpolated within 1-minute buckets). Figures go to bench/results/office-floor.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { categories, type Category } from '../domain/request.ts';
import { officeDay, officeDayStart, addDays } from '../domain/office-time.ts';
import { createPool } from '../office/database.ts';
import { benchDatabase } from './support/bench-postgres.ts';
import { newUuidv7 } from '../office/ids.ts';
import { migrateOffice } from '../office/migrations.ts';
import { officeStore } from '../office/store.ts';
import { floorView } from '../office/floor.ts';
import { accumulate, floorDeltas, type FloorCellTotals, type FloorFact, type FloorVisit } from '../statistics/floor.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { visits: { type: 'string', default: '1000000' }, repeat: { type: 'string', default: '5' } },
});
const VISITS = Number(values.visits);
const REPEAT = Number(values.repeat);
const OFFICE = 'bench';
const FIRST_DAY = '2025-04-01';
const LAST_DAY = '2026-03-31';

let seed = 20250401;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}
function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
const lognormal = (medianSeconds: number, sigma: number) => medianSeconds * Math.exp(sigma * gaussian());
/** Minutes after 08:45: a morning peak (~09:45), an early-afternoon peak (~13:15), a base level. */
function arrivalMinute(): number {
  for (;;) {
    const pick = random();
    const m = pick < 0.4 ? 60 + gaussian() * 45 : pick < 0.75 ? 270 + gaussian() * 50 : random() * 510;
    if (m >= 0 && m < 495) return m;
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
const BUNDLES: Partial<Record<Category, string[]>> = {
  tennyu: ['jumin-ido+kokuho-ido', 'jumin-ido', 'jumin-ido+kokuho-ido+jidou-teate-nintei', 'jumin-ido+mynumber-card'],
  tenshutsu: ['jumin-ido', 'jumin-ido+kokuho-ido'],
  tenkyo: ['jumin-ido', 'jumin-ido+jidou-teate-jusho'],
  household: ['jumin-ido'],
  certificate: ['inkan-toroku'],
};
const letter = (c: Category) => categories.find((x) => x.id === c)!.letter;

// ---- the year's days and their weights --------------------------------------------------------
const days: { day: string; weight: number }[] = [];
for (let d = FIRST_DAY; d <= LAST_DAY; d = addDays(d, 1)) {
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
  const md = d.slice(5);
  if (dow === 0 || dow === 6 || md >= '12-29' || md <= '01-03') continue;
  const month = Number(d.slice(5, 7));
  days.push({ day: d, weight: (month === 3 || month === 4 ? 1.8 : 1) * (dow === 1 ? 1.15 : 1) });
}
const totalWeight = days.reduce((a, d) => a + d.weight, 0);

// ---- the database -----------------------------------------------------------------------------
const database = await benchDatabase('office_floor');
const pool = createPool(database.url, 6);
{
  const client = await pool.connect();
  await migrateOffice(client);
  client.release();
}
await officeStore(pool, OFFICE).ensureOffice();
const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;

// ---- load a year --------------------------------------------------------------------------------
interface Batch {
  tickets: unknown[][];
  visits: unknown[][];
  events: unknown[][];
}
const newBatch = (): Batch => ({
  tickets: Array.from({ length: 13 }, () => []),
  visits: Array.from({ length: 14 }, () => []),
  events: Array.from({ length: 10 }, () => []),
});
let batch = newBatch();
let seq = 0;
let eventCount = 0;
const cells = new Map<string, FloorCellTotals & { day: string }>();

async function flush(): Promise<void> {
  if (batch.tickets[0]!.length === 0) return;
  const [t, v, e] = [batch.tickets, batch.visits, batch.events];
  await pool.query(
    `INSERT INTO tickets (id, office_id, day, category, number, label, pool, state, stage, issued_at, waiting_since, called_at, counter, calls, estimated_wait_s)
     SELECT id, '${OFFICE}', day, c, n, l, c, st, sg, to_timestamp(i / 1000), to_timestamp(w / 1000), to_timestamp(ca / 1000), co, 1, est
     FROM unnest($1::uuid[], $2::date[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::float8[], $11::text[], $12::int[])
       AS x(id, day, c, n, l, st, sg, i, w, ca, co, est)`,
    t.slice(0, 12),
  );
  await pool.query(
    `INSERT INTO floor_visits (ticket_id, office_id, day, label, hour, category, issued_at, counter_called_at, counter, counter_done_at,
       processing_since, processing_done_at, delivery_since, delivery_called_at, forms)
     SELECT id, '${OFFICE}', day, l, h, c, to_timestamp(i / 1000), to_timestamp(cc / 1000), co, to_timestamp(cd / 1000),
       to_timestamp(ps / 1000), to_timestamp(pd / 1000), to_timestamp(ds / 1000), to_timestamp(dc / 1000), f
     FROM unnest($1::uuid[], $2::date[], $3::text[], $4::int[], $5::text[], $6::float8[], $7::float8[], $8::text[], $9::float8[],
       $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::text[]) AS x(id, day, l, h, c, i, cc, co, cd, ps, pd, ds, dc, f)`,
    v,
  );
  await pool.query(
    `INSERT INTO events (office_id, seq, id, visit_id, kind, at, counter, staff, category, ticket, stage, forms, source, machine)
     SELECT '${OFFICE}', s, id, vi, k, to_timestamp(a / 1000), co, CASE WHEN co IS NULL THEN 'R0001' ELSE 'S' || lpad(co, 4, '0') END, c, l, sg, NULL,
       'office', coalesce(co, 'R1')
     FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS x(s, id, vi, k, a, co, c, l, sg)`,
    e.slice(0, 9),
  );
  batch = newBatch();
}

const started = performance.now();
let loaded = 0;
for (const [index, { day, weight }] of days.entries()) {
  const n = index === days.length - 1 ? VISITS - loaded : Math.round((VISITS * weight) / totalWeight);
  loaded += n;
  const dayStart = officeDayStart(day);
  const numbers = new Map<Category, number>();
  const arrivals = Array.from({ length: n }, arrivalMinute).sort((a, b) => a - b);
  for (const minute of arrivals) {
    const cat = category();
    const number = (numbers.get(cat) ?? 0) + 1;
    numbers.set(cat, number);
    const label = `${letter(cat)}-${String(number).padStart(3, '0')}`;
    const issued = Math.round(dayStart + (8 * 60 + 45 + minute) * 60_000 + random() * 60_000);
    const hourOfDay = Math.floor((8 * 60 + 45 + minute) / 60);
    // Waits grow with the day's load and in the peaks.
    const peak = minute < 180 ? 1.3 : minute > 240 && minute < 360 ? 1.2 : 0.8;
    const wait = Math.min(4 * 3600, lognormal(480 * weight * peak, 0.6));
    const counter = String(1 + Math.floor(random() * 20));
    const called = issued + Math.round(wait * 1000);
    const noShow = random() < 0.02;
    const transfer = random() < 0.01;
    const service = lognormal(720, 0.4);
    const done = called + Math.round(service * 1000);
    const processing = !noShow && (cat === 'tennyu' || cat === 'tenshutsu') && random() < 0.6;
    const processingTime = lognormal(1500, 0.5);
    const deliveryWait = lognormal(300, 0.6);
    const pd = done + Math.round(processingTime * 1000);
    const dc = pd + Math.round(deliveryWait * 1000);
    const bundles = BUNDLES[cat];
    const forms = bundles && !noShow ? bundles[Math.floor(random() * random() * bundles.length)]! : null;
    const estimate = Math.max(0, Math.round(wait * (1 + 0.35 * gaussian())));
    const id = newUuidv7(issued);
    const visit: FloorVisit = { day, hour: hourOfDay, category: cat, forms };
    const facts: FloorFact[] = [{ fact: 'arrived' }];
    if (transfer) facts.push({ fact: 'transferred' });
    facts.push({ fact: 'wait-counter', seconds: (called - issued) / 1000, counter, estimateSeconds: estimate });
    if (noShow) facts.push({ fact: 'no-show', counter });
    else facts.push({ fact: 'service', seconds: (done - called) / 1000, counter });
    if (processing)
      facts.push({ fact: 'wait-processing', seconds: (pd - done) / 1000 }, { fact: 'wait-delivery', seconds: (dc - pd) / 1000 });
    accumulate(
      facts.flatMap((f) => floorDeltas(visit, f)),
      cells,
    );

    const t = batch.tickets;
    t[0]!.push(id);
    t[1]!.push(day);
    t[2]!.push(cat);
    t[3]!.push(number);
    t[4]!.push(label);
    t[5]!.push(noShow ? 'no-show' : 'completed');
    t[6]!.push(processing ? 'delivery' : 'counter');
    t[7]!.push(issued);
    t[8]!.push(processing ? pd : issued);
    t[9]!.push(processing ? dc : called);
    t[10]!.push(counter);
    t[11]!.push(estimate);
    const v = batch.visits;
    const row = [
      id,
      day,
      label,
      hourOfDay,
      cat,
      issued,
      called,
      counter,
      noShow ? null : done,
      processing ? done : null,
      processing ? pd : null,
      processing ? pd : null,
      processing ? dc : null,
      forms,
    ];
    row.forEach((x, i) => v[i]!.push(x));
    const ev = (kind: string, at: number, co: string | null, stage: string) => {
      const e = batch.events;
      e[0]!.push(++seq);
      e[1]!.push(newUuidv7(at));
      e[2]!.push(id);
      e[3]!.push(kind);
      e[4]!.push(at);
      e[5]!.push(co);
      e[6]!.push(cat);
      e[7]!.push(label);
      e[8]!.push(stage);
      eventCount += 1;
    };
    ev('ticket-issued', issued, null, 'counter');
    if (transfer) ev('transferred', issued + 60_000, counter, 'counter');
    ev('called', called, counter, 'counter');
    if (noShow) ev('no-show', called + 120_000, counter, 'counter');
    else if (processing) {
      ev('handed-over', done, counter, 'processing');
      ev('handed-over', pd, 'P1', 'delivery');
      ev('called', dc, counter, 'delivery');
      ev('ticket-completed', dc + 120_000, counter, 'delivery');
    } else ev('ticket-completed', done, counter, 'counter');
    if (batch.tickets[0]!.length >= 10_000) await flush();
  }
  if (index % 20 === 0)
    process.stderr.write(`loading ${day}: ${loaded} visits, ${eventCount} events, ${Math.round((performance.now() - started) / 1000)} s\n`);
}
await flush();
{
  const list = [...cells.values()];
  for (let i = 0; i < list.length; i += 5000) {
    const part = list.slice(i, i + 5000);
    await pool.query(
      `INSERT INTO floor_cells (office_id, day, dim, key, metric, n, sum, max, hist)
       SELECT '${OFFICE}', d, di, k, m, n, s, mx, h::integer[] FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::float8[], $7::float8[], $8::text[])
         AS x(d, di, k, m, n, s, mx, h)`,
      [
        part.map((c) => c.day),
        part.map((c) => c.dim),
        part.map((c) => c.key),
        part.map((c) => c.metric),
        part.map((c) => c.n),
        part.map((c) => c.sum),
        part.map((c) => c.max),
        part.map((c) => (c.hist ? `{${Array.from(c.hist).join(',')}}` : null)),
      ],
    );
  }
}
await pool.query(`UPDATE offices SET last_seq = $2 WHERE office_id = $1`, [OFFICE, seq]);
await pool.query('VACUUM ANALYZE');
const loadSeconds = Math.round((performance.now() - started) / 1000);
const sizes = (
  await pool.query<{ events: string; cells: string; cell_rows: number }>(
    `SELECT pg_size_pretty(pg_total_relation_size('events')) AS events, pg_size_pretty(pg_total_relation_size('floor_cells')) AS cells,
       (SELECT count(*)::int FROM floor_cells) AS cell_rows`,
  )
).rows[0]!;
process.stderr.write(`loaded ${VISITS} visits, ${eventCount} events in ${loadSeconds} s\n`);

// ---- the two queries ------------------------------------------------------------------------------
/** The naive query: everything from the events of the range, in plain SQL. */
async function naive(from: string, to: string) {
  const { rows } = await pool.query<{
    dim: string;
    key: string | null;
    n: number;
    median: number;
    p90: number;
    max: number;
    arrivals: number;
  }>(
    `WITH v AS (
       SELECT visit_id,
         min(at) FILTER (WHERE kind = 'ticket-issued') AS issued,
         min(at) FILTER (WHERE kind = 'called' AND coalesce(stage, 'counter') = 'counter') AS called,
         min(counter) FILTER (WHERE kind = 'called' AND coalesce(stage, 'counter') = 'counter') AS counter,
         min(category) FILTER (WHERE kind = 'ticket-issued') AS category
       FROM events WHERE office_id = $1 AND at >= to_timestamp($2::float8 / 1000) AND at < to_timestamp($3::float8 / 1000)
       GROUP BY visit_id),
     w AS (SELECT *, round(extract(epoch FROM called - issued)) AS wait, extract(hour FROM issued AT TIME ZONE 'Asia/Tokyo')::int AS hour
           FROM v WHERE issued IS NOT NULL)
     SELECT CASE WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(hour) = 0 THEN 'hour' WHEN GROUPING(counter) = 0 THEN 'counter' ELSE 'all' END AS dim,
       coalesce(category, hour::text, counter) AS key, count(wait)::int AS n, count(*)::int AS arrivals,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY wait) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY wait) AS p90, max(wait)::float8 AS max
     FROM w GROUP BY GROUPING SETS ((), (category), (hour), (counter))`,
    [OFFICE, officeDayStart(from), officeDayStart(addDays(to, 1))],
  );
  return rows;
}
const now = officeDayStart(LAST_DAY) + (16 * 60 + 30) * 60_000;
const floor = (from: string, to: string) => floorView(pool, OFFICE, { from, to, now, exact: false });

async function time<T>(work: () => Promise<T>): Promise<{ ms: number[]; result: T }> {
  const ms: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < REPEAT; i += 1) {
    const t0 = performance.now();
    result = await work();
    ms.push(performance.now() - t0);
  }
  return { ms: ms.sort((a, b) => a - b), result: result as T };
}
const median = (ms: number[]) => Math.round(ms[Math.floor(ms.length / 2)]! * 10) / 10;

const ranges: [string, string, string][] = [
  ['year', FIRST_DAY, LAST_DAY],
  ['month (March)', '2026-03-01', '2026-03-31'],
  ['day', LAST_DAY, LAST_DAY],
];
const results: Record<string, unknown>[] = [];
for (const [name, from, to] of ranges) {
  const fast = await time(() => floor(from, to));
  const slow = await time(() => naive(from, to));
  const all = slow.result.find((r) => r.dim === 'all')!;
  const view = fast.result.range;
  const agree = all.n === view.wait.count && all.arrivals === view.arrivals && Math.round(all.max) === view.wait.maxSeconds;
  if (!agree) process.stderr.write(`DISAGREE on ${name}: ${JSON.stringify({ all, view: view.wait, arrivals: view.arrivals })}\n`);
  results.push({
    range: name,
    from,
    to,
    visits: view.arrivals,
    floorMs: median(fast.ms),
    naiveMs: median(slow.ms),
    ratio: Math.round((median(slow.ms) / median(fast.ms)) * 10) / 10,
    countsAndMaximaAgree: agree,
    wait: {
      floor: { median: view.wait.medianSeconds, p90: view.wait.p90Seconds, max: view.wait.maxSeconds },
      naive: { median: Math.round(all.median), p90: Math.round(all.p90), max: Math.round(all.max) },
    },
  });
}
const cellsRead = (
  await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM floor_cells WHERE office_id = $1 AND day BETWEEN $2 AND $3`, [
    OFFICE,
    FIRST_DAY,
    LAST_DAY,
  ])
).rows[0]!.n;
const result = {
  benchmark: 'office-floor',
  at: new Date().toISOString(),
  postgres: version,
  loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
  visits: VISITS,
  events: eventCount,
  days: days.length,
  loadSeconds,
  sizes: { ...sizes, cellRowsReadForAYear: cellsRead },
  repeat: REPEAT,
  results,
};
console.log(JSON.stringify(result, null, 2));
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results', 'office-floor.json'), `${JSON.stringify(result, null, 2)}\n`);

await pool.end();
await database.drop();
void officeDay;
process.exit(0);
