// v6: an event may carry a reason code (e.g. `day-closed` on an `abandoned` the office's closing
// time recorded, not a person). A code, never free text. The table stays append-only.
import type { Migration } from '../migration.ts';

export const eventReasons: Migration = {
  version: 6,
  name: 'request events carry an optional reason code',
  up(db) {
    db.exec(`ALTER TABLE request_events ADD COLUMN reason TEXT CHECK (reason IS NULL OR reason GLOB '[a-z]*')`);
  },
};
