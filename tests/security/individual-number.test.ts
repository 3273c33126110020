// Threat: a 個人番号 typed into any resident field reaches the database because it was written in
// a way the filter did not recognise (U+2010 hyphens, dots, slashes, full-width or kanji digits, or
// digits right next to it), and card reads return the number by default.
import { describe, expect, it } from 'vitest';
import { loadCardPolicy } from '../../devices/card/card-policy.ts';
import { parseResidentData } from '../../main/crypto/resident-data.ts';

/** A number with a valid check digit (番号法施行令 第8条), invented for the test. */
const NUMBER = '402719835628';

describe('the 個人番号 filter', () => {
  const written = {
    'U+2010 hyphens': '4027‐1983‐5628',
    'U+2212 minus signs': '4027−1983−5628',
    dots: '4027.1983.5628',
    slashes: '4027/1983/5628',
    'full-width digits and spaces': '４０２７　１９８３　５６２８',
    'kanji digits': '四〇二七一九八三五六二八',
    'digits right before it': `電話0${NUMBER}`,
    'digits right after it': `${NUMBER}9`,
    'katakana long marks': '4027ー1983ー5628',
  };
  for (const [how, value] of Object.entries(written)) {
    it(`refuses a number written with ${how}`, () => {
      expect(() => parseResidentData({ name: '髙橋　𠮷太郎', address: `札幌市中央区北一条西２丁目 ${value}` })).toThrow(
        expect.objectContaining({ code: 'queue/forbidden-personal-field' }),
      );
    });
  }

  it('still accepts ordinary addresses, phone numbers and dates', () => {
    expect(() =>
      parseResidentData({
        name: '髙橋　𠮷太郎',
        address: '北海道札幌市中央区北一条西二丁目１番地１ 札幌ビル１２０３号室',
        phone: '011-222-3333',
        birthDate: '1961-04-09',
      }),
    ).not.toThrow();
  });
});

describe('the card policy', () => {
  it('forbids reading the individual number unless the deployment allows it', () => {
    expect(loadCardPolicy({})).toEqual({ individualNumber: 'forbidden' });
  });
});
