// `npm run bench -- queue [--count 1000000] [--days 365] [--db path] [--keep]`
// 1. Seeds a year of history (one transaction, prepared statements).
// 2. Times the supervisor report (the view model the dashboard shows: live queue, today, a
//    one-year range, the estimate) against the naive query set (read every visit row of the
//    range and sort), same run, same data.
// 3. Times enqueue (ticket + event + encrypted resident data + statistics, synchronous=FULL)
//    against the bare cost of one durable single-row commit on the same file.
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createFileKeyProvider } from '../main/crypto/key-provider.ts';
import { openDatabase, closeDatabase } from '../main/db/connection.ts';
import { openKioskDatabase } from '../main/services/kiosk-database.ts';
import { addDays, officeDay } from '../domain/office-time.ts';
import { exactPeriod } from '../main/stats/exact.ts';
import { liveQueue } from '../main/stats/report.ts';
import { loadDefinitions } from '../forms/index.ts';
import { estimateWait } from '../main/stats/estimate.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    count: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '365' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
    enqueues: { type: 'string', default: '2000' },
  },
});
const count = Number(values.count);
const dir = values.db ? null : mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
const dbPath = values.db ?? join(dir!, 'kiosk.sqlite');
mkdirSync(join(dbPath, '..'), { recursive: true });

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
function summary(samples: number[]): { p50: number; p95: number; p99: number; max: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { p50: r(percentile(s, 0.5)), p95: r(percentile(s, 0.95)), p99: r(percentile(s, 0.99)), max: r(s.at(-1)!), n: s.length };
}
function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}
/** CPU time of the call (ms): unlike wall time, not inflated when other jobs share the cores. */
function cpuTime(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

let clockNow = Date.now();
const kiosk = openKioskDatabase({
  path: dbPath,
  keyProvider: createFileKeyProvider(join(dbPath, '..', 'master.key')),
  clock: () => clockNow,
});
// A second connection with the same pragmas, for the naive reference reads and the bare commits
// (the kiosk's own connection is not handed out).
const raw = openDatabase(dbPath);
const today = officeDay(clockNow);
const resident = {
  name: '𠮷野 髙﨑 花子',
  nameKana: 'ヨシノ タカサキ ハナコ',
  birthDate: '1985-04-01',
  address: '東京都千代田区霞が関一丁目一番一号 中央合同庁舎第二号館 三〇一号室',
  phone: '090-1234-5678',
};

const reuse = kiosk.countRequests() >= count;
console.log(
  reuse ? `reusing ${dbPath} (already holds ≥ ${count} requests)` : `seeding ${count} requests over ${values.days} days into ${dbPath} …`,
);
const [seeded, seedMs] = reuse ? [null, 0] : time(() => kiosk.seedHistory({ count, days: Number(values.days), endDay: today }));
if (seeded)
  console.log(
    `  seeded ${seeded.requests} requests, ${seeded.events} events, ${seeded.statCells} stat cells in ${(seedMs / 1000).toFixed(1)} s`,
  );
kiosk.checkpoint();
// A kept database may hold tickets left waiting by an earlier run: close them first.
for (const r of kiosk.queue.live()) kiosk.queue.advance(r.id, 'cancelled');

// A realistic morning through the real API: 300 tickets, most served, some waiting.
const start = clockNow - 3 * 3_600_000;
clockNow = start;
const ids: string[] = [];
for (let i = 0; i < 300; i += 1) {
  clockNow = start + i * 30_000;
  ids.push(
    kiosk.queue.enqueue({ category: ['A', 'B', 'C', 'E'][i % 4]!, forms: i % 3 ? ['jumin-ido', 'kokuho'] : ['jumin-ido'], resident }).id,
  );
}
ids.forEach((id, i) => {
  if (i >= 250) return;
  clockNow = start + i * 30_000 + 600_000;
  kiosk.queue.advance(id, 'submitted');
  kiosk.queue.advance(id, 'processing-started', { counter: String(1 + (i % 8)), staffId: 'bench01' });
  if (i < 240) {
    clockNow += 420_000;
    kiosk.queue.advance(id, 'called');
    kiosk.queue.advance(id, 'completed');
  }
});
clockNow = start + 3 * 3_600_000;

const from = addDays(today, -364);
const titles = loadDefinitions();
const formTitle = (formId: string) => titles.get(formId)?.title ?? formId;
const dashboardSet = () => kiosk.statistics({ from, to: today, targetMinutes: 20, formTitle });
const naiveSet = () => ({
  live: liveQueue(raw, clockNow),
  today: exactPeriod(raw, today, today, 20),
  range: exactPeriod(raw, from, today, 20),
  estimate: estimateWait(raw, clockNow),
});
for (let i = 0; i < 5; i += 1) dashboardSet();
const dashboardMs: number[] = [];
const dashboardCpuMs: number[] = [];
for (let i = 0; i < 100; i += 1) {
  dashboardMs.push(time(dashboardSet)[1]);
  dashboardCpuMs.push(cpuTime(dashboardSet));
}
naiveSet();
const naiveMs: number[] = [];
for (let i = 0; i < 3; i += 1) naiveMs.push(time(naiveSet)[1]);
const d = dashboardSet();
const n = naiveSet();
const check = {
  rangeArrivals: [d.range.count, n.range.arrivals],
  waitMedian: [d.range.waitMedian, n.range.wait.medianSeconds],
  waitP90: [d.range.waitP90, n.range.wait.p90Seconds],
};

// Enqueue with full durability vs one bare durable commit on the same file.
raw.exec('CREATE TABLE IF NOT EXISTS bench_commit (id INTEGER PRIMARY KEY, v TEXT)');
const bare = raw.prepare('INSERT INTO bench_commit (v) VALUES (?)');
const enqueues = Number(values.enqueues);
const commitMs: number[] = [];
const enqueueMs: number[] = [];
const enqueued: string[] = [];
for (let i = 0; i < enqueues; i += 1) {
  clockNow += 1000;
  commitMs.push(time(() => bare.run('x'))[1]);
  const [r, ms] = time(() => kiosk.queue.enqueue({ category: 'A', forms: ['jumin-ido'], resident }));
  enqueueMs.push(ms);
  enqueued.push(r.id);
}
raw.exec('DROP TABLE bench_commit');
for (const id of enqueued) kiosk.queue.advance(id, 'cancelled');

const dash = summary(dashboardMs);
const dashCpu = summary(dashboardCpuMs);
const naive = summary(naiveMs);
const enq = summary(enqueueMs);
const commit = summary(commitMs);
const result = {
  requests: kiosk.countRequests(),
  dbBytes: statSync(dbPath).size,
  synchronous: raw.pragma('synchronous', { simple: true }),
  seedSeconds: Math.round(seedMs / 100) / 10,
  dashboardMs: dash,
  dashboardCpuMs: dashCpu,
  loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  naiveMs: naive,
  naiveOverDashboard: Math.round((naive.p50 / dash.p50) * 10) / 10,
  enqueueMs: enq,
  bareCommitMs: commit,
  enqueueP99OverBareCommitP99: Math.round((enq.p99 / commit.p99) * 100) / 100,
  check,
};
console.log(`
supervisor report (live + today + ${from}..${today} + estimate), ${result.requests} requests:
  dashboard  p50 ${dash.p50} ms  p95 ${dash.p95} ms  max ${dash.max} ms  (wall, n=${dash.n})
             p50 ${dashCpu.p50} ms  p95 ${dashCpu.p95} ms  max ${dashCpu.max} ms  (CPU time of the same calls)
  naive      p50 ${naive.p50} ms  (n=${naive.n})
  ratio      naive / dashboard = ${result.naiveOverDashboard}×
  same answer: arrivals ${check.rangeArrivals.join(' = ')}, wait median ${check.waitMedian.join(' ≈ ')} s, p90 ${check.waitP90.join(' ≈ ')} s
enqueue with synchronous=FULL (ticket + event + encrypted fields + statistics), n=${enq.n}:
  enqueue     p50 ${enq.p50} ms  p99 ${enq.p99} ms  max ${enq.max} ms
  bare commit p50 ${commit.p50} ms  p99 ${commit.p99} ms  (one single-row durable commit, same file)
  ratio       enqueue p99 / bare commit p99 = ${result.enqueueP99OverBareCommitP99}×
`);
console.log(`load average during the run: ${result.loadAverage.join(' ')} (2 cores shared with other jobs)`);
console.log(JSON.stringify(result));
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results', 'queue.json'), `${JSON.stringify(result, null, 2)}\n`);
closeDatabase(raw);
kiosk.close();
if (dir && !values.keep) rmSync(dir, { recursive: true, force: true });
