// Per-machine credentials. Counters never hold database credentials: each machine has an id (its
// counter code) and a random secret, sent as `Authorization: Bearer <machine>.<secret>`. The office
// keeps only the secret's SHA-256 and compares in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { counterId } from '../domain/staff.ts';
import { KioskError } from '../domain/errors.ts';

export type MachineRole = 'counter' | 'supervisor';

export interface Machine {
  readonly id: string;
  readonly role: MachineRole;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Registers (or re-keys) a machine and returns its credential, shown once. */
export async function registerMachine(pool: pg.Pool, office: string, machine: string, role: MachineRole = 'counter'): Promise<string> {
  if (!counterId.safeParse(machine).success) throw new KioskError('office/invalid-request');
  const secret = randomBytes(24).toString('base64url');
  await pool.query(
    `INSERT INTO machines (office_id, machine_id, role, token_sha256) VALUES ($1, $2, $3, $4)
     ON CONFLICT (office_id, machine_id) DO UPDATE SET role = EXCLUDED.role, token_sha256 = EXCLUDED.token_sha256`,
    [office, machine, role, sha256(secret)],
  );
  return `${machine}.${secret}`;
}

// The same work for an unknown machine as for a wrong secret.
const NOBODY = sha256('no such machine');

/** The machine an Authorization header names, or office/unauthorized. */
export async function authenticate(pool: pg.Pool, office: string, header: string | undefined): Promise<Machine> {
  const match = /^Bearer ([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]{16,64})$/.exec(header ?? '');
  if (!match) throw new KioskError('office/unauthorized');
  const [, id, secret] = match as unknown as [string, string, string];
  const { rows } = await pool.query<{ role: MachineRole; token_sha256: Buffer }>(
    'SELECT role, token_sha256 FROM machines WHERE office_id = $1 AND machine_id = $2',
    [office, id],
  );
  const expected = rows[0]?.token_sha256 ?? NOBODY;
  const ok = timingSafeEqual(expected, sha256(secret)) && rows[0] !== undefined;
  if (!ok) throw new KioskError('office/unauthorized');
  return { id, role: rows[0]!.role };
}
