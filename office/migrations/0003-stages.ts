// v3: one ticket follows the visit through every window. A ticket is at a stage: 'counter' (the
// 書かない窓口: the resident is there, the forms are made), then 'processing' (the back office works
// on it while the resident waits in the hall), then 'delivery' (交付: the resident is called back).
// `waiting_since` is when it began to wait at its stage, so call-next serves each stage by its own
// wait and the wait of every stage can be measured. An event records the stage it happened at
// (NULL: a counter's own request event, or one logged before v3, which were all at the counter),
// and a counter's event the forms its visit handed in (form ids joined by '+'), so the floor view
// can measure waits per form bundle.
import type { OfficeMigration } from '../migration.ts';

export const stages: OfficeMigration = {
  version: 3,
  name: 'ticket stages: counter, processing, delivery; form bundles on events',
  sql: `
ALTER TABLE tickets ADD COLUMN stage text NOT NULL DEFAULT 'counter' CHECK (stage IN ('counter', 'processing', 'delivery'));
ALTER TABLE tickets ADD COLUMN waiting_since timestamptz;
UPDATE tickets SET waiting_since = issued_at;
ALTER TABLE tickets ALTER COLUMN waiting_since SET NOT NULL;
DROP INDEX tickets_waiting;
CREATE INDEX tickets_waiting ON tickets (office_id, day, stage, pool, waiting_since, id) WHERE state = 'waiting';
ALTER TABLE events ADD COLUMN stage text CHECK (stage IN ('counter', 'processing', 'delivery'));
ALTER TABLE events ADD COLUMN forms text CHECK (length(forms) <= 1000 AND forms ~ '^[a-z0-9][a-z0-9._-]{0,63}(\\+[a-z0-9][a-z0-9._-]{0,63})*$');
`,
};
