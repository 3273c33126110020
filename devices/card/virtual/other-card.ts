// A smart card that is not a My Number card (e.g. a transit or bank card): it answers SELECT of
// the 券面事項入力補助AP with 6A82. It deliberately carries a My Number-like ATR, because the
// reader must identify the card by SELECT, never by ATR.
import { MYNUMBER_LIKE_ATR, type SmartCard, sw } from './smart-card.ts';

export class OtherIsoCard implements SmartCard {
  readonly atr: Uint8Array;
  commandCount = 0;

  constructor(atr: Uint8Array = MYNUMBER_LIKE_ATR) {
    this.atr = atr;
  }

  powerOn(): void {}
  powerOff(): void {}
  reset(): void {}

  execute(apdu: Uint8Array): Uint8Array {
    this.commandCount++;
    if (apdu[1] === 0xa4) return sw(0x6a82);
    return sw(apdu[1] === 0x20 || apdu[1] === 0xb0 ? 0x6986 : 0x6d00);
  }
}
