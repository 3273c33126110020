// Reads the 券面事項入力補助AP over any ApduTransport with as few APDUs as the card allows:
//   SELECT AP → VERIFY (empty: retries, none consumed) → VERIFY (secret) → READ BINARY basic-4
//   [→ READ BINARY 個人番号].
// Keys and files are addressed by short EF id (VERIFY P2=80|SFI, READ BINARY P1=80|SFI), which
// saves the SELECT EF round trips; a card that rejects that addressing falls back to SELECT EF
// before any secret is sent. A wrong secret is never retried here.
import {
  EF_BASIC_INFO,
  EF_INDIVIDUAL_NUMBER,
  getResponse,
  isBlockedSw,
  KENHOJO_AID,
  KEY_CODE_B,
  KEY_PIN,
  type KeyReference,
  parseResponse,
  readBinary,
  readBinarySfi,
  type ResponseApdu,
  retriesFromSw,
  selectDf,
  selectEf,
  SW_END_OF_FILE,
  SW_OK,
  verify,
  verifyQuery,
} from './apdu.ts';
import type { ApduTransport } from './apdu-transport.ts';
import { type BasicInfo, decodeBasicInfo, decodeIndividualNumber, tlvTotalLength } from './card-data.ts';
import { KioskError } from '../../domain/errors.ts';
import type { UnlockKind } from '../../domain/card.ts';

/** The key that opens the files and its secret. */
export interface Unlock {
  readonly kind: UnlockKind;
  /** ASCII digits. Zeroed by readKenhojo once used (whatever the outcome). */
  readonly secret: Uint8Array;
}

export interface KenhojoReadOptions {
  readonly unlock: Unlock;
  /** Read EF 0001 too. Only possible with the PIN. */
  readonly withIndividualNumber: boolean;
  /** Send the secret even when only one try is left (the UI has warned the resident). */
  readonly allowLastTry: boolean;
}

export interface KenhojoRecord extends BasicInfo {
  readonly individualNumber?: string;
}

const KEY_FILE: Record<UnlockKind, number> = { pin: KEY_PIN, 'code-b': KEY_CODE_B };
const SECRET_LENGTH: Record<UnlockKind, number> = { pin: 4, 'code-b': 14 };
const ERRORS = {
  pin: { format: 'card/pin-format', wrong: 'card/pin-wrong', lastTry: 'card/pin-last-try', blocked: 'card/pin-blocked' },
  'code-b': { format: 'card/code-b-format', wrong: 'card/code-b-wrong', lastTry: 'card/code-b-last-try', blocked: 'card/code-b-blocked' },
} as const;

/** Status words meaning "this addressing form is not supported", answered before any secret is sent. */
const ADDRESSING_UNSUPPORTED = new Set([0x6a81, 0x6a82, 0x6a86, 0x6a88, 0x6b00, 0x6d00, 0x6e00, 0x6981, 0x6986]);

const MAX_FILE_SIZE = 0x7fff;

export function isWellFormedSecret(kind: UnlockKind, secret: Uint8Array): boolean {
  return secret.length === SECRET_LENGTH[kind] && secret.every((b) => b >= 0x30 && b <= 0x39);
}

/** One conversation with one card; remembers how the card wants keys and files addressed. */
export class KenhojoSession {
  readonly #transport: ApduTransport;
  #addressing: 'sfi' | 'select' = 'sfi';
  #apduCount = 0;

  constructor(transport: ApduTransport) {
    this.#transport = transport;
  }

  /** APDUs sent so far (GET RESPONSE included), for the benchmark and tests. */
  get apduCount(): number {
    return this.#apduCount;
  }

