// v1 of the counter's copy of the office log (office-log.sqlite, next to the kiosk database): the
// office's events in its own sequence, as pulled. Codes, ticket numbers and times only (the office
// never holds personal data), so the file needs no sealing; it is a cache the office can always
// refill, which lets the counter show the floor while the office is out of reach.
import type { Migration } from '../../db/migration.ts';

export const officeEvents: Migration = {
  version: 1,
  name: 'the office log as pulled',
  up(db) {
    db.exec(`
      CREATE TABLE office_events (
        seq      INTEGER PRIMARY KEY CHECK (seq > 0), -- the office's sequence (gapless)
        id       TEXT NOT NULL UNIQUE,                -- the event's UUIDv7
        visit_id TEXT NOT NULL,
        kind     TEXT NOT NULL CHECK (kind GLOB '[a-z]*' AND length(kind) <= 32),
        at       INTEGER NOT NULL,                    -- ms
        counter  TEXT,
        staff    TEXT,
        category TEXT,
        ticket   TEXT CHECK (ticket IS NULL OR ticket GLOB '[A-Z]-[0-9][0-9][0-9]*'),
        reason   TEXT,
        stage    TEXT CHECK (stage IS NULL OR stage IN ('counter', 'processing', 'delivery')),
        forms    TEXT,
        source   TEXT NOT NULL CHECK (source IN ('counter', 'office')),
        machine  TEXT NOT NULL
      );
      CREATE INDEX office_events_at ON office_events (at);
    `);
  },
};
