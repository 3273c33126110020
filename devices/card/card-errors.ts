// Stable error codes for everything that can go wrong while reading a card. Messages are
// Japanese first (residents and staff), English second (IT staff), and never contain resident
// data: only codes, counts and status words.

import { swHex } from './apdu.ts';

export type CardErrorCode =
  | 'no-service'
  | 'reader-not-found'
  | 'no-card'
  | 'not-mynumber-card'
  | 'pin-format'
  | 'pin-wrong'
  | 'pin-last-try'
  | 'pin-blocked'
  | 'code-b-format'
  | 'code-b-wrong'
  | 'code-b-last-try'
  | 'code-b-blocked'
  | 'number-needs-pin'
  | 'number-forbidden'
  | 'number-invalid'
  | 'card-removed'
  | 'reader-removed'
  | 'reader-busy'
  | 'malformed-data'
  | 'card-error'
  | 'communication-error'
  | 'config-invalid';

interface Detail {
  readonly retriesLeft?: number;
  /** Status word (e.g. 0x6982) for card-error; never resident data. */
  readonly sw?: number;
}

const hex = (sw: number | undefined): string => (sw === undefined ? '----' : swHex(sw));
const left = (d: Detail): string => String(d.retriesLeft ?? '?');

const MESSAGES: Record<CardErrorCode, (d: Detail) => readonly [ja: string, en: string]> = {
  'no-service': () => [
    'カードリーダーのサービス（PC/SC: pcscd）が動いていません。係員にお知らせください。',
    'The PC/SC service (pcscd) is not running.',
  ],
  'reader-not-found': () => [
    '指定されたカードリーダーが見つかりません。接続を確認してください。',
    'The selected card reader was not found.',
  ],
  'no-card': () => ['カードリーダーにカードが置かれていません。', 'No card in the reader.'],
  'not-mynumber-card': () => [
    'マイナンバーカードではありません（券面事項入力補助APが見つかりません）。',
    'Not a My Number card (the card info input support application was not found).',
  ],
  'pin-format': () => ['暗証番号は数字4桁で入力してください。', 'The PIN must be exactly 4 digits.'],
  'pin-wrong': (d) => [
    `暗証番号が違います。あと${left(d)}回間違えるとロックされます。`,
    `Wrong PIN. ${left(d)} tries left before the PIN is blocked.`,
  ],
  'pin-last-try': () => [
    '暗証番号の残り回数が1回です。間違えるとロックされます。確認のうえ、もう一度操作してください。',
    'Only one PIN try is left; the PIN was not sent. Confirm explicitly to use the last try.',
  ],
  'pin-blocked': () => [
    '暗証番号がロックされています。区役所のマイナンバーカード窓口で暗証番号の再設定ができます。',
    "The PIN is blocked. It can be reset at the ward office's My Number card counter.",
  ],
  'code-b-format': () => [
    '照合番号Bは数字14桁です（生年月日6桁（和暦）＋有効期限の西暦4桁＋セキュリティコード4桁）。',
    'Verification code B is 14 digits (era birth date YYMMDD + expiry year + 4-digit security code).',
  ],
  'code-b-wrong': (d) => [
    `照合番号Bが違います。カードの券面を確認してください（残り${left(d)}回）。`,
    `Wrong verification code B. ${left(d)} tries left.`,
  ],
  'code-b-last-try': () => [
    '照合番号Bの残り回数が1回です。間違えるとロックされます。確認のうえ、もう一度操作してください。',
    'Only one try of verification code B is left; it was not sent. Confirm explicitly to use it.',
  ],
  'code-b-blocked': () => [
    '照合番号Bがロックされています。区役所のマイナンバーカード窓口にご相談ください。',
    "Verification code B is blocked. Ask at the ward office's My Number card counter.",
  ],
  'number-needs-pin': () => [
    '個人番号は暗証番号（数字4桁）でのみ読み取れます。照合番号Bでは読み取れません。',
    'The individual number can only be read with the 4-digit PIN, not with verification code B.',
  ],
  'number-forbidden': () => [
    'この窓口の設定では個人番号を読み取れません。',
    'Reading the individual number is not allowed in this deployment.',
  ],
  'number-invalid': () => [
    'カードの個人番号のチェックデジットが一致しません。',
    "The card's individual number failed the check-digit test.",
  ],
  'card-removed': () => [
    '読み取り中にカードが取り外されました。カードを置き直してください（暗証番号の残り回数は減っていません）。',
    'The card was removed during the read. Put it back and try again.',
  ],
  'reader-removed': () => [
    '読み取り中にカードリーダーが取り外されました。係員にお知らせください。',
    'The card reader was removed during the read.',
  ],
  'reader-busy': () => [
    '他のプログラムがカードを使用中です。しばらくしてからもう一度お試しください。',
    'Another program is using the card (sharing violation).',
  ],
  'malformed-data': () => ['カードのデータ形式が正しくないため読み取れませんでした。', 'The card returned malformed data.'],
  'card-error': (d) => [`カードがエラーを返しました（SW ${hex(d.sw)}）。`, `The card returned an error (SW ${hex(d.sw)}).`],
  'communication-error': () => ['カードとの通信に失敗しました。カードを置き直してください。', 'Communication with the card failed.'],
  'config-invalid': () => [
    '窓口の設定ファイル（KIOSK_CONFIG）の内容が正しくありません。',
    'The deployment configuration (KIOSK_CONFIG) is invalid.',
  ],
};

export class CardError extends Error {
  override readonly name = 'CardError';
  readonly code: CardErrorCode;
  readonly messageJa: string;
  readonly messageEn: string;
  readonly retriesLeft: number | undefined;
  readonly sw: number | undefined;

  constructor(code: CardErrorCode, detail: Detail = {}) {
    const [ja, en] = MESSAGES[code](detail);
    super(`${ja} / ${en}`);
    this.code = code;
    this.messageJa = ja;
    this.messageEn = en;
    this.retriesLeft = detail.retriesLeft;
    this.sw = detail.sw;
  }

  /** The CLI / IPC shape: `{"error","message","retriesLeft"?}`. */
  toJSON(): { error: CardErrorCode; message: string; retriesLeft?: number } {
    return this.retriesLeft === undefined
      ? { error: this.code, message: this.message }
      : { error: this.code, message: this.message, retriesLeft: this.retriesLeft };
  }
}

export function isCardError(error: unknown): error is CardError {
  return error instanceof CardError;
}
