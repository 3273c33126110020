// A simulated My Number card exposing the 券面事項入力補助AP the way real cards do: same AID,
// EF ids, keys with retry counters that persist across sessions (like the card's EEPROM),
// security status cleared on reset, and the JICSAP status words.
import { EF_BASIC_INFO, EF_INDIVIDUAL_NUMBER, KENHOJO_AID, KEY_CODE_B, KEY_PIN } from '../apdu.ts';
import { type BasicInfoImage, encodeBasicInfo, encodeIndividualNumber } from './card-files.ts';
import { MYNUMBER_LIKE_ATR, type SmartCard, sw } from './smart-card.ts';

export interface VirtualMyNumberCardOptions {
  readonly basicInfo: BasicInfoImage;
  readonly individualNumber: string;
  /** 4 ASCII digits. */
  readonly pin: string;
  /** 14 ASCII digits. */
  readonly codeB: string;
  /** Tries left on the PIN key at start (default 3, the card's limit). 0 = blocked. */
  readonly pinTries?: number | undefined;
  /** Tries left on the 照合番号B key (its limit on real cards is undocumented; 10 here). */
  readonly codeBTries?: number | undefined;
  /** Accept short-EF-id addressing (VERIFY P2=80|SFI, READ BINARY P1=80|SFI). Default true. */
  readonly shortEfIds?: boolean;
  /** Filler bytes (FF) after the basic-4 object inside EF 0002. */
  readonly filler?: number;
  readonly atr?: Uint8Array;
}

export const PIN_MAX_TRIES = 3;
export const CODE_B_MAX_TRIES = 10;

interface Key {
  readonly secret: Uint8Array;
  readonly maxTries: number;
  tries: number;
}

const NONE = -1;

export class VirtualMyNumberCard implements SmartCard {
  readonly atr: Uint8Array;
  readonly #files: ReadonlyMap<number, Uint8Array>;
  readonly #keys: ReadonlyMap<number, Key>;
  readonly #shortEfIds: boolean;
  #applicationSelected = false;
  #currentEf = NONE;
  readonly #verified = new Set<number>();
  /** VERIFY commands that carried a secret, for tests asserting "never retried automatically". */
  verifyAttempts = 0;
  /** All APDUs executed. */
  commandCount = 0;

