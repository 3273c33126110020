// CardPort over the card module's CardService (devices/card, PC/SC or demo): card errors
// become staff messages, and only the basic-4 leave the adapter.
import type { CardService } from '../../devices/card/card-service.ts';
import { isCardError, type CardErrorCode } from '../../devices/card/card-errors.ts';
import type { BasicInfo } from '../../devices/card/card-data.ts';
import type { ReaderInfo, Unlock } from '../../devices/card/card-service.ts';
import { ServiceError, type CardPort } from './ports.ts';

const CODE_MAP: Partial<Record<CardErrorCode, string>> = {
  'pin-wrong': 'wrong-pin',
  'code-b-wrong': 'wrong-code-b',
  'reader-not-found': 'no-reader',
};

/** What staff should do next, per card error. */
const ACTIONS: Partial<Record<CardErrorCode, string>> = {
  'no-service': 'システム担当に連絡してください（pcscd の起動）。それまでは照合番号Bも使えません。',
  'reader-not-found': 'リーダーの接続を確認し、「カードを読む」を押し直してください。',
  'no-card': 'カードをリーダーに置いてから「カードを読む」を押してください。',
  'not-mynumber-card': 'マイナンバーカードかどうか確認してください。違う場合は手入力で世帯員を追加してください。',
  'pin-wrong': '住民の方にもう一度入力していただいてください。',
  'pin-last-try': '住民の方に、間違えるとロックされることを伝え、確認してから入力していただいてください。',
  'pin-blocked': '照合番号Bで読み取るか、マイナンバーカード窓口での暗証番号の再設定をご案内ください。',
  'code-b-wrong': 'カード表面の生年月日・有効期限・セキュリティコードを確認し、入力し直してください。',
  'code-b-blocked': 'マイナンバーカード窓口にご案内ください。世帯員は手入力でも追加できます。',
  'card-removed': 'カードを置き直して「カードを読む」を押してください。暗証番号の残り回数は減っていません。',
  'reader-removed': 'リーダーを接続し直してから「カードを読む」を押してください。',
  'reader-busy': '他のアプリを閉じてから、もう一度「カードを読む」を押してください。',
  'malformed-data': 'もう一度読んでください。続く場合は手入力で世帯員を追加してください。',
  'communication-error': 'カードを置き直してもう一度読んでください。',
};

function toServiceError(error: unknown): unknown {
  if (!isCardError(error)) return error;
  return new ServiceError(
    CODE_MAP[error.code] ?? error.code,
    error.messageJa,
    ACTIONS[error.code] ?? 'もう一度操作してください。続く場合はシステム担当に連絡してください。',
    error.messageEn,
    error.retriesLeft,
  );
}

export class CardServiceAdapter implements CardPort {
  readonly #service: CardService;

  constructor(service: CardService) {
    this.#service = service;
  }

  get demo(): boolean {
    return this.#service.mode === 'demo';
  }

  async readers(): Promise<ReaderInfo[]> {
    try {
      return (await this.#service.listReaders()).map((r) => ({ name: r.name, cardPresent: r.cardPresent }));
    } catch (error) {
      throw toServiceError(error);
    }
  }

  onChange(listener: () => void): () => void {
    return this.#service.subscribe(() => listener());
  }

  async pinRetries(reader: string): Promise<number> {
    try {
      const retries = await this.#service.queryRetries(reader, 'pin');
      // Cards that do not report a count get the standard 3 for display; the card still enforces its own.
      return retries ?? 3;
    } catch (error) {
      throw toServiceError(error);
    }
  }

  async read(reader: string, unlock: Unlock, options: { allowLastTry: boolean }): Promise<BasicInfo> {
    try {
      const result = await this.#service.readCard({ reader, unlock, withIndividualNumber: false, allowLastTry: options.allowLastTry });
      return { name: result.name, address: result.address, birthDate: result.birthDate, sex: result.sex };
    } catch (error) {
      throw toServiceError(error);
    } finally {
      unlock.secret.fill(0);
    }
  }

  async close(): Promise<void> {
    this.#service.close();
  }
}
