import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAddress } from '../../forms/format/address.ts';
import { installedPostalDataVersion, lookupPostalCode, POSTAL_DATA } from '../../forms/format/postal.ts';

describe('address splitting (offline)', () => {
  it('splits a designated-city address with a ward', () => {
    expect(splitAddress('北海道札幌市中央区北一条西2丁目1番地', '札幌グランドレジデンス北一条', '1203号室')).toEqual({
      prefecture: '北海道',
      inferredPrefecture: '',
      city: '札幌市中央区',
      town: '北一条西',
      block: '2丁目1番地',
      building: '札幌グランドレジデンス北一条 1203号室',
      uncertain: false,
    });
  });
  it('starts the block at a kanji numeral before 丁目 and takes a building after a space', () => {
    expect(splitAddress('東京都中央区銀座四丁目5番3号 銀座ビル5階')).toEqual({
      prefecture: '東京都',
      inferredPrefecture: '',
      city: '中央区',
      town: '銀座',
      block: '四丁目5番3号',
      building: '銀座ビル5階',
      uncertain: false,
    });
  });
  it('keeps kanji numerals that belong to the town name', () => {
    expect(splitAddress('北海道札幌市豊平区平岸一条7丁目3番5号')).toMatchObject({ town: '平岸一条', block: '7丁目3番5号' });
  });
  it('matches a town written without its 郡 and infers the prefecture', () => {
    expect(splitAddress('当別町白樺町58番地9')).toMatchObject({
      prefecture: '',
      inferredPrefecture: '北海道',
      city: '当別町',
      town: '白樺町',
      block: '58番地9',
      uncertain: false,
    });
    // 府中市 is in two prefectures: no guess, and the split says so.
    expect(splitAddress('府中市宮西町2丁目24番地')).toMatchObject({
      prefecture: '',
      inferredPrefecture: '',
      city: '府中市',
      uncertain: true,
    });
    expect(splitAddress('北海道石狩郡当別町白樺町58番地9')).toMatchObject({ city: '石狩郡当別町' });
  });
  it('handles a long address with hyphenated block numbers', () => {
    expect(splitAddress('千葉県千葉市中央区千葉港1-1')).toMatchObject({ city: '千葉市中央区', town: '千葉港', block: '1-1' });
  });
});

describe('address splitting never drops text (real counter input)', () => {
  const joined = (p: ReturnType<typeof splitAddress>) => `${p.prefecture}${p.city}${p.town}${p.block}${p.building}`.replace(/\s/g, '');
  const input = (...parts: (string | undefined)[]) => parts.join('').replace(/[\s\u3000]/g, '');

  it('a space inside the street part joins it (大通西 3丁目)', () => {
    const p = splitAddress('北海道札幌市中央区大通西 3丁目7番地', 'さっぽろタワー', '501号室');
    expect(p).toEqual({
      prefecture: '北海道',
      inferredPrefecture: '',
      city: '札幌市中央区',
      town: '大通西',
      block: '3丁目7番地',
      building: 'さっぽろタワー 501号室',
      uncertain: false,
    });
  });
  it('text after the block number stays, before the building given separately', () => {
    const p = splitAddress('北海道札幌市中央区大通西3丁目7番地 大通ハイツ', '別館', '201号室');
    expect(p).toMatchObject({ town: '大通西', block: '3丁目7番地', building: '大通ハイツ 別館 201号室', uncertain: false });
  });
  it('a space after the prefecture or the city is only a space', () => {
    expect(splitAddress('北海道 札幌市中央区 北一条西2丁目1番地')).toMatchObject({
      prefecture: '北海道',
      city: '札幌市中央区',
      town: '北一条西',
      block: '2丁目1番地',
      building: '',
      uncertain: false,
    });
  });
  it('地割, 番地の and a block number split by spaces', () => {
    expect(splitAddress('岩手県岩手郡雫石町長山第２地割１２番地')).toMatchObject({
      city: '岩手郡雫石町',
      town: '長山',
      block: '第２地割１２番地',
      uncertain: false,
    });
    expect(splitAddress('北海道札幌市豊平区平岸一条7丁目 3番地の2 平岸コーポ')).toMatchObject({
      town: '平岸一条',
      block: '7丁目3番地の2',
      building: '平岸コーポ',
    });
  });
  it('flags what it cannot split (no municipality, no block number) instead of guessing', () => {
    const unknown = splitAddress('ウソ県ナイ市どこか1-2-3');
    expect(unknown.uncertain).toBe(true);
    expect(joined(unknown)).toBe('ウソ県ナイ市どこか1-2-3');
    const noBlock = splitAddress('北海道虻田郡倶知安町字山田');
    expect(noBlock).toMatchObject({ city: '虻田郡倶知安町', uncertain: true });
    expect(joined(noBlock)).toBe('北海道虻田郡倶知安町字山田');
  });

  it('joined, the parts are the input without its whitespace, for any address shape', () => {
    const prefecturesAndCities = [
      ['北海道', '札幌市中央区'],
      ['北海道', '石狩郡当別町'],
      ['', '当別町'],
      ['岩手県', '岩手郡雫石町'],
      ['京都府', '京都市中京区'],
      ['東京都', '千代田区'],
      ['', ''],
      ['大阪府', ''],
    ] as const;
    const towns = ['北一条西', '字大通', '寺町通御池上る上本能寺前町', '平岸一条', '長山', '丸の内', '一番町', 'アイヌ語地名ピリカ'];
    const blocks = ['2丁目1番地', '十丁目４番地', '第２地割１２番地', '3番地の2', '１－２－３', '488', '', '四丁目11番1号', '7丁目 3番地'];
    const buildings = ['', ' 大通ハイツ', '　コーポ北十条 203号室', ' ビル 5階 東側'];
    const spaces = ['', ' ', '　', '  '];
    fc.assert(
      fc.property(
        fc.constantFrom(...prefecturesAndCities),
        fc.constantFrom(...towns),
        fc.constantFrom(...blocks),
        fc.constantFrom(...buildings),
        fc.constantFrom(...spaces),
        fc.option(fc.constantFrom('グランドメゾン一番町', '札幌𠮷﨑髙マンション', '定山渓ビューテラス南棟'), { nil: undefined }),
        fc.option(fc.constantFrom('1203号室', '２１０１号室', 'B棟3階'), { nil: undefined }),
        ([pref, city], town, block, inline, space, building, room) => {
          const address = `${pref}${space}${city}${space}${town}${space}${block}${inline}`;
          const parts = splitAddress(address, building, room);
          expect(joined(parts)).toBe(input(address, building, room));
          // Every piece keeps its place: nothing moves from the street into the building or back.
          if (city !== '' && block !== '' && !block.includes(' ')) {
            expect(parts).toMatchObject({ city, town, block: block.replace(/\s/g, ''), uncertain: false });
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never drops a character of random text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'北海道札幌市中央区大通西一二三丁目番地号の－-1２3 　ハイツ字第地割'), maxLength: 40 }),
        (address) => {
          expect(joined(splitAddress(address))).toBe(input(address));
        },
      ),
      { numRuns: 500 },
    );
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
