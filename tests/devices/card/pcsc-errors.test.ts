import { describe, expect, it } from 'vitest';
import { cardErrorCodeForPcsc, cardErrorFromPcsc, pcscCode, SCARD } from '../../../devices/card/pcsc-errors.ts';

describe('PC/SC error mapping', () => {
  it('extracts the return code from pcsclite messages', () => {
    expect(pcscCode(new Error('SCardTransmit error: Card was removed.(0x80100069)'))).toBe(SCARD.W_REMOVED_CARD);
    expect(pcscCode(new Error('SCardEstablishContext error: Service not available.(0x8010001D)'))).toBe(SCARD.E_NO_SERVICE);
    expect(pcscCode(new Error('Card Reader not connected'))).toBeNull();
  });

  it.each([
    [SCARD.E_NO_SERVICE, 'establish', 'no-service'],
    [SCARD.E_SERVICE_STOPPED, 'transmit', 'no-service'],
    [SCARD.E_NO_READERS_AVAILABLE, 'connect', 'reader-not-found'],
    [SCARD.E_UNKNOWN_READER, 'connect', 'reader-not-found'],
    [SCARD.E_READER_UNAVAILABLE, 'transmit', 'reader-removed'],
    [SCARD.E_NO_SMARTCARD, 'connect', 'no-card'],
    [SCARD.W_REMOVED_CARD, 'connect', 'no-card'],
    [SCARD.W_REMOVED_CARD, 'transmit', 'card-removed'],
    [SCARD.E_SHARING_VIOLATION, 'connect', 'reader-busy'],
    [SCARD.W_RESET_CARD, 'transmit', 'reader-busy'],
    [SCARD.W_UNRESPONSIVE_CARD, 'connect', 'communication-error'],
    [SCARD.E_NOT_TRANSACTED, 'transmit', 'communication-error'],
    [null, 'establish', 'no-service'],
    [null, 'transmit', 'communication-error'],
  ] as const)('maps %s during %s to %s', (code, phase, expected) => {
    expect(cardErrorCodeForPcsc(code, phase)).toBe(expected);
  });

  it('keeps the underlying message out of the CardError', () => {
    const error = cardErrorFromPcsc(new Error('SCardConnect error: Sharing violation.(0x8010000B) 山田'), 'connect');
    expect(error.code).toBe('reader-busy');
    expect(error.message).not.toContain('山田');
  });
});
