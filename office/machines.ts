// Per-machine credentials. Counters never hold database credentials: each machine has an id (its
// counter code) and a random secret, sent as `Authorization: Bearer <machine>.<secret>`. The office
// keeps only the secret's SHA-256 and compares in constant time.
//
// Machines that are browsers (reception, processing, delivery: the office's own pages) never see a
// token. Their registration gives a one-time sign-in code instead, shown as a link
// (`/sign-in#<code>`: after '#', so it reaches neither the server's logs nor a Referer). The page
// trades it once, with the staff code of whoever signs in, for a session: a random value in an
// HttpOnly, SameSite=Strict cookie that scripts cannot read, ending with the office day. The code
// is dead once used (or at the end of its day); a new sign-in ends the machine's earlier sessions.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { counterId } from '../domain/staff.ts';
import { KioskError } from '../domain/errors.ts';
import { PAGE_ROLES, type MachineRole, type SessionView } from '../domain/office.ts';
import { addDays, officeDay, officeDayStart } from '../domain/office-time.ts';

export type { MachineRole };

export interface Machine {
  readonly id: string;
  readonly role: MachineRole;
  /** Set for a page's session: the staff code that signed it in (requests must name the same). */
  readonly staff?: string;
}

export const SESSION_COOKIE = 'office_session';

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The end of the office day (JST midnight) that `now` falls in: when codes and sessions expire. */
export function endOfOfficeDay(now: number): number {
  return officeDayStart(addDays(officeDay(now), 1));
}

/**
 * Registers (or re-keys) a machine and returns its credential, shown once. Re-keying ends the
 * machine's sessions and unused sign-in codes. For a page role the token is never shown: use
 * `issueSignInCode`.
 */
