// The floor view's computation, pure: which statistics cells each fact of a visit changes (the
// office's rollup adds them in the transaction that logs the event), and the view built from the
// cells of a period, today's cells, the live queue and the estimate. office/floor.ts reads and
// writes PostgreSQL; this file decides what the figures mean.
import { categories, type Category } from '../domain/request.ts';
import type { TicketStage } from '../domain/office.ts';
import type { DurationFigures, FloorAlert, FloorHour, FloorSettings, FloorView, PeriodFigures } from '../domain/floor.ts';
import { CellMap } from './cells.ts';
import { bucketOf } from './histogram.ts';
import { estimateAccuracy, type WaitEstimate } from './estimate.ts';

export const FLOOR_EXACT_METHOD =
  '中央値・90%値は全件から厳密に計算。件数・平均・最大も厳密 / medians and 90th percentiles computed exactly from every visit; counts, means and maxima exact';
export const FLOOR_PERCENTILE_METHOD =
  '1分幅(60分超は2〜15分幅)のヒストグラムから線形補間。件数・平均・最大は厳密 / percentiles interpolated within 1-minute buckets (2–15 min above an hour); counts, means and maxima exact';

/** One change to a rollup cell of a day. `seconds` null: a count only. */
export interface FloorDelta {
  day: string;
  dim: 'all' | 'category' | 'hour' | 'counter' | 'forms';
  key: string;
  metric: FloorMetric;
  seconds: number | null;
}

export type FloorMetric =
  'arrived' | 'wait-counter' | 'wait-processing' | 'wait-delivery' | 'service' | 'no-show' | 'transferred' | 'estimate' | 'estimate-bias';

/** What the rollup knows of a visit (a ticket): its day, the hour it was issued in, its category, its form bundle once known. */
export interface FloorVisit {
  day: string;
  hour: number;
  category: string;
  forms: string | null;
}

export type FloorFact =
  | { fact: 'arrived' }
  | { fact: 'wait-counter'; seconds: number; counter: string | null; estimateSeconds: number | null }
  | { fact: 'wait-processing'; seconds: number }
  | { fact: 'wait-delivery'; seconds: number }
  | { fact: 'service'; seconds: number; counter: string | null }
  | { fact: 'no-show'; counter: string | null }
  | { fact: 'transferred' }
  /** The visit's form bundle became known: its arrival, and its wait before the counter if it was called already. */
  | { fact: 'bundle'; forms: string; waitSeconds: number | null };

const hourKey = (hour: number) => String(hour).padStart(2, '0');
const whole = (s: number) => Math.max(0, Math.round(s));

/** The cells one fact of a visit changes. */
export function floorDeltas(visit: FloorVisit, f: FloorFact): FloorDelta[] {
  const out: FloorDelta[] = [];
  const add = (dim: FloorDelta['dim'], key: string, metric: FloorMetric, seconds: number | null = null) =>
    out.push({ day: visit.day, dim, key, metric, seconds });
  const basic = (metric: FloorMetric, seconds: number | null, hour = true) => {
    add('all', '*', metric, seconds);
    add('category', visit.category, metric, seconds);
    if (hour) add('hour', hourKey(visit.hour), metric, seconds);
  };
  switch (f.fact) {
    case 'arrived':
      basic('arrived', null);
      if (visit.forms) add('forms', visit.forms, 'arrived');
      break;
    case 'wait-counter': {
      const s = whole(f.seconds);
      basic('wait-counter', s);
      add('counter', f.counter ?? '(none)', 'wait-counter', s);
      if (visit.forms) add('forms', visit.forms, 'wait-counter', s);
      if (f.estimateSeconds !== null) {
        // How far the estimate given with the ticket was from the actual wait.
        const error = s - f.estimateSeconds;
        add('all', '*', 'estimate', Math.abs(error));
        add('all', '*', 'estimate-bias', error);
      }
      break;
    }
    case 'wait-processing':
      basic('wait-processing', whole(f.seconds));
      break;
    case 'wait-delivery':
      basic('wait-delivery', whole(f.seconds));
      break;
    case 'service':
      basic('service', whole(f.seconds), false);
      add('counter', f.counter ?? '(none)', 'service', whole(f.seconds));
      break;
    case 'no-show':
      basic('no-show', null, false);
      add('counter', f.counter ?? '(none)', 'no-show');
      break;
    case 'transferred':
      basic('transferred', null, false);
      break;
    case 'bundle':
      add('forms', f.forms, 'arrived');
      if (f.waitSeconds !== null) add('forms', f.forms, 'wait-counter', whole(f.waitSeconds));
      break;
  }
  return out;
}

/** A rollup cell as stored: totals of a day (or summed over days). `hist` holds counts per bucket (see histogram.ts). */
export interface FloorCellTotals {
  dim: string;
  key: string;
  metric: string;
  n: number;
  sum: number;
  max: number | null;
  hist: ArrayLike<number> | null;
}

