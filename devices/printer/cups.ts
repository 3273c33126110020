// CUPS driver: `lp` to submit (the tool every CUPS installation has, job id on stdout),
// IPP to read printer and job states (lpstat cannot tell completed from aborted jobs), and the
// PreserveJobFiles setting from cupsd.conf.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KioskError } from '../../domain/errors.ts';
import {
  PRINTER_NAME,
  type JobFileRetention,
  type PrinterDriver,
  type PrinterInfo,
  type SpoolerJob,
  type SpoolerJobState,
} from './driver.ts';
import { defaultEndpoint, IppOp, ippRequest, ippTags, type IppAttributes, type IppEndpoint, type IppResponse } from './ipp.ts';

const JOB_STATES: Record<number, SpoolerJobState> = {
  3: 'pending',
  4: 'held',
  5: 'processing',
  6: 'stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
};
const PRINTER_ATTRIBUTES = [
  'printer-name',
  'printer-state',
  'printer-state-reasons',
  'printer-is-accepting-jobs',
  'printer-info',
  'device-uri',
  'printer-make-and-model',
];
// Who sent the job and when: with the title, what tells our job from another one that got the same
// id (CUPS hands out an id again when cupsd was killed before it saved its job list).
const JOB_ATTRIBUTES = [
  'job-id',
  'job-name',
  'job-state',
  'job-state-reasons',
  'job-preserved',
  'job-originating-user-name',
  'time-at-creation',
];
const IPP_NOT_FOUND = 0x0406;

/** IPP status codes from 0x0400 up are errors; callers must not read them as "no jobs". */
function assertOk(status: number, allowNotFound: boolean): void {
  if (status >= 0x0400 && !(allowNotFound && status === IPP_NOT_FOUND)) throw new Error(`IPP status 0x${status.toString(16)}`);
}

/**
 * Runs a command, with `input` on its stdin when given (a command that stops reading, EPIPE, is a
 * failed run, not a crash). `onStdout` sees the output as it arrives, before the command exits.
 */
function run(
  command: string,
  args: string[],
  input?: Uint8Array,
  onStdout?: (soFar: string) => void,
): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, LANG: 'C', LC_ALL: 'C' }, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', () => resolve({ stdout, stderr, code: 1 }));
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? 1 }));
    child.stdin.end(input ?? new Uint8Array(0));
  });
}

/** The spooler did not answer at all (refused, no socket, reset, timed out): cupsd is not running. */
function serviceNotRunning(error: unknown): KioskError {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const why = typeof cause === 'string' ? cause : error instanceof Error ? error.name : 'no answer';
  return new KioskError('printer/service-not-running', {
    en: `The print service (CUPS, cupsd) is not running (${why}); jobs are held and print once it runs again.`,
  });
}

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer R] ? R : never;

/** An IPP request to cupsd; a cupsd that does not answer is `printer/service-not-running`, not a missing printer. */
async function ipp(endpoint: IppEndpoint, ...rest: DropFirst<Parameters<typeof ippRequest>>): Promise<IppResponse> {
  try {
    return await ippRequest(endpoint, ...rest);
  } catch (error) {
    if (error instanceof Error && /^IPP HTTP/.test(error.message)) throw error;
    throw serviceNotRunning(error);
  }
}

function checkName(printer: string): void {
  if (!PRINTER_NAME.test(printer)) {
    throw new KioskError('printer/invalid-input', { ja: 'プリンター名が不正です。', en: 'Invalid printer name.' });
  }
}

function first(attrs: IppAttributes, name: string): unknown {
  return attrs.get(name)?.[0];
}

/** A CUPS-PDF queue writes each job to a file: its backend's URI scheme, or its driver's make and model. */
/** A queue that writes what it prints to a file on this machine: CUPS-PDF, or CUPS's file: device. */
export function isPdfQueue(deviceUri: string, makeAndModel: string): boolean {
  return /^(cups-pdf|file):/i.test(deviceUri) || /cups-pdf/i.test(makeAndModel);
}

