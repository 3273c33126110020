// One number's published status (/v1/status/A-012, /status/A-012) and a window page's view of its
// stage (/v1/queue). Read-only queries beside the store. The public view finds only today's
// numbers by their label (never an id) and says only what the hall display and the waiting status
// already show, plus the stage: no ticket id, no staff, no machine but the window it is called to.
import type pg from 'pg';
import { KioskError } from '../domain/errors.ts';
import type { StageQueueView, TicketPhase, TicketStage, TicketState, TicketStatusView, TicketView } from '../domain/office.ts';
import { officeDay, officeDayStart } from '../domain/office-time.ts';
import type { Category } from '../domain/request.ts';
import { phaseWords } from './resident-words.ts';
import type { OfficeStore } from './store.ts';

function phaseOf(stage: TicketStage, state: TicketState): TicketPhase {
  if (state === 'completed') return 'completed';
  if (state === 'no-show') return 'no-show';
  if (stage === 'processing') return 'processing';
  if (stage === 'delivery') return state === 'called' ? 'delivery-called' : 'ready';
  return state === 'called' ? 'called' : 'waiting';
}

/** The waits (minutes) of the last 20 calls today at a stage in a pool: from entering the stage to the call. */
async function stageWaits(pool: pg.Pool, office: string, day: string, stage: TicketStage, category: Category): Promise<number[]> {
  const { rows } = await pool.query<{ w: number }>(
    `SELECT extract(epoch FROM c.at - coalesce(h.at, t.issued_at)) / 60 AS w
     FROM events c JOIN tickets t ON t.id = c.visit_id AND t.office_id = c.office_id
     LEFT JOIN LATERAL (SELECT at FROM events h WHERE h.visit_id = c.visit_id AND h.kind = 'handed-over' AND h.stage = c.stage
                        AND h.seq < c.seq ORDER BY h.seq DESC LIMIT 1) h ON c.stage <> 'counter'
     WHERE c.office_id = $1 AND c.kind = 'called' AND c.source = 'office' AND coalesce(c.stage, 'counter') = $3 AND c.category = $4
       AND c.at >= to_timestamp($5::double precision / 1000) AND t.day = $2
     ORDER BY c.seq DESC LIMIT 20`,
    [office, day, stage, category, officeDayStart(day)],
  );
  return rows.map((r) => Number(r.w)).sort((a, b) => a - b);
}

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/**
 * One of today's numbers as a resident may see it. The estimate is what is likely still to wait:
 * the middle half of today's waits at its stage in its pool, less what it has waited already
 * (never below 0; the upper end at least 5 minutes once it has waited past the usual range).
 */
export async function ticketStatus(
  pool: pg.Pool,
  office: string,
  store: OfficeStore,
  number: string,
  now: number,
): Promise<TicketStatusView> {
  let ticket: TicketView;
  try {
    ticket = await store.ticket(number, now);
  } catch (error) {
    if (error instanceof KioskError && error.code === 'office/not-found')
      throw new KioskError('office/not-found', {
        ja: `${number} は本日の番号にありません。番号札の番号と日付をお確かめください。`,
        en: `${number} is not one of today's numbers. Check the number and the date on your slip.`,
      });
    throw error;
  }
  const phase = phaseOf(ticket.stage, ticket.state);
  const waiting = ticket.state === 'waiting';
  let ahead: number | null = null;
  let estimate: TicketStatusView['estimatedWaitMinutes'] = null;
  if (waiting) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets
       WHERE office_id = $1 AND day = $2::date AND stage = $3 AND state = 'waiting' AND pool = $4
         AND (waiting_since, id) < (to_timestamp($5::double precision / 1000), $6::uuid)`,
      [office, ticket.day, ticket.stage, ticket.pool, ticket.waitingSince, ticket.id],
    );
    ahead = rows[0]?.n ?? 0;
    const waits = await stageWaits(pool, office, ticket.day, ticket.stage, ticket.pool);
    if (waits.length > 0) {
      const waited = (now - ticket.waitingSince) / 60_000;
      const low = Math.max(0, Math.floor(quantile(waits, 0.25) - waited));
      const high = Math.max(low, Math.ceil(quantile(waits, 0.75) - waited), waited > quantile(waits, 0.75) ? 5 : 0);
      estimate = { low, high };
    }
  }
  const counter = ticket.state === 'called' && ticket.stage !== 'processing' ? ticket.counter : null;
  return {
    number: ticket.number,
    day: ticket.day,
    stage: ticket.stage,
    state: ticket.state,
    phase,
    words: phaseWords(phase, counter ?? ''),
    counter,
    ahead,
    estimatedWaitMinutes: estimate,
    updatedAt: now,
  };
}

/** A window page's stage: how many wait there today, and the ticket this window holds (called, not yet passed on). */
export async function stageQueue(
  pool: pg.Pool,
  office: string,
  store: OfficeStore,
  stage: TicketStage,
  machine: string,
  now: number,
): Promise<StageQueueView> {
  const day = officeDay(now);
  const [waiting, current] = await Promise.all([
    pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE office_id = $1 AND day = $2 AND stage = $3 AND state = 'waiting'`,
      [office, day, stage],
    ),
    pool.query<{ id: string }>(
      `SELECT id::text AS id FROM tickets WHERE office_id = $1 AND day = $2 AND stage = $3 AND state = 'called' AND counter = $4
       ORDER BY called_at DESC LIMIT 1`,
      [office, day, stage, machine],
    ),
  ]);
  return {
    stage,
    waiting: waiting.rows[0]?.n ?? 0,
    current: current.rows[0] ? await store.ticket(current.rows[0].id, now) : null,
  };
}