/** Adds deltas into per-day cells in memory (the bench's loader, the rebuild): the same totals the office's upserts keep. */
export function accumulate(deltas: readonly FloorDelta[], into = new Map<string, FloorCellTotals & { day: string }>()) {
  for (const d of deltas) {
    const id = `${d.day}\u0000${d.dim}\u0000${d.key}\u0000${d.metric}`;
    let c = into.get(id);
    if (!c) into.set(id, (c = { day: d.day, dim: d.dim, key: d.key, metric: d.metric, n: 0, sum: 0, max: null, hist: null }));
    c.n += 1;
    if (d.seconds !== null) {
      c.sum += d.seconds;
      c.max = c.max === null ? d.seconds : Math.max(c.max, d.seconds);
      if (d.metric !== 'estimate-bias') {
        const counts = (c.hist ?? []) as number[];
        const b = bucketOf(d.seconds);
        while (counts.length <= b) counts.push(0);
        counts[b] = counts[b]! + 1;
        c.hist = counts;
      }
    }
  }
  return into;
}

export function cellMapOf(cells: Iterable<FloorCellTotals>): CellMap {
  const map = new CellMap();
  for (const c of cells) map.add(c.dim, c.key, c.metric, { n: c.n, sum: c.sum, max: c.max, hist: c.hist });
  return map;
}

function figures(cells: CellMap, dim: string, key: string, metric: string): DurationFigures {
  return cells.summary(dim, key, metric);
}

function labelOf(category: string): string {
  return categories.find((c) => c.id === category)?.label ?? category;
}

