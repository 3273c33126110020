// CardPort over the card module's CardService (devices/card, PC/SC or demo): only the basic-4
// leave the adapter, and the secret is zeroed whatever happens. Card errors pass through as
// they are (KioskError `card/…`, with the staff action from the catalogue).
import type { BasicInfo } from '../../devices/card/card-data.ts';
import type { CardService, ReaderInfo, Unlock } from '../../devices/card/card-service.ts';
import type { CardPort } from './ports.ts';

export class CardServiceAdapter implements CardPort {
  readonly #service: CardService;

  constructor(service: CardService) {
    this.#service = service;
  }

  get demo(): boolean {
    return this.#service.mode === 'demo';
  }

  async readers(): Promise<ReaderInfo[]> {
    return (await this.#service.listReaders()).map((r) => ({ name: r.name, cardPresent: r.cardPresent }));
  }

  onChange(listener: () => void): () => void {
    return this.#service.subscribe(() => listener());
  }

  async pinRetries(reader: string): Promise<number> {
    const retries = await this.#service.queryRetries(reader, 'pin');
    // Cards that do not report a count get the standard 3 for display; the card still enforces its own.
    return retries ?? 3;
  }

  async read(reader: string, unlock: Unlock, options: { allowLastTry: boolean }): Promise<BasicInfo> {
    try {
      const result = await this.#service.readCard({ reader, unlock, withIndividualNumber: false, allowLastTry: options.allowLastTry });
      return { name: result.name, address: result.address, birthDate: result.birthDate, sex: result.sex };
    } finally {
      unlock.secret.fill(0);
    }
  }

  async close(): Promise<void> {
    this.#service.close();
  }
}
