// Maps PC/SC failures (pcsclite error messages end in "(0x8010xxxx)") to the card error codes.
import { type CardErrorCode } from './card-errors.ts';
import { KioskError } from '../../domain/errors.ts';

export const SCARD = {
  E_CANCELLED: 0x80100002,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_PROTO_MISMATCH: 0x8010000f,
  F_COMM_ERROR: 0x80100013,
  E_NOT_TRANSACTED: 0x80100016,
  E_READER_UNAVAILABLE: 0x80100017,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  E_COMM_DATA_LOST: 0x8010002f,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
} as const;

/** The PC/SC return code carried in a pcsclite error, or null if there is none. */
export function pcscCode(error: unknown): number | null {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const m = /\(0x([0-9a-f]{8})\)/i.exec(text);
  return m ? Number.parseInt(m[1]!, 16) : null;
}

export type PcscPhase = 'establish' | 'connect' | 'transmit';

/**
 * Error code for a PC/SC failure. `phase` matters: an absent card or reader at connect time
 * means "nothing there", during a transmit it means "taken away mid-read".
 */
export function cardErrorCodeForPcsc(code: number | null, phase: PcscPhase): CardErrorCode {
  switch (code) {
    case SCARD.E_NO_SERVICE:
    case SCARD.E_SERVICE_STOPPED:
      return 'card/no-service';
    case SCARD.E_NO_READERS_AVAILABLE:
      return 'card/reader-not-found';
    case SCARD.E_UNKNOWN_READER:
    case SCARD.E_READER_UNAVAILABLE:
      return phase === 'transmit' ? 'card/reader-removed' : 'card/reader-not-found';
    case SCARD.E_NO_SMARTCARD:
    case SCARD.W_REMOVED_CARD:
      return phase === 'transmit' ? 'card/card-removed' : 'card/no-card';
    case SCARD.E_SHARING_VIOLATION:
      return 'card/reader-busy';
    case SCARD.W_UNRESPONSIVE_CARD:
    case SCARD.W_UNPOWERED_CARD:
      return phase === 'transmit' ? 'card/card-removed' : 'card/communication-error';
    case SCARD.W_RESET_CARD:
      // Someone else reset the card under us: the session (and its security state) is gone.
      return 'card/reader-busy';
    default:
      return phase === 'establish' ? 'card/no-service' : 'card/communication-error';
  }
}

export function cardErrorFromPcsc(error: unknown, phase: PcscPhase): KioskError {
  return new KioskError(cardErrorCodeForPcsc(pcscCode(error), phase));
}