  /** Sends one APDU, following 61xx (GET RESPONSE) and 6Cxx (wrong Le) as T=0 cards require. */
  async #send(apdu: Uint8Array): Promise<ResponseApdu> {
    let response = await this.#exchange(apdu);
    if (response.sw >> 8 === 0x6c && apdu.length === 5) {
      const again = Uint8Array.from(apdu);
      again[4] = response.sw & 0xff;
      response = await this.#exchange(again);
    }
    if (response.sw >> 8 !== 0x61) return response;
    const chunks: Uint8Array[] = [response.data];
    let sw = response.sw;
    while (sw >> 8 === 0x61) {
      const next = await this.#exchange(getResponse(sw & 0xff || 256));
      chunks.push(next.data);
      sw = next.sw;
    }
    return { data: concat(chunks), sw };
  }

  async #exchange(apdu: Uint8Array): Promise<ResponseApdu> {
    this.#apduCount++;
    const raw = await this.#transport.transmit(apdu);
    const response = parseResponse(raw);
    if (!response) throw new KioskError('card/communication-error');
    return response;
  }

  /** Identifies a My Number card by selecting the application (never by ATR). */
  async selectApplication(): Promise<void> {
    const { sw } = await this.#send(selectDf(KENHOJO_AID));
    if (sw !== SW_OK) throw new KioskError('card/not-mynumber-card', { sw });
  }

  /**
   * Remaining tries of the PIN or 照合番号B key, without consuming one. Returns null when the
   * card does not report a count (it answers 9000 for a key already verified in this session).
   */
  async queryRetries(kind: UnlockKind): Promise<number | null> {
    const fileId = KEY_FILE[kind];
    if (this.#addressing === 'sfi') {
      const { sw } = await this.#send(verifyQuery(this.#keyRef(fileId)));
      if (!ADDRESSING_UNSUPPORTED.has(sw)) return retriesOrThrow(sw);
      this.#addressing = 'select';
    }
    // Select mode: VERIFY names the current EF, so the key EF is selected first.
    const selected = await this.#send(selectEf(fileId));
    if (selected.sw !== SW_OK) throw new KioskError('card/card-error', { sw: selected.sw });
    return retriesOrThrow((await this.#send(verifyQuery(this.#keyRef(fileId)))).sw);
  }

  #keyRef(fileId: number): KeyReference {
    return this.#addressing === 'sfi' ? { kind: 'sfi', sfi: fileId & 0x1f } : { kind: 'current' };
  }

  /** Sends the secret once. Throws wrong/blocked errors with the count the card reports. */
  async verifySecret(unlock: Unlock, allowLastTry: boolean): Promise<void> {
    const errors = ERRORS[unlock.kind];
    if (!isWellFormedSecret(unlock.kind, unlock.secret)) throw new KioskError(errors.format);
    const fileId = KEY_FILE[unlock.kind];
    const retries = await this.queryRetries(unlock.kind);
    if (retries === 0) throw new KioskError(errors.blocked, { retriesLeft: 0 });
    if (retries === 1 && !allowLastTry) throw new KioskError(errors.lastTry, { retriesLeft: 1 });
    const apdu = verify(this.#keyRef(fileId), unlock.secret);
    let sw: number;
    try {
      sw = (await this.#send(apdu)).sw;
    } finally {
      apdu.fill(0);
    }
    if (sw === SW_OK) return;
    if (isBlockedSw(sw)) throw new KioskError(errors.blocked, { retriesLeft: 0 });
    const left = retriesFromSw(sw);
    if (left !== null) throw new KioskError(errors.wrong, { retriesLeft: left });
    throw new KioskError('card/card-error', { sw });
  }

  /** Reads a whole transparent EF holding one BER-TLV object; trailing filler is dropped. */
  async readTlvFile(fileId: number): Promise<Uint8Array> {
    const sfi = fileId & 0x1f;
    let first: ResponseApdu | null = null;
    if (this.#addressing === 'sfi') {
      first = await this.#send(readBinarySfi(sfi, 0, 256));
      if (ADDRESSING_UNSUPPORTED.has(first.sw)) first = null;
    }
    if (!first) {
      const selected = await this.#send(selectEf(fileId));
      if (selected.sw !== SW_OK) throw new KioskError('card/card-error', { sw: selected.sw });
      first = await this.#send(readBinary(0, 256));
    }
    if (first.sw !== SW_OK) throw new KioskError('card/card-error', { sw: first.sw });
    const total = tlvTotalLength(first.data);
    if (total > MAX_FILE_SIZE) throw new KioskError('card/malformed-data');
    const chunks = [first.data];
    let have = first.data.length;
    while (have < total) {
      const next = await this.#send(readBinary(have, Math.min(256, total - have)));
      if (next.sw !== SW_OK || next.data.length === 0) {
        // End of file before the object's declared end: the object is truncated.
        if (next.sw === SW_OK || next.sw === SW_END_OF_FILE || next.sw === 0x6282) throw new KioskError('card/malformed-data');
        throw new KioskError('card/card-error', { sw: next.sw });
      }
      chunks.push(next.data);
      have += next.data.length;
    }
    const file = concat(chunks).subarray(0, total);
    for (const chunk of chunks) chunk.fill(0);
    return file;
  }
}

/** Remaining tries without consuming one (select the application, empty VERIFY). */
export async function queryKenhojoRetries(transport: ApduTransport, kind: UnlockKind): Promise<number | null> {
  const session = new KenhojoSession(transport);
  await session.selectApplication();
  return session.queryRetries(kind);
}

/**
 * Full read. 照合番号B can never open EF 0001: the request is refused before the card is
 * touched, and the code-b path has no step that selects or reads it.
 */
export async function readKenhojo(transport: ApduTransport, options: KenhojoReadOptions): Promise<KenhojoRecord> {
  const { unlock } = options;
  try {
    if (options.withIndividualNumber && unlock.kind !== 'pin') throw new KioskError('card/number-needs-pin');
    if (!isWellFormedSecret(unlock.kind, unlock.secret)) throw new KioskError(ERRORS[unlock.kind].format);
    const session = new KenhojoSession(transport);
    await session.selectApplication();
    await session.verifySecret(unlock, options.allowLastTry);
    const basicFile = await session.readTlvFile(EF_BASIC_INFO);
    let basic: BasicInfo;
    try {
      basic = decodeBasicInfo(basicFile);
    } finally {
      basicFile.fill(0); // the decoded strings are what the caller asked for; no raw copy lingers
    }
    if (unlock.kind === 'pin' && options.withIndividualNumber) {
      const file = await session.readTlvFile(EF_INDIVIDUAL_NUMBER);
      try {
        return { ...basic, individualNumber: decodeIndividualNumber(file) };
      } finally {
        file.fill(0);
      }
    }
    return basic;
  } finally {
    unlock.secret.fill(0);
  }
}

function retriesOrThrow(sw: number): number | null {
  if (isBlockedSw(sw)) return 0;
  const retries = retriesFromSw(sw);
  if (retries !== null) return retries;
  if (sw === SW_OK) return null;
  throw new KioskError('card/card-error', { sw });
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
