// The office as the one numbering authority for a counter linked to it. A new visit's
// ticket comes from the office (POST /v1/tickets), and the counter calls it to itself at once (the
// resident is standing there, so no other window's call-next may take it). Cut off from the
// office, the counter takes the next number of a block it leased for today while it was online
// (kept in the outbox file, topped up when few numbers are left) and records the 'ticket-issued'
// and 'called' events the office merges when they arrive (office/store.ts project). With no lease
// at all (the office not reached today), the counter numbers the ticket itself, records it as
// 'ticket-issued' all the same, and the office flags it (outside-lease) for the supervisor.
//
// Nothing here holds a SQLite transaction across an HTTP call: the outbox file is written only
// after the office has answered (or failed to).
import { KioskError } from '../../domain/errors.ts';
import { officeDay } from '../../domain/office-time.ts';
import type { TicketNumbering, TicketView } from '../../domain/office.ts';
import { findCategory, formatTicket, type Category } from '../../domain/request.ts';
import { idToString, newId } from '../queue/ids.ts';
import { isRetryable, type OfficeClient } from './office-client.ts';
import type { Outbox } from './outbox.ts';

export interface OfficeTicket {
  /** The ticket's id: the kiosk request takes it as its own id. */
  readonly id: string;
  readonly ticket: string;
  readonly numbering: Exclude<TicketNumbering, 'local'>;
}

export interface TicketActor {
  readonly staffId: string;
  readonly counter: string;
}

export interface OfficeTickets {
  /** A number for a new visit of the category from the office or a lease; null: none (number it locally, then `issuedLocally`). */
  issue(category: Category, actor: TicketActor): Promise<OfficeTicket | null>;
  /** Records a ticket this counter numbered itself, so the office learns of it (and flags it). */
  issuedLocally(ticket: { id: string; ticket: string; category: Category }, actor: TicketActor): void;
  /** The counter is done with the visit: its ticket waits for the back office. Never throws (told later when the office is away). */
  handOver(ticket: { id: string; ticket: string; category: Category }, actor: TicketActor): Promise<'told' | 'queued'>;
  /** Takes more numbers now when the day's leases for the category run low (while online). */
  topUp(category: Category): Promise<void>;
  /** Calls the longest-waiting ticket of the pools at the counter stage to this counter; null when nobody waits. */
  callNext(pools: readonly Category[], actor: TicketActor): Promise<TicketView | null>;
  /** Calls the ticket again (the hall display announces it again), or marks it absent. */
  command(ticketId: string, command: 'recall' | 'no-show', actor: TicketActor): Promise<TicketView>;
  /**
   * Calls one number of today (out of turn, or one marked absent who came back) to this counter.
   * Only a number waiting at the counter stage (or absent): session/number-not-callable otherwise.
   */
  callNumber(number: string, actor: TicketActor): Promise<TicketView>;
  /** Moves a called ticket to another category's pool, keeping its number and its wait. */
  transfer(ticketId: string, to: Category, actor: TicketActor): Promise<TicketView>;
  /**
   * A ticket `issue` gave for a visit that ended before the counter could use it (終了 or sign-out
   * while the office answered): it is called at this counter, and nobody stands there for it. It is
   * marked absent ('no-show', callable again by its number), at the office now or by the outbox.
   * Never throws.
   */
  settle(ticket: OfficeTicket & { category: Category }, actor: TicketActor): Promise<'told' | 'queued' | 'left'>;
  /**
   * A ticket call-next called to this counter for a staff member who signed out before the answer
   * came (or who signed out with it still called): given back to its pool, where it keeps its
   * place in the queue (the office's 'transfer' to its own pool). Never throws.
   */
  giveBack(ticket: { id: string; pool: Category }, actor: TicketActor): Promise<'told' | 'left'>;
}

export interface OfficeTicketsOptions {
  readonly client: OfficeClient;
  readonly outbox: Outbox;
  readonly clock?: () => number;
  /** The block size leased at a time (default 20), and the count left below which another is taken (default 5). */
  readonly leaseSize?: number;
  readonly lowWater?: number;
}

const newUuid = (at: number): string => idToString(newId(at));

