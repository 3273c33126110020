import { describe, expect, it } from 'vitest';
import { splitAddress } from '../../forms/format/address.ts';
import { installedPostalDataVersion, lookupPostalCode, POSTAL_DATA } from '../../forms/format/postal.ts';

describe('address splitting (offline)', () => {
  it('splits a designated-city address with a ward', () => {
    expect(splitAddress('北海道札幌市中央区北一条西2丁目1番地', '札幌グランドレジデンス北一条', '1203号室')).toEqual({
      prefecture: '北海道',
      city: '札幌市中央区',
      town: '北一条西',
      block: '2丁目1番地',
      building: '札幌グランドレジデンス北一条 1203号室',
    });
  });
  it('starts the block at a kanji numeral before 丁目 and takes a building after a space', () => {
    expect(splitAddress('東京都中央区銀座四丁目5番3号 銀座ビル5階')).toEqual({
      prefecture: '東京都',
      city: '中央区',
      town: '銀座',
      block: '四丁目5番3号',
      building: '銀座ビル5階',
    });
  });
  it('keeps kanji numerals that belong to the town name', () => {
    expect(splitAddress('北海道札幌市豊平区平岸一条7丁目3番5号')).toMatchObject({ town: '平岸一条', block: '7丁目3番5号' });
  });
  it('matches a town written without its 郡 and infers the prefecture', () => {
    expect(splitAddress('当別町白樺町58番地9')).toMatchObject({ prefecture: '北海道', city: '当別町', town: '白樺町', block: '58番地9' });
    expect(splitAddress('北海道石狩郡当別町白樺町58番地9')).toMatchObject({ city: '石狩郡当別町' });
  });
  it('handles a long address with hyphenated block numbers', () => {
    expect(splitAddress('千葉県千葉市中央区千葉港1-1')).toMatchObject({ city: '千葉市中央区', town: '千葉港', block: '1-1' });
  });
});

describe('postal code lookup', () => {
  it('finds the address for a code in either width', () => {
    const r = lookupPostalCode('０６０－０００１');
    expect(r.matches).toEqual([{ postalCode: '0600001', prefecture: '北海道', city: '札幌市中央区', town: '北一条西', cityCode: '01101' }]);
    expect(r.data.dataDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it('returns nothing for an unknown or malformed code', () => {
    expect(lookupPostalCode('0000000').matches).toEqual([]);
    expect(lookupPostalCode('12345').matches).toEqual([]);
  });
  it('shows the date of the installed data (the pinned version must match)', () => {
    expect(installedPostalDataVersion()).toBe(POSTAL_DATA.version);
  });
});
