// CUPS driver: `lp` to submit (the tool every CUPS installation has, job id on stdout),
// IPP to read printer and job states (lpstat cannot tell completed from aborted jobs).
import { execFile, spawn } from 'node:child_process';
import { KioskError } from '../../domain/errors.ts';
import { PRINTER_NAME, type PrinterDriver, type PrinterInfo, type SpoolerJob, type SpoolerJobState } from './driver.ts';
import { defaultEndpoint, IppOp, ippRequest, ippTags, type IppAttributes, type IppEndpoint } from './ipp.ts';

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
const JOB_ATTRIBUTES = ['job-id', 'job-name', 'job-state', 'job-state-reasons', 'job-preserved'];
const IPP_NOT_FOUND = 0x0406;

/** IPP status codes from 0x0400 up are errors; callers must not read them as "no jobs". */
function assertOk(status: number, allowNotFound: boolean): void {
  if (status >= 0x0400 && !(allowNotFound && status === IPP_NOT_FOUND)) throw new Error(`IPP status 0x${status.toString(16)}`);
}

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, LANG: 'C', LC_ALL: 'C' }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

/** Runs a command with `input` on its stdin; a command that stops reading (EPIPE) is a failed run, not a crash. */
function runWithInput(command: string, args: string[], input: Uint8Array): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, LANG: 'C', LC_ALL: 'C' }, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', () => resolve({ stdout, stderr, code: 1 }));
    child.on('close', (code) => resolve({ stdout, stderr, code: code ?? 1 }));
    child.stdin.end(input);
  });
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
export function isPdfQueue(deviceUri: string, makeAndModel: string): boolean {
  return /^cups-pdf:/i.test(deviceUri) || /cups-pdf/i.test(makeAndModel);
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
  return {
    id: Number(first(attrs, 'job-id')),
    name: String(first(attrs, 'job-name') ?? ''),
    state: JOB_STATES[Number(first(attrs, 'job-state'))] ?? 'pending',
    reasons: (attrs.get('job-state-reasons') ?? []).map(String).filter((r) => r !== 'none'),
    preserved: first(attrs, 'job-preserved') === true,
  };
}

export function createCupsDriver(endpoint: IppEndpoint = defaultEndpoint()): PrinterDriver {
  const printerUri = (name: string) => `ipp://localhost/printers/${name}`;

  async function defaultPrinter(): Promise<string | null> {
    const res = await ippRequest(endpoint, '/', IppOp.cupsGetDefault, [[ippTags.keyword, 'requested-attributes', ['printer-name']]]);
    const group = res.groups.find((g) => g.tag === 0x04);
    return group ? String(first(group.attributes, 'printer-name') ?? '') || null : null;
  }

  return {
    async listPrinters() {
      const [res, def] = await Promise.all([
        ippRequest(endpoint, '/', IppOp.cupsGetPrinters, [[ippTags.keyword, 'requested-attributes', PRINTER_ATTRIBUTES]]),
        defaultPrinter().catch(() => null),
      ]);
      assertOk(res.status, true); // not-found here means no printers are installed
      return res.groups.filter((g) => g.tag === 0x04).map((g) => toPrinter(g.attributes, def));
    },

    async printer(name) {
      checkName(name);
      const res = await ippRequest(endpoint, `/printers/${name}`, IppOp.getPrinterAttributes, [
        [ippTags.uri, 'printer-uri', [printerUri(name)]],
        [ippTags.keyword, 'requested-attributes', PRINTER_ATTRIBUTES],
      ]);
      if (res.status === IPP_NOT_FOUND) return null;
      const group = res.groups.find((g) => g.tag === 0x04);
      return group ? toPrinter(group.attributes, null) : null;
    },

    async submit(printer, document, title) {
      checkName(printer);
      const args = ['-d', printer, '-t', title, '-o', 'media=A4', '-o', 'sides=one-sided'];
      // Bytes go in on stdin (lp with no file reads it): the decrypted PDF exists only in memory and at the spooler.
      const result = typeof document === 'string' ? await run('lp', [...args, '--', document]) : await runWithInput('lp', args, document);
      const match = /request id is \S+-(\d+)/.exec(result.stdout);
      if (result.code !== 0 || !match) {
        if (/does not exist|not exist|Unknown destination/i.test(result.stderr)) {
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
      const res = await ippRequest(endpoint, '/jobs', IppOp.getJobAttributes, [
        [ippTags.uri, 'printer-uri', [printerUri(printer)]],
        [ippTags.integer, 'job-id', [jobId]],
        [ippTags.keyword, 'requested-attributes', JOB_ATTRIBUTES],
      ]);
      if (res.status === IPP_NOT_FOUND) return null;
      assertOk(res.status, false);
      const group = res.groups.find((g) => g.tag === 0x02);
      return group ? toJob(group.attributes) : null;
    },

    async jobsTitled(printer, title) {
      checkName(printer);
      const res = await ippRequest(endpoint, `/printers/${printer}`, IppOp.getJobs, [
        [ippTags.uri, 'printer-uri', [printerUri(printer)]],
        [ippTags.keyword, 'which-jobs', ['all']],
        [ippTags.keyword, 'requested-attributes', JOB_ATTRIBUTES],
      ]);
      // A missing printer has no jobs; any other error must not look like "not sent yet".
      if (res.status === IPP_NOT_FOUND) return [];
      assertOk(res.status, false);
      return res.groups
        .filter((g) => g.tag === 0x02)
        .map((g) => toJob(g.attributes))
        .filter((j) => j.name === title);
    },

    async cancel(printer, jobId) {
      checkName(printer);
      await run('cancel', [`${printer}-${jobId}`]);
    },
  };
}
