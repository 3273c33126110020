// Prepared statements cached per connection, so each per-table module prepares its SQL once
// for every database handle it is given (statements belong to the connection that made them).
import type { BetterSqlite3 } from 'better-sqlite3';
import { KioskError } from '../../domain/errors.ts';

export type Db = BetterSqlite3.Database;
export type Stmt<P extends unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

const caches = new WeakMap<Db, Map<string, Stmt<unknown[], unknown>>>();

export function prepared<P extends unknown[], R = unknown>(db: Db, sql: string): Stmt<P, R> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt as unknown as Stmt<P, R>;
}

const refused = new WeakMap<Db, string>();

/**
 * After a failed integrity check, this connection refuses every write (query_only on, and every
 * transaction() throws db/integrity): a damaged file is not written further. Reads go on.
 */
export function refuseWrites(db: Db, finding: string): void {
  refused.set(db, finding);
  db.pragma('query_only = ON');
}

/** The integrity finding that stopped this connection's writes, or null. */
export function writesRefused(db: Db): string | null {
  return refused.get(db) ?? null;
}

/** Runs `fn` in one IMMEDIATE transaction: the write lock is taken before the first read. */
export function transaction<T>(db: Db, fn: () => T): T {
  if (refused.has(db)) throw new KioskError('db/integrity');
  return db.transaction(fn).immediate();
}

/** Truncates the WAL so frames holding erased pages do not outlive the erase. */
export function checkpointTruncate(db: Db): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  // busy = 1 when another connection's reader kept frames alive: the caller must retry.
  return result !== undefined && result.busy === 0 && result.log === result.checkpointed;
}

/** `PRAGMA integrity_check`: 'ok', or the first problem SQLite reports. */
export function integrityCheck(db: Db): string {
  return String(db.pragma('integrity_check', { simple: true }));
}
