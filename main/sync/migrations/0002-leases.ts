// v2 of the counter's outbox file: the blocks of ticket numbers this counter leased from the office
// (POST /v1/leases) to issue while cut off, and the office events the counter records itself for
// the office (a ticket issued from a lease or without one, its call at this counter, its hand-over
// to the back office when the office could not be told at once). They are pushed with the kiosk's
// request events; the office merges them (office/store.ts project). Codes, numbers and times only.
import type { Migration } from '../../db/migration.ts';

export const outboxLeases: Migration = {
  version: 2,
  name: 'leased ticket numbers and the counter’s own office events',
  up(db) {
    db.exec(`
      CREATE TABLE leases (
        day          TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        category     TEXT NOT NULL CHECK (category GLOB '[a-z]*' AND length(category) <= 20),
        letter       TEXT NOT NULL CHECK (letter GLOB '[A-Z]' AND length(letter) = 1),
        first_number INTEGER NOT NULL CHECK (first_number >= 1),
        last_number  INTEGER NOT NULL,
        next_number  INTEGER NOT NULL,            -- the next number to hand out; last_number + 1 once used up
        taken_at     INTEGER NOT NULL,
        PRIMARY KEY (day, category, first_number),
        CHECK (last_number >= first_number AND next_number BETWEEN first_number AND last_number + 1)
      ) WITHOUT ROWID;

      CREATE TABLE own_events (
        id        BLOB PRIMARY KEY,               -- the event's UUIDv7 (pushed once; status in pushed)
        visit_id  BLOB NOT NULL,                  -- the ticket's id = the kiosk request's id
        kind      TEXT NOT NULL CHECK (kind IN ('ticket-issued', 'called', 'handed-over')),
        at        INTEGER NOT NULL,
        counter   TEXT,
        staff     TEXT,
        category  TEXT NOT NULL,
        ticket    TEXT NOT NULL CHECK (ticket GLOB '[A-Z]-[0-9][0-9][0-9]*'),
        stage     TEXT CHECK (stage IN ('counter', 'processing', 'delivery')),
        -- where the number came from: the office (online), a lease, or this counter alone (no lease)
        source    TEXT CHECK (source IN ('office', 'lease', 'local'))
      ) WITHOUT ROWID;
      CREATE INDEX own_events_at ON own_events (at);
    `);
  },
};
