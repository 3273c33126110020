// Field-by-field AES-256-GCM under a per-request data key. The additional data binds each
// ciphertext to its request and field, so a sealed value cannot be moved to another row.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KioskError } from '../../domain/errors.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function newDataKey(): Buffer {
  return randomBytes(32);
}

function aad(requestId: string, field: string): Buffer {
  return Buffer.from(`field:${requestId}:${field}`);
}

export function sealField(dataKey: Buffer, requestId: string, field: string, value: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(aad(requestId, field));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function openField(dataKey: Buffer, requestId: string, field: string, sealed: Buffer): string {
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(aad(requestId, field));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new KioskError('keys/decrypt-failed', { ja: '個人情報を復号できません。', en: 'A resident field could not be decrypted.' });
  }
}

/** How a sealed spool file starts: never a PDF's `%PDF-`, so a plain file is never mistaken for one. */
const SPOOL_MAGIC = Buffer.from('KIOSK-SPOOL-1\n');

function spoolAad(requestId: string): Buffer {
  return Buffer.from(`spool:${requestId}`);
}

/**
 * A print file sealed with its request's data key: readable only while the request's key exists,
 * so the retention purge (which deletes the key) shreds every copy of it, wherever it was copied.
 */
export function sealSpool(dataKey: Buffer, requestId: string, pdf: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(spoolAad(requestId));
  const body = Buffer.concat([cipher.update(pdf), cipher.final()]);
  return Buffer.concat([SPOOL_MAGIC, iv, cipher.getAuthTag(), body]);
}

export function isSealedSpool(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, SPOOL_MAGIC.length)).equals(SPOOL_MAGIC);
}

export function openSpool(dataKey: Buffer, requestId: string, sealed: Buffer): Buffer {
  if (!isSealedSpool(sealed))
    throw new KioskError('keys/decrypt-failed', { ja: '印刷ファイルの形式が不正です。', en: 'Not a sealed spool file.' });
  const rest = sealed.subarray(SPOOL_MAGIC.length);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, rest.subarray(0, IV_BYTES));
    decipher.setAAD(spoolAad(requestId));
    decipher.setAuthTag(rest.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(rest.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new KioskError('keys/decrypt-failed', { ja: '印刷ファイルを復号できません。', en: 'A spool file could not be decrypted.' });
  }
}
