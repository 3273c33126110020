// Opens a SQLite file (the kiosk database, the audit log) with the durability settings applied
// on EVERY connection, then brings its schema up to date with the file's own migration list.
// better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a reopened WAL database
// would silently run synchronous=NORMAL unless FULL is set here (Signal's switchToWAL does the same).
import Database from 'better-sqlite3';
import { accessSync, chmodSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { KioskError } from '../../domain/errors.ts';
import { ensureFolder } from './ensure-folder.ts';
import type { Migration } from './migration.ts';
import { latestVersion, migrations as kioskMigrations, runMigrations, schemaVersion } from './migrations.ts';
import { databaseError, mapDatabaseErrors } from './sqlite-errors.ts';
import { refuseWrites, writesRefused, type Db } from './statements.ts';

export type { Db };

export interface OpenOptions {
  /**
   * Run `PRAGMA quick_check` after opening. A file that fails it is opened with its writes
   * refused (statements.ts refuseWrites): reads go on, every write throws db/integrity.
   */
  quickCheck?: boolean;
  /** The file's migrations (default: the kiosk database's; the audit log has its own). */
  migrations?: readonly Migration[];
  /** Stop at this version (only the migration tests use this, to build older schemas). */
  migrateTo?: number;
  /**
   * 'read': the caller only reads (queue list, stats, check), so a read-only file or mount is
   * opened read-only instead of refused. Default 'write': a read-only file is db/read-only.
   */
  access?: 'read' | 'write';
}

const BUSY_TIMEOUT_MS = 5000;

/** The pragmas every connection needs; exported so tests can assert them on a fresh handle. */
export function applyConnectionPragmas(db: Db): void {
  const mode = switchToWal(db);
  if (mode !== 'wal' && db.name !== ':memory:') {
    throw new KioskError('db/open-failed', {
      ja: 'データベースを WAL モードにできません。',
      en: 'The database could not switch to WAL mode.',
    });
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Deleted personal data is overwritten with zeros instead of lingering in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('trusted_schema = OFF');
  if (db.pragma('synchronous', { simple: true }) !== 2 || db.pragma('foreign_keys', { simple: true }) !== 1) {
    throw new KioskError('db/open-failed', {
      ja: 'データベースの耐久性設定を適用できません。',
      en: 'Durability settings could not be applied.',
    });
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * `PRAGMA journal_mode = WAL`, retried on SQLITE_BUSY for up to the busy timeout. On a new file the
 * switch is a rollback-journal write (SHARED, then RESERVED, then EXCLUSIVE); when two processes
 * make the same new database at once, SQLite sees a possible deadlock and returns SQLITE_BUSY at
 * once to one of them without calling the busy handler (measured: 10 of 60 process pairs). The
 * one refused has released its lock by then, so backing off and trying again is the documented remedy.
 */
function switchToWal(db: Db): unknown {
  const deadline = performance.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return db.pragma('journal_mode = WAL', { simple: true });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'SQLITE_BUSY' || performance.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.min(5 * attempt, 50));
    }
  }
}

/** Whether this process may write the file and create its -wal/-shm beside it (EROFS, EACCES). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A read-only file or mount: SQLite cannot open a WAL database there (it needs to create the
 * -shm), so the reader gets a snapshot of the file in memory. A leftover -wal with frames in it
 * would be missed by that snapshot, so then only SQLite's own read-only open is tried.
 */
function openReadOnly(path: string): Db {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    return new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  const image = readFileSync(path);
  if (image.length >= 20 && image.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') {
    // Bytes 18-19 say WAL (2); an in-memory image must say rollback journal (1) to be opened.
    image[18] = 1;
    image[19] = 1;
  }
  return new Database(image, { readonly: true });
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  return mapDatabaseErrors(path, () => openChecked(path, options));
}

function openChecked(path: string, options: OpenOptions): Db {
  const memory = path === ':memory:';
  const fresh = !memory && !existsSync(path);
  if (fresh) ensureFolder(dirname(path));
  const readOnly = !memory && !fresh && !writable(path);
  if (readOnly && options.access !== 'read') throw new KioskError('db/read-only');
  let db: Db;
  try {
    if (readOnly) db = openReadOnly(path);
    else {
      db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
      // Only the kiosk's OS user may read the file (SQLite gives -wal/-shm the same mode); a file an
      // older version left readable by others (and its -wal/-shm) is tightened at every open.
      if (!memory) {
        for (const file of [path, `${path}-wal`, `${path}-shm`])
          if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      }
    }
  } catch (error) {
    throw (
      databaseError(error, path) ??
      new KioskError('db/open-failed', { ja: 'データベースを開けません。', en: 'The database could not be opened.' })
    );
  }
  try {
    if (readOnly) {
      db.pragma('foreign_keys = ON');
      db.pragma('trusted_schema = OFF');
    } else applyConnectionPragmas(db);
    if (options.quickCheck) {
      const result = String(db.pragma('quick_check', { simple: true }));
      if (result !== 'ok') {
        // Damaged: nothing more is written to it (reads go on, for staff and for the rescue).
        refuseWrites(db, result);
        return db;
      }
    }
    if (readOnly) {
      const list = options.migrations ?? kioskMigrations;
      if (schemaVersion(db) < (options.migrateTo ?? latestVersion(list)))
        throw new KioskError('db/read-only', {
          en: 'The database file is read-only and needs a schema upgrade that cannot be written.',
        });
    } else runMigrations(db, options.migrations ?? kioskMigrations, options.migrateTo);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Closes after letting SQLite refresh its planner statistics (Signal runs optimize at close). */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    // A read-only connection (or one whose writes were refused) has nothing to write back. The
    // statistics are a nicety: with another process holding the write lock, or a full disk, the
    // close neither waits another 5 s nor hides the error that ended the command.
    if (!db.readonly && !writesRefused(db)) {
      db.pragma('busy_timeout = 100');
      db.pragma('optimize');
    }
  } catch {
    // Skipped this time; the next close refreshes them.
  } finally {
    db.close();
  }
}
