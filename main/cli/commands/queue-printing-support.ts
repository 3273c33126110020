// Shared plumbing of the queue and printing commands: database/key options, error output.
import { dirname, join, resolve } from 'node:path';
import { parseArgsUsage, reportError, usageError, type CliIo } from '../command.ts';
import { createFileKeyProvider } from '../../crypto/key-provider.ts';
import { openKioskDatabase, type KioskDatabase } from '../../services/kiosk-database.ts';

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
  if (values.now && !Number.isFinite(fixedNow)) throw usageError('--now must be an ISO date-time');
  const base = { path, keyProvider: createFileKeyProvider(keyFile), clock: fixedNow === null ? undefined : () => fixedNow };
  return openKioskDatabase({ ...base, retentionDays });
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

/** Runs a command body, turning known errors into the one CLI error output and the catalogue's exit code. */
export async function guarded(io: CliIo, json: boolean, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (error) {
    return reportError(io, json, parseArgsUsage(error) ?? error);
  }
}

export function intOption(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw usageError(`${name} must be an integer ≥ ${min}`);
  return n;
}
