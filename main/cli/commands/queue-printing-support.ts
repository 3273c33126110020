// Shared plumbing of the queue and printing commands: database/key options, error output.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgsUsage, reportError, usageError, type CliIo } from '../command.ts';
import { createFileKeyProvider } from '../../crypto/key-provider.ts';
import { ensureFolder } from '../../db/ensure-folder.ts';
import { databaseError } from '../../db/sqlite-errors.ts';
import { isRealDay, parseInstant } from '../../../domain/dates.ts';
import { KioskError } from '../../../domain/errors.ts';
import { openKioskDatabase, type KioskDatabase } from '../../services/kiosk-database.ts';

export const DEFAULT_DB = '.kiosk-data/kiosk.sqlite';

export const dbOptions = {
  db: { type: 'string' },
  'key-file': { type: 'string' },
  /** Explicitly allow a key file inside the database's folder (copying the folder then decrypts it). */
  'key-beside-db': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  now: { type: 'string' },
} as const;

/** The user's config directory for this app ($KIOSK_CONFIG_DIR, else the platform's own). */
export function configDir(): string {
  if (process.env.KIOSK_CONFIG_DIR) return resolve(process.env.KIOSK_CONFIG_DIR);
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'kakanai-madoguchi');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'kakanai-madoguchi');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'kakanai-madoguchi');
}

/**
 * The default master key of a database: in the user's config directory (0700/0600), one folder per
 * database (by its absolute path), so its period keys are that database's alone. Never in the data folder.
 */
export function defaultKeyFile(dbPath: string): string {
  const id = createHash('sha256').update(resolve(dbPath)).digest('hex').slice(0, 16);
  return join(configDir(), 'keys', id, 'master.key');
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function openFromArgs(
  values: { db?: string | undefined; 'key-file'?: string | undefined; 'key-beside-db'?: boolean | undefined; now?: string | undefined },
  retentionDays?: number,
  access: 'read' | 'write' = 'write',
): KioskDatabase {
  const path = resolve(values.db ?? process.env.KIOSK_DB ?? DEFAULT_DB);
  const keyFile = resolve(values['key-file'] ?? defaultKeyFile(path));
  if (isInside(dirname(path), keyFile) && !values['key-beside-db']) {
    throw new KioskError('cli/usage', {
      ja: '鍵ファイルがデータベースと同じフォルダーにあります。フォルダーを複写すると個人情報を復号できてしまいます。別の場所を指定するか、承知のうえで --key-beside-db を付けてください。',
      en: 'The key file is inside the database folder: a copy of the folder would decrypt it. Use another place, or pass --key-beside-db deliberately.',
    });
  }
  const fixedNow = values.now === undefined ? null : instantOption(values.now, '--now');
  // The key's folder first: a key path that cannot exist fails before a database is made for it.
  ensureFolder(dirname(keyFile));
  return openKioskDatabase({
    path,
    // A new key only for a database without sealed data (else db/key-mismatch, and no key is made).
    keyProvider: ({ create }) => createFileKeyProvider(keyFile, { create }),
    // The ticket high-water marks live beside the key, outside the database's folder.
    ticketMarksFile: join(dirname(keyFile), 'ticket-marks.json'),
    // The app's full-check record: a finding refuses writes here too; `queue check` renews it.
    fullCheckFile: join(dirname(keyFile), 'full-check.json'),
    clock: fixedNow === null ? undefined : () => fixedNow,
    retentionDays,
    access,
    // quick_check guards writes (a damaged file is not written further); a read is not refused by
    // it, so reading commands skip it (2-3 s on a year of a busy office's requests).
    quickCheck: access === 'write',
  });
}

/** Opens the database named on the command line, runs `body` with it, and always closes it. */
export function withKiosk<T>(
  values: Parameters<typeof openFromArgs>[0],
  body: (kiosk: KioskDatabase) => T,
  retentionDays?: number,
  access: 'read' | 'write' = 'write',
): T {
  const kiosk = openFromArgs(values, retentionDays, access);
  try {
    return body(kiosk);
  } finally {
    kiosk.close();
  }
}

/** Runs a command body, turning known errors into the one CLI error output and the catalogue's exit code. */
export async function guarded(io: CliIo, json: boolean, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    return reportError(io, json, parseArgsUsage(error) ?? databaseError(error) ?? error);
  }
}

export function intOption(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw usageError(`${name} must be an integer ≥ ${min}`);
  return n;
}

/** A --day/--from/--to value: a real calendar day (YYYY-MM-DD), else a usage error (exit 2). */
export function dayOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isRealDay(value)) throw usageError(`${name} must be a real date (YYYY-MM-DD)`);
  return value;
}

/** A --now value: an ISO 8601 date-time with a real date and time (Z or an offset), else a usage error (exit 2). */
export function instantOption(value: string, name: string): number {
  const ms = parseInstant(value);
  if (ms === null) throw usageError(`${name} must be a real ISO date-time (YYYY-MM-DDTHH:MM:SSZ)`);
  return ms;
}
