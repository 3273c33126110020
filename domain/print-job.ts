// A print job's life, recorded before it is sent so that every document prints exactly once.
import { z } from 'zod';

export const printJobState = z.enum(['queued', 'sending', 'sent', 'completed', 'failed', 'cancelled']);
export type PrintJobState = z.infer<typeof printJobState>;

/** Why a queued job waits instead of being sent. */
export const heldReason = z.enum(['printer-missing', 'printer-stopped', 'printer-not-accepting']);
export type HeldReason = z.infer<typeof heldReason>;

/** Jobs in these states may still print (the dispatcher owns them). */
export const openPrintJobStates = ['queued', 'sending', 'sent'] as const satisfies readonly PrintJobState[];
