// PrinterPort over the print service (main/printing, exactly-once jobs recorded in the queue
// database). The combined PDF is written to a private spool directory (0700/0600), sealed with the
// request's data key (the service decrypts it in memory to send it); the service deletes each file
// as soon as its job completed or was cancelled, the rest once all the request's jobs are finished
// and, after a crash, at start.
import { readdirSync, rmSync } from 'node:fs';
import { ensureFolder } from '../db/ensure-folder.ts';
import { join } from 'node:path';
import type { PrintJobView, PrintService } from '../printing/print-service.ts';
import { isFinalPrintJobState, printProgressOf, type PrintJobSummary, type PrinterState } from '../../domain/print-job.ts';
import type { PrinterPort } from './ports.ts';

function summary(job: PrintJobView): PrintJobSummary {
  return { jobId: job.id, document: job.document, state: printProgressOf(job.state, job.heldReason) };
}

function isFinished(job: PrintJobView): boolean {
  return isFinalPrintJobState(job.state);
}

export class PrintServiceAdapter implements PrinterPort {
  readonly printerName: string;
  /** The receipt printer for the 受付票, when the office has one (printers.receipt). */
  readonly receiptPrinterName: string | null;
  readonly #service: PrintService;
  readonly #spoolDir: string;
  readonly #spooled = new Map<string, string[]>();

  constructor(service: PrintService, printerName: string, spoolDir: string, receiptPrinterName: string | null = null) {
    this.#service = service;
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

  async status(): Promise<{ state: PrinterState; heldJobs: number }> {
    const { state, heldJobs } = await this.#service.status(this.printerName);
    return { state, heldJobs };
  }

  async print(
    requestId: string,
    documents: { name: string; pdf: Uint8Array }[],
    options: { receipt?: boolean } = {},
  ): Promise<PrintJobSummary[]> {
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
    const printer = (options.receipt && this.receiptPrinterName) || this.printerName;
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

  #removeSpool(requestId: string): void {
    for (const path of this.#spooled.get(requestId) ?? []) rmSync(path, { force: true });
    this.#spooled.delete(requestId);
  }
}
