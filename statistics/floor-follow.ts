// Following tickets through the office log, pure: what each logged event means for a visit's
// waits and service, as floor facts (statistics/floor.ts turns facts into rollup cells). The office
// runs it inside the transaction that appends the events (office/floor.ts, visits kept in
// PostgreSQL); a counter runs it over its copy of the log when the office is out of reach
// (floor-from-log.ts). One definition, so a wait means the same on both.
//
// What counts as which wait:
//   before the counter: the ticket issued → its first call at the counter stage (a transfer keeps the wait);
//   processing: handed to the back office → handed to 交付 (or completed there);
//   before 交付: handed to 交付 → its first call there;
//   service at the counter: the first call there → its hand-over or completion.
import type { OfficeEvent } from '../domain/office.ts';
import { officeDay, officeHour } from '../domain/office-time.ts';
import type { CellMap } from './cells.ts';
import { floorDeltas, type FloorDelta, type FloorFact, type FloorVisit } from './floor.ts';

/** A ticket as the floor follows it (office/floor.ts stores one row of floor_visits per ticket). */
export interface FollowedVisit extends FloorVisit {
  ticketId: string;
  label: string;
  issuedAt: number;
  counterCalledAt: number | null;
  counter: string | null;
  counterDoneAt: number | null;
  processingSince: number | null;
  processingDoneAt: number | null;
  deliverySince: number | null;
  deliveryCalledAt: number | null;
  /** The estimate given with the ticket (s), when the office gave one. */
  estimate: number | null;
  /** Changed since it was loaded (to be written back). */
  dirty: boolean;
}

/** The fields of an event the floor reads. */
export type FloorEvent = Pick<OfficeEvent, 'visitId' | 'kind' | 'at' | 'counter' | 'ticket' | 'stage' | 'forms'>;

/** A ticket the log's 'ticket-issued' event stands for: its day, number and category. */
export interface IssuedTicket {
  id: string;
  day: string;
  label: string;
  category: string;
}

export class FloorFollower {
  readonly deltas: FloorDelta[] = [];
  readonly #byId = new Map<string, FollowedVisit>();
  readonly #byLabel = new Map<string, FollowedVisit>();

  constructor(visits: Iterable<FollowedVisit> = []) {
    for (const v of visits) this.#remember(v);
  }

  #remember(v: FollowedVisit): void {
    this.#byId.set(v.ticketId, v);
    this.#byLabel.set(`${v.day} ${v.label}`, v);
  }

  #fact(v: FollowedVisit, f: FloorFact): void {
    this.deltas.push(...floorDeltas(v, f));
    v.dirty = true;
  }

  has(visitId: string): boolean {
    return this.#byId.has(visitId);
  }

  visits(): IterableIterator<FollowedVisit> {
    return this.#byId.values();
  }

  /** A 'ticket-issued' event for `ticket` (null: a number the office refused, flagged and not counted). */
  issue(event: FloorEvent, ticket: IssuedTicket | null, estimateSeconds: number | null = null): FollowedVisit | null {
    if (this.#byId.has(event.visitId) || !ticket) return null;
    const visit: FollowedVisit = {
      ticketId: ticket.id,
      day: ticket.day,
      label: ticket.label,
      hour: officeHour(event.at),
      category: ticket.category,
      issuedAt: event.at,
      counterCalledAt: null,
      counter: null,
      counterDoneAt: null,
      processingSince: null,
      processingDoneAt: null,
      deliverySince: null,
      deliveryCalledAt: null,
      forms: event.forms,
      estimate: estimateSeconds,
      dirty: true,
    };
    this.#remember(visit);
    this.#fact(visit, { fact: 'arrived' });
    return visit;
  }

  /** Any other event: a call, a hand-over, a completion, a no-show, a transfer, or a counter's event naming the visit's forms. */
  apply(event: FloorEvent): void {
    const visit = this.#byId.get(event.visitId);
    if (event.forms !== null && event.ticket !== null) {
      // A counter's event names the visit's forms: the ticket it belongs to (by id, else by its number that day).
      const target = visit ?? this.#byLabel.get(`${officeDay(event.at)} ${event.ticket}`);
      if (target && target.forms === null) {
        target.forms = event.forms;
        this.#fact(target, {
          fact: 'bundle',
          forms: event.forms,
          waitSeconds: target.counterCalledAt === null ? null : (target.counterCalledAt - target.issuedAt) / 1000,
        });
      }
    }
    if (!visit) return;
    const stage = event.stage ?? 'counter';
    switch (event.kind) {
      case 'called':
        if (stage === 'counter' && visit.counterCalledAt === null) {
          visit.counterCalledAt = event.at;
          visit.counter = event.counter;
          this.#fact(visit, {
            fact: 'wait-counter',
            seconds: (event.at - visit.issuedAt) / 1000,
            counter: event.counter,
            estimateSeconds: visit.estimate,
          });
        } else if (stage === 'delivery' && visit.deliveryCalledAt === null && visit.deliverySince !== null) {
          visit.deliveryCalledAt = event.at;
          this.#fact(visit, { fact: 'wait-delivery', seconds: (event.at - visit.deliverySince) / 1000 });
        }
        break;
      case 'handed-over':
      case 'ticket-completed':
        if (visit.counterCalledAt !== null && visit.counterDoneAt === null) {
          visit.counterDoneAt = event.at;
          this.#fact(visit, { fact: 'service', seconds: (event.at - visit.counterCalledAt) / 1000, counter: visit.counter });
        }
        if (
          visit.processingSince !== null &&
          visit.deliverySince === null &&
          (event.kind === 'handed-over' ? stage === 'delivery' : stage === 'processing')
        ) {
          visit.processingDoneAt = event.at;
          this.#fact(visit, { fact: 'wait-processing', seconds: (event.at - visit.processingSince) / 1000 });
        }
        if (event.kind === 'handed-over' && stage === 'processing' && visit.processingSince === null) visit.processingSince = event.at;
        if (event.kind === 'handed-over' && stage === 'delivery' && visit.deliverySince === null) visit.deliverySince = event.at;
        break;
      case 'no-show':
        this.#fact(visit, { fact: 'no-show', counter: event.counter });
        break;
      case 'transferred':
        this.#fact(visit, { fact: 'transferred' });
        break;
      default:
        break;
    }
  }
}

/** Up to this many tickets in a range, medians and p90s are computed from every visit, not interpolated in the rollup's buckets. */
export const EXACT_VISIT_LIMIT = 3000;

/** Adds a visit's durations to `cells` as exact values (the same facts the rollup counted, so the same cells). */
export function addExactFacts(cells: CellMap, v: FollowedVisit): void {
  const facts: FloorFact[] = [];
  if (v.counterCalledAt !== null) {
    facts.push({ fact: 'wait-counter', seconds: (v.counterCalledAt - v.issuedAt) / 1000, counter: v.counter, estimateSeconds: null });
    if (v.counterDoneAt !== null)
      facts.push({ fact: 'service', seconds: (v.counterDoneAt - v.counterCalledAt) / 1000, counter: v.counter });
  }
  if (v.processingSince !== null && v.processingDoneAt !== null)
    facts.push({ fact: 'wait-processing', seconds: (v.processingDoneAt - v.processingSince) / 1000 });
  if (v.deliverySince !== null && v.deliveryCalledAt !== null)
    facts.push({ fact: 'wait-delivery', seconds: (v.deliveryCalledAt - v.deliverySince) / 1000 });
  for (const d of facts.flatMap((f) => floorDeltas(v, f))) if (d.seconds !== null) cells.addValue(d.dim, d.key, d.metric, d.seconds);
}
