// PrinterPort over the print service (main/printing, exactly-once jobs recorded in the queue
// database). The combined PDF is written to a private spool directory (0700/0600), sealed with the
// request's data key (the service decrypts it in memory to send it); the service deletes each file
// as soon as its job completed or was cancelled, the rest once all the request's jobs are finished
// and, after a crash, at start.
//
// There is no default printer: with none configured the adapter refuses to print
// (printer/not-configured). A CUPS-PDF queue writes every form set to disk in plain text, so it is
// refused too (printer/pdf-queue-not-allowed) unless the app runs in demo mode.
import { readdirSync, rmSync } from 'node:fs';
import { ensureFolder } from '../db/ensure-folder.ts';
import { join } from 'node:path';
import type { PrintJobView, PrintService } from '../printing/print-service.ts';
import { isFinalPrintJobState, printProgressOf, type PrintJobSummary, type PrintOutcome } from '../../domain/print-job.ts';
import type { PrinterPort, PrinterPortState } from './ports.ts';
import { KioskError } from '../../domain/errors.ts';

function summary(job: PrintJobView): PrintJobSummary {
  return { jobId: job.id, document: job.document, state: printProgressOf(job.state, job.heldReason) };
}

function isFinished(job: PrintJobView): boolean {
  return isFinalPrintJobState(job.state);
}

export interface PrintPolicy {
  /** Demo mode only (office config demo: true, KIOSK_DEMO=1): CUPS-PDF queues may be printed to. */
  allowPdfQueue: boolean;
  /**
   * What the start-up check read in cupsd.conf (PreserveJobFiles): CUPS keeps printed documents.
   * Warned about from the start; a finished job's job-preserved, once seen, takes its place.
   */
  spoolerKeepsCopies?: boolean;
}

export class PrintServiceAdapter implements PrinterPort {
  readonly printerName: string | null;
  /** The receipt printer for the 受付票, when the office has one (printers.receipt). */
  readonly receiptPrinterName: string | null;
  readonly #service: PrintService;
  readonly #spoolDir: string;
  readonly #spooled = new Map<string, string[]>();
  readonly #policy: PrintPolicy;

  constructor(
    service: PrintService,
    printerName: string | null,
    spoolDir: string,
    receiptPrinterName: string | null = null,
    policy: PrintPolicy = { allowPdfQueue: false },
  ) {
    this.#service = service;
    this.#policy = policy;
    this.printerName = printerName;
    this.receiptPrinterName = receiptPrinterName;
    this.#spoolDir = spoolDir;
    ensureFolder(spoolDir);
    this.#sweepSpool();
  }

  /**
   * Files left behind by a crash hold personal data: keep those whose jobs may still print
   * (held jobs are sent once the printer is back) and remove the rest.
   */
  #sweepSpool(): void {
    for (const file of readdirSync(this.#spoolDir)) {
      const requestId = /^(.+)-\d+\.pdf$/.exec(file)?.[1];
      const path = join(this.#spoolDir, file);
      const stillPrinting = requestId !== undefined && this.#service.jobsOfRequest(requestId).some((j) => !isFinished(j));
      if (stillPrinting) this.#spooled.set(requestId, [...(this.#spooled.get(requestId) ?? []), path]);
      else rmSync(path, { force: true });
    }
  }

  async status(): Promise<{ state: PrinterPortState; heldJobs: number; keepsCopies: boolean }> {
    if (this.printerName === null) return { state: 'not-configured', heldJobs: 0, keepsCopies: false };
    const { state, heldJobs, pdfQueue, keepsCopies } = await this.#service.status(this.printerName);
    if (pdfQueue && !this.#policy.allowPdfQueue) return { state: 'not-allowed', heldJobs, keepsCopies: false };
    // In demo mode the forms go to a CUPS-PDF file anyway: the warning is for real counters.
    const keeps = keepsCopies ?? this.#policy.spoolerKeepsCopies ?? false;
    return { state, heldJobs, keepsCopies: keeps && !this.#policy.allowPdfQueue };
  }

  /** The queue a document goes to: the receipt printer for the 受付票 when there is one. */
  #target(receipt: boolean): string {
    const printer = (receipt && this.receiptPrinterName) || this.printerName;
    if (!printer) throw new KioskError('printer/not-configured');
    return printer;
  }

  async checkUsable(options: { receipt?: boolean } = {}): Promise<void> {
    const printer = this.#target(options.receipt === true);
    if (this.#policy.allowPdfQueue) return;
    // A spooler that cannot be reached cannot tell: the job is held, and checked again here at the reprint.
    const { pdfQueue } = await this.#service.status(printer);
    if (pdfQueue) throw new KioskError('printer/pdf-queue-not-allowed');
  }

  async print(
    requestId: string,
    documents: { name: string; pdf: Uint8Array }[],
    options: { receipt?: boolean } = {},
  ): Promise<PrintJobSummary[]> {
    await this.checkUsable(options);
    // Numbered after the request's earlier files: a later document (the 受付票) must never
    // overwrite a file whose job is still held at the printer.
    const first = this.#spooled.get(requestId)?.length ?? 0;
    const files = documents.map((d, i) => {
      const path = join(this.#spoolDir, `${requestId}-${first + i}.pdf`);
      // Sealed with the request's data key; the service deletes it once its job completed or was cancelled.
      this.#service.spool(requestId, path, d.pdf);
      return { path, document: d.name };
    });
    this.#spooled.set(requestId, [...(this.#spooled.get(requestId) ?? []), ...files.map((f) => f.path)]);
    const printer = this.#target(options.receipt === true);
    const jobs = await this.#service.print({ printer, files, requestId });
    return jobs.map(summary);
  }

  async jobs(requestId: string): Promise<PrintJobSummary[]> {
    await this.#service.dispatch().catch(() => undefined);
    const jobs = this.#service.jobsOfRequest(requestId);
    const finished = jobs.length > 0 && jobs.every(isFinished);
    if (finished) this.#removeSpool(requestId);
    return jobs.map(summary);
  }

  async resolveOutcome(jobId: string, outcome: PrintOutcome): Promise<PrintJobSummary> {
    return summary(this.#service.resolveOutcome(jobId, outcome));
  }

  #removeSpool(requestId: string): void {
    for (const path of this.#spooled.get(requestId) ?? []) rmSync(path, { force: true });
    this.#spooled.delete(requestId);
  }
}
