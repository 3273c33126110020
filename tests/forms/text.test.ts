import { describe, expect, it } from 'vitest';
import { digitsOnly, formatPostalCode, toFullWidthDigits, toFurigana, toHalfWidthAlnum } from '../../forms/format/text.ts';

describe('フリガナ', () => {
  it('converts hiragana to full-width katakana', () => {
    expect(toFurigana('やまだ')).toBe('ヤマダ');
    expect(toFurigana('きちたろう')).toBe('キチタロウ');
    expect(toFurigana('しょう')).toBe('ショウ');
  });
  it('widens half-width katakana, keeps katakana and ー', () => {
    expect(toFurigana('ﾀｶｻｷ')).toBe('タカサキ');
    expect(toFurigana('ｶﾞｰﾃﾞﾝ')).toBe('ガーデン');
    expect(toFurigana('グエン')).toBe('グエン');
  });
  it('makes spaces full-width', () => {
    expect(toFurigana('てぃ らん')).toBe('ティ　ラン');
  });
});

describe('digit widths', () => {
  it('converts both ways', () => {
    expect(toFullWidthDigits('011-222-3333')).toBe('０１１-２２２-３３３３');
    expect(toHalfWidthAlnum('０１１－２２２－３３３３')).toBe('011-222-3333');
    expect(toHalfWidthAlnum('ＡＢ１２')).toBe('AB12');
  });
  it('keeps a long vowel mark that is not between digits', () => {
    expect(toHalfWidthAlnum('コーポ１')).toBe('コーポ1');
  });
  it('formats postal codes from any width', () => {
    expect(formatPostalCode('０６００００１')).toBe('060-0001');
    expect(formatPostalCode('060-0001')).toBe('060-0001');
    expect(digitsOnly('〒060－0001')).toBe('0600001');
  });
});
