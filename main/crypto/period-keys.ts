// Per-period keys: a request's data key is wrapped not by the master key directly but by the key
// of its office day, kept in a file of its own (0600) outside the database, itself wrapped by the
// master key. When the last request of a day has been purged, that day's key is destroyed: a copy
// of the database taken during the retention window (a backup, a VM snapshot, freed disk blocks)
// then can no longer be decrypted, even with the master key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KioskError } from '../../domain/errors.ts';
import { createFileOnce } from '../db/atomic-file.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const PERIOD = /^\d{4}-\d{2}-\d{2}$/;
const PREFIX = 'period:';

/** The key id stored with a data key wrapped by a period's key. */
export const periodKeyId = (period: string): string => `${PREFIX}${period}`;

/** What wraps period keys: the master key (never stored in the database). */
export interface MasterWrap {
  wrapKey(key: Buffer): Buffer;
  unwrapKey(wrapped: Buffer): Buffer;
}

export interface PeriodKeys {
  wrapForPeriod(period: string, dataKey: Buffer): { keyId: string; wrapped: Buffer };
  /** null when `keyId` is not a period's; throws `queue/personal-data-purged` once that period's key is gone. */
  unwrapWithId(keyId: string, wrapped: Buffer): Buffer | null;
  /** Destroys the keys of periods before `today` that no stored data key uses any more; returns those periods. */
  destroyUnused(inUse: (keyId: string) => boolean, today: string): string[];
}

function gcm(key: Buffer, aad: string, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function ungcm(key: Buffer, aad: string, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

export function createPeriodKeys(dir: string, master: MasterWrap): PeriodKeys {
  const file = (period: string) => join(dir, `${period}.key`);

  function load(period: string, create: boolean): Buffer | null {
    if (!PERIOD.test(period)) throw new KioskError('keys/unavailable', { ja: '期間の形式が不正です。', en: 'Invalid key period.' });
    const path = file(period);
    if (!existsSync(path)) {
      if (!create) return null;
      // Written whole under a name of its own, then linked into place: another process (the CLI,
      // the app) never reads a half-written key, and if it made the key first, both use theirs.
      createFileOnce(path, master.wrapKey(randomBytes(32)));
    }
    return master.unwrapKey(readFileSync(path));
  }

  return {
    wrapForPeriod(period, dataKey) {
      const key = load(period, true)!;
      try {
        return { keyId: periodKeyId(period), wrapped: gcm(key, `wrap:${periodKeyId(period)}`, dataKey) };
      } finally {
        key.fill(0);
      }
    },
    unwrapWithId(keyId, wrapped) {
      if (!keyId.startsWith(PREFIX)) return null;
      const period = keyId.slice(PREFIX.length);
      const key = load(period, false);
      if (!key)
        // The period's retention has ended: whatever still references its key (a copy) is erased data.
        throw new KioskError('queue/personal-data-purged', {
          ja: `${period} の個人情報の鍵は保存期間の終了により破棄されています。`,
          en: `The key of ${period} was destroyed when its retention ended.`,
        });
      try {
        return ungcm(key, `wrap:${keyId}`, wrapped);
      } catch {
        throw new KioskError('keys/decrypt-failed', { ja: '暗号鍵が一致しません。', en: 'The data key could not be unwrapped.' });
      } finally {
        key.fill(0);
      }
    },
    destroyUnused(inUse, today) {
      if (!existsSync(dir)) return [];
      const destroyed: string[] = [];
      for (const name of readdirSync(dir)) {
        const period = name.replace(/\.key$/, '');
        if (!PERIOD.test(period) || period >= today || inUse(periodKeyId(period))) continue;
        const path = file(period);
        // Overwrite before unlinking (what the file system keeps of freed blocks is its own affair).
        const fd = openSync(path, 'r+');
        try {
          writeSync(fd, randomBytes(readFileSync(path).length));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        rmSync(path);
        destroyed.push(period);
      }
      return destroyed;
    },
  };
}
