import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childrenOf, encodeTlv, parseTlv, parseTlvList, readTlvHeader, TlvError } from '../../../devices/card/ber-tlv.ts';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replaceAll(' ', ''), 'hex'));

describe('BER-TLV parser', () => {
  it('reads two-byte private tags and short lengths', () => {
    const tlv = parseTlv(bytes('DF 22 03 E5 B1 B1'));
    expect(tlv.tag).toBe(0xdf22);
    expect(tlv.constructed).toBe(false);
    expect(tlv.headerLength).toBe(3);
    expect([...tlv.value]).toEqual([0xe5, 0xb1, 0xb1]);
  });

  it('reads long-form lengths 81 xx and 82 xx xx', () => {
    const value = new Uint8Array(300).fill(0x41);
    const encoded = encodeTlv(0xff20, value);
    expect([...encoded.subarray(0, 5)]).toEqual([0xff, 0x20, 0x82, 0x01, 0x2c]);
    const tlv = parseTlv(encoded);
    expect(tlv.length).toBe(300);
    expect(tlv.headerLength).toBe(5);
    expect(parseTlv(bytes('FF 20 81 80'.padEnd(11, ' ') + '00'.repeat(128))).length).toBe(128);
  });

  it('accepts the long tag form for small tag numbers (FF 10 on the card)', () => {
    const tlv = parseTlv(bytes('FF 10 0C 313233343536373839303138 FF FF'));
    expect(tlv.tag).toBe(0xff10);
    expect(tlv.length).toBe(12);
  });

  it('lists constructed children and skips nothing silently', () => {
    const outer = parseTlv(bytes('FF 20 08 DF 21 01 AA DF 39 01 BB'));
    expect(childrenOf(outer).map((t) => t.tag)).toEqual([0xdf21, 0xdf39]);
  });

  it.each([
    ['empty input', '', 'truncated'],
    ['tag without length', 'DF 22', 'truncated'],
    ['unterminated multi-byte tag', 'DF 82', 'truncated'],
    ['value shorter than its length', 'DF 22 05 41 42', 'truncated'],
    ['long length missing bytes', 'FF 20 82 01', 'truncated'],
    ['indefinite length', 'FF 20 80 00 00', 'bad-length'],
    ['five-byte length field', 'FF 20 85 00 00 00 00 01 00', 'bad-length'],
    ['tag longer than four bytes', 'DF 81 82 83 84 01 00', 'bad-tag'],
    ['filler byte as tag', '00 01 00', 'bad-tag'],
  ])('rejects %s', (_label, hex, kind) => {
    try {
      parseTlv(bytes(hex));
      expect.unreachable('must throw');
    } catch (error) {
      expect(error).toBeInstanceOf(TlvError);
      expect((error as TlvError).kind).toBe(kind);
    }
  });

  it('rejects a primitive TLV asked for children', () => {
    expect(() => childrenOf(parseTlv(bytes('DF 22 01 41')))).toThrow(TlvError);
  });

  describe('properties', () => {
    const tagArb = fc.constantFrom(0x04, 0x30, 0xdf21, 0xdf22, 0xff20, 0xff10, 0x5f2d, 0xdf8123);

    it('decodes whatever it encodes', () => {
      fc.assert(
        fc.property(tagArb, fc.uint8Array({ maxLength: 70_000 }), (tag, value) => {
          const tlv = parseTlv(encodeTlv(tag, value));
          expect(tlv.tag).toBe(tag);
          expect(tlv.length).toBe(value.length);
          expect(Buffer.from(tlv.value).equals(Buffer.from(value))).toBe(true);
        }),
        { numRuns: 60 },
      );
    });

    it('reports every strict prefix of a valid TLV as truncated', () => {
      fc.assert(
        fc.property(tagArb, fc.uint8Array({ maxLength: 400 }), fc.nat(), (tag, value, cut) => {
          const encoded = encodeTlv(tag, value);
          const prefix = encoded.subarray(0, cut % encoded.length);
          expect(() => parseTlv(prefix)).toThrow(TlvError);
        }),
      );
    });

    it('never fails with anything but TlvError on arbitrary bytes, and never reads past the input', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (input) => {
          try {
            const list = parseTlvList(input);
            const consumed = list.reduce((n, t) => n + t.headerLength + t.length, 0);
            expect(consumed).toBe(input.length);
          } catch (error) {
            expect(error).toBeInstanceOf(TlvError);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('header decoding agrees with full decoding', () => {
      fc.assert(
        fc.property(tagArb, fc.uint8Array({ maxLength: 600 }), (tag, value) => {
          const encoded = encodeTlv(tag, value);
          const header = readTlvHeader(encoded.subarray(0, 7));
          expect(header.headerLength + header.length).toBe(encoded.length);
        }),
      );
    });
  });
});
