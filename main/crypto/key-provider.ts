// Where the master key lives: never in the database. Each request gets its own random data key;
// only that data key, wrapped (AES-256-GCM) by the master key, is stored next to the request.
// Deleting the wrapped key is enough to make the request's fields unreadable (crypto-shredding).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KioskError } from '../../domain/errors.ts';
import { createFileOnce } from '../db/atomic-file.ts';
import { createPeriodKeys, type PeriodKeys } from './period-keys.ts';

export interface KeyProvider {
  /** Identifies the master key (a truncated hash), stored with each wrapped key for rotation. */
  readonly keyId: string;
  wrapKey(dataKey: Buffer): Buffer;
  unwrapKey(wrapped: Buffer): Buffer;
  /** Per-period keys (one per office day, outside the database), when configured: see period-keys.ts. */
  readonly periods?: PeriodKeys;
}

/** Where the period keys live by default: beside the master key, never in the database. */
const periodDir = (keyPath: string) => join(dirname(keyPath), 'period-keys');

/** Wraps a new request's data key: with its period's key when there are period keys, else the master key. */
export function wrapDataKey(keys: KeyProvider, period: string, dataKey: Buffer): { keyId: string; wrapped: Buffer } {
  return keys.periods ? keys.periods.wrapForPeriod(period, dataKey) : { keyId: keys.keyId, wrapped: keys.wrapKey(dataKey) };
}

/** Unwraps a stored data key by the id stored with it (a period's key, or the master key for older requests). */
export function unwrapDataKey(keys: KeyProvider, keyId: string, wrapped: Buffer): Buffer {
  return keys.periods?.unwrapWithId(keyId, wrapped) ?? keys.unwrapKey(wrapped);
}

function withPeriods(master: KeyProvider, dir: string | null): KeyProvider {
  return dir === null ? master : { ...master, periods: createPeriodKeys(dir, master) };
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Wraps data keys under a 32-byte master key held in memory only. */
export function createMasterKeyProvider(masterKey: Buffer): KeyProvider {
  if (masterKey.length !== 32) {
    throw new KioskError('keys/unavailable', { ja: '暗号鍵の長さが不正です。', en: 'The master key must be 32 bytes.' });
  }
  const key = Buffer.from(masterKey);
  const keyId = createHash('sha256').update('kiosk-master-key-id').update(key).digest('hex').slice(0, 16);
  const aad = Buffer.from(`wrap:${keyId}`);
  return {
    keyId,
    wrapKey(dataKey) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    unwrapKey(wrapped) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, IV_BYTES));
        decipher.setAAD(aad);
        decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      } catch {
        throw new KioskError('keys/decrypt-failed', {
          ja: '暗号鍵が一致しません。',
          en: 'The data key could not be unwrapped with this master key.',
        });
      }
    },
  };
}

/** A missing key file when the database holds sealed data: making a new key would orphan that data. */
function missingKey(path: string): KioskError {
  return new KioskError('db/key-mismatch', {
    ja: `鍵ファイル（${path}）がありませんが、データベースには暗号化された個人情報があります。新しい鍵は作りませんでした。`,
    en: `The key file ${path} is missing while the database holds sealed data; no new key was made.`,
  });
}

function ensurePrivateFile(path: string, create: () => Buffer, mayCreate: boolean): Buffer {
  if (!existsSync(path)) {
    if (!mayCreate) throw missingKey(path);
    // The content first: if sealing fails, no empty key file is left behind to be mistaken for a key.
    const content = create();
    // Written whole to a file of its own (0600 from the first byte), then linked into place: if
    // another process made the key meanwhile, both use that one. A reader never sees a half-written key.
    createFileOnce(path, content);
    chmodSync(path, 0o600);
  }
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new KioskError('keys/file-permissions', {
      ja: `鍵ファイルの権限が広すぎます (${mode.toString(8)})。0600 にしてください。`,
      en: `The key file is readable by others (mode ${mode.toString(8)}); it must be 0600.`,
    });
  }
  return readFileSync(path);
}

/** Where a key comes from: `create: false` when the database already holds sealed data (default true). */
export interface KeyFileOptions {
  periodKeysDir?: string | null;
  create?: boolean;
}

/**
 * CLI and tests: the master key in a file of its own (0600, created on first use). The
 * Electron shell uses createSealedKeyProvider with safeStorage instead.
 */
export function createFileKeyProvider(path: string, options: KeyFileOptions = {}): KeyProvider {
  const text = ensurePrivateFile(path, () => Buffer.from(`${randomBytes(32).toString('hex')}\n`), options.create ?? true)
    .toString('utf8')
    .trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new KioskError('keys/unavailable', { ja: '鍵ファイルの形式が不正です。', en: 'The key file does not hold a 64-digit hex key.' });
  }
  return withPeriods(
    createMasterKeyProvider(Buffer.from(text, 'hex')),
    options.periodKeysDir === undefined ? periodDir(path) : options.periodKeysDir,
  );
}

/** What the OS keychain offers; Electron's safeStorage.encryptString/decryptString fit it. */
export interface Sealer {
  seal(plain: Buffer): Buffer;
  unseal(sealed: Buffer): Buffer;
}

/**
 * The app: the master key stored sealed by the OS (Electron safeStorage: DPAPI, Keychain,
 * libsecret), so a copied data directory is useless without the user's OS account.
 * In the shell: `createSealedKeyProvider(path, { seal: (b) => safeStorage.encryptString(b.toString('hex')),
 * unseal: (b) => Buffer.from(safeStorage.decryptString(b), 'hex') })`.
 */
export function createSealedKeyProvider(path: string, sealer: Sealer, options: KeyFileOptions = {}): KeyProvider {
  const sealed = ensurePrivateFile(path, () => sealer.seal(randomBytes(32)), options.create ?? true);
  let master: Buffer;
  try {
    master = sealer.unseal(sealed);
  } catch {
    throw new KioskError('keys/unavailable', {
      ja: '暗号鍵を OS の保護領域から取り出せません。',
      en: 'The sealed master key could not be unsealed.',
    });
  }
  const provider = createMasterKeyProvider(master);
  master.fill(0);
  return withPeriods(provider, options.periodKeysDir === undefined ? periodDir(path) : options.periodKeysDir);
}
