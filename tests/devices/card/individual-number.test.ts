import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { individualNumberCheckDigit, isValidIndividualNumber } from '../../../devices/card/individual-number.ts';

describe('個人番号 check digit', () => {
  it('matches the published examples', () => {
    expect(individualNumberCheckDigit('12345678901')).toBe(8);
    expect(individualNumberCheckDigit('53768667718')).toBe(8);
    expect(isValidIndividualNumber('123456789018')).toBe(true);
    expect(isValidIndividualNumber('537686677188')).toBe(true);
  });
  it('maps remainders 0 and 1 to check digit 0', () => {
    // 00000000001: weight of the last digit is 2 → r = 2 → 9; 00000000000 → r = 0 → 0.
    expect(individualNumberCheckDigit('00000000000')).toBe(0);
    expect(individualNumberCheckDigit('00000000001')).toBe(9);
  });
  it('rejects wrong digits, wrong lengths and non-digits', () => {
    expect(isValidIndividualNumber('123456789017')).toBe(false);
    expect(isValidIndividualNumber('12345678901')).toBe(false);
    expect(isValidIndividualNumber('１２３４５６７８９０１８')).toBe(false);
    expect(() => individualNumberCheckDigit('1234567890a')).toThrow(RangeError);
  });
  it('detects every single-digit substitution in the first 11 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{11}$/), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (base, pos, delta) => {
        const valid = `${base}${individualNumberCheckDigit(base)}`;
        const changed = String((Number(valid[pos]) + delta) % 10);
        const mutated = valid.slice(0, pos) + changed + valid.slice(pos + 1);
        // Weights are 2..7 and mod 11 is prime, so a single substitution changes r — but r=0/1
        // both map to 0, so only assert when the two remainders are not that pair.
        const c1 = individualNumberCheckDigit(base);
        const c2 = individualNumberCheckDigit(mutated.slice(0, 11));
        if (c1 === 0 && c2 === 0) return;
        expect(isValidIndividualNumber(mutated)).toBe(false);
      }),
    );
  });
});
