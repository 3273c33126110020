// Statistics vocabulary: the facts a visit contributes to the supervisor figures, and the one
// report they are shown as (main/stats builds it; the IPC contract, the CLI and the benchmark use
// it). Statistics hold counts and durations only, never resident data.
import { z } from 'zod';
import { requestState } from './request.ts';
import { isoDate } from './person.ts';

/** arrived (ticket issued), wait and service (durations measured), abandoned, cancelled. */
export const visitFact = z.enum(['arrived', 'wait', 'service', 'abandoned', 'cancelled']);
export type VisitFact = z.infer<typeof visitFact>;

/** One unfinished visit as the staff and supervisor screens list it. */
export const queueItem = z.object({
  requestId: z.string(),
  ticket: z.string(),
  state: requestState,
  procedures: z.array(z.string()),
  waitingSeconds: z.number(),
});
export type QueueItem = z.infer<typeof queueItem>;

/** The live queue: how many wait, how many are being served, the longest current wait. */
export const queueLive = z.object({
  waiting: z.number().int(),
  inService: z.number().int(),
  longestWaitSeconds: z.number().nullable(),
  items: z.array(queueItem),
});
export type QueueLive = z.infer<typeof queueLive>;

// Durations are whole seconds; null when nothing was measured.
const percentiles = {
  count: z.number().int(),
  waitMedian: z.number().nullable(),
  waitP90: z.number().nullable(),
  serviceMedian: z.number().nullable(),
  serviceP90: z.number().nullable(),
};
const periodSummary = z.object({
  ...percentiles,
  serviceLevelTargetMinutes: z.number(),
  serviceLevelShare: z.number().nullable(),
  abandoned: z.number().int(),
});
export type PeriodSummary = z.infer<typeof periodSummary>;
export const statisticsRow = z.object({ key: z.string(), ...percentiles });
export type StatisticsRow = z.infer<typeof statisticsRow>;

/** The supervisor statistics for a date range: what the dashboard, the CSV export and the CLI show. */
export const dashboard = z.object({
  from: isoDate,
  to: isoDate,
  live: queueLive,
  today: periodSummary,
  range: periodSummary,
  byProcedure: z.array(statisticsRow),
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), ...percentiles })),
  byCounter: z.array(z.object({ counter: z.string(), completed: z.number().int(), perHour: z.number().nullable() })),
  estimateSeconds: z.number().nullable(),
  estimateMethod: z.string(),
  recent: z.array(z.object({ ticket: z.string(), waitSeconds: z.number().nullable(), serviceSeconds: z.number().nullable() })),
});
export type Dashboard = z.infer<typeof dashboard>;
