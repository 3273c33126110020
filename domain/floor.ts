// The supervisor's floor view: the whole office at once, from the office log. What the
// office service answers on GET /v1/floor and the counter app shows on its supervisor dashboard.
// Counts, ticket numbers, counter codes, form ids and seconds only; never a person.
import { z } from 'zod';
import { isoDate } from './dates.ts';
import { category } from './request.ts';
import { officeId, ticketNumber, ticketStage, epochMs } from './office.ts';

/** HH:MM on the office clock. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** The floor's settings: the wait target (the city's busy-season target is the maximum wait) and the opening hours shown on the axis. */
export const floorSettings = z.strictObject({
  targetMinutes: z.number().int().min(1).max(240),
  open: clockTime,
  close: clockTime,
});
export type FloorSettings = z.infer<typeof floorSettings>;
export const DEFAULT_FLOOR_SETTINGS: FloorSettings = { targetMinutes: 20, open: '08:45', close: '17:15' };

const seconds = z.number().nonnegative().nullable();
/** Durations in whole seconds; null when nothing was measured. */
export const durationFigures = z.strictObject({
  count: z.number().int().nonnegative(),
  meanSeconds: seconds,
  medianSeconds: seconds,
  p90Seconds: seconds,
  maxSeconds: seconds,
});
export type DurationFigures = z.infer<typeof durationFigures>;

/** A period's figures. `wait` is the wait before the counter (ticket issued → first call), the one the target applies to. */
export const periodFigures = z.strictObject({
  from: isoDate,
  to: isoDate,
  /** Office days in the range that had arrivals. */
  days: z.number().int().nonnegative(),
  arrivals: z.number().int().nonnegative(),
  noShows: z.number().int().nonnegative(),
  transfers: z.number().int().nonnegative(),
  wait: durationFigures,
  /** Waits per stage: before the counter, in processing (back office), before 交付 (called back to collect). */
  stages: z.strictObject({ counter: durationFigures, processing: durationFigures, delivery: durationFigures }),
  /** At the counter: its first call to the hand-over or completion. */
  service: durationFigures,
  /** Waits before the counter under the target, and whether the maximum stayed within it. */
  target: z.strictObject({
    minutes: z.number().int().positive(),
    within: z.number().int().nonnegative(),
    measured: z.number().int().nonnegative(),
    share: z.number().min(0).max(1).nullable(),
    maxWithin: z.boolean().nullable(),
  }),
  byCategory: z.array(z.strictObject({ category, label: z.string(), arrivals: z.number().int().nonnegative(), wait: durationFigures })),
});
export type PeriodFigures = z.infer<typeof periodFigures>;

export const floorHour = z.strictObject({
  hour: z.number().int().min(0).max(23),
  /** The slot's bounds on the axis (the first and last hour are cut at the opening hours). */
  from: clockTime,
  to: clockTime,
  /** The hour the view was made in (today). */
  current: z.boolean(),
  today: z.strictObject({ arrivals: z.number().int().nonnegative(), wait: durationFigures }),
  range: z.strictObject({
    arrivals: z.number().int().nonnegative(),
    arrivalsPerDay: z.number().nonnegative().nullable(),
    wait: durationFigures,
  }),
});
export type FloorHour = z.infer<typeof floorHour>;

export const floorAlert = z.strictObject({
  code: z.enum(['wait-over-target']),
  stage: ticketStage,
  ticket: ticketNumber,
  waitSeconds: z.number().int().nonnegative(),
  targetMinutes: z.number().int().positive(),
  /** In words, Japanese first: never colour alone. */
  message: z.string(),
  messageEn: z.string(),
});
export type FloorAlert = z.infer<typeof floorAlert>;

export const floorView = z.strictObject({
  office: officeId,
  day: isoDate,
  now: epochMs,
  settings: floorSettings,
  live: z.strictObject({
    /** Per stage and pool: waiting, called (at a window now), the longest current wait and its ticket. */
    queues: z.array(
      z.strictObject({
        stage: ticketStage,
        category,
        label: z.string(),
        waiting: z.number().int().nonnegative(),
        called: z.number().int().nonnegative(),
        longestWaitSeconds: z.number().int().nonnegative().nullable(),
        longestTicket: ticketNumber.nullable(),
      }),
    ),
    waiting: z.number().int().nonnegative(),
    called: z.number().int().nonnegative(),
    longestWaitSeconds: z.number().int().nonnegative().nullable(),
  }),
  today: periodFigures,
  range: periodFigures,
  /** The fixed opening-hours axis (e.g. 08:45–17:15); arrivals outside it are counted in `outsideHours`. */
  byHour: z.array(floorHour),
  outsideHours: z.strictObject({ today: z.number().int().nonnegative(), range: z.number().int().nonnegative() }),
  byCounter: z.array(
    z.strictObject({
      counter: z.string(),
      /** Tickets it called first (before the counter) in the range, their waits, and its service times. */
      called: z.number().int().nonnegative(),
      wait: durationFigures,
      service: durationFigures,
      noShows: z.number().int().nonnegative(),
    }),
  ),
  byBundle: z.array(
    z.strictObject({ bundle: z.string(), forms: z.array(z.string()), arrivals: z.number().int().nonnegative(), wait: durationFigures }),
  ),
  estimate: z.strictObject({
    /** For someone taking a ticket now (before the counter). */
    seconds: z.number().int().nonnegative(),
    peopleAhead: z.number().int().nonnegative(),
    activeCounters: z.number().int().positive(),
    meanServiceSeconds: z.number().int().nonnegative(),
    method: z.string(),
    /** The estimates given with the tickets of the range against their actual waits. */
    accuracy: z.strictObject({
      count: z.number().int().nonnegative(),
      meanAbsErrorSeconds: seconds,
      meanBiasSeconds: z.number().nullable(),
      within5MinutesShare: z.number().min(0).max(1).nullable(),
    }),
  }),
  alerts: z.array(floorAlert),
  percentileMethod: z.string(),
});
export type FloorView = z.infer<typeof floorView>;

export const floorQuery = z.strictObject({ from: isoDate, to: isoDate });
