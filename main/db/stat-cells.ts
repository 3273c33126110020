// Statistics storage: `stat_days` (the days that have a snapshot) and `stat_cells` (cumulative
// counts per snapshot day, see migration 0002). No personal data is ever written here.
import { prepared, type Db } from './statements.ts';

/**
 * One stored statistics cell: [dim, key, metric, n, sum, hist]. `hist` is the histogram of
 * durations as little-endian int32 counts per bucket (see stats/histogram.ts), or null.
 */
export type StatRow = [dim: string, key: string, metric: string, n: number, sum: number, hist: Buffer | null];

/** The snapshot day at or before `day` (null when there is none). */
export function statSnapshotAtOrBefore(db: Db, day: string): string | null {
  return (prepared<[string], string>(db, 'SELECT max(day) FROM stat_days WHERE day <= ?').pluck().get(day) as string | null) ?? null;
}

/** The snapshot day strictly before `day` (null when there is none). */
export function statSnapshotBefore(db: Db, day: string): string | null {
  return (prepared<[string], string>(db, 'SELECT max(day) FROM stat_days WHERE day < ?').pluck().get(day) as string | null) ?? null;
}

/** Makes sure a cumulative snapshot exists for `day`, copying the previous one. */
export function ensureStatSnapshot(db: Db, day: string): void {
  const exists = prepared<[string], number>(db, 'SELECT 1 FROM stat_days WHERE day = ?').pluck().get(day);
  if (exists) return;
  const previous = statSnapshotBefore(db, day);
  prepared<[string]>(db, 'INSERT INTO stat_days (day) VALUES (?)').run(day);
  if (previous !== null) {
    prepared<[string, string]>(
      db,
      'INSERT INTO stat_cells (day, dim, key, metric, n, sum, hist) SELECT ?, dim, key, metric, n, sum, hist FROM stat_cells WHERE day = ?',
    ).run(day, previous);
  }
}

/** Snapshot days on or after `day` (normally just today). */
export function statDaysFrom(db: Db, day: string): string[] {
  return prepared<[string], string>(db, 'SELECT day FROM stat_days WHERE day >= ? ORDER BY day').pluck().all(day) as string[];
}

export function getStatRow(
  db: Db,
  day: string,
  dim: string,
  key: string,
  metric: string,
): { n: number; sum: number; hist: Buffer | null } | undefined {
  return prepared<[string, string, string, string], { n: number; sum: number; hist: Buffer | null }>(
    db,
    'SELECT n, sum, hist FROM stat_cells WHERE day = ? AND dim = ? AND key = ? AND metric = ?',
  ).get(day, dim, key, metric);
}

export function putStatRow(db: Db, day: string, row: StatRow): void {
  prepared<unknown[]>(db, 'INSERT OR REPLACE INTO stat_cells (day, dim, key, metric, n, sum, hist) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    day,
    ...row,
  );
}

export function insertStatDay(db: Db, day: string): void {
  prepared<[string]>(db, 'INSERT OR IGNORE INTO stat_days (day) VALUES (?)').run(day);
}

export function clearStatistics(db: Db): void {
  db.exec('DELETE FROM stat_cells; DELETE FROM stat_days;');
}

export function countStatDays(db: Db, from: string, to: string): number {
  return prepared<[string, string], number>(db, 'SELECT COUNT(*) FROM stat_days WHERE day BETWEEN ? AND ?').pluck().get(from, to) as number;
}

/** All cells of one snapshot as raw arrays (the dashboard's fast path). */
export function statCells(db: Db, day: string): StatRow[] {
  return prepared<[string], StatRow>(db, 'SELECT dim, key, metric, n, sum, hist FROM stat_cells WHERE day = ?').raw().all(day) as StatRow[];
}
