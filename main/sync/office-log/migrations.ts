// The office log file's migrations, in order. Frozen: add a new numbered file, never edit one.
import type { Migration } from '../../db/migration.ts';
import { officeEvents } from './0001-office-events.ts';

export const officeLogMigrations: readonly Migration[] = [officeEvents];
