// v4: the supervisor's floor view. `tickets.estimated_wait_s` is the wait estimated for the ticket
// when it was issued, so the estimate's accuracy can be measured against the wait it got.
// `floor_visits` is what the floor remembers of each ticket on its way (issued, first called at
// the counter and by whom, done there, handed to processing, done there (handed to 交付 or completed), called for 交付, its form
// bundle once a counter's event names it): each wait is counted once, when it ends.
// `floor_cells` is the rollup: per office day, dimension (all, category, hour of issue, counter,
// form bundle), key and metric, the count, sum and maximum of the durations and their histogram
// (counts per bucket of statistics/histogram.ts, 1-based), kept in the transaction that logs the
// event. A period's floor view sums a few rows per day instead of reading the log.
// Events logged before v4 are not in the rollup.
import type { OfficeMigration } from '../migration.ts';

export const floor: OfficeMigration = {
  version: 4,
  name: 'floor view: estimate given with a ticket, per-ticket floor facts, daily rollup',
  sql: `
ALTER TABLE tickets ADD COLUMN estimated_wait_s integer CHECK (estimated_wait_s >= 0);

CREATE TABLE floor_visits (
  ticket_id uuid PRIMARY KEY REFERENCES tickets (id),
  office_id text NOT NULL REFERENCES offices,
  day date NOT NULL,
  label text NOT NULL CHECK (label ~ '^[A-Z]-[0-9]{3,5}$'),
  hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  category text NOT NULL CHECK (category ~ '^[a-z]{1,16}$'),
  issued_at timestamptz NOT NULL,
  counter_called_at timestamptz,
  counter text CHECK (counter ~ '^[A-Za-z0-9_-]{1,16}$'),
  counter_done_at timestamptz,
  processing_since timestamptz,
  processing_done_at timestamptz,
  delivery_since timestamptz,
  delivery_called_at timestamptz,
  forms text CHECK (length(forms) <= 1000 AND forms ~ '^[a-z0-9][a-z0-9._-]{0,63}(\\+[a-z0-9][a-z0-9._-]{0,63})*$')
);
CREATE INDEX floor_visits_label ON floor_visits (office_id, day, label);

CREATE TABLE floor_cells (
  office_id text NOT NULL REFERENCES offices,
  day date NOT NULL,
  dim text NOT NULL CHECK (dim IN ('all', 'category', 'hour', 'counter', 'forms')),
  key text NOT NULL CHECK (length(key) <= 1000 AND key ~ '^[A-Za-z0-9_*()+.-]+$'),
  metric text NOT NULL CHECK (metric ~ '^[a-z-]{1,32}$'),
  n bigint NOT NULL CHECK (n >= 0),
  sum double precision NOT NULL,
  max double precision,
  hist integer[],
  PRIMARY KEY (office_id, day, dim, key, metric)
);

-- Two histograms added bucket by bucket (the shorter one padded with zeros).
CREATE FUNCTION floor_add_hist(a integer[], b integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a
    ELSE (SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS u(x, y, i)) END
$$;
`,
};
