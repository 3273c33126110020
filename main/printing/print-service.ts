// Print jobs with exactly-once delivery. Each job is written to the database before anything
// is sent. Sending is commits around `lp`: 'sending' (before), the spooler's job id the moment
// lp prints it, and 'sent' (after). A crash in between leaves 'sending'; on the next dispatch the
// spooler is asked for the recorded job, or for jobs with the same title (the job's UUID,
// finished ones included), and that job is adopted instead of sending again. A job is known by
// its id and its title together, never by the id alone: CUPS hands an id out again after cupsd
// was killed. A sent job the spooler no longer knows is 'outcome-unknown' (it may have printed):
// staff check the printer and say what they found. A stopped or missing printer, or a print
// service that is not running, leaves jobs 'queued' with a held reason; they go out when it is
// back. Failed jobs are never retried by themselves: a person asks for a reprint. A job whose
// request was cancelled or abandoned (the visit ended, the day closed) is cancelled instead of
// sent, at the spooler too if it is there and not yet printed: held forms must never come out
// during the next resident's visit when the printer is back.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  isFinalPrintJobState,
  needsPrintOutcome,
  type HeldReason,
  type PrinterState,
  type PrintJobState,
  type PrintOutcome,
} from '../../domain/print-job.ts';
import {
  getPrintJob,
  insertPrintJob,
  openPrintJobs,
  printJobsOfRequest,
  recentPrintJobs,
  setSpoolerWindow,
  updatePrintJob,
  type PrintJobRow,
} from '../db/print-jobs.ts';
import { writeOwnerOnly } from '../db/owner-only.ts';
import { getRequest } from '../db/requests.ts';
import { getRequestKey } from '../db/resident-fields.ts';
import { unwrapDataKey, type KeyProvider } from '../crypto/key-provider.ts';
import { isSealedSpool, openSpool, sealSpool } from '../crypto/field-cipher.ts';
import { transaction, type Db } from '../db/statements.ts';
import type { PrinterDriver, PrinterInfo, SpoolerJob } from '../../devices/printer/driver.ts';
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
  'service-not-running': [
    '印刷サービス（CUPS）が動いていません。システム担当に連絡してください（systemctl start cups）。印刷は保留中で、サービスが動き出すと自動で印刷します。',
    'The print service (CUPS) is not running: ask IT staff (systemctl start cups). Jobs are held and print once it runs.',
  ],
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

/**
 * A spooler job is ours only if it carries our title: an id alone may since have been given to
 * another job. A spooler that hides the title (CUPS shows job-name to the job's owner only, and
 * both name and owner come back empty then) is asked for the creation time instead, which must
 * fall between our 'sending' and the moment lp printed the id: a job created before or after
 * (another user's, on an id CUPS handed out again) is not ours, and neither is one whose window
 * was never recorded.
 */
function isOurs(row: PrintJobRow, job: SpoolerJob | null): job is SpoolerJob {
  if (job === null) return false;
  if (job.name !== '' || job.user) return job.name === jobTitle(row.id);
  if (typeof job.createdAt !== 'number' || row.sending_at === null || row.spooled_at === null) return false;
  // CUPS gives the creation time in whole seconds, rounded down.
  return job.createdAt >= Math.floor(row.sending_at / 1000) * 1000 && job.createdAt <= row.spooled_at;
}

/** Jobs the spooler created well before this one was recorded cannot be it (ten minutes for clocks that differ). */
function earliestSpoolerJob(row: PrintJobRow): number {
  return Math.min(row.created_at, Date.now()) - 10 * 60_000;
}

/** The print service (cupsd) did not answer: held, as for a missing printer, but IT staff must start it. */
function isServiceDown(error: unknown): boolean {
  return !isKioskError(error) || error.code === 'printer/service-not-running';
}

