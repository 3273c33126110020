// A print job's life, recorded before it is sent so that every document prints exactly once.
import { z } from 'zod';

//
// 'outcome-unknown': the job was sent, and then the spooler lost it (cupsd killed or restarted, its
// job history gone, or the job id now names another job). It may or may not have printed, so it is
// never sent again by itself and never reported as failed: staff check the printer and say which
// (resolveOutcome: printed → 'completed', not printed → 'failed', then a reprint if they want one).
export const printJobState = z.enum(['queued', 'sending', 'sent', 'outcome-unknown', 'completed', 'failed', 'cancelled']);
export type PrintJobState = z.infer<typeof printJobState>;

/** What staff found at the printer for a job whose outcome the spooler could not tell. */
export const printOutcome = z.enum(['printed', 'not-printed']);
export type PrintOutcome = z.infer<typeof printOutcome>;

/**
 * Why a queued job waits instead of being sent. 'service-not-running': the print service itself
 * (cupsd) does not answer, as opposed to a queue that CUPS does not know ('printer-missing').
 */
export const heldReason = z.enum(['service-not-running', 'printer-missing', 'printer-stopped', 'printer-not-accepting']);
export type HeldReason = z.infer<typeof heldReason>;

/** A job in one of these states is done: nothing will print it any more. */
export const finalPrintJobStates = ['completed', 'failed', 'cancelled'] as const satisfies readonly PrintJobState[];

export function isFinalPrintJobState(state: PrintJobState): boolean {
  return (finalPrintJobStates as readonly PrintJobState[]).includes(state);
}

/** Jobs in these states may still print (the dispatcher owns them). */
export const openPrintJobStates = ['queued', 'sending', 'sent'] as const satisfies readonly PrintJobState[];

/** Neither open nor final: nothing will send or follow the job any more, and a person must say what happened. */
export function needsPrintOutcome(state: PrintJobState): boolean {
  return state === 'outcome-unknown';
}

/** A printer as the counter sees it: CUPS's stopped (paused) and not accepting (rejecting) are both "held". */
export const printerState = z.enum(['ready', 'printing', 'stopped', 'not-accepting', 'missing', 'service-not-running']);
export type PrinterState = z.infer<typeof printerState>;

/** What staff see of a job: its state with "held" (queued, waiting for the printer) told apart. */
export const printProgress = z.enum(['queued', 'held', 'printing', 'check-printer', 'completed', 'failed']);
export type PrintProgress = z.infer<typeof printProgress>;

export function printProgressOf(state: PrintJobState, heldReason: HeldReason | null): PrintProgress {
  switch (state) {
    case 'queued':
      return heldReason ? 'held' : 'queued';
    case 'sending':
    case 'sent':
      return 'printing';
    case 'outcome-unknown':
      return 'check-printer';
    case 'completed':
      return 'completed';
    case 'failed':
    case 'cancelled':
      return 'failed';
  }
}

/**
 * Whether the ticket may be issued: a print of the whole set completed (`setJobs`), and no job of
 * the visit (`allJobs`: the set's prints and reprints of single forms) is still on its way or
 * waiting for a person to say what happened. A failed job no longer holds the ticket once a later
 * copy of the set printed: staff reprinted it, and the resident has the forms.
 */
export function printedForTicket(setJobs: readonly { state: PrintProgress }[], allJobs: readonly { state: PrintProgress }[]): boolean {
  return setPrinted(setJobs) && allJobs.every((j) => j.state === 'completed' || j.state === 'failed');
}

/**
 * Whether the form set is on paper: one of its jobs completed (each print of the set is one job of
 * the whole set; a reprint adds one). The resident is shown where to sign only once it is.
 */
export function setPrinted(jobs: readonly { state: PrintProgress }[]): boolean {
  return jobs.some((j) => j.state === 'completed');
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
