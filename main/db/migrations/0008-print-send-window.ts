// v8: when a print job was handed to the spooler: `sending_at` just before lp ran, `spooled_at`
// when lp printed the spooler's job id. A spooler that hides a job's title (CUPS shows it to the
// job's owner only) is matched by its creation time within this window, never by its id alone.
// Null for jobs sent before this version: such a job cannot be matched without its title.
import type { Migration } from '../migration.ts';

export const printSendWindow: Migration = {
  version: 8,
  name: 'print jobs record when they were handed to the spooler',
  up(db) {
    db.exec(`
      ALTER TABLE print_jobs ADD COLUMN sending_at INTEGER;
      ALTER TABLE print_jobs ADD COLUMN spooled_at INTEGER;
    `);
  },
};