export async function registerMachine(pool: pg.Pool, office: string, machine: string, role: MachineRole = 'counter'): Promise<string> {
  if (!counterId.safeParse(machine).success) throw new KioskError('office/invalid-request');
  const secret = randomBytes(24).toString('base64url');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO machines (office_id, machine_id, role, token_sha256) VALUES ($1, $2, $3, $4)
       ON CONFLICT (office_id, machine_id) DO UPDATE SET role = EXCLUDED.role, token_sha256 = EXCLUDED.token_sha256`,
      [office, machine, role, sha256(secret)],
    );
    if (await hasTable(client, 'page_sessions')) {
      await client.query('DELETE FROM page_sessions WHERE office_id = $1 AND machine_id = $2', [office, machine]);
      await client.query('DELETE FROM sign_in_codes WHERE office_id = $1 AND machine_id = $2', [office, machine]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return `${machine}.${secret}`;
}

async function hasTable(client: pg.ClientBase, name: string): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [name]);
  return rows[0]?.present === true;
}

/** A one-time sign-in code for a page machine, valid until it is used or its office day ends. */
export async function issueSignInCode(
  pool: pg.Pool,
  office: string,
  machine: string,
  now: number = Date.now(),
): Promise<{ code: string; expiresAt: number }> {
  const { rows } = await pool.query<{ role: MachineRole }>('SELECT role FROM machines WHERE office_id = $1 AND machine_id = $2', [
    office,
    machine,
  ]);
  const role = rows[0]?.role;
  if (!role || !PAGE_ROLES.includes(role))
    throw new KioskError('office/not-found', {
      ja: `端末 ${machine} は受付・処理・交付の画面の端末として登録されていません（add-machine ${machine} reception など）。`,
      en: `Machine ${machine} is not registered as a reception, processing or delivery page (add-machine ${machine} reception …).`,
    });
  const code = randomBytes(32).toString('base64url');
  const expiresAt = endOfOfficeDay(now);
  await pool.query(
    `INSERT INTO sign_in_codes (code_sha256, office_id, machine_id, expires_at) VALUES ($1, $2, $3, to_timestamp($4::double precision / 1000))`,
    [sha256(code), office, machine, expiresAt],
  );
  return { code, expiresAt };
}

const EXPIRED = () =>
  new KioskError('office/unauthorized', {
    ja: 'このサインインのリンクは使用済みか、期限が切れています。新しいリンクを発行してもらってください。',
    en: 'This sign-in link has been used or has expired. Ask for a new one.',
  });

/** Trades a sign-in code (once) for a session; returns the cookie value and what it stands for. */
export async function signIn(
  pool: pg.Pool,
  office: string,
  code: string,
  staff: string,
  now: number = Date.now(),
): Promise<{ cookie: string; session: Omit<SessionView, 'qr'> }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Used once: the UPDATE takes the code's row, so two pages trading the same code cannot both win.
    const { rows } = await client.query<{ machine_id: string; role: MachineRole }>(
      `UPDATE sign_in_codes c SET used_at = to_timestamp($3::double precision / 1000)
       FROM machines m
       WHERE c.code_sha256 = $1 AND c.office_id = $2 AND c.used_at IS NULL AND c.expires_at > to_timestamp($3::double precision / 1000)
         AND m.office_id = c.office_id AND m.machine_id = c.machine_id
       RETURNING c.machine_id, m.role`,
      [sha256(code), office, now],
    );
    const found = rows[0];
    if (!found || !PAGE_ROLES.includes(found.role)) throw EXPIRED();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = endOfOfficeDay(now);
    // One browser per machine: an earlier session of this machine ends here.
    await client.query('DELETE FROM page_sessions WHERE office_id = $1 AND machine_id = $2', [office, found.machine_id]);
    await client.query(
      `INSERT INTO page_sessions (session_sha256, office_id, machine_id, staff, expires_at) VALUES ($1, $2, $3, $4, to_timestamp($5::double precision / 1000))`,
      [sha256(secret), office, found.machine_id, staff, expiresAt],
    );
    await client.query('COMMIT');
    return { cookie: secret, session: { machine: found.machine_id, role: found.role, staff, expiresAt } };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** The session cookie's value in a Cookie header, if any. */
export function sessionCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const text = value.join('=');
      return /^[A-Za-z0-9_-]{32,64}$/.test(text) ? text : null;
    }
  }
  return null;
}

/** The page session a cookie names, or office/unauthorized (none, unknown or past its day). */
export async function authenticateSession(
  pool: pg.Pool,
  office: string,
  cookie: string | null,
  now: number = Date.now(),
): Promise<Machine & { staff: string; expiresAt: number }> {
  if (!cookie)
    throw new KioskError('office/unauthorized', {
      ja: 'この画面はサインインしていません。サインインのリンクを開いてください。',
      en: 'This page is not signed in. Open the sign-in link.',
    });
  // The digest is looked up by its index: the cookie is 256 random bits, so timing says nothing.
  const { rows } = await pool.query<{ machine_id: string; role: MachineRole; staff: string; expires_ms: number }>(
    `SELECT s.machine_id, m.role, s.staff, round(extract(epoch FROM s.expires_at) * 1000)::bigint AS expires_ms
     FROM page_sessions s JOIN machines m ON m.office_id = s.office_id AND m.machine_id = s.machine_id
     WHERE s.session_sha256 = $1 AND s.office_id = $2 AND s.expires_at > to_timestamp($3::double precision / 1000)`,
    [sha256(cookie), office, now],
  );
  const row = rows[0];
  if (!row || !PAGE_ROLES.includes(row.role))
    throw new KioskError('office/unauthorized', {
      ja: 'サインインの期限が切れました（一日の終わり）。新しいサインインのリンクを開いてください。',
      en: 'The sign-in has expired (it ends with the day). Open a new sign-in link.',
    });
  return { id: row.machine_id, role: row.role, staff: row.staff, expiresAt: Number(row.expires_ms) };
}

/** Ends a page's session (its sign-out button). */
export async function signOut(pool: pg.Pool, office: string, cookie: string | null): Promise<void> {
  if (!cookie) return;
  await pool.query('DELETE FROM page_sessions WHERE office_id = $1 AND session_sha256 = $2', [office, sha256(cookie)]);
}

// The same work for an unknown machine as for a wrong secret.
const NOBODY = sha256('no such machine');

/** The machine an Authorization header names, or office/unauthorized. Page machines have no usable token. */
export async function authenticate(pool: pg.Pool, office: string, header: string | undefined): Promise<Machine> {
  const match = /^Bearer ([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]{16,64})$/.exec(header ?? '');
  if (!match) throw new KioskError('office/unauthorized');
  const [, id, secret] = match as unknown as [string, string, string];
  const { rows } = await pool.query<{ role: MachineRole; token_sha256: Buffer }>(
    'SELECT role, token_sha256 FROM machines WHERE office_id = $1 AND machine_id = $2',
    [office, id],
  );
  const expected = rows[0]?.token_sha256 ?? NOBODY;
  const ok = timingSafeEqual(expected, sha256(secret)) && rows[0] !== undefined && !PAGE_ROLES.includes(rows[0].role);
  if (!ok) throw new KioskError('office/unauthorized');
  return { id, role: rows[0]!.role };
}
