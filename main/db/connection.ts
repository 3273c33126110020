// Opens a SQLite file (the kiosk database, the audit log) with the durability settings applied
// on EVERY connection, then brings its schema up to date with the file's own migration list.
// better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a reopened WAL database
// would silently run synchronous=NORMAL unless FULL is set here (Signal's switchToWAL does the same).
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { KioskError } from '../../domain/errors.ts';
import type { Migration } from './migration.ts';
import { migrations as kioskMigrations, runMigrations } from './migrations.ts';

import type { Db } from './statements.ts';

export type { Db };

export interface OpenOptions {
  /** Run `PRAGMA quick_check` after opening (slow on a large file; the CLI's check does it). */
  quickCheck?: boolean;
  /** The file's migrations (default: the kiosk database's; the audit log has its own). */
  migrations?: readonly Migration[];
  /** Stop at this version (only the migration tests use this, to build older schemas). */
  migrateTo?: number;
}

const BUSY_TIMEOUT_MS = 5000;

/** The pragmas every connection needs; exported so tests can assert them on a fresh handle. */
export function applyConnectionPragmas(db: Db): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
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

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const fresh = path !== ':memory:' && !existsSync(path);
  if (fresh) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let db: Db;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
    // Only the kiosk's OS user may read the file (SQLite gives -wal/-shm the same mode); a file an
    // older version left readable by others (and its -wal/-shm) is tightened at every open.
    if (path !== ':memory:') {
      for (const file of [path, `${path}-wal`, `${path}-shm`])
        if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    }
  } catch {
    throw new KioskError('db/open-failed', { ja: 'データベースを開けません。', en: 'The database could not be opened.' });
  }
  try {
    applyConnectionPragmas(db);
    if (options.quickCheck) {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') {
        throw new KioskError('db/integrity', {
          ja: 'データベースの整合性検査に失敗しました。',
          en: 'The database integrity check failed.',
        });
      }
    }
    runMigrations(db, options.migrations ?? kioskMigrations, options.migrateTo);
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
    db.pragma('optimize');
  } finally {
    db.close();
  }
}
