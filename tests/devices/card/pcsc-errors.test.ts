import { describe, expect, it } from 'vitest';
import { cardErrorCodeForPcsc, cardErrorFromPcsc, pcscCode, SCARD } from '../../../devices/card/pcsc-errors.ts';

describe('PC/SC error mapping', () => {
  it('extracts the return code from pcsclite messages', () => {
    expect(pcscCode(new Error('SCardTransmit error: Card was removed.(0x80100069)'))).toBe(SCARD.W_REMOVED_CARD);
    expect(pcscCode(new Error('SCardEstablishContext error: Service not available.(0x8010001D)'))).toBe(SCARD.E_NO_SERVICE);
    expect(pcscCode(new Error('Card Reader not connected'))).toBeNull();
  });

  it.each([
    [SCARD.E_NO_SERVICE, 'establish', 'card/no-service'],
    [SCARD.E_SERVICE_STOPPED, 'transmit', 'card/no-service'],
    [SCARD.E_NO_READERS_AVAILABLE, 'connect', 'card/reader-not-found'],
    [SCARD.E_UNKNOWN_READER, 'connect', 'card/reader-not-found'],
    [SCARD.E_READER_UNAVAILABLE, 'transmit', 'card/reader-removed'],
    [SCARD.E_NO_SMARTCARD, 'connect', 'card/no-card'],
    [SCARD.W_REMOVED_CARD, 'connect', 'card/no-card'],
    [SCARD.W_REMOVED_CARD, 'transmit', 'card/card-removed'],
    [SCARD.E_SHARING_VIOLATION, 'connect', 'card/reader-busy'],
    [SCARD.W_RESET_CARD, 'transmit', 'card/reader-busy'],
    [SCARD.W_UNRESPONSIVE_CARD, 'connect', 'card/communication-error'],
    [SCARD.E_NOT_TRANSACTED, 'transmit', 'card/communication-error'],
    [null, 'establish', 'card/no-service'],
    [null, 'transmit', 'card/communication-error'],
  ] as const)('maps %s during %s to %s', (code, phase, expected) => {
    expect(cardErrorCodeForPcsc(code, phase)).toBe(expected);
  });

  it('keeps the underlying message out of the KioskError', () => {
    const error = cardErrorFromPcsc(new Error('SCardConnect error: Sharing violation.(0x8010000B) 山田'), 'connect');
    expect(error.code).toBe('card/reader-busy');
    expect(error.message).not.toContain('山田');
  });
});
