// The floor view computed from a copy of the office log (a counter's office-log.sqlite) when the
// office service is out of reach. The same follower (floor-follow.ts), the same cells and the same
// view builder (floor.ts) as the office's GET /v1/floor, so a median means the same on both.
//
// What the copy cannot know, and so differs from the office's view:
// - the estimate given with each ticket is not in the log: the estimate's measured accuracy is empty;
// - a number the office refused (outside any lease, given twice) is in the log but has no ticket at
//   the office: the copy leaves it out only when told (`flagged`, the flags last read from the office);
// - the copy holds the last 31 days only (main/sync/office-log.ts), and nothing after its last pull.
import type { FloorSettings, FloorView } from '../domain/floor.ts';
import { ticketStage, type LoggedEvent, type TicketStage } from '../domain/office.ts';
import { officeDay, officeHour } from '../domain/office-time.ts';
import type { Category } from '../domain/request.ts';
import { ACTIVE_WINDOW_MS, estimateFrom, RECENT_SERVICES } from './estimate.ts';
import { accumulate, buildFloorView, cellMapOf, type FloorCellTotals, type LiveQueueRow } from './floor.ts';
import { addExactFacts, EXACT_VISIT_LIMIT, FloorFollower, type FollowedVisit } from './floor-follow.ts';

export interface FloorFromLogInput {
  office: string;
  now: number;
  settings: FloorSettings;
  /** Office days, inclusive. */
  from: string;
  to: string;
  /** The copy's events, in the office's order. */
  events: readonly LoggedEvent[];
  /** Ids of 'ticket-issued' events the office flagged (its sync flags' eventId): no ticket, not counted. */
  flagged?: ReadonlySet<string>;
  formTitle?: (id: string) => string;
}

interface TicketState {
  label: string;
  day: string;
  stage: TicketStage;
  pool: Category;
  state: 'waiting' | 'called' | 'no-show' | 'completed';
  waitingSince: number;
}

/** Where each of today's tickets is, replaying the ticket events (the office's tickets table, as the log tells it). */
function ticketStates(events: readonly LoggedEvent[], flagged: ReadonlySet<string>): Map<string, TicketState> {
  const tickets = new Map<string, TicketState>();
  for (const e of events) {
    if (e.kind === 'ticket-issued') {
      if (!tickets.has(e.visitId) && e.ticket !== null && e.category !== null && !flagged.has(e.id))
        tickets.set(e.visitId, {
          label: e.ticket,
          day: officeDay(e.at),
          stage: 'counter',
          pool: e.category,
          state: 'waiting',
          waitingSince: e.at,
        });
      continue;
    }
    const t = tickets.get(e.visitId);
    if (!t) continue;
    switch (e.kind) {
      case 'called':
      case 'recalled':
        t.state = 'called';
        break;
      case 'no-show':
        t.state = 'no-show';
        break;
      case 'transferred':
        // Another category's pool, keeping the wait (as the office keeps waiting_since within a stage).
        if (e.category !== null) t.pool = e.category;
        t.state = 'waiting';
        break;
      case 'handed-over':
        if (e.stage !== null && e.stage !== t.stage) {
          t.stage = e.stage;
          t.waitingSince = e.at;
        }
        t.state = 'waiting';
        break;
      case 'ticket-completed':
        t.state = 'completed';
        break;
      default:
        break;
    }
  }
  return tickets;
}

function liveRows(tickets: Map<string, TicketState>, day: string): LiveQueueRow[] {
  const rows = new Map<string, LiveQueueRow>();
  const oldest = new Map<string, number>();
  for (const t of tickets.values()) {
    if (t.day !== day || (t.state !== 'waiting' && t.state !== 'called')) continue;
    const key = `${t.stage} ${t.pool}`;
    let row = rows.get(key);
    if (!row)
      rows.set(key, (row = { stage: t.stage, category: t.pool, waiting: 0, called: 0, oldestWaitingSince: null, oldestTicket: null }));
    if (t.state === 'called') row.called += 1;
    else {
      row.waiting += 1;
      if (row.oldestWaitingSince === null || t.waitingSince < (oldest.get(key) ?? Infinity)) {
        row.oldestWaitingSince = t.waitingSince;
        row.oldestTicket = t.label;
        oldest.set(key, t.waitingSince);
      }
    }
  }
  return [...rows.values()].sort(
    (a, b) => ticketStage.options.indexOf(a.stage) - ticketStage.options.indexOf(b.stage) || a.category.localeCompare(b.category),
  );
}

function cellsOf(days: Map<string, FloorCellTotals & { day: string }>, visits: readonly FollowedVisit[], from: string, to: string) {
  const inRange = [...days.values()].filter((c) => c.day >= from && c.day <= to);
  const cells = cellMapOf(inRange);
  const counted = new Set(inRange.filter((c) => c.dim === 'all' && c.metric === 'arrived').map((c) => c.day)).size;
  const ofRange = visits.filter((v) => v.day >= from && v.day <= to);
  const exact = ofRange.length <= EXACT_VISIT_LIMIT;
  if (exact) for (const v of ofRange) addExactFacts(cells, v);
  return { cells, days: counted, exact };
}

export function floorFromLog(input: FloorFromLogInput): FloorView {
  const flagged = input.flagged ?? new Set<string>();
  const follower = new FloorFollower();
  for (const e of input.events) {
    if (e.kind === 'ticket-issued') {
      const ticket =
        e.ticket !== null && e.category !== null && !flagged.has(e.id)
          ? { id: e.visitId, day: officeDay(e.at), label: e.ticket, category: e.category }
          : null;
      follower.issue(e, ticket, null);
    } else follower.apply(e);
  }
  const visits = [...follower.visits()];
  const perDay = accumulate(follower.deltas);
  const day = officeDay(input.now);

  // The estimate for a new arrival, as the office's estimateAt computes it over its tables.
  const tickets = ticketStates(input.events, flagged);
  const ahead = [...tickets.values()].filter((t) => t.day === day && t.stage === 'counter' && t.state === 'waiting').length;
  const today = visits.filter((v) => v.day === day);
  const services = today
    .filter((v) => v.counterDoneAt !== null && v.counterCalledAt !== null)
    .sort((a, b) => b.counterDoneAt! - a.counterDoneAt!)
    .slice(0, RECENT_SERVICES)
    .map((v) => (v.counterDoneAt! - v.counterCalledAt!) / 1000);
  const active = new Set(
    today
      .filter((v) => v.counter !== null && ((v.counterCalledAt ?? 0) >= input.now - ACTIVE_WINDOW_MS || v.counterDoneAt === null))
      .map((v) => v.counter),
  ).size;

  return buildFloorView({
    office: input.office,
    now: input.now,
    day,
    settings: input.settings,
    from: input.from,
    to: input.to,
    range: cellsOf(perDay, visits, input.from, input.to),
    today: cellsOf(perDay, visits, day, day),
    live: liveRows(tickets, day),
    estimate: estimateFrom(ahead, services, active),
    currentHour: officeHour(input.now),
    formTitle: input.formTitle,
  });
}
