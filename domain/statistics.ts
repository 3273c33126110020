// Statistics vocabulary: the facts a visit contributes to the supervisor figures. Statistics
// hold counts and durations only, never resident data.
import { z } from 'zod';

/** arrived (ticket issued), wait and service (durations measured), abandoned, cancelled. */
export const visitFact = z.enum(['arrived', 'wait', 'service', 'abandoned', 'cancelled']);
export type VisitFact = z.infer<typeof visitFact>;
