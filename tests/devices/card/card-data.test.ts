import { describe, expect, it } from 'vitest';
import { encodeTlv } from '../../../devices/card/ber-tlv.ts';
import { decodeBasicInfo, decodeIndividualNumber } from '../../../devices/card/card-data.ts';
import { isCardError } from '../../../devices/card/card-errors.ts';
import { encodeBasicInfo, encodeIndividualNumber } from '../../../devices/card/virtual/card-files.ts';
import { ascii } from '../../support/card-fixtures.ts';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));

// Synthetic vector from the reference notes (§3.1), byte for byte.
const REFERENCE_VECTOR = bytes(`
  FF205C DF2108 000E 0020 0050 005B
  DF220F E5B1B1E794B0E38080E88AB1E5AD90
  DF232D E69DB1E4BAACE983BDE58D83E4BBA3E794B0E58CBAE99C9EE3818CE996A2EFBC91EFBC8DEFBC92EFBC8DEFBC93
  DF2408 3139393030313031
  DF2501 32`);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isCardError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

describe('basic-4 file (EF 0002)', () => {
  it('decodes the reference vector, keeping U+3000 and full-width digits', () => {
    expect(decodeBasicInfo(REFERENCE_VECTOR)).toEqual({
      name: '山田　花子',
      address: '東京都千代田区霞が関１－２－３',
      birthDate: '1990-01-01',
      sex: 'female',
    });
  });

  it('is what the virtual card writes, DF21 offset table included', () => {
    const file = encodeBasicInfo({ name: '山田　花子', address: '東京都千代田区霞が関１－２－３', birthDate: '1990-01-01', sexCode: '2' });
    expect(Buffer.from(file).equals(Buffer.from(REFERENCE_VECTOR))).toBe(true);
  });

  it('uses the long length form for a long address and still decodes (rare and non-BMP characters)', () => {
    const address =
      '北海道札幌市中央区北一条西二丁目１番地１０　札幌グランドタワーレジデンス・ノースウイング北棟アネックスＢ　第２７０１号室';
    expect([...address].length).toBe(60);
    const file = encodeBasicInfo({ name: '𠮷田　髙﨑', address, birthDate: '2019-05-01', sexCode: '9' }, 32);
    expect([...file.subarray(0, 3)]).toEqual([0xff, 0x20, 0x81]);
    expect(decodeBasicInfo(file)).toEqual({ name: '𠮷田　髙﨑', address, birthDate: '2019-05-01', sex: 'not-applicable' });
  });

  it('skips unknown tags and ignores filler after the object', () => {
    const inner = [
      encodeTlv(0xdf30, ascii('future')),
      encodeTlv(0xdf22, new TextEncoder().encode('髙橋　一')),
      encodeTlv(0xdf23, new TextEncoder().encode('東京都')),
      encodeTlv(0xdf24, ascii('19890107')),
      encodeTlv(0xdf25, ascii('1')),
    ];
    const file = Buffer.concat([encodeTlv(0xff20, Buffer.concat(inner)), Buffer.alloc(20, 0xff)]);
    expect(decodeBasicInfo(file)).toEqual({ name: '髙橋　一', address: '東京都', birthDate: '1989-01-07', sex: 'male' });
  });

  it.each([
    ['0', 'unknown'],
    ['3', 'unknown'],
    ['1', 'male'],
    ['2', 'female'],
    ['9', 'not-applicable'],
  ])('maps sex code %s to %s', (code, sex) => {
    const file = encodeBasicInfo({ name: 'A', address: 'B', birthDate: '2000-02-29', sexCode: code });
    expect(decodeBasicInfo(file).sex).toBe(sex);
  });

  it.each([
    ['truncated object', REFERENCE_VECTOR.subarray(0, 60)],
    ['wrong outer tag', Uint8Array.from([0xff, 0x21, ...REFERENCE_VECTOR.subarray(2)])],
    ['missing sex field', encodeTlv(0xff20, REFERENCE_VECTOR.subarray(3, REFERENCE_VECTOR.length - 4))],
    [
      'invalid UTF-8 in the name',
      encodeTlv(0xff20, Buffer.concat([encodeTlv(0xdf22, Uint8Array.of(0xe5, 0xb1)), REFERENCE_VECTOR.subarray(3 + 11 + 17)])),
    ],
    ['impossible date', encodeBasicInfo({ name: 'A', address: 'B', birthDate: '1989-02-30', sexCode: '1' })],
    [
      'non-digit date',
      encodeTlv(
        0xff20,
        Buffer.concat([
          encodeTlv(0xdf22, ascii('A')),
          encodeTlv(0xdf23, ascii('B')),
          encodeTlv(0xdf24, ascii('1989-1-7')),
          encodeTlv(0xdf25, ascii('1')),
        ]),
      ),
    ],
    ['empty file', new Uint8Array(0)],
    ['only filler', new Uint8Array(64).fill(0xff)],
  ])('reports %s as malformed-data', (_label, file) => {
    expect(codeOf(() => decodeBasicInfo(file))).toBe('card/malformed-data');
  });
});

describe('個人番号 file (EF 0001)', () => {
  it('decodes FF10 0C + 12 digits + FF FF', () => {
    expect(decodeIndividualNumber(bytes('FF100C 313233343536373839303138 FFFF'))).toBe('123456789018');
    expect(decodeIndividualNumber(encodeIndividualNumber('537686677188'))).toBe('537686677188');
  });
  it('rejects a wrong check digit with its own code', () => {
    expect(codeOf(() => decodeIndividualNumber(bytes('FF100C 313233343536373839303137 FFFF')))).toBe('card/number-invalid');
  });
  it.each([
    ['wrong tag', 'FF110C313233343536373839303138FFFF'],
    ['wrong length', 'FF100B3132333435363738393031FFFF'],
    ['non-digit', 'FF100C31323334353637383930314AFFFF'],
    ['truncated', 'FF100C3132333435'],
  ])('rejects %s as malformed-data', (_label, hex) => {
    expect(codeOf(() => decodeIndividualNumber(bytes(hex)))).toBe('card/malformed-data');
  });
});
