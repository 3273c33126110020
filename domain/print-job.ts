// A print job's life, recorded before it is sent so that every document prints exactly once.
import { z } from 'zod';

export const printJobState = z.enum(['queued', 'sending', 'sent', 'completed', 'failed', 'cancelled']);
export type PrintJobState = z.infer<typeof printJobState>;

/** Why a queued job waits instead of being sent. */
export const heldReason = z.enum(['printer-missing', 'printer-stopped', 'printer-not-accepting']);
export type HeldReason = z.infer<typeof heldReason>;

/** A job in one of these states is done: nothing will print it any more. */
export const finalPrintJobStates = ['completed', 'failed', 'cancelled'] as const satisfies readonly PrintJobState[];

/** Jobs in these states may still print (the dispatcher owns them). */
export function isFinalPrintJobState(state: PrintJobState): boolean {
  return (finalPrintJobStates as readonly PrintJobState[]).includes(state);
}

export const openPrintJobStates = ['queued', 'sending', 'sent'] as const satisfies readonly PrintJobState[];

/** A printer as the counter sees it: CUPS's stopped (paused) and not accepting (rejecting) are both "held". */
export const printerState = z.enum(['ready', 'printing', 'stopped', 'not-accepting', 'missing']);
export type PrinterState = z.infer<typeof printerState>;

/** What staff see of a job: its state with "held" (queued, waiting for the printer) told apart. */
export const printProgress = z.enum(['queued', 'held', 'printing', 'completed', 'failed']);
export type PrintProgress = z.infer<typeof printProgress>;

export function printProgressOf(state: PrintJobState, heldReason: HeldReason | null): PrintProgress {
  switch (state) {
    case 'queued':
      return heldReason ? 'held' : 'queued';
    case 'sending':
    case 'sent':
      return 'printing';
    case 'completed':
      return 'completed';
    case 'failed':
    case 'cancelled':
      return 'failed';
  }
}

/** Whether every job of a request has printed (and there is one): the ticket waits for this. */
export function allPrinted(jobs: readonly { state: PrintProgress }[]): boolean {
  return jobs.length > 0 && jobs.every((j) => j.state === 'completed');
}

/** A print job as the staff console lists it: which document, and how far it got. */
export const printJobSummary = z.object({ jobId: z.string(), document: z.string(), state: printProgress });
export type PrintJobSummary = z.infer<typeof printJobSummary>;

/**
 * Why staff issued a ticket before every print job completed (the override is audited). Codes,
 * not free text: an audit entry never holds what a person typed.
 */
export const ticketBeforePrintReason = z.enum([
  'printed-elsewhere', // 別のプリンターで印刷した
  'handwritten-forms', // 手書きの用紙で受け付けた
  'forms-follow-later', // 書類は後で手渡す
]);
export type TicketBeforePrintReason = z.infer<typeof ticketBeforePrintReason>;
