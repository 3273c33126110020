// The supervisor's floor view over the whole office. Two halves:
//
// - recordFloor: called by the log's append (store.ts) in the same transaction as the events, under
//   the office row's lock. It follows each ticket (floor_visits) and, when a wait or a service
//   ends, adds it to the day's rollup (floor_cells). A replayed event is never appended again, so
//   nothing is counted twice. The estimate given for a ticket at its issue is kept on the ticket.
// - floorView: GET /v1/floor. A period's figures are sums over its days' rollup rows (a few hundred
//   rows a day, whatever the number of visits), then the shared computation (statistics/floor.ts).
//
// What counts as which wait is decided once, in statistics/floor-follow.ts (the counter follows its
// copy of the log with the same code).
import type pg from 'pg';
import { ticketStage, type OfficeEvent } from '../domain/office.ts';
import { DEFAULT_FLOOR_SETTINGS, floorView as floorViewSchema, type FloorSettings, type FloorView } from '../domain/floor.ts';
import { officeDay, officeHour } from '../domain/office-time.ts';
import type { Category } from '../domain/request.ts';
import { ACTIVE_WINDOW_MS, estimateFrom, RECENT_SERVICES, type WaitEstimate } from '../statistics/estimate.ts';
import { bucketOf } from '../statistics/histogram.ts';
import type { CellMap } from '../statistics/cells.ts';
import { buildFloorView, cellMapOf, type FloorCellTotals, type FloorDelta, type LiveQueueRow } from '../statistics/floor.ts';
import { addExactFacts, EXACT_VISIT_LIMIT, FloorFollower, type FollowedVisit } from '../statistics/floor-follow.ts';

type Visit = FollowedVisit;

const ms = (column: string) => `round(extract(epoch FROM ${column}) * 1000)::float8`;
const VISIT_COLUMNS = `fv.ticket_id::text AS ticket_id, to_char(fv.day, 'YYYY-MM-DD') AS day, fv.label, fv.hour, fv.category,
  ${ms('fv.issued_at')} AS issued_at, ${ms('fv.counter_called_at')} AS counter_called_at, fv.counter, ${ms('fv.counter_done_at')} AS counter_done_at,
  ${ms('fv.processing_since')} AS processing_since, ${ms('fv.processing_done_at')} AS processing_done_at, ${ms('fv.delivery_since')} AS delivery_since,
  ${ms('fv.delivery_called_at')} AS delivery_called_at, fv.forms, t.estimated_wait_s`;

interface VisitRow {
  ticket_id: string;
  day: string;
  label: string;
  hour: number;
  category: string;
  issued_at: number;
  counter_called_at: number | null;
  counter: string | null;
  counter_done_at: number | null;
  processing_since: number | null;
  processing_done_at: number | null;
  delivery_since: number | null;
  delivery_called_at: number | null;
  forms: string | null;
  estimated_wait_s: number | null;
}

function toVisit(r: VisitRow): Visit {
  return {
    ticketId: r.ticket_id,
    day: r.day,
    label: r.label,
    hour: r.hour,
    category: r.category,
    issuedAt: r.issued_at,
    counterCalledAt: r.counter_called_at,
    counter: r.counter,
    counterDoneAt: r.counter_done_at,
    processingSince: r.processing_since,
    processingDoneAt: r.processing_done_at,
    deliverySince: r.delivery_since,
    deliveryCalledAt: r.delivery_called_at,
    forms: r.forms,
    estimate: r.estimated_wait_s,
    dirty: false,
  };
}

