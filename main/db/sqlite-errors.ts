// SQLite's failures as the error model's stable codes, so a busy lock, a full disk, a read-only
// file or a damaged file each tell staff and IT what to do, on the CLI (JSON on stdout with
// --json) and on the staff screens, instead of "unexpected error (SqliteError)". Only the code is
// read: SQLite's message text is never shown (it may quote a value).
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { KioskError, isKioskError } from '../../domain/errors.ts';

function sqliteCode(error: unknown): string | null {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/** True when the file system holding `path` has no room left (an I/O error may really be a full disk). */
function diskFull(path: string | undefined): boolean {
  if (!path || path === ':memory:') return false;
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize < 64 * 1024;
  } catch {
    return false;
  }
}

/**
 * The KioskError for a failure of SQLite (better-sqlite3's SqliteError), or null when `error` is
 * not one. `path` is the database file (to tell a full disk behind an I/O error).
 */
export function databaseError(error: unknown, path?: string): KioskError | null {
  if (isKioskError(error)) return error;
  const code = sqliteCode(error);
  if (code === null) return null;
  const en = (text: string) => `${text} (${code})`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new KioskError('db/busy', { en: en('Another process has held the database write lock for over 5 seconds.') });
  if (code === 'SQLITE_FULL' || (code.startsWith('SQLITE_IOERR') && diskFull(path)))
    return new KioskError('db/disk-full', { en: en('The disk is full: the database cannot be written.') });
  if (code.startsWith('SQLITE_READONLY'))
    return new KioskError('db/read-only', { en: en('The database file is read-only: reads work, writes are refused.') });
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new KioskError('db/corrupt', { en: en('The database file is corrupt (its header is cut off or overwritten).') });
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return new KioskError('db/open-failed', { en: en('The database could not be opened or read.') });
  return null;
}

/** Runs `body`, turning SQLite's failures into their KioskErrors (anything else is rethrown as is). */
export function mapDatabaseErrors<T>(path: string | undefined, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw databaseError(error, path) ?? error;
  }
}
