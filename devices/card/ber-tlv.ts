// BER-TLV decoding for the card's files. Tags are returned as the number formed by their raw
// bytes (0xFF20, 0xDF21, …) because the card uses the long tag form even for small tag numbers
// (FF 10), which strict X.690 decoders reject. Anything truncated or malformed throws TlvError.

export type TlvErrorKind = 'truncated' | 'bad-tag' | 'bad-length';

export class TlvError extends Error {
  override readonly name = 'TlvError';
  readonly kind: TlvErrorKind;
  constructor(kind: TlvErrorKind, offset: number) {
    super(`BER-TLV ${kind} at offset ${offset}`);
    this.kind = kind;
  }
}

export interface TlvHeader {
  /** Raw tag bytes as a big-endian number, e.g. 0xDF22. */
  readonly tag: number;
  readonly constructed: boolean;
  /** Bytes taken by tag + length fields. */
  readonly headerLength: number;
  /** Length of the value field. */
  readonly length: number;
}

export interface Tlv extends TlvHeader {
  /** Offset of the tag within the parsed buffer. */
  readonly offset: number;
  readonly value: Uint8Array;
}

const MAX_TAG_BYTES = 4;
const MAX_LENGTH_BYTES = 3; // 16 MiB: far beyond any EF on this card; stops absurd lengths early.

/** Decodes a tag and length starting at `offset`; the value itself need not be present. */
export function readTlvHeader(bytes: Uint8Array, offset = 0): TlvHeader {
  let pos = offset;
  const first = bytes[pos++];
  if (first === undefined) throw new TlvError('truncated', offset);
  // 00 is filler in ISO 7816 files, never the first byte of a tag.
  if (first === 0x00) throw new TlvError('bad-tag', offset);
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    let count = 1;
    for (;;) {
      const next = bytes[pos++];
      if (next === undefined) throw new TlvError('truncated', offset);
      if (++count > MAX_TAG_BYTES) throw new TlvError('bad-tag', offset);
      tag = tag * 256 + next;
      if ((next & 0x80) === 0) break;
    }
  }
  const lengthByte = bytes[pos++];
  if (lengthByte === undefined) throw new TlvError('truncated', offset);
  let length: number;
  if (lengthByte < 0x80) {
    length = lengthByte;
  } else {
    const count = lengthByte & 0x7f;
    // 0x80 is the indefinite form: not allowed in card files.
    if (count === 0 || count > MAX_LENGTH_BYTES) throw new TlvError('bad-length', offset);
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[pos++];
      if (b === undefined) throw new TlvError('truncated', offset);
      length = length * 256 + b;
    }
  }
  return { tag, constructed: (first & 0x20) !== 0, headerLength: pos - offset, length };
}

/** Decodes one complete TLV at `offset`. */
export function parseTlv(bytes: Uint8Array, offset = 0): Tlv {
  const header = readTlvHeader(bytes, offset);
  const start = offset + header.headerLength;
  const end = start + header.length;
  if (end > bytes.length) throw new TlvError('truncated', offset);
  return { ...header, offset, value: bytes.subarray(start, end) };
}

/** Decodes consecutive TLVs filling `bytes` exactly (e.g. the children of a constructed TLV). */
export function parseTlvList(bytes: Uint8Array): Tlv[] {
  const list: Tlv[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tlv = parseTlv(bytes, offset);
    list.push(tlv);
    offset += tlv.headerLength + tlv.length;
  }
  return list;
}

/** Children of a constructed TLV; a primitive TLV has none to offer and is an error. */
export function childrenOf(tlv: Tlv): Tlv[] {
  if (!tlv.constructed) throw new TlvError('bad-tag', tlv.offset);
  return parseTlvList(tlv.value);
}

/** Encodes a tag/value pair with the shortest BER length (used by the virtual card and tests). */
export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const tagBytes: number[] = [];
  for (let t = tag; t > 0 || tagBytes.length === 0; t = Math.floor(t / 256)) tagBytes.unshift(t & 0xff);
  const n = value.length;
  const lengthBytes =
    n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(tagBytes.length + lengthBytes.length + n);
  out.set(tagBytes, 0);
  out.set(lengthBytes, tagBytes.length);
  out.set(value, tagBytes.length + lengthBytes.length);
  return out;
}