export function periodFigures(cells: CellMap, from: string, to: string, days: number, targetMinutes: number): PeriodFigures {
  const wait = cells.get('all', '*', 'wait-counter');
  const measured = wait?.n ?? 0;
  const within = cells.countBelow('all', '*', 'wait-counter', targetMinutes * 60);
  return {
    from,
    to,
    days,
    arrivals: cells.count('all', '*', 'arrived'),
    noShows: cells.count('all', '*', 'no-show'),
    transfers: cells.count('all', '*', 'transferred'),
    wait: figures(cells, 'all', '*', 'wait-counter'),
    stages: {
      counter: figures(cells, 'all', '*', 'wait-counter'),
      processing: figures(cells, 'all', '*', 'wait-processing'),
      delivery: figures(cells, 'all', '*', 'wait-delivery'),
    },
    service: figures(cells, 'all', '*', 'service'),
    target: {
      minutes: targetMinutes,
      within,
      measured,
      share: measured ? within / measured : null,
      // "Within" as the share counts it: strictly below the target.
      maxWithin: wait && wait.max !== null ? wait.max < targetMinutes * 60 : null,
    },
    byCategory: cells
      .keysOf('category')
      .filter((key) => cells.count('category', key, 'arrived') > 0 || cells.count('category', key, 'wait-counter') > 0)
      .map((key) => ({
        category: key as Category,
        label: labelOf(key),
        arrivals: cells.count('category', key, 'arrived'),
        wait: figures(cells, 'category', key, 'wait-counter'),
      })),
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The fixed axis: one slot per clock hour the office is open, the first and last cut at the opening hours. */
export function openingAxis(settings: FloorSettings): { hour: number; from: string; to: string }[] {
  const open = minutesOf(settings.open);
  const close = minutesOf(settings.close);
  const slots: { hour: number; from: string; to: string }[] = [];
  for (let h = Math.floor(open / 60); h * 60 < close; h += 1) {
    slots.push({ hour: h, from: hhmm(Math.max(open, h * 60)), to: hhmm(Math.min(close, (h + 1) * 60)) });
  }
  return slots;
}

export interface LiveQueueRow {
  stage: TicketStage;
  category: Category;
  waiting: number;
  called: number;
  /** The oldest waiting ticket's wait start at this stage (ms), and its number. */
  oldestWaitingSince: number | null;
  oldestTicket: string | null;
}

export interface FloorInput {
  office: string;
  now: number;
  day: string;
  settings: FloorSettings;
  from: string;
  to: string;
  range: { cells: CellMap; days: number; exact?: boolean };
  today: { cells: CellMap; days: number };
  live: readonly LiveQueueRow[];
  estimate: WaitEstimate;
  /** The office hour of `now`. */
  currentHour: number;
  /** Names a form for supervisors (the office stores ids; the counter app knows the titles). */
  formTitle?: ((id: string) => string) | undefined;
}

const STAGE_WORDS: Record<TicketStage, { ja: string; en: string }> = {
  counter: { ja: '窓口前', en: 'before the counter' },
  processing: { ja: '処理中', en: 'in processing' },
  delivery: { ja: '交付前', en: 'before collection (交付)' },
};

export function buildFloorView(input: FloorInput): FloorView {
  const { settings, now } = input;
  const target = settings.targetMinutes;
  const range = periodFigures(input.range.cells, input.from, input.to, input.range.days, target);
  const today = periodFigures(input.today.cells, input.day, input.day, input.today.days, target);
  const axis = openingAxis(settings);
  const onAxis = new Set(axis.map((s) => s.hour));
  const byHour: FloorHour[] = axis.map((slot) => {
    const key = String(slot.hour).padStart(2, '0');
    const arrivals = input.range.cells.count('hour', key, 'arrived');
    return {
      ...slot,
      current: slot.hour === input.currentHour,
      today: { arrivals: input.today.cells.count('hour', key, 'arrived'), wait: figures(input.today.cells, 'hour', key, 'wait-counter') },
      range: {
        arrivals,
        arrivalsPerDay: input.range.days ? arrivals / input.range.days : null,
        wait: figures(input.range.cells, 'hour', key, 'wait-counter'),
      },
    };
  });
  const outside = (cells: CellMap) =>
    cells
      .keysOf('hour')
      .filter((k) => !onAxis.has(Number(k)))
      .reduce((n, k) => n + cells.count('hour', k, 'arrived'), 0);

  const queues = input.live.map((row) => ({
    stage: row.stage,
    category: row.category,
    label: labelOf(row.category),
    waiting: row.waiting,
    called: row.called,
    longestWaitSeconds: row.oldestWaitingSince === null ? null : whole((now - row.oldestWaitingSince) / 1000),
    longestTicket: row.oldestTicket,
  }));
  const longest = queues.reduce<number | null>(
    (m, q) => (q.longestWaitSeconds === null ? m : m === null ? q.longestWaitSeconds : Math.max(m, q.longestWaitSeconds)),
    null,
  );
  // One alert per stage, for its longest current wait past the target (the back office's own work is not a wait the target covers).
  const alerts: FloorAlert[] = [];
  for (const stage of ['counter', 'delivery'] as const) {
    const worst = queues
      .filter((q) => q.stage === stage && q.longestWaitSeconds !== null && q.longestTicket !== null)
      .sort((a, b) => b.longestWaitSeconds! - a.longestWaitSeconds!)[0];
    if (worst && worst.longestWaitSeconds! > target * 60) {
      const minutes = Math.floor(worst.longestWaitSeconds! / 60);
      alerts.push({
        code: 'wait-over-target',
        stage,
        ticket: worst.longestTicket!,
        waitSeconds: worst.longestWaitSeconds!,
        targetMinutes: target,
        message: `${STAGE_WORDS[stage].ja}の最長待ち ${worst.longestTicket}（${worst.label}）が ${minutes} 分で、目標 ${target} 分を超えています。窓口を増やすか、呼出を優先してください。`,
        messageEn: `The longest wait ${STAGE_WORDS[stage].en}, ${worst.longestTicket} (${worst.label}), is ${minutes} min, over the ${target}-min target. Open another counter or call it first.`,
      });
    }
  }
  const formTitle = input.formTitle ?? ((id: string) => id);
  const rc = input.range.cells;
  return {
    office: input.office,
    day: input.day,
    now,
    settings,
    live: {
      queues,
      waiting: queues.reduce((n, q) => n + q.waiting, 0),
      called: queues.reduce((n, q) => n + q.called, 0),
      longestWaitSeconds: longest,
    },
    today,
    range,
    byHour,
    outsideHours: { today: outside(input.today.cells), range: outside(rc) },
    byCounter: rc
      .keysOf('counter')
      .filter((c) => c !== '(none)')
      .map((counter) => ({
        counter,
        called: rc.count('counter', counter, 'wait-counter'),
        wait: figures(rc, 'counter', counter, 'wait-counter'),
        service: figures(rc, 'counter', counter, 'service'),
        noShows: rc.count('counter', counter, 'no-show'),
      })),
    byBundle: rc.keysOf('forms').map((bundle) => ({
      bundle,
      forms: bundle.split('+').map(formTitle),
      arrivals: rc.count('forms', bundle, 'arrived'),
      wait: figures(rc, 'forms', bundle, 'wait-counter'),
    })),
    estimate: {
      seconds: input.estimate.seconds,
      peopleAhead: input.estimate.peopleAhead,
      activeCounters: input.estimate.activeCounters,
      meanServiceSeconds: input.estimate.meanServiceSeconds,
      method: input.estimate.method,
      accuracy: estimateAccuracy(rc.get('all', '*', 'estimate'), rc.get('all', '*', 'estimate-bias')),
    },
    alerts,
    percentileMethod: input.range.exact ? FLOOR_EXACT_METHOD : FLOOR_PERCENTILE_METHOD,
  };
}
