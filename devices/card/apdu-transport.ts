// The one thing the card protocol needs from a reader: send a command APDU, get the response
// APDU (data + SW1 SW2). Implemented over PC/SC and, for demo mode and tests, in process.

export interface ApduTransport {
  /** Sends one command APDU; resolves to the response including SW1 SW2. */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
}
