// QueuePort over the queue and statistics modules (main/queue, main/stats). The visit's
// personal data goes to the queue's encrypted fields; statistics carry none.
import type { QueueService } from '../queue/queue-service.ts';
import type { StatsService, GroupStats, PeriodStats } from '../stats/dashboard.ts';
import { category as domainCategory } from '../../domain/request.ts';
import { officeDay } from '../queue/office-time.ts';
import { ESTIMATE_METHOD } from '../stats/estimate.ts';
import { fromDataError } from './errors.ts';
import type { Actor, HouseholdDraft, PeriodSummary, QueuePort, StatsReport, StatsRow } from './ports.ts';

const EVENT: Record<Parameters<QueuePort['advance']>[1], string> = {
  printed: 'forms-printed',
  submitted: 'submitted',
  called: 'called',
  'in-service': 'processing-started',
  completed: 'completed',
  cancelled: 'cancelled',
};

const QUEUE_ACTION = '画面を更新して状態を確認してください。続く場合はシステム担当に連絡してください。';

function row(key: string, g: GroupStats): StatsRow {
  return {
    key,
    count: g.arrivals,
    waitMedian: g.wait.medianSeconds,
    waitP90: g.wait.p90Seconds,
    serviceMedian: g.service.medianSeconds,
    serviceP90: g.service.p90Seconds,
  };
}

function summary(period: PeriodStats): PeriodSummary {
  return {
    count: period.arrivals,
    waitMedian: period.wait.medianSeconds,
    waitP90: period.wait.p90Seconds,
    serviceMedian: period.service.medianSeconds,
    serviceP90: period.service.p90Seconds,
    serviceLevelTargetMinutes: period.serviceLevel.targetMinutes,
    serviceLevelShare: period.serviceLevel.share,
    abandoned: period.abandoned,
  };
}

/** The resident data the queue keeps (encrypted), from the visit's household. */
export function residentRecord(draft: HouseholdDraft): Record<string, string> {
  const head = draft.members.find((m) => m.id === draft.headId) ?? draft.members[0];
  const move = draft.move;
  return {
    name: head?.name ?? '',
    ...(head?.furigana ? { nameKana: head.furigana } : {}),
    ...(head ? { birthDate: head.birthDate, sex: head.sex } : {}),
    address: move.previousAddress,
    newAddress: `${move.address}${move.building ? ` ${move.building}` : ''}`,
    ...(move.phone ? { phone: move.phone } : {}),
    household: JSON.stringify(
      draft.members.map((m) => ({ name: m.name, furigana: m.furigana, birthDate: m.birthDate, sex: m.sex, relationship: m.relationship })),
    ),
  };
}

export class QueueModuleAdapter implements QueuePort {
  readonly #queue: QueueService;
  readonly #stats: StatsService;
  readonly #close: () => void;
  readonly #clock: () => number;
  readonly #formTitle: (formId: string) => string;

  /** `formTitle` names a form for supervisors (statistics store form ids, never titles). */
  constructor(
    queue: QueueService,
    stats: StatsService,
    close: () => void,
    clock: () => number = Date.now,
    formTitle: (formId: string) => string = (formId) => formId,
  ) {
    this.#queue = queue;
    this.#stats = stats;
    this.#close = close;
    this.#clock = clock;
    this.#formTitle = formTitle;
  }

  enqueue(
    input: { reference: string; category: string; procedures: string[]; personal: unknown },
    _actor: Actor,
  ): { requestId: string; ticket: string } {
    try {
      const draft = input.personal as HouseholdDraft;
      // A moving visit's category is its move kind; anything else counts as 'other'.
      const category = domainCategory.safeParse(input.category).data ?? 'other';
      const created = this.#queue.enqueue({ category, forms: input.procedures, resident: residentRecord(draft) });
      return { requestId: created.id, ticket: created.ticket };
    } catch (error) {
      throw fromDataError(error, QUEUE_ACTION);
    }
  }

  advance(requestId: string, to: Parameters<QueuePort['advance']>[1], actor: Actor): void {
    try {
      this.#queue.advance(requestId, EVENT[to], { counter: actor.counter, staff: actor.staffId });
    } catch (error) {
      throw fromDataError(error, QUEUE_ACTION);
    }
  }

  live(): StatsReport['live'] {
    const now = this.#clock();
    const summary = this.#stats.live(now);
    const items = this.#queue.live().map((r) => ({
      requestId: r.id,
      ticket: r.ticket,
      state: r.state,
      procedures: r.forms,
      waitingSeconds: Math.max(0, Math.round((now - Date.parse(r.receivedAt)) / 1000)),
    }));
    return { waiting: summary.waiting, inService: summary.inService, longestWaitSeconds: summary.longestWaitSeconds, items };
  }

  estimateSeconds(): number | null {
    return this.#stats.estimate(this.#clock()).seconds;
  }

  today(): string {
    return officeDay(this.#clock());
  }

  stats(from: string, to: string): StatsReport {
    try {
      const now = this.#clock();
      const period = this.#stats.period(from, to);
      const day = officeDay(now);
      const today = from === day && to === day ? period : this.#stats.period(day, day);
      const estimate = this.#stats.estimate(now);
      const openHours = period.activeDays * period.byHour.filter((h) => h.arrivals > 0).length;
      const recent = this.#queue
        .ofDay(day, 200)
        .filter((r) => r.state === 'completed')
        .slice(-20)
        .map((r) => ({
          ticket: r.ticket,
          waitSeconds: r.processingAt ? Math.round((Date.parse(r.processingAt) - Date.parse(r.receivedAt)) / 1000) : null,
          serviceSeconds:
            r.processingAt && r.serviceEndAt ? Math.round((Date.parse(r.serviceEndAt) - Date.parse(r.processingAt)) / 1000) : null,
        }));
      return {
        live: this.live(),
        today: summary(today),
        range: summary(period),
        byProcedure: [
          ...period.byCategory.map((g) => row(g.label ?? g.key, g)),
          ...period.byForms.map((g) => row(g.key.split('+').map(this.#formTitle).join('・'), g)),
        ],
        byHour: period.byHour.map((g) => ({ ...row(String(g.hour), g), hour: g.hour })),
        byCounter: period.byCounter.map((g) => ({
          counter: g.key,
          completed: g.service.count,
          perHour: openHours ? g.service.count / openHours : null,
        })),
        estimateSeconds: estimate.seconds,
        estimateMethod: ESTIMATE_METHOD,
        recent,
      };
    } catch (error) {
      throw fromDataError(error, QUEUE_ACTION);
    }
  }

  close(): void {
    this.#close();
  }
}
