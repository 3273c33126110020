// Command APDU builders and response/status-word helpers for the 券面事項入力補助AP.
// Only short APDUs: extended length depends on the reader.

/** 券面事項入力補助AP (card info input support application). Always the full 10 bytes. */
export const KENHOJO_AID: Uint8Array = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08);

/** Elementary files and keys of the application (file id; the low byte is also its short EF id). */
export const EF_INDIVIDUAL_NUMBER = 0x0001;
export const EF_BASIC_INFO = 0x0002;
export const KEY_PIN = 0x0011;
export const KEY_CODE_B = 0x0015;

export const SW_OK = 0x9000;
export const SW_SECURITY_NOT_SATISFIED = 0x6982;
export const SW_AUTH_BLOCKED = 0x6983;
export const SW_KEY_LOCKED = 0x6984;
export const SW_END_OF_FILE = 0x6b00;

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
}

/** Splits a response into data and SW1SW2; returns null when it is too short to carry a status. */
export function parseResponse(bytes: Uint8Array): ResponseApdu | null {
  if (bytes.length < 2) return null;
  const n = bytes.length;
  return { data: bytes.subarray(0, n - 2), sw: (bytes[n - 2]! << 8) | bytes[n - 1]! };
}

/** `63Cx`: x tries left (JICSAP / ISO 7816-4 counter). Null for any other status. */
export function retriesFromSw(sw: number): number | null {
  return (sw & 0xfff0) === 0x63c0 ? sw & 0x0f : null;
}

/** 63C0 on the exhausting try, then 6984 (JICSAP "IEF locked"); 6983 per ISO. All mean blocked. */
export function isBlockedSw(sw: number): boolean {
  return sw === 0x63c0 || sw === SW_KEY_LOCKED || sw === SW_AUTH_BLOCKED;
}

const leByte = (le: number): number => {
  if (!Number.isInteger(le) || le < 1 || le > 256) throw new RangeError('Le must be 1..256');
  return le & 0xff; // 256 → 00
};

/** SELECT DF by name, no response data (P2=0C). */
export function selectDf(aid: Uint8Array): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, aid.length, ...aid);
}

/** SELECT EF by file id under the current DF, no response data. */
export function selectEf(fileId: number): Uint8Array {
  return Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, fileId >> 8, fileId & 0xff);
}

/**
 * How VERIFY names its key: the currently selected key EF (P2=80), or the key's short EF id
 * (P2=80|SFI), which saves the SELECT EF round trip on cards that support it.
 */
export type KeyReference = { readonly kind: 'current' } | { readonly kind: 'sfi'; readonly sfi: number };

const keyP2 = (key: KeyReference): number => (key.kind === 'current' ? 0x80 : 0x80 | (key.sfi & 0x1f));

/** VERIFY without data: answers 63Cx with the remaining tries and consumes none. */
export function verifyQuery(key: KeyReference): Uint8Array {
  return Uint8Array.of(0x00, 0x20, 0x00, keyP2(key));
}

/** VERIFY with the secret. The caller must zero the returned buffer after sending it. */
export function verify(key: KeyReference, secret: Uint8Array): Uint8Array {
  const apdu = new Uint8Array(5 + secret.length);
  apdu.set([0x00, 0x20, 0x00, keyP2(key), secret.length], 0);
  apdu.set(secret, 5);
  return apdu;
}

/** READ BINARY of the current EF at a 15-bit offset. */
export function readBinary(offset: number, le: number): Uint8Array {
  if (!Number.isInteger(offset) || offset < 0 || offset > 0x7fff) throw new RangeError('offset must be 0..32767');
  return Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, leByte(le));
}

/** READ BINARY by short EF id (P1 = 80|SFI, P2 = offset ≤ 255); also makes that EF current. */
export function readBinarySfi(sfi: number, offset: number, le: number): Uint8Array {
  if (!Number.isInteger(sfi) || sfi < 1 || sfi > 30) throw new RangeError('SFI must be 1..30');
  if (!Number.isInteger(offset) || offset < 0 || offset > 0xff) throw new RangeError('offset must be 0..255');
  return Uint8Array.of(0x00, 0xb0, 0x80 | sfi, offset, leByte(le));
}

export function getResponse(le: number): Uint8Array {
  return Uint8Array.of(0x00, 0xc0, 0x00, 0x00, leByte(le));
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
