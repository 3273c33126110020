// Builds the byte images of EF 0002 (FF20 basic-4 with its DF21 offset table) and EF 0001
// (FF10 個人番号 + FF FF) from plain values, as the card issuer would write them.
import { encodeTlv } from '../ber-tlv.ts';
import { TAG_ADDRESS, TAG_BASIC_INFO, TAG_BIRTH_DATE, TAG_INDIVIDUAL_NUMBER, TAG_NAME, TAG_OFFSETS, TAG_SEX } from '../card-data.ts';

export interface BasicInfoImage {
  readonly name: string;
  readonly address: string;
  /** ISO date; stored as Gregorian YYYYMMDD. */
  readonly birthDate: string;
  /** One ASCII digit as stored (ISO 5218 code: '0', '1', '2', '9'). */
  readonly sexCode: string;
}

const utf8 = new TextEncoder();
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

export function encodeBasicInfo(info: BasicInfoImage, filler = 0): Uint8Array {
  const fields = [
    encodeTlv(TAG_NAME, utf8.encode(info.name)),
    encodeTlv(TAG_ADDRESS, utf8.encode(info.address)),
    encodeTlv(TAG_BIRTH_DATE, ascii(info.birthDate.replaceAll('-', ''))),
    encodeTlv(TAG_SEX, ascii(info.sexCode)),
  ];
  const offsetTableLength = 3 + 8;
  const innerLength = offsetTableLength + fields.reduce((n, f) => n + f.length, 0);
  // The DF21 table holds each field's offset from the start of the file, so it depends on the
  // size of the outer header (short or long BER length).
  const outerHeader = encodeTlv(TAG_BASIC_INFO, new Uint8Array(innerLength)).length - innerLength;
  const table = new Uint8Array(8);
  let offset = outerHeader + offsetTableLength;
  fields.forEach((field, i) => {
    table[i * 2] = offset >> 8;
    table[i * 2 + 1] = offset & 0xff;
    offset += field.length;
  });
  const inner = new Uint8Array(innerLength);
  inner.set(encodeTlv(TAG_OFFSETS, table), 0);
  let at = offsetTableLength;
  for (const field of fields) {
    inner.set(field, at);
    at += field.length;
  }
  const object = encodeTlv(TAG_BASIC_INFO, inner);
  const file = new Uint8Array(object.length + filler).fill(0xff);
  file.set(object, 0);
  return file;
}

export function encodeIndividualNumber(digits: string): Uint8Array {
  if (!/^[0-9]{12}$/.test(digits)) throw new RangeError('expected 12 digits');
  const file = new Uint8Array(17).fill(0xff);
  file.set(encodeTlv(TAG_INDIVIDUAL_NUMBER, ascii(digits)), 0);
  return file;
}
