// v5: machines that are browsers. A reception PC or tablet and the back-office and 交付 windows run
// the office's own pages (/reception, /window), so they get roles of their own ('reception',
// 'processing', 'delivery') and never hold a long-lived token: `add-machine` or `sign-in-link`
// gives a one-time code (a link, valid until the end of the office day it was made), the page
// trades it once for a session (an HttpOnly cookie) that ends with the office day. Only SHA-256
// digests of codes and sessions are stored; the staff code is a code, never a name.
import type { OfficeMigration } from '../migration.ts';

export const pageSessions: OfficeMigration = {
  version: 5,
  name: 'page machines: reception, processing and delivery roles; one-time sign-in codes; day sessions',
  sql: `
ALTER TABLE machines DROP CONSTRAINT machines_role_check;
ALTER TABLE machines ADD CONSTRAINT machines_role_check
  CHECK (role IN ('counter', 'supervisor', 'reception', 'processing', 'delivery'));

CREATE TABLE sign_in_codes (
  code_sha256 bytea PRIMARY KEY CHECK (length(code_sha256) = 32),
  office_id text NOT NULL,
  machine_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (office_id, machine_id) REFERENCES machines ON DELETE CASCADE
);

CREATE TABLE page_sessions (
  session_sha256 bytea PRIMARY KEY CHECK (length(session_sha256) = 32),
  office_id text NOT NULL,
  machine_id text NOT NULL,
  staff text NOT NULL CHECK (staff ~ '^[A-Za-z0-9_-]{1,32}$'),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (office_id, machine_id) REFERENCES machines ON DELETE CASCADE
);
CREATE INDEX page_sessions_machine ON page_sessions (office_id, machine_id);
`,
};
