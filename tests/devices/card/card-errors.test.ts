import { describe, expect, it } from 'vitest';
import { CardError, type CardErrorCode } from '../../../devices/card/card-errors.ts';

const CODES: CardErrorCode[] = [
  'no-service',
  'reader-not-found',
  'no-card',
  'not-mynumber-card',
  'pin-format',
  'pin-wrong',
  'pin-last-try',
  'pin-blocked',
  'code-b-format',
  'code-b-wrong',
  'code-b-last-try',
  'code-b-blocked',
  'number-needs-pin',
  'number-forbidden',
  'number-invalid',
  'card-removed',
  'reader-removed',
  'reader-busy',
  'malformed-data',
  'card-error',
  'communication-error',
  'config-invalid',
];

describe('card errors', () => {
  it.each(CODES)('%s has a Japanese message first and an English one second', (code) => {
    const error = new CardError(code, { retriesLeft: 2, sw: 0x6a82 });
    expect(error.messageJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(error.messageEn).toMatch(/^[\x20-\x7e]+$/);
    expect(error.message).toBe(`${error.messageJa} / ${error.messageEn}`);
  });

  it('serialises to the CLI contract shape', () => {
    expect(new CardError('pin-wrong', { retriesLeft: 1 }).toJSON()).toEqual({
      error: 'pin-wrong',
      message: expect.stringContaining('あと1回') as unknown as string,
      retriesLeft: 1,
    });
    expect(Object.keys(new CardError('no-card').toJSON())).toEqual(['error', 'message']);
  });

  it('tells the resident where a blocked PIN is reset', () => {
    expect(new CardError('pin-blocked').messageJa).toContain('区役所のマイナンバーカード窓口');
  });
});
