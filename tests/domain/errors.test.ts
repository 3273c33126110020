// The one error model: every code of the catalogue reads as a message a clerk can act on, and
// errors travel (IPC, CLI) without the text of anything unexpected.
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, EXIT_CODES, textOf, type ErrorCode } from '../../domain/error-catalogue.ts';
import { errorJson, exitCodeOf, KioskError, serializeError } from '../../domain/errors.ts';

const CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('error catalogue', () => {
  it.each(CODES)('%s: area/code, Japanese message and action, English second, a documented exit code', (code) => {
    expect(code).toMatch(/^(card|printer|queue|db|keys|forms|session|auth|ipc|office|cli|app)\/[a-z0-9-]+$/);
    const entry = ERROR_CATALOGUE[code];
    const details = { retriesLeft: 2, sw: 0x6a82 };
    expect(textOf(entry.ja, details)).toMatch(JAPANESE);
    expect(textOf(entry.en, details)).toMatch(/^[\x20-\x7e’]+$/);
    expect(entry.action).toMatch(JAPANESE);
    expect(Object.values(EXIT_CODES)).toContain(entry.exit);
  });

  it('puts the remaining tries into the wrong-PIN message and the serialised error', () => {
    const error = new KioskError('card/pin-wrong', { retriesLeft: 1 });
    expect(error.message).toBe('暗証番号が違います。あと1回間違えるとロックされます。');
    expect(error.area).toBe('card');
    expect(serializeError(error)).toEqual({
      code: 'card/pin-wrong',
      message: error.message,
      messageEn: 'Wrong PIN. 1 tries left before the PIN is blocked.',
      action: '住民の方にもう一度入力していただいてください。',
      retriesLeft: 1,
    });
    expect(errorJson(new KioskError('card/no-card'))).toEqual({
      error: 'card/no-card',
      message: 'カードリーダーにカードが置かれていません。',
      messageEn: 'No card in the reader.',
      action: 'カードをリーダーに置いてから「カードを読む」を押してください。',
    });
  });

  it('tells the resident where a blocked PIN is reset', () => {
    expect(new KioskError('card/pin-blocked').message).toContain('区役所のマイナンバーカード窓口');
  });

  it('keeps a more specific message given at the throw site, with the catalogue’s action', () => {
    const error = new KioskError('queue/illegal-transition', {
      ja: 'A-012: 「完了」の申請に「called」は記録できません。',
      en: "A-012: event 'called' is not allowed in state 'completed'.",
    });
    expect(error.message).toContain('A-012');
    expect(error.action).toBe(ERROR_CATALOGUE['queue/illegal-transition'].action);
    expect(exitCodeOf(error)).toBe(EXIT_CODES.refused);
  });

  it('never serialises the text of an unexpected error (it may hold personal data)', () => {
    const leak = new Error('髙橋　健太郎 北海道札幌市中央区北一条西2丁目');
    const out = serializeError(leak);
    expect(out.code).toBe('app/internal');
    expect(JSON.stringify(out)).not.toContain('髙橋');
    expect(exitCodeOf(leak)).toBe(EXIT_CODES.internal);
  });

  it('gives one exit code per kind of failure across areas', () => {
    expect(exitCodeOf(new KioskError('card/no-service'))).toBe(exitCodeOf(new KioskError('printer/not-accepting')));
    expect(exitCodeOf(new KioskError('queue/unknown-request'))).toBe(exitCodeOf(new KioskError('card/card-removed')));
    expect(exitCodeOf(new KioskError('db/newer-schema'))).toBe(exitCodeOf(new KioskError('card/number-forbidden')));
  });
});
