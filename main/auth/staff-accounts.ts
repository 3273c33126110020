// Staff sign-in. Passwords are stored only as scrypt hashes (a slow, memory-hard KDF) with
// a per-account salt; the cost parameters are stored with each hash so they can be raised
// later without breaking existing accounts. One JSON file, written atomically, mode 0600.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureFolder } from '../db/ensure-folder.ts';
import { writeOwnerOnly } from '../db/owner-only.ts';
import { staffId as staffIdSchema, type Role, type ScreenName, type StaffIdentity } from '../../domain/staff.ts';
import { KioskError } from '../../domain/errors.ts';

export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's current scrypt parameters (N=2^17, r=8, p=1: 128 MiB per check). Older hashes are raised at sign-in. */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

/** At least 12 characters (code points: 髙 or 𠮷 counts as one). */
export const MIN_PASSWORD_LENGTH = 12;

const weakerThan = (stored: KdfParams, wanted: KdfParams) => stored.N < wanted.N || stored.r < wanted.r || stored.p < wanted.p;

interface StoredAccount {
  staffId: string;
  role: Role;
  salt: string;
  hash: string;
  kdf: KdfParams;
}

function derive(password: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export class StaffAccounts {
  readonly #file: string;
  readonly #kdf: KdfParams;
  #accounts: StoredAccount[];

  constructor(file: string, kdf: KdfParams = DEFAULT_KDF) {
    this.#file = file;
    this.#kdf = kdf;
    this.#accounts = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredAccount[]) : [];
  }

  list(): { staffId: string; role: Role }[] {
    return this.#accounts.map(({ staffId, role }) => ({ staffId, role }));
  }

  async setPassword(staffId: string, role: Role, password: string): Promise<void> {
    if (!staffIdSchema.safeParse(staffId).success) throw new KioskError('auth/invalid-staff-id');
    if ([...password].length < MIN_PASSWORD_LENGTH) throw new KioskError('auth/password-too-short');
    await this.#store(staffId, role, password);
  }

  async #store(staffId: string, role: Role, password: string): Promise<void> {
    const salt = randomBytes(16);
    const hash = await derive(password, salt, this.#kdf);
    const account: StoredAccount = { staffId, role, salt: salt.toString('base64'), hash: hash.toString('base64'), kdf: this.#kdf };
    this.#accounts = [...this.#accounts.filter((a) => a.staffId !== staffId), account];
    // `staff add` on a new install: the data folder may not exist yet.
    ensureFolder(dirname(this.#file));
    const temporary = `${this.#file}.tmp`;
    writeOwnerOnly(temporary, JSON.stringify(this.#accounts, null, 2));
    renameSync(temporary, this.#file);
  }

  /** Returns the role on success, null otherwise; unknown ids cost as much as wrong passwords. */
  async verify(staffId: string, password: string): Promise<Role | null> {
    const account = this.#accounts.find((a) => a.staffId === staffId);
    const salt = account ? Buffer.from(account.salt, 'base64') : randomBytes(16);
    const derived = await derive(password, salt, account?.kdf ?? this.#kdf);
    if (!account) return null;
    const expected = Buffer.from(account.hash, 'base64');
    if (!(expected.length === derived.length && timingSafeEqual(expected, derived))) return null;
    // Stored at an older, cheaper cost: rehash now, while the password is at hand.
    if (weakerThan(account.kdf, this.#kdf)) await this.#store(account.staffId, account.role, password);
    return account.role;
  }
}

/**
 * Who is signed in, per window: the staff console and the supervisor dashboard each need their
 * own sign-in (the dashboard only for the supervisor role). The resident screen has none.
 */
export class StaffSession {
  readonly #current = new Map<ScreenName, StaffIdentity>();

  get(screen: ScreenName): StaffIdentity | null {
    return this.#current.get(screen) ?? null;
  }

  signIn(screen: ScreenName, identity: StaffIdentity): void {
    this.#current.set(screen, identity);
  }

  signOut(screen: ScreenName): void {
    this.#current.delete(screen);
  }
}
