import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { householdBaseValues, householdMemberValues, splitAddress } from '../../forms/index.ts';
import { installedPostalDataVersion, lookupPostalCode, POSTAL_DATA } from '../../forms/format/postal.ts';
import { example } from './support/households.ts';

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
  it('keeps the 条 of a Hokkaido grid town in the town (札幌 北7条西, 旭川 4条通, 帯広 西3条南)', () => {
    expect(splitAddress('北海道札幌市北区北7条西5丁目 8番地')).toEqual({
      prefecture: '北海道',
      inferredPrefecture: '',
      city: '札幌市北区',
      town: '北7条西',
      block: '5丁目8番地',
      building: '',
      uncertain: false,
    });
    expect(splitAddress('北海道札幌市中央区南3条西4丁目12番地')).toMatchObject({ town: '南3条西', block: '4丁目12番地', uncertain: false });
    expect(splitAddress('札幌市中央区南1条西10丁目1番地')).toMatchObject({
      inferredPrefecture: '北海道',
      city: '札幌市中央区',
      town: '南1条西',
      block: '10丁目1番地',
      uncertain: false,
    });
    expect(splitAddress('北海道札幌市東区北１７条東１丁目２番３号')).toMatchObject({
      town: '北１７条東',
      block: '１丁目２番３号',
      uncertain: false,
    });
    expect(splitAddress('北海道札幌市豊平区平岸1条7丁目3番5号')).toMatchObject({ town: '平岸1条', block: '7丁目3番5号', uncertain: false });
    expect(splitAddress('北海道旭川市4条通8丁目1702番地')).toMatchObject({
      city: '旭川市',
      town: '4条通',
      block: '8丁目1702番地',
      uncertain: false,
    });
    expect(splitAddress('北海道旭川市東4条5丁目3番12号')).toMatchObject({ town: '東4条', block: '5丁目3番12号', uncertain: false });
    expect(splitAddress('北海道帯広市西3条南9丁目1番地')).toMatchObject({
      city: '帯広市',
      town: '西3条南',
      block: '9丁目1番地',
      uncertain: false,
    });
    // Typed with a space before or after the 条: still the town's.
    expect(splitAddress('北海道札幌市北区北7 条西5丁目8番地')).toMatchObject({ town: '北7条西', block: '5丁目8番地', uncertain: false });
    expect(splitAddress('北海道札幌市北区北7条 西5丁目8番地')).toMatchObject({ town: '北7条西', block: '5丁目8番地', uncertain: false });
  });
  it('flags a 条 it cannot place instead of splitting before it', () => {
    expect(splitAddress('北海道札幌市中央区南1条西10丁目1番地2条')).toMatchObject({ town: '南1条西', uncertain: true });
  });
  it('the 就学届 町名・字 box gets the whole grid town name', () => {
    const household = example('tennyu-4');
    household.newAddress = { ...household.newAddress, postalCode: '060-0807', address: '北海道札幌市北区北7条西5丁目 8番地' };
    const values = householdBaseValues(household, householdMemberValues(household));
    expect(values).toMatchObject({ 'newAddress.town': '北7条西', 'newAddress.block': '5丁目8番地', 'newAddress.city': '札幌市北区' });
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
      ['北海道', '旭川市'],
      ['', '帯広市'],
      ['北海道', '石狩郡当別町'],
      ['', '当別町'],
      ['岩手県', '岩手郡雫石町'],
      ['京都府', '京都市中京区'],
      ['東京都', '千代田区'],
      ['', ''],
      ['大阪府', ''],
    ] as const;
    const towns = [
      ...['北一条西', '字大通', '寺町通御池上る上本能寺前町', '平岸一条', '長山', '丸の内', '一番町', 'アイヌ語地名ピリカ'],
      // Hokkaido grid towns: the 条 and its direction are the town's (札幌, 旭川, 帯広).
      ...['北7条西', '南1条西', '北１７条東', '平岸1条', '4条通', '東4条', '西3条南', '南十条西'],
    ];
    const blocks = ['2丁目1番地', '十丁目４番地', '第２地割１２番地', '3番地の2', '１－２－３', '488', '', '四丁目11番1号', '7丁目 3番地'];
    const buildings = ['', ' 大通ハイツ', '　コーポ北十条 203号室', ' ビル 5階 東側', ' 北7条パレス 3条館'];
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
        fc.string({ unit: fc.constantFrom(...'北海道札幌市中央区大通西一二三丁目番地号の－-1２3 　ハイツ字第地割条南通'), maxLength: 40 }),
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
