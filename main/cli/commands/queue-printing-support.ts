// Shared plumbing of the queue and printing commands: database/key options, error output.
import { dirname, join, resolve } from 'node:path';
import type { CliIo } from '../command.ts';
import { printJson } from '../command.ts';
import { createFileKeyProvider } from '../../crypto/key-provider.ts';
import { openKioskDatabase, type KioskDatabase } from '../../services/kiosk-database.ts';
import { isKioskDataError, type DataErrorCode } from '../../queue/errors.ts';

export const DEFAULT_DB = '.kiosk-data/kiosk.sqlite';

export const dbOptions = {
  db: { type: 'string' },
  'key-file': { type: 'string' },
  json: { type: 'boolean', default: false },
  now: { type: 'string' },
} as const;

export function openFromArgs(
  values: { db?: string | undefined; 'key-file'?: string | undefined; now?: string | undefined },
  retentionDays?: number,
): KioskDatabase {
  const path = resolve(values.db ?? process.env.KIOSK_DB ?? DEFAULT_DB);
  const keyFile = resolve(values['key-file'] ?? join(dirname(path), 'master.key'));
  const fixedNow = values.now ? Date.parse(values.now) : null;
  if (values.now && !Number.isFinite(fixedNow)) throw new UsageError('--now must be an ISO date-time');
  const base = { path, keyProvider: createFileKeyProvider(keyFile), ...(fixedNow !== null ? { clock: () => fixedNow } : {}) };
  return openKioskDatabase(retentionDays === undefined ? base : { ...base, retentionDays });
}

/** Opens the database named on the command line, runs `body` with it, and always closes it. */
export function withKiosk<T>(values: Parameters<typeof openFromArgs>[0], body: (kiosk: KioskDatabase) => T, retentionDays?: number): T {
  const kiosk = openFromArgs(values, retentionDays);
  try {
    return body(kiosk);
  } finally {
    kiosk.close();
  }
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const EXIT: Partial<Record<DataErrorCode, number>> = {
  'invalid-input': 2,
  'unknown-category': 2,
  'forbidden-personal-field': 2,
  'illegal-transition': 3,
  'unknown-request': 4,
  'unknown-print-job': 4,
  'file-missing': 4,
  'personal-data-purged': 4,
  'printer-missing': 5,
  'printer-stopped': 5,
  'print-failed': 5,
  'db-newer-schema': 6,
  'db-open-failed': 6,
  'db-integrity': 6,
  'key-unavailable': 7,
  'key-file-permissions': 7,
  'decrypt-failed': 7,
};

/** Runs a command body, turning known errors into a JSON/stderr message and an exit code. */
export async function guarded(io: CliIo, json: boolean, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      const message = error.message.replace(/\n.*/s, '');
      if (json) printJson(io, { error: 'usage', message: `使い方が正しくありません: ${message}`, messageEn: message });
      else io.stderr(`使い方が正しくありません / usage error: ${message}\n`);
      return 2;
    }
    if (isKioskDataError(error)) {
      if (json) printJson(io, error.toJSON());
      else io.stderr(`${error.message}\n${error.messageEn}\n`);
      return EXIT[error.code] ?? 1;
    }
    throw error;
  }
}

export function intOption(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}`);
  return n;
}
