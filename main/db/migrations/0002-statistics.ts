// v2: cumulative per-day statistics cells, backfilled from the visits recorded under v1.
// The backfill is a frozen copy of the cell rules of its day (buckets, dimensions, metrics,
// JST hours), so later changes to main/stats cannot change what this step writes.
import type { Migration } from '../migration.ts';

const EDGES_MINUTES: readonly number[] = (() => {
  const edges: number[] = [];
  for (let m = 0; m < 60; m += 1) edges.push(m);
  for (let m = 60; m < 120; m += 2) edges.push(m);
  for (let m = 120; m < 240; m += 5) edges.push(m);
  for (let m = 240; m < 480; m += 15) edges.push(m);
  edges.push(480, 720, 1440);
  return edges;
})();
const BUCKETS = EDGES_MINUTES.length;

function bucketOf(seconds: number): number {
  const minutes = Math.max(0, seconds) / 60;
  let bucket = 0;
  while (bucket + 1 < BUCKETS && EDGES_MINUTES[bucket + 1]! <= minutes) bucket += 1;
  return bucket;
}

function encode(counts: Int32Array): Buffer | null {
  let last = counts.length - 1;
  while (last >= 0 && counts[last] === 0) last -= 1;
  if (last < 0) return null;
  const buffer = Buffer.alloc((last + 1) * 4);
  for (let b = 0; b <= last; b += 1) buffer.writeInt32LE(counts[b]!, b * 4);
  return buffer;
}

interface V1Visit {
  day: string;
  category: string;
  forms: string;
  state: string;
  received_at: number;
  processing_at: number | null;
  service_end_at: number | null;
  counter: string | null;
  estimated_wait_s: number | null;
}

interface Cell {
  dim: string;
  key: string;
  metric: string;
  n: number;
  sum: number;
  hist: Int32Array | null;
}

/** [dim, key, metric, seconds, with histogram] for every cell one visit adds to. */
function cellsOfVisit(v: V1Visit): [string, string, string, number, boolean][] {
  const hour = String(new Date(v.received_at + 9 * 3_600_000).getUTCHours()).padStart(2, '0');
  const forms = v.forms === '' ? '(none)' : v.forms;
  const out: [string, string, string, number, boolean][] = [
    ['all', '*', 'arrived', 0, false],
    ['category', v.category, 'arrived', 0, false],
    ['forms', forms, 'arrived', 0, false],
    ['hour', hour, 'arrived', 0, false],
  ];
  const timed = (metric: string, seconds: number) => {
    const s = Math.max(0, Math.round(seconds));
    for (const [dim, key] of [
      ['all', '*'],
      ['category', v.category],
      ['forms', forms],
      ['hour', hour],
      ['counter', v.counter ?? '(none)'],
    ] as const)
      out.push([dim, key, metric, s, true]);
    return s;
  };
  if (v.processing_at !== null) {
    const wait = timed('wait', (v.processing_at - v.received_at) / 1000);
    if (v.estimated_wait_s !== null) {
      const error = wait - v.estimated_wait_s;
      for (const [dim, key] of [
        ['all', '*'],
        ['category', v.category],
      ] as const)
        out.push([dim, key, 'estimate', Math.abs(error), true], [dim, key, 'estimate-bias', error, false]);
    }
  }
  if (v.service_end_at !== null && v.processing_at !== null) timed('service', (v.service_end_at - v.processing_at) / 1000);
  if (v.state === 'abandoned' || v.state === 'cancelled') {
    const hourly: [string, string][] = [
      ['all', '*'],
      ['category', v.category],
      ['hour', hour],
    ];
    for (const [dim, key] of hourly) out.push([dim, key, v.state, 0, false]);
  }
  return out;
}

export const statistics: Migration = {
  version: 2,
  name: 'statistics: cumulative per-day histograms (no personal data), backfilled',
  up(db) {
    db.exec(`
      -- stat_cells(day = D) holds counts accumulated over every visit whose ticket day is <= D,
      -- so any date range is two snapshots subtracted: cost independent of the range length.
      CREATE TABLE stat_days (day TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE stat_cells (
        day    TEXT NOT NULL,
        dim    TEXT NOT NULL,                       -- all | category | forms | hour | counter
        key    TEXT NOT NULL,
        metric TEXT NOT NULL,                       -- wait | service | arrived | abandoned | cancelled | estimate | estimate-bias
        n      INTEGER NOT NULL,
        sum    INTEGER NOT NULL,                    -- seconds
        hist   BLOB,                                -- int32 LE counts per duration bucket
        PRIMARY KEY (day, dim, key, metric)
      ) WITHOUT ROWID;
    `);
    const perDay = new Map<string, Map<string, Cell>>();
    const visits = db
      .prepare('SELECT day, category, forms, state, received_at, processing_at, service_end_at, counter, estimated_wait_s FROM requests')
      .iterate() as IterableIterator<V1Visit>;
    for (const visit of visits) {
      let cells = perDay.get(visit.day);
      if (!cells) perDay.set(visit.day, (cells = new Map()));
      for (const [dim, key, metric, seconds, withHist] of cellsOfVisit(visit)) {
        const id = `${dim}\u0000${key}\u0000${metric}`;
        let c = cells.get(id);
        if (!c) cells.set(id, (c = { dim, key, metric, n: 0, sum: 0, hist: null }));
        c.n += 1;
        c.sum += seconds;
        if (withHist) {
          c.hist ??= new Int32Array(BUCKETS);
          const bucket = bucketOf(seconds);
          c.hist[bucket] = c.hist[bucket]! + 1;
        }
      }
    }
    // Each day's snapshot is cumulative over every earlier day.
    const insertDay = db.prepare('INSERT INTO stat_days (day) VALUES (?)');
    const insertCell = db.prepare('INSERT INTO stat_cells (day, dim, key, metric, n, sum, hist) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const running = new Map<string, Cell>();
    for (const day of [...perDay.keys()].sort()) {
      for (const [id, d] of perDay.get(day)!) {
        let t = running.get(id);
        if (!t) running.set(id, (t = { dim: d.dim, key: d.key, metric: d.metric, n: 0, sum: 0, hist: null }));
        t.n += d.n;
        t.sum += d.sum;
        if (d.hist) {
          t.hist ??= new Int32Array(BUCKETS);
          for (let b = 0; b < BUCKETS; b += 1) t.hist[b] = t.hist[b]! + d.hist[b]!;
        }
      }
      insertDay.run(day);
      for (const t of running.values()) insertCell.run(day, t.dim, t.key, t.metric, t.n, t.sum, t.hist ? encode(t.hist) : null);
    }
  },
};