function toPrinter(attrs: IppAttributes, defaultName: string | null): PrinterInfo {
  const name = String(first(attrs, 'printer-name') ?? '');
  const state = first(attrs, 'printer-state');
  return {
    pdfQueue: isPdfQueue(String(first(attrs, 'device-uri') ?? ''), String(first(attrs, 'printer-make-and-model') ?? '')),
    name,
    state: state === 5 ? 'stopped' : state === 4 ? 'printing' : 'idle',
    accepting: first(attrs, 'printer-is-accepting-jobs') !== false,
    reasons: (attrs.get('printer-state-reasons') ?? []).map(String).filter((r) => r !== 'none'),
    info: String(first(attrs, 'printer-info') ?? ''),
    isDefault: name === defaultName,
  };
}

function toJob(attrs: IppAttributes): SpoolerJob {
  const created = first(attrs, 'time-at-creation');
  return {
    id: Number(first(attrs, 'job-id')),
    name: String(first(attrs, 'job-name') ?? ''),
    state: JOB_STATES[Number(first(attrs, 'job-state'))] ?? 'pending',
    reasons: (attrs.get('job-state-reasons') ?? []).map(String).filter((r) => r !== 'none'),
    preserved: first(attrs, 'job-preserved') === true,
    user: String(first(attrs, 'job-originating-user-name') ?? ''),
    // CUPS counts time-at-creation in seconds since the epoch.
    createdAt: typeof created === 'number' && created > 0 ? created * 1000 : null,
  };
}

const BOOLEAN: Record<string, boolean> = { yes: true, on: true, true: true, no: false, off: false, false: false };

/**
 * CUPS's PreserveJobFiles, read from cupsd.conf (default /etc/cups/cupsd.conf, or under
 * CUPS_SERVERROOT). Yes/No, or a number of seconds; absent, CUPS keeps job files for 86400 s.
 * The file is world-readable on Debian and Fedora; asking cupsd itself (cupsctl, /admin/conf)
 * needs an administrator and could prompt for a password.
 */
export function readJobFileRetention(path = join(process.env.CUPS_SERVERROOT ?? '/etc/cups', 'cupsd.conf')): JobFileRetention {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { path, preserved: null, setting: null, seconds: null };
  }
  let setting: string | null = null;
  let depth = 0; // PreserveJobFiles is a top-level directive; skip <Location>/<Policy> blocks
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (/^<\//.test(line)) depth = Math.max(0, depth - 1);
    else if (/^</.test(line)) depth += 1;
    else if (depth === 0) {
      const m = /^PreserveJobFiles\s+(\S+)/i.exec(line);
      if (m) setting = m[1]!;
    }
  }
  if (setting === null) return { path, preserved: true, setting: null, seconds: 86_400 };
  const flag = BOOLEAN[setting.toLowerCase()];
  if (flag !== undefined) return { path, preserved: flag, setting, seconds: flag ? null : 0 };
  const seconds = Number(setting);
  if (Number.isInteger(seconds) && seconds >= 0) return { path, preserved: seconds > 0, setting, seconds };
  return { path, preserved: null, setting, seconds: null };
}