export function createOfficeTickets(options: OfficeTicketsOptions): OfficeTickets {
  const { client, outbox } = options;
  const clock = options.clock ?? Date.now;
  const leaseSize = options.leaseSize ?? 20;
  const lowWater = options.lowWater ?? 5;
  const toppingUp = new Map<Category, Promise<void>>();
  /** Office tickets whose call at this counter waits in the outbox (the office could not be told at once). */
  const callsQueued = new Set<string>();

  const fallsBack = (error: unknown): boolean =>
    isRetryable(error) || (error instanceof KioskError && error.code === 'office/unauthorized');

  async function topUp(category: Category): Promise<void> {
    const running = toppingUp.get(category);
    if (running) return running;
    const work = (async () => {
      const day = officeDay(clock());
      if (outbox.leases.remaining(day, category) >= lowWater) return;
      const lease = await client.lease({ category, size: leaseSize });
      // A lease of another day (the office's clock passed midnight first) is kept too; take() asks for today's.
      outbox.leases.add(lease, clock());
    })().finally(() => toppingUp.delete(category));
    toppingUp.set(category, work);
    return work;
  }

  function letterOf(category: Category): string {
    const found = findCategory(category);
    if (!found) throw new KioskError('queue/unknown-category');
    return found.letter;
  }

  return {
    async issue(category, actor) {
      const at = clock();
      let ticket: TicketView;
      try {
        ticket = await client.issueTicket({ id: newUuid(at), category, staff: actor.staffId });
      } catch (error) {
        if (!fallsBack(error)) throw error;
        const taken = outbox.leases.take(officeDay(at), category);
        if (!taken) return null;
        const id = newUuid(at);
        const number = formatTicket(taken.letter, taken.number);
        const base = { visitId: id, at, counter: actor.counter, staff: actor.staffId, category, ticket: number, stage: 'counter' } as const;
        outbox.record({ ...base, id: newUuid(at), kind: 'ticket-issued', source: 'lease' });
        outbox.record({ ...base, id: newUuid(at), kind: 'called' });
        return { id, ticket: number, numbering: 'lease' };
      }
      try {
        // The resident is at this counter: the ticket is called here at once, out of every other window's call-next.
        await client.command(ticket.id, 'call', { id: newUuid(clock()), staff: actor.staffId });
      } catch (error) {
        if (isRetryable(error)) {
          callsQueued.add(ticket.id);
          outbox.record({
            id: newUuid(clock()),
            visitId: ticket.id,
            kind: 'called',
            at: clock(),
            counter: actor.counter,
            staff: actor.staffId,
            category,
            ticket: ticket.number,
            stage: 'counter',
          });
        }
        // Otherwise another window called it in the moment between: the office's state stands.
      }
      void topUp(category).catch(() => undefined);
      return { id: ticket.id, ticket: ticket.number, numbering: 'office' };
    },

    issuedLocally(ticket, actor) {
      letterOf(ticket.category);
      outbox.record({
        id: newUuid(clock()),
        visitId: ticket.id,
        kind: 'ticket-issued',
        at: clock(),
        counter: actor.counter,
        staff: actor.staffId,
        category: ticket.category,
        ticket: ticket.ticket,
        stage: 'counter',
        source: 'local',
      });
    },

    async handOver(ticket, actor) {
      const at = clock();
      try {
        await client.command(ticket.id, 'hand-over', { id: newUuid(at), staff: actor.staffId, to: 'processing' });
        return 'told';
      } catch {
        // Away, or the office does not know the ticket yet (its lease events wait in the outbox), or
        // it refused: the event goes with the outbox; the office applies it or flags it.
        outbox.record({
          id: newUuid(at),
          visitId: ticket.id,
          kind: 'handed-over',
          at,
          counter: actor.counter,
          staff: actor.staffId,
          category: ticket.category,
          ticket: ticket.ticket,
          stage: 'processing',
        });
        return 'queued';
      }
    },

    topUp,

    async callNext(pools, actor) {
      const ticket = await client.callNext({ id: newUuid(clock()), pools, staff: actor.staffId, stage: 'counter' });
      // Online now: the leases of the pools are topped up behind the call, for a later cut.
      for (const category of pools) void topUp(category).catch(() => undefined);
      return ticket;
    },

    command: (ticketId, command, actor) => client.command(ticketId, command, { id: newUuid(clock()), staff: actor.staffId }),

    async callNumber(number, actor) {
      const ticket = await client.ticket(number);
      // The office would call a number of any stage; a counter calls only its own stage's numbers.
      if (ticket.stage !== 'counter' || (ticket.state !== 'waiting' && ticket.state !== 'no-show'))
        throw new KioskError('session/number-not-callable', {
          ja: `${ticket.number} は窓口でお待ちの番号ではありません（呼出中・処理中・交付待ち・終了のいずれかです）。`,
          en: `${ticket.number} is not waiting for a counter (it is called, in processing, waiting for 交付, or done).`,
        });
      return client.command(ticket.id, 'call', { id: newUuid(clock()), staff: actor.staffId });
    },

    transfer: (ticketId, to, actor) => client.command(ticketId, 'transfer', { id: newUuid(clock()), staff: actor.staffId, to }),

    async settle(ticket, actor) {
      const at = clock();
      const queue = (): 'queued' => {
        outbox.record({
          id: newUuid(at),
          visitId: ticket.id,
          kind: 'no-show',
          at,
          counter: actor.counter,
          staff: actor.staffId,
          category: ticket.category,
          ticket: ticket.ticket,
          stage: 'counter',
        });
        return 'queued';
      };
      // A leased number's events, or a call the office could not be told of, wait in the outbox:
      // the settlement follows them there, in order.
      if (ticket.numbering === 'lease' || callsQueued.has(ticket.id)) return queue();
      try {
        await client.command(ticket.id, 'no-show', { id: newUuid(at), staff: actor.staffId });
        return 'told';
      } catch (error) {
        // Away: the outbox tells the office later. Refused: another window holds the ticket now,
        // and the office's state stands.
        return isRetryable(error) ? queue() : 'left';
      }
    },

    async giveBack(ticket, actor) {
      try {
        await client.command(ticket.id, 'transfer', { id: newUuid(clock()), staff: actor.staffId, to: ticket.pool });
        return 'told';
      } catch {
        // The office could not be told: the ticket stays called at this counter there, as the
        // supervisor's floor shows it; nothing is queued that the office could merge wrongly later.
        return 'left';
      }
    },
  };
}
