// What a simulated card offers to its transports (vpcd socket, in-process demo reader).

export interface SmartCard {
  /** Answer-to-reset bytes. */
  readonly atr: Uint8Array;
  powerOn(): void;
  powerOff(): void;
  reset(): void;
  /** Executes one command APDU and returns the response APDU (data + SW1 SW2). */
  execute(apdu: Uint8Array): Uint8Array;
}

/** A contactless My Number card ATR as synthesised by PC/SC readers (pcsc-tools smartcard_list). */
export const MYNUMBER_LIKE_ATR: Uint8Array = Uint8Array.of(0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x05, 0xe0, 0xb3, 0x81, 0xa1, 0x00, 0x7f);

/** A contact-interface My Number card ATR (pcsc-tools smartcard_list). */
export const MYNUMBER_CONTACT_ATR: Uint8Array = Uint8Array.of(0x3b, 0xc5, 0xff, 0x81, 0x31, 0xfb, 0x45, 0x80, 0x73, 0xc6, 0x01, 0x00, 0x00);

export function sw(word: number): Uint8Array {
  return Uint8Array.of(word >> 8, word & 0xff);
}