export function createCupsDriver(endpoint: IppEndpoint = defaultEndpoint()): PrinterDriver {
  const printerUri = (name: string) => `ipp://localhost/printers/${name}`;

  async function defaultPrinter(): Promise<string | null> {
    const res = await ipp(endpoint, '/', IppOp.cupsGetDefault, [[ippTags.keyword, 'requested-attributes', ['printer-name']]]);
    const group = res.groups.find((g) => g.tag === 0x04);
    return group ? String(first(group.attributes, 'printer-name') ?? '') || null : null;
  }

  const driver: PrinterDriver = {
    async listPrinters() {
      const [res, def] = await Promise.all([
        ipp(endpoint, '/', IppOp.cupsGetPrinters, [[ippTags.keyword, 'requested-attributes', PRINTER_ATTRIBUTES]]),
        defaultPrinter().catch(() => null),
      ]);
      assertOk(res.status, true); // not-found here means no printers are installed
      return res.groups.filter((g) => g.tag === 0x04).map((g) => toPrinter(g.attributes, def));
    },

    async printer(name) {
      checkName(name);
      const res = await ipp(endpoint, `/printers/${name}`, IppOp.getPrinterAttributes, [
        [ippTags.uri, 'printer-uri', [printerUri(name)]],
        [ippTags.keyword, 'requested-attributes', PRINTER_ATTRIBUTES],
      ]);
      if (res.status === IPP_NOT_FOUND) return null;
      const group = res.groups.find((g) => g.tag === 0x04);
      return group ? toPrinter(group.attributes, null) : null;
    },

    async submit(printer, document, title, onJobId) {
      checkName(printer);
      const args = ['-d', printer, '-t', title, '-o', 'media=A4', '-o', 'sides=one-sided'];
      const REQUEST_ID = /request id is \S+-(\d+)/;
      let told = false;
      // lp prints the job id once CUPS has the whole job: hand it on at once, before lp exits and
      // before anything else can happen, so that a crash from here on leaves the id on record.
      const watch = (soFar: string) => {
        const m = REQUEST_ID.exec(soFar);
        if (m && !told && onJobId) {
          told = true;
          onJobId(Number(m[1]));
        }
      };
      // Bytes go in on stdin (lp with no file reads it): the decrypted PDF exists only in memory and at the spooler.
      const result =
        typeof document === 'string'
          ? await run('lp', [...args, '--', document], undefined, watch)
          : await run('lp', args, document, watch);
      const match = REQUEST_ID.exec(result.stdout);
      if (result.code !== 0 || !match) {
        if (/does not exist|not exist|Unknown destination|Scheduler is not running|Unable to connect/i.test(result.stderr)) {
          // lp says "The printer or class does not exist" when it cannot reach cupsd at all:
          // ask cupsd itself before calling the printer missing.
          const info = await driver.printer(printer); // throws printer/service-not-running when cupsd does not answer
          if (!info)
            throw new KioskError('printer/missing', {
              ja: `プリンター「${printer}」が見つかりません。`,
              en: `Printer '${printer}' does not exist.`,
            });
        }
        if (/not accepting/i.test(result.stderr)) {
          throw new KioskError('printer/not-accepting', {
            ja: `プリンター「${printer}」は受付を停止しています。`,
            en: `Printer '${printer}' is not accepting jobs.`,
          });
        }
        throw new KioskError('printer/failed', { ja: '印刷を送信できませんでした。', en: `lp failed (exit ${result.code}).` });
      }
      return Number(match[1]);
    },

    async job(printer, jobId) {
      const res = await ipp(endpoint, '/jobs', IppOp.getJobAttributes, [
        [ippTags.uri, 'printer-uri', [printerUri(printer)]],
        [ippTags.integer, 'job-id', [jobId]],
        [ippTags.keyword, 'requested-attributes', JOB_ATTRIBUTES],
      ]);
      if (res.status === IPP_NOT_FOUND) return null;
      assertOk(res.status, false);
      const group = res.groups.find((g) => g.tag === 0x02);
      return group ? toJob(group.attributes) : null;
    },

    async jobsTitled(printer, title, since) {
      checkName(printer);
      const res = await ipp(endpoint, `/printers/${printer}`, IppOp.getJobs, [
        [ippTags.uri, 'printer-uri', [printerUri(printer)]],
        [ippTags.keyword, 'which-jobs', ['all']],
        [ippTags.keyword, 'requested-attributes', JOB_ATTRIBUTES],
      ]);
      // A missing printer has no jobs; any other error must not look like "not sent yet".
      if (res.status === IPP_NOT_FOUND) return [];
      assertOk(res.status, false);
      const found: SpoolerJob[] = [];
      for (const listed of res.groups.filter((g) => g.tag === 0x02).map((g) => toJob(g.attributes))) {
        if (since !== undefined && listed.createdAt !== null && listed.createdAt !== undefined && listed.createdAt < since) continue;
        if (listed.name === title) found.push(listed);
        else if (listed.name === '') {
          // CUPS 2.4 lists a finished job without its name (and creation time) until something
          // loads it again; Get-Job-Attributes does, and answers with the name.
          const job = await driver.job(printer, listed.id);
          if (job?.name === title) found.push(job);
        }
      }
      return found;
    },

    async cancel(printer, jobId) {
      checkName(printer);
      await run('cancel', [`${printer}-${jobId}`]);
    },
  };
  return driver;
}
