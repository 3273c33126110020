// Staff-facing messages: what happened (Japanese), what to do next (Japanese), English second.
// Messages never include personal data; a code identifies the case for support.
import type { UiError } from '../ipc/contract.ts';
import { isKioskDataError } from '../queue/errors.ts';
import { ServiceError } from './ports.ts';

export const messages = {
  notSignedIn: {
    ja: '職員のサインインが必要です。',
    action: '職員IDとパスワードでサインインしてください。',
    en: 'Staff sign-in required.',
  },
  noSession: { ja: '受付が開始されていません。', action: '「新しい受付」を押してください。', en: 'No visit in progress.' },
  noReader: {
    ja: 'カードリーダーが見つかりません。',
    action: 'リーダーのケーブルを確認し、挿し直してから「カードを読む」を押してください。',
    en: 'No card reader found.',
  },
  codeBRequired: {
    ja: '照合番号Bが入力されていません。',
    action: 'カード表面の生年月日6桁・有効期限の西暦4桁・セキュリティコード4桁を入力してください。',
    en: 'Collation number B is missing.',
  },
  pinBlocked: {
    ja: '暗証番号がロックされています。',
    action: 'このカードでは暗証番号を使えません。照合番号Bで読み取るか、住民の方にマイナンバーカード窓口での初期化をご案内ください。',
    en: 'The PIN is blocked.',
  },
  noPinRequest: {
    ja: '暗証番号の入力を求めていません。',
    action: '職員画面で「カードを読む」を押してから入力してください。',
    en: 'No PIN was requested.',
  },
  noMember: { ja: 'その世帯員は見つかりません。', action: '画面を更新してやり直してください。', en: 'Member not found.' },
  unknownForm: { ja: 'その帳票は対象一覧にありません。', action: '手続きの質問に答え直してください。', en: 'Form not in the list.' },
  stepNotReady: { ja: 'まだその段階に進めません。', action: '前の段階の入力を終えてください。', en: 'That step is not ready yet.' },
  householdIncomplete: {
    ja: '世帯員または異動の内容が未入力です。',
    action: '世帯員と異動内容を入力してください。',
    en: 'Household or move details missing.',
  },
  noForms: { ja: '印刷する帳票が選ばれていません。', action: '手続きの一覧で帳票を1つ以上選んでください。', en: 'No form selected.' },
  noPage: { ja: 'そのページはありません。', action: 'プレビューを作り直してください。', en: 'No such page.' },
  noPreview: {
    ja: 'プレビューがまだありません。',
    action: '「プレビュー」を押して帳票を確認してから印刷してください。',
    en: 'Preview first.',
  },
  notPrinted: {
    ja: 'まだ印刷していません。',
    action: '帳票を印刷してから番号札を発行してください。',
    en: 'Print before issuing the ticket.',
  },
  unavailable: {
    ja: (what: string) => `${what}が利用できません。`,
    action: 'システム担当に連絡してください。受付は手書きの申請書で続けられます。',
    en: (what: string) => `${what} is unavailable.`,
  },
  internal: {
    ja: '予期しないエラーが発生しました。',
    action: 'もう一度操作してください。続く場合はシステム担当に連絡してください。',
    en: 'Unexpected error.',
  },
} as const;

/** Maps any thrown value to a message staff can act on. Unknown errors never expose their text. */
export function toUiError(error: unknown): UiError {
  if (error instanceof ServiceError) {
    return { code: error.code, message: error.message, action: error.action, messageEn: error.messageEn };
  }
  return { code: 'internal', message: messages.internal.ja, action: messages.internal.action, messageEn: messages.internal.en };
}

/**
 * An error of the queue or printing modules (stable code, messages without personal data)
 * with what staff should do next added; anything else passes through unchanged.
 */
export function fromDataError(error: unknown, action: string): unknown {
  return isKioskDataError(error) ? new ServiceError(error.code, error.message, action, error.messageEn) : error;
}
