// `npm run office -- demo` (or `npm run office:demo`): the service with a hall that moves by itself,
// for a look at the display, the status page and the window pages without a counter app. It
// registers its own machines (counters 3 and 5, the reception R1, the back office P1 and 交付 21)
// and every few seconds the reception issues a number and the two counters call the next one and
// hand the one they served over to the back office. Numbers, categories, counter and staff codes
// only: no resident exists here, so no personal data either.
import type pg from 'pg';
import { officeDay } from '../domain/office-time.ts';
import type { Category } from '../domain/request.ts';
import { newUuidv7 } from './ids.ts';
import { issueSignInCode, registerMachine } from './machines.ts';
import type { OfficeStore } from './store.ts';

/** The simulated machines: their ids, what the hall display calls them, and their staff codes. */
const RECEPTION = { machine: 'R1', staff: 'R001' };
const COUNTERS = [
  { machine: '3', staff: 'S0301' },
  { machine: '5', staff: 'S0501' },
] as const;
/** Page machines a person may open next to the simulation: the role and the staff code to type. */
const PAGES = [
  { machine: 'R1', role: 'reception', staff: 'R001', path: '/reception', ja: '受付', en: 'Reception' },
  { machine: 'P1', role: 'processing', staff: 'P001', path: '/window?stage=processing', ja: 'バックオフィス', en: 'Back office' },
  { machine: '21', role: 'delivery', staff: 'D001', path: '/window?stage=delivery', ja: '交付（21番窓口）', en: 'Collection (counter 21)' },
] as const;
const CATEGORIES: readonly Category[] = ['tennyu', 'tenkyo', 'tenshutsu', 'certificate'];
/** The reception stops issuing while this many wait: the demo's queue stays short. */
const MAX_WAITING = 8;
/** Handed over to the back office while fewer than this wait there; done at the counter otherwise. */
const MAX_AT_BACK_OFFICE = 3;

export interface DemoOptions {
  readonly pool: pg.Pool;
  readonly office: string;
  readonly store: OfficeStore;
  /** Where browsers reach the service (the sign-in links and the printed URLs). */
  readonly baseUrl: string;
  /** One simulated step (ms; default 4 s). */
  readonly stepMs?: number;
  /** Where the demo's lines go (stdout). */
  readonly write: (line: string) => void;
}

export interface Demo {
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const { pool, office, store, baseUrl, write } = options;
  for (const counter of COUNTERS) await registerMachine(pool, office, counter.machine, 'counter');
  const links: string[] = [];
  for (const page of PAGES) {
    await registerMachine(pool, office, page.machine, page.role);
    const { code } = await issueSignInCode(pool, office, page.machine);
    links.push(
      `  ${page.ja} ${page.en}: ${baseUrl}/sign-in#${code}\n` +
        `      職員番号 ${page.staff} を入れて「始める」、開くページ ${baseUrl}${page.path}\n` +
        `      type staff code ${page.staff} and press 「始める」 (Start); the page: ${baseUrl}${page.path}`,
    );
  }
  write(
    [
      '',
      '書かない窓口 窓口サービスのデモ（受付と 3番・5番窓口が数秒ごとに番号を発行し、呼び出します。番号だけで、個人情報はありません）',
      'Office service demo: a reception and counters 3 and 5 issue and call numbers every few seconds (numbers only, no personal data).',
      '',
      `  呼出表示板 Hall call display: ${baseUrl}/display`,
      `  待ち状況 Waiting status: ${baseUrl}/status`,
      '  窓口のページ（サインインのリンクは今日かぎり、一度だけ使えます） Window pages (sign-in links: today, once each):',
      ...links,
      '',
      '止めるには Ctrl+C。 Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let issued = 0;
  const day = (): string => officeDay(Date.now());
  async function count(where: string, ...values: unknown[]): Promise<number> {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE office_id = $1 AND day = $2 AND ${where}`,
      [office, day(), ...values],
    );
    return rows[0]?.n ?? 0;
  }
  async function step(): Promise<void> {
    // A number for each counter, unless the hall is full already.
    for (let i = 0; i < COUNTERS.length && (await count(`state = 'waiting' AND stage = 'counter'`)) < MAX_WAITING; i++) {
      const category = CATEGORIES[issued++ % CATEGORIES.length] as Category;
      const ticket = await store.issueTicket(RECEPTION.machine, { id: newUuidv7(), category, staff: RECEPTION.staff });
      write(`受付 ${ticket.number} を発行 / reception issued ${ticket.number}`);
    }
    for (const counter of COUNTERS) {
      // The one it served is done at the counter, or goes on to the back office while few wait there
      // (for a person at the back-office page); then it calls the next.
      const { rows } = await pool.query<{ label: string }>(
        `SELECT label FROM tickets WHERE office_id = $1 AND day = $2 AND state = 'called' AND stage = 'counter' AND counter = $3`,
        [office, day(), counter.machine],
      );
      for (const row of rows) {
        const request = { id: newUuidv7(), staff: counter.staff };
        if ((await count(`state = 'waiting' AND stage = 'processing'`)) < MAX_AT_BACK_OFFICE)
          await store.command(counter.machine, row.label, 'hand-over', { ...request, to: 'processing' });
        else await store.command(counter.machine, row.label, 'complete', request);
      }
      const called = await store.callNext(counter.machine, { id: newUuidv7(), pools: CATEGORIES, staff: counter.staff, stage: 'counter' });
      if (called) write(`${called.number} → ${counter.machine}番窓口 / counter ${counter.machine}`);
    }
  }

  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const schedule = (delay: number): void => {
    timer = setTimeout(() => {
      running = step()
        .catch(() => write('デモの一歩に失敗しました。次の一歩で続けます。 A demo step failed; the next one goes on.'))
        .finally(() => {
          if (!stopped) schedule(options.stepMs ?? 4000);
        });
    }, delay);
  };
  schedule(500);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
