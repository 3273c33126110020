// Print jobs with exactly-once delivery. Each job is written to the database before anything
// is sent. Sending is two commits around `lp`: 'sending' (before) and 'sent' + spooler id
// (after). A crash between the two leaves 'sending'; on the next dispatch the spooler is asked
// for a job with the same title (the job's UUID) and that job is adopted instead of sending
// again. A stopped or missing printer leaves jobs 'queued' with a held reason; they go out when
// the printer is back. Failed jobs are never retried by themselves: a person asks for a reprint.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isFinalPrintJobState, type HeldReason, type PrinterState, type PrintJobState } from '../../domain/print-job.ts';
import {
  getPrintJob,
  insertPrintJob,
  openPrintJobs,
  printJobsOfRequest,
  recentPrintJobs,
  updatePrintJob,
  type PrintJobRow,
} from '../db/print-jobs.ts';
import { getRequest } from '../db/requests.ts';
import { getRequestKey } from '../db/resident-fields.ts';
import { unwrapDataKey, type KeyProvider } from '../crypto/key-provider.ts';
import { isSealedSpool, openSpool, sealSpool } from '../crypto/field-cipher.ts';
import { transaction, type Db } from '../db/statements.ts';
import type { PrinterDriver, PrinterInfo } from '../../devices/printer/driver.ts';
import { PRINTER_NAME } from '../../devices/printer/driver.ts';
import { KioskError, isKioskError } from '../../domain/errors.ts';
import { idFromString, idToString, newId } from '../queue/ids.ts';

export interface PrintJobView {
  id: string;
  requestId: string | null;
  printer: string;
  document: string;
  state: PrintJobState;
  heldReason: HeldReason | null;
  spoolerJob: number | null;
  reprintOf: string | null;
  createdAt: string;
  updatedAt: string;
  error: string | null;
}

export type PrintEvent =
  | { type: 'job'; job: PrintJobView }
  | { type: 'printer-unavailable'; printer: string; reason: HeldReason; heldJobs: number; message: string; messageEn: string }
  | { type: 'printer-available'; printer: string };

export interface PrinterStatus {
  printer: string;
  state: PrinterState;
  heldJobs: number;
  reasons: string[];
  /** A CUPS-PDF queue (devices/printer/driver.ts): writes each job to disk in plain text. */
  pdfQueue: boolean;
  /**
   * The spooler kept the document of this printer's last finished job (CUPS PreserveJobFiles):
   * the decrypted forms stay in its spool (/var/spool/cups) after printing. Null: not known yet.
   */
  keepsCopies: boolean | null;
}

const HELD_MESSAGES: Record<HeldReason, [string, string]> = {
  'printer-missing': [
    'プリンターが見つかりません。印刷は保留中で、接続されると自動で印刷します。',
    'Printer not found; jobs are held and will print once it is back.',
  ],
  'printer-stopped': [
    'プリンターが停止しています。印刷は保留中で、再開すると自動で印刷します。',
    'Printer stopped; jobs are held and will print once it is resumed.',
  ],
  'printer-not-accepting': ['プリンターが受付を停止しています。印刷は保留中です。', 'Printer is not accepting jobs; jobs are held.'],
};

export function jobTitle(id: Buffer): string {
  return `kiosk-${idToString(id)}`;
}

function view(row: PrintJobRow): PrintJobView {
  return {
    id: idToString(row.id),
    requestId: row.request_id ? idToString(row.request_id) : null,
    printer: row.printer,
    document: row.document,
    state: row.state,
    heldReason: row.held_reason,
    spoolerJob: row.cups_job,
    reprintOf: row.reprint_of ? idToString(row.reprint_of) : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    error: row.error,
  };
}

function availability(info: PrinterInfo | null): HeldReason | null {
  if (!info) return 'printer-missing';
  if (info.state === 'stopped') return 'printer-stopped';
  if (!info.accepting) return 'printer-not-accepting';
  return null;
}

export class PrintService {
  readonly #db: Db;
  readonly #driver: PrinterDriver;
  readonly #clock: () => number;
  readonly #keys: KeyProvider | null;
  readonly #listeners = new Set<(event: PrintEvent) => void>();
  readonly #unavailable = new Map<string, HeldReason>();
  /** Per printer: whether the spooler kept the document of the last job seen completed. */
  readonly #keepsCopies = new Map<string, boolean>();
  #chain: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;

