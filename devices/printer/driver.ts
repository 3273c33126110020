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
  name: string;
  state: SpoolerJobState;
  reasons: string[];
  /**
   * The spooler keeps the job's document (the decrypted print file) after the job finished (CUPS:
   * job-preserved, PreserveJobFiles). Absent: the driver cannot tell.
   */
  preserved?: boolean;
}

export interface PrinterDriver {
  listPrinters(): Promise<PrinterInfo[]>;
  /** null when no printer of that name exists. */
  printer(name: string): Promise<PrinterInfo | null>;
  /**
   * Sends one PDF — a file path, or the document's bytes (piped to the spooler, so a decrypted
   * copy never touches the disk) — and returns the spooler's job id. The title must not contain
   * resident data.
   */
  submit(printer: string, document: string | Uint8Array, title: string): Promise<number>;
  job(printer: string, jobId: number): Promise<SpoolerJob | null>;
  /** Jobs of a printer with this exact title (to adopt a job sent just before a crash). */
  jobsTitled(printer: string, title: string): Promise<SpoolerJob[]>;
  cancel(printer: string, jobId: number): Promise<void>;
}

export const PRINTER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,126}$/;