  constructor(options: VirtualMyNumberCardOptions) {
    this.atr = options.atr ?? MYNUMBER_LIKE_ATR;
    this.#files = new Map([
      [EF_BASIC_INFO, encodeBasicInfo(options.basicInfo, options.filler ?? 0)],
      [EF_INDIVIDUAL_NUMBER, encodeIndividualNumber(options.individualNumber)],
    ]);
    const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
    this.#keys = new Map([
      [KEY_PIN, { secret: ascii(options.pin), maxTries: PIN_MAX_TRIES, tries: options.pinTries ?? PIN_MAX_TRIES }],
      [KEY_CODE_B, { secret: ascii(options.codeB), maxTries: CODE_B_MAX_TRIES, tries: options.codeBTries ?? CODE_B_MAX_TRIES }],
    ]);
    this.#shortEfIds = options.shortEfIds ?? true;
  }

  get pinTries(): number {
    return this.#keys.get(KEY_PIN)!.tries;
  }

  get codeBTries(): number {
    return this.#keys.get(KEY_CODE_B)!.tries;
  }

  powerOn(): void {
    this.reset();
  }

  powerOff(): void {
    this.reset();
  }

  /** Security status and selection live in RAM; retry counters survive. */
  reset(): void {
    this.#applicationSelected = false;
    this.#currentEf = NONE;
    this.#verified.clear();
  }

  execute(apdu: Uint8Array): Uint8Array {
    this.commandCount++;
    if (apdu.length < 4) return sw(0x6700);
    const [cla, ins, p1, p2] = [apdu[0]!, apdu[1]!, apdu[2]!, apdu[3]!];
    if ((cla & 0x03) !== 0) return sw(0x6881); // only the basic logical channel works
    if (cla !== 0x00) return sw(0x6e00);
    const body = apdu.subarray(4);
    switch (ins) {
      case 0xa4:
        return this.#select(p1, p2, body);
      case 0x20:
        return this.#verify(p1, p2, body);
      case 0xb0:
        return this.#readBinary(p1, p2, body);
      default:
        return sw(0x6d00);
    }
  }

  #select(p1: number, p2: number, body: Uint8Array): Uint8Array {
    const lc = body[0];
    if (lc === undefined || body.length < 1 + lc) return sw(0x6700);
    const data = body.subarray(1, 1 + lc);
    if (p2 !== 0x0c && p2 !== 0x00) return sw(0x6a86);
    if (p1 === 0x04) {
      this.#currentEf = NONE;
      this.#verified.clear();
      this.#applicationSelected = equal(data, KENHOJO_AID);
      return sw(this.#applicationSelected ? 0x9000 : 0x6a82);
    }
    if (p1 === 0x02) {
      if (!this.#applicationSelected) return sw(0x6986);
      if (data.length !== 2) return sw(0x6700);
      const id = (data[0]! << 8) | data[1]!;
      if (!this.#files.has(id) && !this.#keys.has(id)) return sw(0x6a82);
      this.#currentEf = id;
      return sw(0x9000);
    }
    return sw(0x6a86);
  }

  #verify(p1: number, p2: number, body: Uint8Array): Uint8Array {
    if (!this.#applicationSelected) return sw(0x6986);
    if (p1 !== 0x00 || (p2 & 0x80) === 0) return sw(0x6a86);
    let keyId: number;
    if (p2 === 0x80) {
      if (!this.#keys.has(this.#currentEf)) return sw(0x6986);
      keyId = this.#currentEf;
    } else {
      if (!this.#shortEfIds) return sw(0x6a86);
      keyId = p2 & 0x1f;
      if (!this.#keys.has(keyId)) return sw(0x6a88);
    }
    const key = this.#keys.get(keyId)!;
    if (body.length === 0) {
      if (this.#verified.has(keyId)) return sw(0x9000);
      return sw(0x63c0 | key.tries);
    }
    const lc = body[0]!;
    if (lc === 0 || body.length !== 1 + lc) return sw(0x6700);
    this.verifyAttempts++;
    if (key.tries === 0) return sw(0x6984);
    if (equal(body.subarray(1), key.secret)) {
      key.tries = key.maxTries;
      this.#verified.add(keyId);
      return sw(0x9000);
    }
    key.tries--;
    this.#verified.delete(keyId);
    return sw(0x63c0 | key.tries);
  }

  /** PIN opens both files; 照合番号B opens the basic-4 file only. */
  #mayRead(fileId: number): boolean {
    if (this.#verified.has(KEY_PIN)) return true;
    return fileId === EF_BASIC_INFO && this.#verified.has(KEY_CODE_B);
  }

  #readBinary(p1: number, p2: number, body: Uint8Array): Uint8Array {
    if (!this.#applicationSelected) return sw(0x6986);
    let fileId: number;
    let offset: number;
    if ((p1 & 0x80) !== 0) {
      if (!this.#shortEfIds || (p1 & 0x60) !== 0) return sw(0x6a86);
      fileId = p1 & 0x1f;
      if (!this.#files.has(fileId)) return sw(0x6a82);
      offset = p2;
    } else {
      if (!this.#files.has(this.#currentEf)) return sw(0x6986);
      fileId = this.#currentEf;
      offset = (p1 << 8) | p2;
    }
    if (body.length > 1) return sw(0x6700);
    if (!this.#mayRead(fileId)) return sw(0x6982);
    this.#currentEf = fileId;
    const file = this.#files.get(fileId)!;
    if (offset >= file.length) return sw(0x6b00);
    const le = body.length === 1 ? body[0]! || 256 : 256;
    const data = file.subarray(offset, Math.min(file.length, offset + le));
    const response = new Uint8Array(data.length + 2);
    response.set(data, 0);
    response.set(sw(0x9000), data.length);
    return response;
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