/** The estimate for someone taking a ticket now: the waiting ahead (in `pool`, or all), the day's last services, the counters active in the last hour. */
export async function estimateAt(
  client: pg.ClientBase | pg.Pool,
  office: string,
  now: number,
  pool: Category | null,
  exclude: string | null,
) {
  const day = officeDay(now);
  // One after the other: on a transaction's client, queries cannot overlap.
  const ahead = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tickets WHERE office_id = $1 AND day = $2 AND stage = 'counter' AND state = 'waiting'
         AND ($3::text IS NULL OR pool = $3) AND ($4::uuid IS NULL OR id <> $4)`,
    [office, day, pool, exclude],
  );
  const services = await client.query<{ s: number }>(
    `SELECT extract(epoch FROM counter_done_at - counter_called_at)::float8 AS s FROM floor_visits
       WHERE office_id = $1 AND day = $2 AND counter_done_at IS NOT NULL AND counter_called_at IS NOT NULL
       ORDER BY counter_done_at DESC LIMIT ${RECENT_SERVICES}`,
    [office, day],
  );
  const active = await client.query<{ n: number }>(
    `SELECT count(DISTINCT counter)::int AS n FROM floor_visits
       WHERE office_id = $1 AND day = $2 AND counter IS NOT NULL
         AND (counter_called_at >= to_timestamp($3::double precision / 1000) OR counter_done_at IS NULL)`,
    [office, day, now - ACTIVE_WINDOW_MS],
  );
  return estimateFrom(
    ahead.rows[0]?.n ?? 0,
    services.rows.map((r) => r.s),
    active.rows[0]?.n ?? 0,
  );
}

/** Follows the appended events' tickets and adds the waits they end to the rollup (inside the appending transaction). */
export async function recordFloor(
  client: pg.ClientBase,
  office: string,
  events: readonly OfficeEvent[],
  source: 'counter' | 'office',
): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map((e) => e.visitId))];
  const named = events.filter((e) => e.forms !== null && e.ticket !== null);
  const { rows } = await client.query<VisitRow>(
    `SELECT ${VISIT_COLUMNS} FROM floor_visits fv JOIN tickets t ON t.id = fv.ticket_id
     WHERE fv.office_id = $1 AND (fv.ticket_id = ANY($2::uuid[])
       OR (fv.day, fv.label) IN (SELECT d, l FROM unnest($3::date[], $4::text[]) AS x(d, l)))`,
    [office, ids, named.map((e) => officeDay(e.at)), named.map((e) => e.ticket)],
  );
  const follower = new FloorFollower(rows.map(toVisit));
  const issued = events.filter((e) => e.kind === 'ticket-issued' && !follower.has(e.visitId)).map((e) => e.visitId);
  const tickets = issued.length
    ? (
        await client.query<{ id: string; day: string; label: string; category: string }>(
          `SELECT id::text AS id, to_char(day, 'YYYY-MM-DD') AS day, label, category FROM tickets WHERE office_id = $1 AND id = ANY($2::uuid[])`,
          [office, issued],
        )
      ).rows
    : [];
  const ticketOf = new Map(tickets.map((t) => [t.id, t]));

  const estimates: { id: string; seconds: number }[] = [];
  for (const event of events) {
    if (event.kind !== 'ticket-issued') {
      follower.apply(event);
      continue;
    }
    // A number the office refused (a collision, outside any lease) has no ticket row: flagged, not counted.
    const ticket = ticketOf.get(event.visitId) ?? null;
    if (follower.has(event.visitId) || !ticket) continue;
    let estimate: number | null = null;
    if (source === 'office') {
      // What a new arrival in this pool would be told now (the ticket itself not counted ahead).
      estimate = (await estimateAt(client, office, event.at, ticket.category as Category, ticket.id)).seconds;
      estimates.push({ id: ticket.id, seconds: estimate });
    }
    follower.issue(event, ticket, estimate);
  }

  for (const { id, seconds } of estimates) {
    await client.query('UPDATE tickets SET estimated_wait_s = $2 WHERE id = $1::uuid', [id, seconds]);
  }
  const ts = (v: number | null) => (v === null ? null : v / 1000);
  for (const v of [...follower.visits()].filter((x) => x.dirty)) {
    await client.query(
      `INSERT INTO floor_visits (ticket_id, office_id, day, label, hour, category, issued_at, counter_called_at, counter, counter_done_at,
         processing_since, delivery_since, delivery_called_at, forms, processing_done_at)
       VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7), to_timestamp($8), $9, to_timestamp($10), to_timestamp($11), to_timestamp($12),
         to_timestamp($13), $14, to_timestamp($15))
       ON CONFLICT (ticket_id) DO UPDATE SET counter_called_at = EXCLUDED.counter_called_at, counter = EXCLUDED.counter,
         counter_done_at = EXCLUDED.counter_done_at, processing_since = EXCLUDED.processing_since, delivery_since = EXCLUDED.delivery_since,
         delivery_called_at = EXCLUDED.delivery_called_at, forms = EXCLUDED.forms, processing_done_at = EXCLUDED.processing_done_at`,
      [
        v.ticketId,
        office,
        v.day,
        v.label,
        v.hour,
        v.category,
        ts(v.issuedAt),
        ts(v.counterCalledAt),
        v.counter,
        ts(v.counterDoneAt),
        ts(v.processingSince),
        ts(v.deliverySince),
        ts(v.deliveryCalledAt),
        v.forms,
        ts(v.processingDoneAt),
      ],
    );
  }
  await addCells(client, office, follower.deltas);
}

/** Adds deltas to the rollup in one statement (deltas of one cell merged first: a statement may touch a row once). */
export async function addCells(client: pg.ClientBase, office: string, deltas: readonly FloorDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const merged = new Map<
    string,
    { day: string; dim: string; key: string; metric: string; n: number; sum: number; max: number | null; hist: number[] | null }
  >();
  for (const d of deltas) {
    const id = `${d.day}\u0000${d.dim}\u0000${d.key}\u0000${d.metric}`;
    let c = merged.get(id);
    if (!c) merged.set(id, (c = { day: d.day, dim: d.dim, key: d.key, metric: d.metric, n: 0, sum: 0, max: null, hist: null }));
    c.n += 1;
    if (d.seconds !== null) {
      c.sum += d.seconds;
      c.max = c.max === null ? d.seconds : Math.max(c.max, d.seconds);
      if (d.metric !== 'estimate-bias') {
        const b = bucketOf(d.seconds);
        c.hist ??= [];
        while (c.hist.length <= b) c.hist.push(0);
        c.hist[b] = c.hist[b]! + 1;
      }
    }
  }
  const list = [...merged.values()];
  await client.query(
    `INSERT INTO floor_cells AS c (office_id, day, dim, key, metric, n, sum, max, hist)
     SELECT $1, d, di, k, m, n, s, mx, h::integer[] FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::float8[], $8::float8[], $9::text[])
       AS x(d, di, k, m, n, s, mx, h)
     ON CONFLICT (office_id, day, dim, key, metric) DO UPDATE SET n = c.n + EXCLUDED.n, sum = c.sum + EXCLUDED.sum,
       max = greatest(c.max, EXCLUDED.max), hist = floor_add_hist(c.hist, EXCLUDED.hist)`,
    [
      office,
      list.map((c) => c.day),
      list.map((c) => c.dim),
      list.map((c) => c.key),
      list.map((c) => c.metric),
      list.map((c) => c.n),
      list.map((c) => c.sum),
      list.map((c) => c.max),
      list.map((c) => (c.hist ? `{${c.hist.join(',')}}` : null)),
    ],
  );
}

/** The rollup of [from, to] summed per cell: one aggregate over the days' rows, the histograms summed bucket by bucket in SQL. */
export async function periodCells(
  pool: pg.Pool | pg.ClientBase,
  office: string,
  from: string,
  to: string,
  options: { exact?: boolean } = {},
): Promise<{ cells: CellMap; days: number; exact: boolean }> {
  const [totals, buckets, days] = await Promise.all([
    pool.query<{ dim: string; key: string; metric: string; n: number; sum: number; max: number | null }>(
      `SELECT dim, key, metric, sum(n)::float8 AS n, sum(sum)::float8 AS sum, max(max)::float8 AS max FROM floor_cells
       WHERE office_id = $1 AND day BETWEEN $2 AND $3 GROUP BY dim, key, metric`,
      [office, from, to],
    ),
    pool.query<{ dim: string; key: string; metric: string; b: number; n: number }>(
      `SELECT dim, key, metric, (i - 1)::int AS b, sum(v)::float8 AS n FROM floor_cells, unnest(hist) WITH ORDINALITY AS h(v, i)
       WHERE office_id = $1 AND day BETWEEN $2 AND $3 AND hist IS NOT NULL AND v <> 0 GROUP BY dim, key, metric, i`,
      [office, from, to],
    ),
    pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM floor_cells WHERE office_id = $1 AND day BETWEEN $2 AND $3 AND dim = 'all' AND metric = 'arrived'`,
      [office, from, to],
    ),
  ]);
  const hist = new Map<string, number[]>();
  for (const r of buckets.rows) {
    const id = `${r.dim}\u0000${r.key}\u0000${r.metric}`;
    let h = hist.get(id);
    if (!h) hist.set(id, (h = []));
    while (h.length <= r.b) h.push(0);
    h[r.b] = r.n;
  }
  const cells: FloorCellTotals[] = totals.rows.map((r) => ({ ...r, hist: hist.get(`${r.dim}\u0000${r.key}\u0000${r.metric}`) ?? null }));
  const map = cellMapOf(cells);
  const exact = options.exact === false ? false : await addExactValues(pool, office, from, to, map);
  return { cells: map, days: days.rows[0]?.n ?? 0, exact };
}

