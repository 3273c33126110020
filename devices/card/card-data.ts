// Decoding of the two files the counter reads: EF 0002 (basic 4 information, FF20 with
// DF21..DF25) and EF 0001 (個人番号, FF10 0C + 12 digits + FF FF filler).
import { childrenOf, parseTlv, readTlvHeader, TlvError } from './ber-tlv.ts';
import { KioskError } from '../../domain/errors.ts';
import { isValidIndividualNumber } from './individual-number.ts';
import type { Sex } from '../../domain/person.ts';

export interface BasicInfo {
  /** Exactly as on the card (U+3000 between family and given name kept). */
  readonly name: string;
  /** Exactly as on the card (full-width digits and hyphens kept). */
  readonly address: string;
  /** ISO date YYYY-MM-DD (the card stores Gregorian YYYYMMDD). */
  readonly birthDate: string;
  readonly sex: Sex;
}

export const TAG_BASIC_INFO = 0xff20;
export const TAG_OFFSETS = 0xdf21;
export const TAG_NAME = 0xdf22;
export const TAG_ADDRESS = 0xdf23;
export const TAG_BIRTH_DATE = 0xdf24;
export const TAG_SEX = 0xdf25;
export const TAG_INDIVIDUAL_NUMBER = 0xff10;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(value: Uint8Array): string {
  try {
    return utf8.decode(value);
  } catch {
    throw new KioskError('card/malformed-data');
  }
}

function sexFromCode(value: Uint8Array): Sex {
  if (value.length !== 1) return 'unknown';
  switch (value[0]) {
    case 0x31:
      return 'male';
    case 0x32:
      return 'female';
    case 0x39:
      return 'not-applicable';
    default:
      return 'unknown';
  }
}

function isoDateFrom(value: Uint8Array): string {
  const text = value.length === 8 ? String.fromCharCode(...value) : '';
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(text);
  if (!m) throw new KioskError('card/malformed-data');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new KioskError('card/malformed-data');
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * Total size (header + value) of the TLV that starts the file, from its first bytes, so the
 * reader knows whether more READ BINARY calls are needed.
 */
export function tlvTotalLength(head: Uint8Array): number {
  try {
    const h = readTlvHeader(head, 0);
    return h.headerLength + h.length;
  } catch (error) {
    if (error instanceof TlvError) throw new KioskError('card/malformed-data');
    throw error;
  }
}

/** Parses EF 0002. Unknown tags inside FF20 are skipped; bytes after the object are filler. */
export function decodeBasicInfo(file: Uint8Array): BasicInfo {
  const fields = new Map<number, Uint8Array>();
  try {
    const outer = parseTlv(file, 0);
    if (outer.tag !== TAG_BASIC_INFO) throw new KioskError('card/malformed-data');
    for (const child of childrenOf(outer)) {
      if (!fields.has(child.tag)) fields.set(child.tag, child.value);
    }
  } catch (error) {
    if (error instanceof TlvError) throw new KioskError('card/malformed-data');
    throw error;
  }
  const name = fields.get(TAG_NAME);
  const address = fields.get(TAG_ADDRESS);
  const birth = fields.get(TAG_BIRTH_DATE);
  const sex = fields.get(TAG_SEX);
  if (!name || !address || !birth || !sex) throw new KioskError('card/malformed-data');
  return { name: decodeText(name), address: decodeText(address), birthDate: isoDateFrom(birth), sex: sexFromCode(sex) };
}

/** Parses EF 0001 (FF 10 0C + 12 ASCII digits) and checks the check digit. */
export function decodeIndividualNumber(file: Uint8Array): string {
  let value: Uint8Array;
  try {
    const tlv = parseTlv(file, 0);
    if (tlv.tag !== TAG_INDIVIDUAL_NUMBER || tlv.length !== 12) throw new KioskError('card/malformed-data');
    value = tlv.value;
  } catch (error) {
    if (error instanceof TlvError) throw new KioskError('card/malformed-data');
    throw error;
  }
  const digits = String.fromCharCode(...value);
  if (!/^[0-9]{12}$/.test(digits)) throw new KioskError('card/malformed-data');
  if (!isValidIndividualNumber(digits)) throw new KioskError('card/number-invalid');
  return digits;
}
