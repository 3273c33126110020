// v2: what a counter did while cut off from the office is merged into the hall's queue when its
// events arrive, and what cannot be merged is flagged for the supervisor, never dropped: a number
// outside the counter's leases, a number the office already gave another visit, a ticket called at
// two counters during the split, a ticket finished by a counter that had not called it. A flag
// names the ticket, never a person.
import type { OfficeMigration } from '../migration.ts';

export const offlineFlags: OfficeMigration = {
  version: 2,
  name: 'flags for events merged after a counter was offline',
  sql: `
ALTER TABLE sync_flags DROP CONSTRAINT sync_flags_kind_check;
ALTER TABLE sync_flags ADD CONSTRAINT sync_flags_kind_check
  CHECK (kind IN ('event-conflict', 'outside-lease', 'number-collision', 'double-call', 'wrong-counter'));
ALTER TABLE sync_flags ADD COLUMN ticket text CHECK (ticket ~ '^[A-Z]-[0-9]{3,5}$');
CREATE INDEX sync_flags_open ON sync_flags (office_id, raised_at) WHERE resolved_at IS NULL;
`,
};
