import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileKeyProvider, createMasterKeyProvider, createSealedKeyProvider, type Sealer } from '../../../main/crypto/key-provider.ts';
import { newDataKey, openField, sealField } from '../../../main/crypto/field-cipher.ts';
import { isIndividualNumber, parseResidentData } from '../../../main/crypto/resident-data.ts';
import { errorJson, KioskError } from '../../../domain/errors.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kiosk-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A stand-in for the OS keychain with real AES-GCM, like safeStorage would do. */
function testSealer(): Sealer {
  const osKey = randomBytes(32);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    unseal(sealed) {
      const d = createDecipheriv('aes-256-gcm', osKey, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
    },
  };
}

describe('key providers', () => {
  it('creates the key file with mode 0600 and reuses it', () => {
    const path = join(tempDir(), 'sub', 'master.key');
    const a = createFileKeyProvider(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const b = createFileKeyProvider(path);
    expect(b.keyId).toBe(a.keyId);
    const dataKey = newDataKey();
    expect(b.unwrapKey(a.wrapKey(dataKey))).toEqual(dataKey);
    expect(readFileSync(path, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a key file readable by group or others', () => {
    const path = join(tempDir(), 'master.key');
    createFileKeyProvider(path);
    chmodSync(path, 0o644);
    expect(() => createFileKeyProvider(path)).toThrow(expect.objectContaining({ code: 'keys/file-permissions' }));
  });

  it('a different master key cannot unwrap the data key', () => {
    const a = createMasterKeyProvider(randomBytes(32));
    const b = createMasterKeyProvider(randomBytes(32));
    expect(() => b.unwrapKey(a.wrapKey(newDataKey()))).toThrow(expect.objectContaining({ code: 'keys/decrypt-failed' }));
  });

  it('the sealed provider stores only the sealed key and reopens with the same sealer', () => {
    const path = join(tempDir(), 'master.sealed');
    const sealer = testSealer();
    const a = createSealedKeyProvider(path, sealer);
    const b = createSealedKeyProvider(path, sealer);
    const dk = newDataKey();
    expect(b.unwrapKey(a.wrapKey(dk))).toEqual(dk);
    expect(() => createSealedKeyProvider(path, testSealer())).toThrow(expect.objectContaining({ code: 'keys/unavailable' }));
  });
});

describe('field cipher', () => {
  it('round-trips rare characters and binds a ciphertext to its request and field', () => {
    const key = newDataKey();
    const value = '𠮷野 髙﨑 花子';
    const sealed = sealField(key, 'req-1', 'name', value);
    expect(sealed.includes(Buffer.from(value))).toBe(false);
    expect(openField(key, 'req-1', 'name', sealed)).toBe(value);
    expect(() => openField(key, 'req-2', 'name', sealed)).toThrow(KioskError);
    expect(() => openField(key, 'req-1', 'address', sealed)).toThrow(KioskError);
    expect(() => openField(newDataKey(), 'req-1', 'name', sealed)).toThrow(KioskError);
  });
});

describe('resident data', () => {
  it('validates the 個人番号 check digit', () => {
    // 12345678901 → check digit 8 (Σ = 2·1+3·0+4·9+5·8+6·7+7·6+2·5+3·4+4·3+5·2+6·1 = 212, 212 mod 11 = 3, 11−3 = 8).
    expect(isIndividualNumber('123456789018')).toBe(true);
    expect(isIndividualNumber('123456789012')).toBe(false);
    expect(isIndividualNumber('12345678901')).toBe(false);
  });

  it('rejects the individual number and PIN by field name, without echoing the value', () => {
    for (const key of ['individualNumber', 'myNumber', 'pin', '個人番号', 'pinCode']) {
      let error: unknown;
      try {
        parseResidentData({ name: '髙橋 一郎', [key]: '123456789018' });
      } catch (e) {
        error = e;
      }
      expect((error as KioskError).code).toBe('queue/forbidden-personal-field');
      expect(JSON.stringify(errorJson(error as KioskError))).not.toContain('123456789018');
    }
  });

  it('rejects a valid 個人番号 typed into any field, in full-width or with spaces', () => {
    expect(() => parseResidentData({ name: '髙橋 一郎', household: 'メモ 1234 5678 9018' })).toThrow(
      expect.objectContaining({ code: 'queue/forbidden-personal-field' }),
    );
    expect(() => parseResidentData({ name: '髙橋 一郎', address: '１２３４５６７８９０１８' })).toThrow(
      expect.objectContaining({ code: 'queue/forbidden-personal-field' }),
    );
    // A phone number or a 12-digit run with a wrong check digit is ordinary data.
    expect(parseResidentData({ name: '髙橋 一郎', phone: '090-1234-5678', address: '123456789012' }).phone).toBe('090-1234-5678');
  });

  it('names invalid fields without their values', () => {
    let error: unknown;
    try {
      parseResidentData({ name: '', birthDate: '昭和60年' });
    } catch (e) {
      error = e;
    }
    expect((error as KioskError).code).toBe('queue/invalid-input');
    expect((error as KioskError).message).toContain('birthDate');
    expect((error as KioskError).message).not.toContain('昭和60年');
  });
});
