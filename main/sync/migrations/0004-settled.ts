// v4 of the counter's outbox file: the counter may record a ticket's 'no-show' for the office
// itself. A ticket obtained for a visit that ended while the office answered (終了 or sign-out
// during the ticket's request) is settled at the office at once ('no-show': the resident
// left the counter before a request existed; callable again by its number). When the office cannot
// be told at once, or the number came from a lease while cut off, the settlement goes with the
// outbox (office/store.ts project merges it). SQLite cannot change a CHECK in place: the table is
// rebuilt with its rows.
import type { Migration } from '../../db/migration.ts';

export const outboxSettled: Migration = {
  version: 4,
  name: 'the counter settles a ticket whose visit ended',
  up(db) {
    db.exec(`
      CREATE TABLE own_events_v4 (
        id        BLOB PRIMARY KEY,
        visit_id  BLOB NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('ticket-issued', 'called', 'handed-over', 'no-show')),
        at        INTEGER NOT NULL,
        counter   TEXT,
        staff     TEXT,
        category  TEXT NOT NULL,
        ticket    TEXT NOT NULL CHECK (ticket GLOB '[A-Z]-[0-9][0-9][0-9]*'),
        stage     TEXT CHECK (stage IN ('counter', 'processing', 'delivery')),
        source    TEXT CHECK (source IN ('office', 'lease', 'local'))
      ) WITHOUT ROWID;
      INSERT INTO own_events_v4 (id, visit_id, kind, at, counter, staff, category, ticket, stage, source)
        SELECT id, visit_id, kind, at, counter, staff, category, ticket, stage, source FROM own_events;
      DROP TABLE own_events;
      ALTER TABLE own_events_v4 RENAME TO own_events;
      CREATE INDEX own_events_at ON own_events (at);
    `);
  },
};
