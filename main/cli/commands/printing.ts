// `kiosk printers`, `kiosk print <file.pdf>… --printer <name>`, `kiosk print-jobs`, `kiosk reprint <job>`,
// `kiosk print-outcome <job> printed|not-printed` (staff checked the printer for an unknown outcome).
// Every job is recorded in the database before it is sent (see main/printing/print-service.ts).
import { parseArgs } from 'node:util';
import { printJson, reportError, usageError, type CliCommand } from '../command.ts';
import { EXIT_CODES, KioskError, isKioskError } from '../../../domain/errors.ts';
import { printOutcome } from '../../../domain/print-job.ts';
import { jobFilesWarning } from '../../printing/job-files.ts';
import { dbOptions, guarded, intOption, openFromArgs } from './queue-printing-support.ts';
import { createCupsDriver, readJobFileRetention } from '../../../devices/printer/cups.ts';
import type { PrintEvent, PrintJobView } from '../../printing/print-service.ts';
import { basename } from 'node:path';

function jobLine(j: PrintJobView): string {
  return `${j.state.padEnd(9)} ${(j.heldReason ?? '').padEnd(16)} ${j.printer} ${j.spoolerJob ?? '-'} ${j.document} ${j.id}`;
}

const printers: CliCommand = {
  path: ['printers'],
  summary: 'list printers and their state',
  async run(args, io) {
    return guarded(io, args.includes('--json'), async () => {
      const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, strict: true });
      let list;
      try {
        list = await createCupsDriver().listPrinters();
      } catch (error) {
        return reportError(io, values.json, isKioskError(error) ? error : new KioskError('printer/spooler-unavailable'));
      }
      // Printed forms must not stay in the spooler's directory: said to IT staff, on stderr.
      const jobFiles = readJobFileRetention();
      const warning = jobFilesWarning(jobFiles);
      if (warning) io.stderr(`${warning.message}\n${warning.messageEn}\n${warning.action}\n`);
      if (values.json) printJson(io, { printers: list, jobFiles: { ...jobFiles, warning: warning?.code ?? null } });
      else
        io.stdout(
          list
            .map(
              (p) =>
                `${p.isDefault ? '*' : ' '} ${p.name.padEnd(20)} ${p.state}${p.accepting ? '' : ' (not accepting)'} ${p.reasons.join(',')}`,
            )
            .join('\n') + '\n',
        );
      return 0;
    });
  },
};

const print: CliCommand = {
  path: ['print'],
  summary: 'print PDFs: print <file.pdf>… --printer <name> [--no-wait]',
  async run(args, io) {
    return guarded(io, args.includes('--json'), async () => {
      const { values, positionals } = parseArgs({
        args,
        options: {
          ...dbOptions,
          printer: { type: 'string' },
          request: { type: 'string' },
          'no-wait': { type: 'boolean', default: false },
          'timeout-ms': { type: 'string' },
        },
        strict: true,
        allowPositionals: true,
      });
      if (!values.printer) throw usageError('--printer <name> is required');
      if (positionals.length === 0) throw usageError('print <file.pdf>… --printer <name>');
      const k = openFromArgs(values);
      const service = k.printService(createCupsDriver());
      const notices: PrintEvent[] = [];
      service.onEvent((e) => {
        if (e.type !== 'job') notices.push(e);
        if (e.type === 'printer-unavailable' && !values.json) io.stderr(`${e.message}\n${e.messageEn}\n`);
      });
      try {
        let jobs = await service.print({
          printer: values.printer,
          files: positionals.map((path) => ({ path, document: basename(path) })),
          requestId: values.request,
        });
        if (!values['no-wait'])
          jobs = await service.waitFor(
            jobs.map((j) => j.id),
            { timeoutMs: intOption(values['timeout-ms'], '--timeout-ms', 30_000, 0) },
          );
        const held = jobs.some((j) => j.heldReason !== null && j.state !== 'completed');
        const failed = jobs.some((j) => j.state === 'failed' || j.state === 'cancelled' || j.state === 'outcome-unknown');
        if (values.json) printJson(io, { jobs, notices: notices.map((n) => ({ ...n })) });
        else io.stdout(jobs.map(jobLine).join('\n') + '\n');
        // 0 all printed (or sent with --no-wait); held or failed: staff must look at the printer.
        return failed || held ? EXIT_CODES.unavailable : EXIT_CODES.ok;
      } finally {
        service.stop();
        k.close();
      }
    });
  },
};

const printJobs: CliCommand = {
  path: ['print-jobs'],
  summary: 'recent print jobs; --dispatch sends held jobs whose printer is back',
  async run(args, io) {
    return guarded(io, args.includes('--json'), async () => {
      const { values } = parseArgs({
        args,
        options: { ...dbOptions, dispatch: { type: 'boolean', default: false }, limit: { type: 'string' } },
        strict: true,
      });
      const k = openFromArgs(values);
      const service = k.printService(createCupsDriver());
      try {
        if (values.dispatch) await service.dispatch();
        const jobs = service.recent(intOption(values.limit, '--limit', 50, 1));
        if (values.json) printJson(io, { jobs });
        else io.stdout(jobs.map(jobLine).join('\n') + '\n');
        return 0;
      } finally {
        k.close();
      }
    });
  },
};

const reprint: CliCommand = {
  path: ['reprint'],
  summary: 'print a job again (a person asked for another copy)',
  async run(args, io) {
    return guarded(io, args.includes('--json'), async () => {
      const { values, positionals } = parseArgs({
        args,
        options: { ...dbOptions, 'timeout-ms': { type: 'string' } },
        strict: true,
        allowPositionals: true,
      });
      if (positionals.length !== 1) throw usageError('reprint <job-id>');
      const k = openFromArgs(values);
      const service = k.printService(createCupsDriver());
      try {
        const job = await service.reprint(positionals[0]!);
        const [done] = await service.waitFor([job.id], { timeoutMs: intOption(values['timeout-ms'], '--timeout-ms', 30_000, 0) });
        if (values.json) printJson(io, { job: done });
        else io.stdout(`${jobLine(done!)}\n`);
        return done!.state === 'completed' ? EXIT_CODES.ok : EXIT_CODES.unavailable;
      } finally {
        k.close();
      }
    });
  },
};

const outcome: CliCommand = {
  path: ['print-outcome'],
  summary: 'record what staff found at the printer for a job whose outcome is unknown: print-outcome <job> printed|not-printed',
  async run(args, io) {
    return guarded(io, args.includes('--json'), async () => {
      const { values, positionals } = parseArgs({ args, options: { ...dbOptions }, strict: true, allowPositionals: true });
      const found = printOutcome.safeParse(positionals[1]);
      if (positionals.length !== 2 || !found.success) throw usageError('print-outcome <job-id> printed|not-printed');
      const k = openFromArgs(values);
      try {
        const job = k.printService(createCupsDriver()).resolveOutcome(positionals[0]!, found.data);
        if (values.json) printJson(io, { job });
        else io.stdout(`${jobLine(job)}\n`);
        return 0;
      } finally {
        k.close();
      }
    });
  },
};

export const commands: CliCommand[] = [printers, print, printJobs, reprint, outcome];
