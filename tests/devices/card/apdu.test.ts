import { describe, expect, it } from 'vitest';
import {
  isBlockedSw,
  KENHOJO_AID,
  parseResponse,
  readBinary,
  readBinarySfi,
  retriesFromSw,
  selectDf,
  selectEf,
  verify,
  verifyQuery,
} from '../../../devices/card/apdu.ts';
import { ascii, hex } from '../../support/card-fixtures.ts';

describe('APDU builders (byte-exact against the published transcripts)', () => {
  it('selects the 券面事項入力補助AP by its full 10-byte AID without FCI', () => {
    expect(hex(selectDf(KENHOJO_AID))).toBe('00A4040C0AD3921000310001010408');
  });
  it('selects EFs by file id', () => {
    expect(hex(selectEf(0x0011))).toBe('00A4020C020011');
    expect(hex(selectEf(0x0002))).toBe('00A4020C020002');
  });
  it('builds VERIFY with and without data, by current EF or short EF id', () => {
    expect(hex(verifyQuery({ kind: 'current' }))).toBe('00200080');
    expect(hex(verifyQuery({ kind: 'sfi', sfi: 0x11 }))).toBe('00200091');
    expect(hex(verify({ kind: 'current' }, ascii('1234')))).toBe('002000800431323334');
    expect(hex(verify({ kind: 'sfi', sfi: 0x15 }, ascii('64010720345812')))).toBe('002000950E' + hex(ascii('64010720345812')));
  });
  it('builds READ BINARY with Le=256 encoded as 00 and offsets in P1-P2', () => {
    expect(hex(readBinary(0, 256))).toBe('00B0000000');
    expect(hex(readBinary(0x0100, 17))).toBe('00B0010011');
    expect(hex(readBinarySfi(2, 0, 256))).toBe('00B0820000');
    expect(() => readBinary(0x8000, 1)).toThrow(RangeError);
    expect(() => readBinarySfi(31, 0, 1)).toThrow(RangeError);
    expect(() => readBinary(0, 0)).toThrow(RangeError);
  });
});

describe('status words', () => {
  it('splits data and SW', () => {
    const r = parseResponse(Uint8Array.of(0x41, 0x42, 0x90, 0x00));
    expect(r && hex(r.data)).toBe('4142');
    expect(r?.sw).toBe(0x9000);
    expect(parseResponse(Uint8Array.of(0x90))).toBeNull();
  });
  it('reads the retry counter from 63Cx only', () => {
    expect(retriesFromSw(0x63c3)).toBe(3);
    expect(retriesFromSw(0x63c0)).toBe(0);
    expect(retriesFromSw(0x6300)).toBeNull();
    expect(retriesFromSw(0x9000)).toBeNull();
  });
  it('treats 63C0, 6983 and 6984 as blocked', () => {
    expect([0x63c0, 0x6983, 0x6984].every(isBlockedSw)).toBe(true);
    expect(isBlockedSw(0x63c1)).toBe(false);
    expect(isBlockedSw(0x6982)).toBe(false);
  });
});
