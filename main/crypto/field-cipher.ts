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
