// Demo-mode transport: the simulated card answers APDUs directly, no PC/SC involved.
import type { ApduTransport } from '../apdu-transport.ts';
import { KioskError } from '../../../domain/errors.ts';
import type { SmartCard } from './smart-card.ts';

export class InProcessTransport implements ApduTransport {
  readonly #card: SmartCard;
  readonly #pullAfterApdus: number | undefined;
  apduCount = 0;

  constructor(card: SmartCard, options: { pullAfterApdus?: number } = {}) {
    this.#card = card;
    this.#pullAfterApdus = options.pullAfterApdus;
    card.reset();
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.#pullAfterApdus !== undefined && this.apduCount >= this.#pullAfterApdus) throw new KioskError('card/card-removed');
    this.apduCount++;
    return this.#card.execute(apdu);
  }
}