function availability(info: PrinterInfo | null | 'service-not-running'): HeldReason | null {
  if (info === 'service-not-running') return 'service-not-running';
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
  readonly #refusePdfQueue: boolean;
  readonly #listeners = new Set<(event: PrintEvent) => void>();
  readonly #unavailable = new Map<string, HeldReason>();
  /** Per printer: whether the spooler kept the document of the last job seen completed. */
  readonly #keepsCopies = new Map<string, boolean>();
  #chain: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;

  /** `keys`: the master key provider, to seal spool files with their request's data key. */
  /**
   * `refusePdfQueue`: outside demo mode a CUPS-PDF (or file:) queue writes every form to disk in plain
   * text. Checked when a job is sent, not only when it is queued: a job held while CUPS was down, or a
   * queue re-pointed since, is refused then (printer/pdf-queue-not-allowed), never sent.
   */
  constructor(db: Db, driver: PrinterDriver, options: { clock?: () => number; keys?: KeyProvider; refusePdfQueue?: boolean } = {}) {
    this.#db = db;
    this.#driver = driver;
    this.#clock = options.clock ?? Date.now;
    this.#keys = options.keys ?? null;
    this.#refusePdfQueue = options.refusePdfQueue ?? false;
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
      writeOwnerOnly(path, sealSpool(dataKey, requestId, pdf));
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
          sending_at: null,
          spooled_at: null,
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
      sending_at: null,
      spooled_at: null,
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
      let info: PrinterInfo | null | 'service-not-running';
      try {
        info = await this.#driver.printer(printer);
      } catch (error) {
        // Spooler unreachable: keep the jobs, and say that the print service is down (not the printer).
        info = isServiceDown(error) ? 'service-not-running' : null;
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
        if ((row.state === 'queued' || row.state === 'sent') && this.#requestEnded(row)) {
          try {
            row = await this.#withdraw(row);
          } catch {
            // Spooler unreachable: the job is cancelled there next time; a queued one is never sent meanwhile.
          }
        }
        if (row.state === 'queued' && this.#refusePdfQueue && info !== null && info !== 'service-not-running' && info.pdfQueue) {
          row = this.#update(row, 'failed', null, null, 'printer/pdf-queue-not-allowed');
        } else if (row.state === 'queued') {
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

  /** The job's request was cancelled or abandoned: nobody is at the counter for its forms any more. */
  #requestEnded(row: PrintJobRow): boolean {
    if (!row.request_id) return false;
    const state = getRequest(this.#db, row.request_id)?.state;
    return state === 'cancelled' || state === 'abandoned';
  }

  /**
   * Cancels a job of an ended request: a queued one at once (its spool file goes with it), a sent
   * one at the spooler first. A sent job the spooler finished, or no longer knows, is left to
   * #follow, which records what happened (it may have printed).
   */
  async #withdraw(row: PrintJobRow): Promise<PrintJobRow> {
    if (row.state === 'sent') {
      const job = await this.#driver.job(row.printer, row.cups_job!);
      if (!isOurs(row, job) || ['completed', 'canceled', 'aborted'].includes(job.state)) return row;
      await this.#driver.cancel(row.printer, job.id);
    }
    return this.#update(row, 'cancelled', null, row.cups_job, null);
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

  /**
   * A job left 'sending' by a crash: adopt the spooler's job if it got there (by the id recorded
   * the moment lp printed it, else by its title), else send again. A recorded id whose job the
   * spooler no longer has means it got there and was lost: the outcome is unknown, never resent.
   */
  async #recover(row: PrintJobRow): Promise<PrintJobRow> {
    if (row.cups_job !== null) {
      const job = await this.#driver.job(row.printer, row.cups_job);
      if (isOurs(row, job)) return this.#update(row, 'sent', null, job.id, null);
    }
    const found = await this.#driver.jobsTitled(row.printer, jobTitle(row.id), earliestSpoolerJob(row));
    if (found.length > 0) {
      // Keep the first; any duplicate can only come from a bug, and printing it would be a second copy.
      const [keep, ...extra] = found.sort((a, b) => a.id - b.id);
      for (const dup of extra)
        if (!['completed', 'canceled', 'aborted'].includes(dup.state)) await this.#driver.cancel(row.printer, dup.id);
      return this.#update(row, 'sent', null, keep!.id, null);
    }
    if (row.cups_job !== null) return this.#update(row, 'outcome-unknown', null, row.cups_job, 'printer/outcome-unknown');
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
    // In the spooler's time (the wall clock), not the service's: it is compared with the job's creation time.
    const sendingAt = Date.now();
    setSpoolerWindow(this.#db, row.id, { sendingAt, spooledAt: null });
    let sending = this.#update({ ...row, sending_at: sendingAt, spooled_at: null }, 'sending', null, null, null);
    let recorded: number | null = null;
    try {
      const jobId = await this.#driver.submit(row.printer, document, jobTitle(row.id), (id) => {
        // Committed before lp has even exited: from here on a crash cannot lose the spooler's id.
        recorded = id;
        const spooledAt = Date.now();
        transaction(this.#db, () => {
          updatePrintJob(this.#db, row.id, { state: 'sending', heldReason: null, cupsJob: id, error: null, at: this.#clock() });
          setSpoolerWindow(this.#db, row.id, { sendingAt, spooledAt });
        });
        sending = { ...sending, spooled_at: spooledAt };
      });
      if (sending.spooled_at === null) {
        // The driver did not say the id early: the job was created by the time submit returned.
        const spooledAt = Date.now();
        setSpoolerWindow(this.#db, row.id, { sendingAt, spooledAt });
        sending = { ...sending, spooled_at: spooledAt };
      }
      return this.#update({ ...sending, cups_job: recorded }, 'sent', null, jobId, null);
    } catch (error) {
      const code = isKioskError(error) ? error.code : 'printer/failed';
      // The spooler said the id: it has the job, whatever went wrong afterwards.
      if (recorded !== null) return this.#update({ ...sending, cups_job: recorded }, 'sent', null, recorded, null);
      // Definitely not sent: the spooler refused the destination, or lp could not reach it. Held until it is back.
      if (code === 'printer/service-not-running') return this.#update(sending, 'queued', 'service-not-running', null, null);
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
    // Gone, or the id now names another job (cupsd killed before it saved its job list): the job
    // was sent and may well have printed. Not 'failed', and never sent again: staff check the printer.
    if (!isOurs(row, job)) return this.#update(row, 'outcome-unknown', null, row.cups_job, 'printer/outcome-unknown');
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

  /** Dispatches until every given job is final (or waits for staff to say whether it printed) or the timeout passes. */
  async waitFor(jobIds: string[], options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<PrintJobView[]> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    const ids = jobIds.map(idFromString);
    for (;;) {
      await this.dispatch();
      const rows = ids.map((id) => getPrintJob(this.#db, id)!);
      const settled = rows.every((r) => isFinalPrintJobState(r.state) || needsPrintOutcome(r.state));
      if (settled || Date.now() >= deadline) return rows.map(view);
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

  /**
   * Staff checked the printer for a job whose outcome the spooler could not tell: 'printed'
   * completes it, 'not-printed' fails it (a person may then ask for a reprint). Nothing is sent.
   */
  resolveOutcome(jobId: string, outcome: PrintOutcome): PrintJobView {
    const row = getPrintJob(this.#db, idFromString(jobId));
    if (!row) throw new KioskError('printer/unknown-job', { ja: '印刷ジョブが見つかりません。', en: 'Unknown print job.' });
    if (!needsPrintOutcome(row.state)) throw new KioskError('printer/outcome-known');
    return view(
      outcome === 'printed'
        ? this.#update(row, 'completed', null, row.cups_job, null)
        : this.#update(row, 'failed', null, row.cups_job, 'printer/not-printed'),
    );
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
    let info: PrinterInfo | null | 'service-not-running';
    try {
      info = await this.#driver.printer(printer);
    } catch (error) {
      info = isServiceDown(error) ? 'service-not-running' : null;
    }
    const reason = availability(info);
    const heldJobs = openPrintJobs(this.#db).filter((r) => r.printer === printer).length;
    const state =
      reason === 'service-not-running'
        ? 'service-not-running'
        : reason === 'printer-missing'
          ? 'missing'
          : reason === 'printer-stopped'
            ? 'stopped'
            : reason === 'printer-not-accepting'
              ? 'not-accepting'
              : typeof info === 'object' && info?.state === 'printing'
                ? 'printing'
                : 'ready';
    const known = typeof info === 'object' ? info : null;
    return {
      printer,
      state,
      heldJobs: reason ? heldJobs : 0,
      reasons: known?.reasons ?? [],
      pdfQueue: known?.pdfQueue === true,
      keepsCopies: this.#keepsCopies.get(printer) ?? null,
    };
  }
}
