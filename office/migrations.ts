// The office database's schema steps, in order, and the runner that brings a database up to date.
// Several services may start at once: an advisory lock makes them apply the steps one at a time,
// all in one transaction, so a database is never left half-migrated. A database from a newer
// version of the service is refused (office/newer-schema), never downgraded.
import type pg from 'pg';
import { KioskError } from '../domain/errors.ts';
import type { OfficeMigration } from './migration.ts';
import { officeCore } from './migrations/0001-office-core.ts';
import { offlineFlags } from './migrations/0002-offline-flags.ts';
import { stages } from './migrations/0003-stages.ts';
import { floor } from './migrations/0004-floor.ts';
import { pageSessions } from './migrations/0005-page-sessions.ts';

export const OFFICE_MIGRATIONS: readonly OfficeMigration[] = [officeCore, offlineFlags, stages, floor, pageSessions];

export const LATEST_OFFICE_VERSION = OFFICE_MIGRATIONS.length;

/** Brings the database up to `target` (default: the latest). Returns the versions applied. */
export async function migrateOffice(
  client: pg.ClientBase,
  target: number = LATEST_OFFICE_VERSION,
  migrations: readonly OfficeMigration[] = OFFICE_MIGRATIONS,
): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('office-schema-migrations'))`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    if (current > migrations.length) throw new KioskError('office/newer-schema');
    for (const migration of migrations) {
      if (migration.version <= current || migration.version > target) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return applied;
}

export async function officeSchemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  if (!exists.rows[0]?.present) return 0;
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}
