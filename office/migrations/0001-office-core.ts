// v1: the office log and the hall's queue. `offices.last_seq` is the office-wide sequence: a writer
// takes the office row's lock, so sequences are gapless and become visible in order (a reader that
// has seen seq N has seen every seq below it). `events` is append-only. `tickets` is the hall's
// queue, its numbers unique per office, day and category; `ticket_numbers` hands them out, and
// `number_leases` records the blocks counters took to issue on their own. No column holds personal
// data: ids, codes, ticket numbers and times only.
import type { OfficeMigration } from '../migration.ts';

export const officeCore: OfficeMigration = {
  version: 1,
  name: 'office log, tickets, number leases, machines',
  sql: `
CREATE TABLE offices (
  office_id text PRIMARY KEY CHECK (office_id ~ '^[a-z0-9-]{1,32}$'),
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
);

CREATE TABLE machines (
  office_id text NOT NULL REFERENCES offices,
  machine_id text NOT NULL CHECK (machine_id ~ '^[A-Za-z0-9_-]{1,16}$'),
  role text NOT NULL CHECK (role IN ('counter', 'supervisor')),
  token_sha256 bytea NOT NULL CHECK (length(token_sha256) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (office_id, machine_id)
);

CREATE TABLE events (
  office_id text NOT NULL REFERENCES offices,
  seq bigint NOT NULL CHECK (seq > 0),
  id uuid NOT NULL,
  visit_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z-]{1,32}$'),
  at timestamptz NOT NULL,
  counter text CHECK (counter ~ '^[A-Za-z0-9_-]{1,16}$'),
  staff text CHECK (staff ~ '^[A-Za-z0-9_-]{1,32}$'),
  category text CHECK (category ~ '^[a-z]{1,16}$'),
  ticket text CHECK (ticket ~ '^[A-Z]-[0-9]{3,5}$'),
  reason text CHECK (reason ~ '^[a-z-]{1,32}$'),
  source text NOT NULL CHECK (source IN ('counter', 'office')),
  machine text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (office_id, seq),
  CONSTRAINT events_id_unique UNIQUE (id)
);
CREATE INDEX events_visit ON events (visit_id);
CREATE INDEX events_calls ON events (office_id, seq) WHERE kind IN ('called', 'recalled') AND source = 'office';

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();

-- An event pushed again with the same id but different content: kept for the supervisor, never dropped.
CREATE TABLE sync_flags (
  flag_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_id text NOT NULL REFERENCES offices,
  kind text NOT NULL CHECK (kind IN ('event-conflict')),
  event_id uuid NOT NULL,
  machine text NOT NULL,
  pushed jsonb NOT NULL,
  raised_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);

CREATE TABLE ticket_numbers (
  office_id text NOT NULL REFERENCES offices,
  day date NOT NULL,
  category text NOT NULL,
  last_number integer NOT NULL CHECK (last_number >= 0),
  PRIMARY KEY (office_id, day, category)
);

CREATE TABLE number_leases (
  office_id text NOT NULL REFERENCES offices,
  day date NOT NULL,
  category text NOT NULL,
  counter text NOT NULL,
  first_number integer NOT NULL CHECK (first_number > 0),
  last_number integer NOT NULL,
  leased_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (office_id, day, category, first_number),
  CHECK (last_number >= first_number)
);

CREATE TABLE tickets (
  id uuid PRIMARY KEY,
  office_id text NOT NULL REFERENCES offices,
  day date NOT NULL,
  category text NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  label text NOT NULL CHECK (label ~ '^[A-Z]-[0-9]{3,5}$'),
  pool text NOT NULL,
  state text NOT NULL CHECK (state IN ('waiting', 'called', 'no-show', 'completed')),
  issued_at timestamptz NOT NULL,
  called_at timestamptz,
  counter text,
  calls integer NOT NULL DEFAULT 0 CHECK (calls >= 0),
  CONSTRAINT tickets_number_unique UNIQUE (office_id, day, category, number),
  CONSTRAINT tickets_label_unique UNIQUE (office_id, day, label),
  CHECK (state = 'waiting' OR called_at IS NOT NULL)
);
-- call-next: the longest-waiting ticket of a pool, skipping rows other counters hold.
CREATE INDEX tickets_waiting ON tickets (office_id, day, pool, issued_at, id) WHERE state = 'waiting';
`,
};
