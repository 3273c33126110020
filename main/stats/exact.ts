// Exact period figures from the visit rows: read every visit of the range and sort. Its cost
// grows with the range, so the report uses it for small periods only (where interpolating in
// 1-minute buckets would mislead); the benchmark and the tests compare the histograms with it.
import { requestsBetweenDays, type RequestRow } from '../db/requests.ts';
import type { Db } from '../db/statements.ts';
import { officeDayStart, addDays, officeHour } from '../../domain/office-time.ts';
import { exactSummary, type DurationSummary } from '../../statistics/summary.ts';

export { exactQuantile, type DurationSummary } from '../../statistics/summary.ts';

export interface ExactPeriod {
  arrivals: number;
  abandoned: number;
  wait: DurationSummary;
  service: DurationSummary;
  withinTarget: number;
  groups: Record<string, Record<string, { wait: DurationSummary; service: DurationSummary; arrivals: number }>>;
}

export function exactPeriod(db: Db, from: string, to: string, targetMinutes: number): ExactPeriod {
  const rows = requestsBetweenDays(db, from, to, officeDayStart(from) - 86_400_000, officeDayStart(addDays(to, 1)) + 86_400_000);
  return exactPeriodOfRows(rows, targetMinutes);
}

export function exactPeriodOfRows(rows: readonly RequestRow[], targetMinutes: number): ExactPeriod {
  const all = { wait: [] as number[], service: [] as number[] };
  const groups = new Map<string, Map<string, { wait: number[]; service: number[]; arrivals: number }>>();
  const add = (dim: string, key: string, kind: 'wait' | 'service' | 'arrivals', value = 0) => {
    let d = groups.get(dim);
    if (!d) groups.set(dim, (d = new Map()));
    let g = d.get(key);
    if (!g) d.set(key, (g = { wait: [], service: [], arrivals: 0 }));
    if (kind === 'arrivals') g.arrivals += 1;
    else g[kind].push(value);
  };
  let abandoned = 0;
  for (const r of rows) {
    const keys: [string, string][] = [
      ['category', r.category],
      ['forms', r.forms || '(none)'],
      ['hour', String(officeHour(r.received_at)).padStart(2, '0')],
    ];
    for (const [dim, key] of keys) add(dim, key, 'arrivals');
    if (r.state === 'abandoned') abandoned += 1;
    const counterKey: [string, string] = ['counter', r.counter ?? '(none)'];
    if (r.processing_at !== null) {
      const w = Math.max(0, Math.round((r.processing_at - r.received_at) / 1000));
      all.wait.push(w);
      for (const [dim, key] of [...keys, counterKey]) add(dim, key, 'wait', w);
      if (r.service_end_at !== null) {
        const s = Math.max(0, Math.round((r.service_end_at - r.processing_at) / 1000));
        all.service.push(s);
        for (const [dim, key] of [...keys, counterKey]) add(dim, key, 'service', s);
      }
    }
  }
  const out: ExactPeriod = {
    arrivals: rows.length,
    abandoned,
    wait: exactSummary([...all.wait]),
    service: exactSummary([...all.service]),
    withinTarget: all.wait.filter((w) => w < targetMinutes * 60).length,
    groups: {},
  };
  for (const [dim, d] of groups) {
    out.groups[dim] = {};
    for (const [key, g] of d) out.groups[dim][key] = { wait: exactSummary(g.wait), service: exactSummary(g.service), arrivals: g.arrivals };
  }
  return out;
}