  /** `keys`: the master key provider, to seal spool files with their request's data key. */
  constructor(db: Db, driver: PrinterDriver, options: { clock?: () => number; keys?: KeyProvider } = {}) {
    this.#db = db;
    this.#driver = driver;
    this.#clock = options.clock ?? Date.now;
    this.#keys = options.keys ?? null;
  }

  /** The request's data key (unwrapped), or null once the retention purge deleted it. Zero it after use. */
  #dataKey(requestId: Buffer): Buffer | null {
    const key = getRequestKey(this.#db, requestId);
    if (!key || !this.#keys) return null;
    return unwrapDataKey(this.#keys, key.key_id, key.wrapped);
  }

  /**
   * Writes a request's print file to `path` (0600), sealed with the request's own data key: the
   * file holds no personal value in plain text, and the retention purge, by deleting the key,
   * shreds it (and any copy of it) too. The service removes it once its job completed or was cancelled.
   */
  spool(requestId: string, path: string, pdf: Uint8Array): void {
    const dataKey = this.#dataKey(idFromString(requestId));
    if (!dataKey)
      throw new KioskError('keys/unavailable', {
        ja: '印刷ファイルを暗号化する鍵がありません。',
        en: 'No data key to seal the print file with.',
      });
    try {
      writeFileSync(path, sealSpool(dataKey, requestId, pdf), { mode: 0o600 });
    } finally {
      dataKey.fill(0);
    }
  }

  /** What to hand the spooler: the decrypted bytes of a sealed spool file, or the path of a plain one (the CLI's own files). */
  #document(row: PrintJobRow): string | Uint8Array {
    const bytes = readFileSync(row.file);
    if (!isSealedSpool(bytes)) return row.file;
    const dataKey = row.request_id ? this.#dataKey(row.request_id) : null;
    if (!dataKey || !row.request_id)
      throw new KioskError('queue/personal-data-purged', {
        ja: '印刷ファイルの個人情報は消去済みです。',
        en: 'The print file was erased with its personal data.',
      });
    try {
      return openSpool(dataKey, idToString(row.request_id), bytes);
    } finally {
      dataKey.fill(0);
    }
  }

  /** A completed or cancelled job's sealed spool file is deleted at once (unless another open job still needs it). */
  #discardSpool(row: PrintJobRow): void {
    if (!existsSync(row.file)) return;
    let sealed: boolean;
    try {
      sealed = isSealedSpool(readFileSync(row.file).subarray(0, 32));
    } catch {
      return;
    }
    // Never delete a file the operator gave the CLI: only the service's own sealed spool files.
    if (!sealed) return;
    if (openPrintJobs(this.#db).some((r) => r.file === row.file && !r.id.equals(row.id))) return;
    rmSync(row.file, { force: true });
  }

  onEvent(listener: (event: PrintEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: PrintEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener must not stop the print loop.
      }
    }
  }

  #update(
    row: PrintJobRow,
    state: PrintJobState,
    heldReason: HeldReason | null,
    cupsJob: number | null,
    error: string | null,
  ): PrintJobRow {
    const at = this.#clock();
    updatePrintJob(this.#db, row.id, { state, heldReason, cupsJob, error, at });
    const next: PrintJobRow = { ...row, state, held_reason: heldReason, cups_job: cupsJob, error, updated_at: at };
    if (state === 'completed' || state === 'cancelled') this.#discardSpool(next);
    if (row.state !== state || row.held_reason !== heldReason || row.cups_job !== cupsJob) this.#emit({ type: 'job', job: view(next) });
    return next;
  }

  /** Records the jobs (one per file), then tries to send them. Held jobs are returned as 'queued'. */
  async print(input: {
    printer: string;
    files: { path: string; document?: string }[];
    requestId?: string | undefined;
  }): Promise<PrintJobView[]> {
    if (!PRINTER_NAME.test(input.printer))
      throw new KioskError('printer/invalid-input', { ja: 'プリンター名が不正です。', en: 'Invalid printer name.' });
    if (input.files.length === 0)
      throw new KioskError('printer/invalid-input', { ja: '印刷するファイルがありません。', en: 'No files to print.' });
    const files = input.files.map((f) => ({ path: resolve(f.path), document: (f.document ?? 'document').slice(0, 100) }));
    for (const f of files) {
      if (!existsSync(f.path))
        throw new KioskError('printer/file-missing', {
          ja: '印刷するファイルが見つかりません。',
          en: `File not found: ${f.path.split('/').pop() ?? ''}`,
        });
    }
    const requestId = input.requestId ? idFromString(input.requestId) : null;
    if (requestId && !getRequest(this.#db, requestId)) {
      throw new KioskError('queue/unknown-request', {
        ja: '印刷の対象となる申請が見つかりません。',
        en: 'The request to print for does not exist.',
      });
    }
    const rows = transaction(this.#db, () =>
      files.map((f) => {
        const at = this.#clock();
        const row: PrintJobRow = {
          id: newId(at),
          request_id: requestId,
          printer: input.printer,
          file: f.path,
          document: f.document,
          state: 'queued',
          held_reason: null,
          cups_job: null,
          reprint_of: null,
          created_at: at,
          updated_at: at,
          error: null,
        };
        insertPrintJob(this.#db, row);
        return row;
      }),
    );
    await this.dispatch();
    return rows.map((r) => view(getPrintJob(this.#db, r.id)!));
  }

  /** A person asked for another copy: a new job linked to the original. */
  async reprint(jobId: string): Promise<PrintJobView> {
    const original = getPrintJob(this.#db, idFromString(jobId));
    if (!original) throw new KioskError('printer/unknown-job', { ja: '印刷ジョブが見つかりません。', en: 'Unknown print job.' });
    const at = this.#clock();
    const row: PrintJobRow = {
      ...original,
      id: newId(at),
      state: 'queued',
      held_reason: null,
      cups_job: null,
      reprint_of: original.id,
      created_at: at,
      updated_at: at,
      error: null,
    };
    insertPrintJob(this.#db, row);
    await this.dispatch();
    return view(getPrintJob(this.#db, row.id)!);
  }

  /** Sends held jobs whose printer is back and follows sent jobs. Serialised: never runs twice at once. */
  dispatch(): Promise<PrintJobView[]> {
    const run = this.#chain.then(() => this.#dispatchOnce());
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #dispatchOnce(): Promise<PrintJobView[]> {
    const open = openPrintJobs(this.#db);
    const byPrinter = new Map<string, PrintJobRow[]>();
    for (const row of open) byPrinter.set(row.printer, [...(byPrinter.get(row.printer) ?? []), row]);
    const changed: PrintJobView[] = [];
    for (const [printer, rows] of byPrinter) {
      let info: PrinterInfo | null;
      try {
        info = await this.#driver.printer(printer);
      } catch {
        info = null; // spooler unreachable: treat like a missing printer, keep the jobs
      }
      const reason = availability(info);
      this.#noteAvailability(printer, reason, rows.length);
      for (let row of rows) {
        if (row.state === 'sending') {
          try {
            row = await this.#recover(row);
          } catch {
            // Spooler unreachable: cannot tell whether the job got there; ask again next time.
          }
        }
        if (row.state === 'queued') {
          if (reason) {
            if (row.held_reason !== reason) row = this.#update(row, 'queued', reason, null, row.error);
          } else row = await this.#send(row);
        }
        if (row.state === 'sent') row = await this.#follow(row, reason);
        changed.push(view(row));
      }
    }
    return changed;
  }

  #noteAvailability(printer: string, reason: HeldReason | null, jobs: number): void {
    const before = this.#unavailable.get(printer) ?? null;
    if (reason === before) return;
    if (reason) {
      this.#unavailable.set(printer, reason);
      const [message, messageEn] = HELD_MESSAGES[reason];
      this.#emit({ type: 'printer-unavailable', printer, reason, heldJobs: jobs, message, messageEn });
    } else {
      this.#unavailable.delete(printer);
      this.#emit({ type: 'printer-available', printer });
    }
  }

  /** A job left 'sending' by a crash: adopt the spooler's job if it got there, else send again. */
  async #recover(row: PrintJobRow): Promise<PrintJobRow> {
    const found = await this.#driver.jobsTitled(row.printer, jobTitle(row.id));
    if (found.length > 0) {
      // Keep the first; any duplicate can only come from a bug, and printing it would be a second copy.
      const [keep, ...extra] = found.sort((a, b) => a.id - b.id);
      for (const dup of extra) await this.#driver.cancel(row.printer, dup.id);
      return this.#update(row, 'sent', null, keep!.id, null);
    }
    return this.#update(row, 'queued', null, null, null);
  }

  async #send(row: PrintJobRow): Promise<PrintJobRow> {
    if (!existsSync(row.file)) return this.#update(row, 'failed', null, null, 'printer/file-missing');
    let document: string | Uint8Array;
    try {
      document = this.#document(row);
    } catch (error) {
      return this.#update(row, 'failed', null, null, isKioskError(error) ? error.code : 'printer/file-missing');
    }
    const sending = this.#update(row, 'sending', null, null, null);
    try {
      const jobId = await this.#driver.submit(row.printer, document, jobTitle(row.id));
      return this.#update(sending, 'sent', null, jobId, null);
    } catch (error) {
      const code = isKioskError(error) ? error.code : 'printer/failed';
      // Definitely not sent: the spooler refused the destination. Held until the printer is back.
      if (code === 'printer/missing') return this.#update(sending, 'queued', 'printer-missing', null, null);
      if (code === 'printer/not-accepting') return this.#update(sending, 'queued', 'printer-not-accepting', null, null);
      // Unknown outcome (lp failed or timed out, output unreadable): the job may have reached the
      // spooler. It stays 'sending' and the next dispatch looks it up by title before resending.
      return this.#update(sending, 'sending', null, null, code);
    }
  }

  async #follow(row: PrintJobRow, reason: HeldReason | null): Promise<PrintJobRow> {
    let job;
    try {
      job = await this.#driver.job(row.printer, row.cups_job!);
    } catch {
      return row; // spooler unreachable: ask again later
    }
    if (!job) return this.#update(row, 'failed', null, row.cups_job, 'printer/job-lost');
    switch (job.state) {
      case 'completed':
        if (job.preserved !== undefined) this.#keepsCopies.set(row.printer, job.preserved);
        return this.#update(row, 'completed', null, row.cups_job, null);
      case 'canceled':
        return this.#update(row, 'cancelled', null, row.cups_job, null);
      case 'aborted':
        return this.#update(row, 'failed', null, row.cups_job, 'printer/aborted');
      case 'held':
      case 'stopped':
        return this.#update(row, 'sent', reason ?? 'printer-stopped', row.cups_job, null);
      default:
        return this.#update(row, 'sent', reason, row.cups_job, null);
    }
  }

  /** Dispatches until every given job is final or the timeout passes; returns their views. */
  async waitFor(jobIds: string[], options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<PrintJobView[]> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    const ids = jobIds.map(idFromString);
    for (;;) {
      await this.dispatch();
      const rows = ids.map((id) => getPrintJob(this.#db, id)!);
      if (rows.every((r) => isFinalPrintJobState(r.state)) || Date.now() >= deadline) return rows.map(view);
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
    }
  }

  /** Keeps held jobs moving while the app runs. */
  start(intervalMs = 2000): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.dispatch().catch(() => undefined), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  job(jobId: string): PrintJobView {
    const row = getPrintJob(this.#db, idFromString(jobId));
    if (!row) throw new KioskError('printer/unknown-job', { ja: '印刷ジョブが見つかりません。', en: 'Unknown print job.' });
    return view(row);
  }

  jobsOfRequest(requestId: string): PrintJobView[] {
    return printJobsOfRequest(this.#db, idFromString(requestId)).map(view);
  }

  recent(limit = 50): PrintJobView[] {
    return recentPrintJobs(this.#db, limit).map(view);
  }

  async status(printer: string): Promise<PrinterStatus> {
    let info: PrinterInfo | null;
    try {
      info = await this.#driver.printer(printer);
    } catch {
      info = null;
    }
    const reason = availability(info);
    const heldJobs = openPrintJobs(this.#db).filter((r) => r.printer === printer).length;
    const state =
      reason === 'printer-missing'
        ? 'missing'
        : reason === 'printer-stopped'
          ? 'stopped'
          : reason === 'printer-not-accepting'
            ? 'not-accepting'
            : info?.state === 'printing'
              ? 'printing'
              : 'ready';
    return {
      printer,
      state,
      heldJobs: reason ? heldJobs : 0,
      reasons: info?.reasons ?? [],
      pdfQueue: info?.pdfQueue === true,
      keepsCopies: this.#keepsCopies.get(printer) ?? null,
    };
  }
}
