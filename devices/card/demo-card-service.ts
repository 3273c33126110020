// CardService for demo mode: simulated cards in simulated readers, no PC/SC needed. Reader names
// and every result carry the demo label so nothing read here is mistaken for a real card.
import { KioskError } from '../../domain/errors.ts';
import { type CardPolicy, DEFAULT_CARD_POLICY } from './card-policy.ts';
import { type CardReadResult, type CardService, queryKenhojoRetries, type ReadCardRequest, readWithPolicy } from './card-service.ts';
import type { UnlockKind } from '../../domain/card.ts';
import type { ReaderEvent, ReaderInfo, ReaderListener } from './pcsc-readers.ts';
import { InProcessTransport } from './virtual/in-process-transport.ts';
import type { SmartCard } from './virtual/smart-card.ts';

export const DEMO_READER_NAME = 'デモ用仮想リーダー (DEMO)';

export class DemoCardService implements CardService {
  readonly mode = 'demo' as const;
  readonly #slots = new Map<string, SmartCard | null>();
  readonly #listeners = new Set<ReaderListener>();
  readonly #policy: CardPolicy;

  constructor(options: { policy?: CardPolicy; readers?: readonly string[] } = {}) {
    this.#policy = options.policy ?? DEFAULT_CARD_POLICY;
    for (const name of options.readers ?? [DEMO_READER_NAME]) this.#slots.set(name, null);
  }

  /** Puts a simulated card in a demo reader (replacing any card there). */
  insert(card: SmartCard, reader: string = DEMO_READER_NAME): void {
    if (!this.#slots.has(reader)) throw new KioskError('card/reader-not-found');
    this.#slots.set(reader, card);
    this.#emit({ type: 'card-inserted', reader });
  }

  remove(reader: string = DEMO_READER_NAME): void {
    if (this.#slots.get(reader)) {
      this.#slots.set(reader, null);
      this.#emit({ type: 'card-removed', reader });
    }
  }

  async listReaders(): Promise<ReaderInfo[]> {
    return [...this.#slots.entries()].map(([name, card]) => ({ name, cardPresent: card !== null }));
  }

  subscribe(listener: ReaderListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async queryRetries(reader: string, kind: UnlockKind = 'pin'): Promise<number | null> {
    return queryKenhojoRetries(this.#transport(reader), kind);
  }

  async readCard(request: ReadCardRequest): Promise<CardReadResult> {
    try {
      return await readWithPolicy(this.#transport(request.reader), request, this.#policy, true);
    } finally {
      request.unlock.secret.fill(0);
    }
  }

  close(): void {
    this.#listeners.clear();
  }

  #transport(reader: string): InProcessTransport {
    if (!this.#slots.has(reader)) throw new KioskError('card/reader-not-found');
    const card = this.#slots.get(reader);
    if (!card) throw new KioskError('card/no-card');
    return new InProcessTransport(card);
  }

  #emit(event: ReaderEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
