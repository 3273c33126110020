// Versioned schemas, and the kiosk database's migration list. Each step runs in its own
// transaction together with the bump of `PRAGMA user_version`, so a crash leaves the file at one
// version or the next, never between. A file written by a newer app version is refused rather
// than guessed at (no downgrades). Frozen: add a new numbered file, never edit one.
import { KioskError } from '../../domain/errors.ts';
import type { Migration } from './migration.ts';
import type { Db } from './statements.ts';
import { queueCore } from './migrations/0001-queue-core.ts';
import { statistics } from './migrations/0002-statistics.ts';
import { printJobs } from './migrations/0003-print-jobs.ts';
import { liveQueueCoveringIndex } from './migrations/0004-live-queue-covering-index.ts';
import { moveKindCategories } from './migrations/0005-move-kind-categories.ts';
import { eventReasons } from './migrations/0006-event-reasons.ts';
import { printOutcomeUnknown } from './migrations/0007-print-outcome-unknown.ts';
import { printSendWindow } from './migrations/0008-print-send-window.ts';

export type { Migration };

export const migrations: readonly Migration[] = [
  queueCore,
  statistics,
  printJobs,
  liveQueueCoveringIndex,
  moveKindCategories,
  eventReasons,
  printOutcomeUnknown,
  printSendWindow,
];

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(list: readonly Migration[]): number {
  return list[list.length - 1]?.version ?? 0;
}

/** Applies every migration of `list` above the file's version, up to `target`. */
export function runMigrations(db: Db, list: readonly Migration[], target: number = latestVersion(list)): void {
  const current = schemaVersion(db);
  const latest = latestVersion(list);
  if (current > latest) {
    throw new KioskError('db/newer-schema', {
      ja: `データベースはこのアプリより新しい版 (${current}) で作られています。アプリを更新してください。`,
      en: `The database was written by a newer version (schema ${current} > ${latest}); update the app.`,
    });
  }
  for (const migration of list) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      // Read again under the write lock: another process opening the same new file at the same
      // moment may have applied this step while this one waited for the lock.
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

export const LATEST_SCHEMA_VERSION = latestVersion(migrations);

export function migrate(db: Db, target: number = LATEST_SCHEMA_VERSION): void {
  runMigrations(db, migrations, target);
}