/** The durations of each visit of the range, as the rollup counted them (the same facts, so the same cells). */
async function addExactValues(pool: pg.Pool | pg.ClientBase, office: string, from: string, to: string, cells: CellMap): Promise<boolean> {
  const { rows: count } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM floor_visits WHERE office_id = $1 AND day BETWEEN $2 AND $3`,
    [office, from, to],
  );
  if ((count[0]?.n ?? 0) > EXACT_VISIT_LIMIT) return false;
  const { rows } = await pool.query<VisitRow>(
    `SELECT ${VISIT_COLUMNS} FROM floor_visits fv JOIN tickets t ON t.id = fv.ticket_id WHERE fv.office_id = $1 AND fv.day BETWEEN $2 AND $3`,
    [office, from, to],
  );
  for (const v of rows.map(toVisit)) addExactFacts(cells, v);
  return true;
}

export async function liveQueues(pool: pg.Pool | pg.ClientBase, office: string, day: string): Promise<LiveQueueRow[]> {
  const { rows } = await pool.query<{
    stage: LiveQueueRow['stage'];
    pool: Category;
    waiting: number;
    called: number;
    oldest: number | null;
    oldest_ticket: string | null;
  }>(
    `SELECT stage, pool, count(*) FILTER (WHERE state = 'waiting')::int AS waiting, count(*) FILTER (WHERE state = 'called')::int AS called,
       ${ms("min(waiting_since) FILTER (WHERE state = 'waiting')")} AS oldest,
       (array_agg(label ORDER BY waiting_since, id) FILTER (WHERE state = 'waiting'))[1] AS oldest_ticket
     FROM tickets WHERE office_id = $1 AND day = $2 AND state IN ('waiting', 'called') GROUP BY stage, pool ORDER BY stage, pool`,
    [office, day],
  );
  return rows
    .map((r) => ({
      stage: r.stage,
      category: r.pool,
      waiting: r.waiting,
      called: r.called,
      oldestWaitingSince: r.oldest,
      oldestTicket: r.oldest_ticket,
    }))
    .sort((a, b) => ticketStage.options.indexOf(a.stage) - ticketStage.options.indexOf(b.stage));
}

export interface FloorQuery {
  from: string;
  to: string;
  now: number;
  settings?: FloorSettings | undefined;
  /** false: the rollup's interpolated percentiles even for a small range (the benchmark). */
  exact?: boolean;
}

/** The floor view for [from, to] (office days, inclusive), with today and the live queue as of `now`. */
export async function floorView(pool: pg.Pool, office: string, query: FloorQuery): Promise<FloorView> {
  const day = officeDay(query.now);
  const [range, today, live, estimate] = await Promise.all([
    periodCells(pool, office, query.from, query.to, { exact: query.exact ?? true }),
    periodCells(pool, office, day, day, { exact: query.exact ?? true }),
    liveQueues(pool, office, day),
    estimateAt(pool, office, query.now, null, null) as Promise<WaitEstimate>,
  ]);
  return floorViewSchema.parse(
    buildFloorView({
      office,
      now: query.now,
      day,
      settings: query.settings ?? DEFAULT_FLOOR_SETTINGS,
      from: query.from,
      to: query.to,
      range,
      today,
      live,
      estimate,
      currentHour: officeHour(query.now),
    }),
  );
}
