// CardService over real PC/SC readers (pcscd).
import { type CardPolicy, loadCardPolicy } from './card-policy.ts';
import { type CardReadResult, type CardService, queryKenhojoRetries, type ReadCardRequest, readWithPolicy } from './card-service.ts';
import type { UnlockKind } from '../../domain/card.ts';
import { PcscReaderManager, type ReaderInfo, type ReaderListener } from './pcsc-readers.ts';

export class PcscCardService implements CardService {
  readonly mode = 'pcsc' as const;
  readonly #manager: PcscReaderManager;
  readonly #policy: CardPolicy;

  private constructor(manager: PcscReaderManager, policy: CardPolicy) {
    this.#manager = manager;
    this.#policy = policy;
  }

  /**
   * Throws KioskError card/no-service when pcscd cannot be reached and, when no policy is given,
   * card/config-invalid for a KIOSK_CONFIG file that cannot be read or holds a bad card setting.
   */
  static open(policy: CardPolicy = loadCardPolicy()): PcscCardService {
    return new PcscCardService(PcscReaderManager.open(), policy);
  }

  /** The underlying reader manager (for waiting on card presence). */
  get readers(): PcscReaderManager {
    return this.#manager;
  }

  async listReaders(): Promise<ReaderInfo[]> {
    await this.#manager.ready();
    return this.#manager.readers();
  }

  subscribe(listener: ReaderListener): () => void {
    return this.#manager.subscribe(listener);
  }

  queryRetries(reader: string, kind: UnlockKind = 'pin'): Promise<number | null> {
    return this.#manager.withCard(reader, (transport) => queryKenhojoRetries(transport, kind));
  }

  async readCard(request: ReadCardRequest): Promise<CardReadResult> {
    try {
      return await this.#manager.withCard(request.reader, (transport) => readWithPolicy(transport, request, this.#policy, false));
    } finally {
      // Also when the reader was missing and the card never touched.
      request.unlock.secret.fill(0);
    }
  }

  close(): void {
    this.#manager.close();
  }
}
