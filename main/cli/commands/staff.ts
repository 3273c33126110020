// Staff accounts and the audit log for IT staff: `staff add <id> --role staff|supervisor`
// (password read from standard input, never argv), `staff list`, `audit`.
// --data-dir is the app's data directory (Electron: <userData>/kiosk; default .kiosk-data).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CliCommand, type CliIo, parseArgsUsage, printJson, reportError, usageError } from '../command.ts';
import { readHiddenLine } from '../secret-input.ts';
import { StaffAccounts } from '../../auth/staff-accounts.ts';
import { KioskError } from '../../../domain/errors.ts';
import { AuditLog } from '../../audit/audit-log.ts';

const DEFAULT_DATA_DIR = '.kiosk-data';

/** The password typed at a terminal, without echo (the prompt goes to stderr). */
async function readHiddenPassword(io: CliIo): Promise<string> {
  const bytes = await readHiddenLine(process.stdin, {
    prompt: 'パスワード（12文字以上・表示されません）/ password (hidden): ',
    write: io.stderr,
    max: 1024,
  });
  const text = Buffer.from(bytes).toString('utf8');
  bytes.fill(0);
  return text;
}

const add: CliCommand = {
  path: ['staff', 'add'],
  summary: 'staff add <staff-id> --role staff|supervisor [--data-dir <dir>] [--json]  (password from stdin)',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { role: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
      });
    } catch (error) {
      return reportError(io, args.includes('--json'), parseArgsUsage(error) ?? error);
    }
    const json = parsed.values.json === true;
    const [staffId] = parsed.positionals;
    const role = parsed.values.role;
    if (!staffId || (role !== 'staff' && role !== 'supervisor')) return reportError(io, json, usageError(`usage: ${this.summary}`));
    // At a terminal the password is typed hidden (never echoed); from a pipe it is the first line.
    const password = process.stdin.isTTY ? await readHiddenPassword(io) : (await io.readStdin()).replace(/\r?\n$/, '');
    const dir = parsed.values['data-dir'] ?? DEFAULT_DATA_DIR;
    try {
      await new StaffAccounts(join(dir, 'staff-accounts.json')).setPassword(staffId, role, password);
    } catch (error) {
      return reportError(io, json, error);
    }
    if (json) printJson(io, { staffId, role });
    else io.stdout(`${staffId} (${role}) を登録しました / saved\n`);
    return 0;
  },
};

const list: CliCommand = {
  path: ['staff', 'list'],
  summary: 'staff list [--data-dir <dir>] [--json]',
  async run(args, io) {
    const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } } });
    const accounts = new StaffAccounts(join(values['data-dir'] ?? DEFAULT_DATA_DIR, 'staff-accounts.json')).list();
    if (values.json) printJson(io, accounts);
    else for (const a of accounts) io.stdout(`${a.staffId}\t${a.role}\n`);
    return 0;
  },
};

const audit: CliCommand = {
  path: ['audit'],
  summary: 'audit [--limit <n>] [--data-dir <dir>] [--json]  (who did what, when, to which request; no personal data)',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { limit: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    });
    const file = join(values['data-dir'] ?? DEFAULT_DATA_DIR, 'audit.sqlite');
    if (!existsSync(file)) return reportError(io, values.json === true, new KioskError('cli/no-audit-log'));
    const log = new AuditLog(file);
    try {
      const entries = log.entries(Number(values.limit ?? 100) || 100);
      if (values.json) printJson(io, entries);
      else
        for (const e of entries)
          io.stdout(`${e.at}\t${e.staffId ?? '-'}\t${e.counter ?? '-'}\t${e.action}\t${e.reference ?? '-'}\t${e.detail ?? ''}\n`);
    } finally {
      log.close();
    }
    return 0;
  },
};

export const commands: CliCommand[] = [add, list, audit];
