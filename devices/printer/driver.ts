// What the print service needs from a platform's spooler. Linux: CUPS (cups.ts). Windows is
// described in docs/queue.md (pdf-to-printer + the spooler's Get-PrintJob); not implemented here.

export interface PrinterInfo {
  name: string;
  state: 'idle' | 'printing' | 'stopped';
  accepting: boolean;
  reasons: string[];
  info: string;
  isDefault: boolean;
  /**
   * A CUPS-PDF queue (device URI cups-pdf:/…, or a CUPS-PDF make and model): it writes every job to
   * disk as a plain PDF file instead of paper. Absent: the driver cannot tell (taken as not).
   */
  pdfQueue?: boolean;
}

export type SpoolerJobState = 'pending' | 'held' | 'processing' | 'stopped' | 'canceled' | 'aborted' | 'completed';

export interface SpoolerJob {
  id: number;
  /** The job's title ('' when the spooler did not say). */
  name: string;
  state: SpoolerJobState;
  reasons: string[];
  /**
   * The spooler keeps the job's document (the decrypted print file) after the job finished (CUPS:
   * job-preserved, PreserveJobFiles). Absent: the driver cannot tell.
   */
  preserved?: boolean;
  /** Who sent it (job-originating-user-name), when the spooler says. */
  user?: string;
  /** When the spooler created it (ms since the epoch), when it says. */
  createdAt?: number | null;
}

/** Whether the spooler keeps the documents of printed jobs (CUPS: PreserveJobFiles in cupsd.conf). */
export interface JobFileRetention {
  /** Where the setting was read. */
  path: string;
  /** true: printed documents stay in the spool; null: could not be read or understood. */
  preserved: boolean | null;
  /** The value as written, or null when absent (CUPS's default then applies: 86400 s). */
  setting: string | null;
  /** How long they stay, in seconds (null: for ever, or unknown). */
  seconds: number | null;
}

export interface PrinterDriver {
  listPrinters(): Promise<PrinterInfo[]>;
  /** null when no printer of that name exists; throws `printer/service-not-running` when the spooler does not answer. */
  printer(name: string): Promise<PrinterInfo | null>;
  /**
   * Sends one PDF — a file path, or the document's bytes (piped to the spooler, so a decrypted
   * copy never touches the disk) — and returns the spooler's job id. The title must not contain
   * resident data.
   */
  /**
   * `onJobId` is called as soon as the spooler has said the job's id, before `submit` resolves:
   * the caller records it at once, so that a crash after it cannot lose the id.
   * Throws `printer/service-not-running` when the spooler itself does not answer.
   */
  submit(printer: string, document: string | Uint8Array, title: string, onJobId?: (jobId: number) => void): Promise<number>;
  /** The job of that id with its title, owner and creation time, or null when the spooler has none. */
  job(printer: string, jobId: number): Promise<SpoolerJob | null>;
  /**
   * Jobs of a printer with this exact title (to adopt a job sent just before a crash), finished
   * ones included; `since` (ms) skips jobs the spooler says were created before it.
   */
  jobsTitled(printer: string, title: string, since?: number): Promise<SpoolerJob[]>;
  cancel(printer: string, jobId: number): Promise<void>;
}

export const PRINTER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,126}$/;
