// The audit log file's migrations, in order. Frozen: add a new numbered file, never edit one.
import type { Migration } from '../db/migration.ts';
import { auditLogTable } from './migrations/0001-audit-log.ts';

export const auditMigrations: readonly Migration[] = [auditLogTable];
