// v1 of the counter's outbox file (office-outbox.sqlite, next to the kiosk database): which of
// the kiosk's request events the office has answered for, with the office sequence it gave. The
// events themselves stay in the kiosk database's append-only log: that log is the outbox.
import type { Migration } from '../../db/migration.ts';

export const outboxPushed: Migration = {
  version: 1,
  name: 'events the office has answered for',
  up(db) {
    db.exec(`
      CREATE TABLE pushed (
        event_id  BLOB PRIMARY KEY,               -- request_events.id (UUIDv7)
        office_seq INTEGER,                       -- the office's sequence; NULL when refused before sending
        status    TEXT NOT NULL CHECK (status IN ('stored', 'duplicate', 'conflict', 'invalid')),
        pushed_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
