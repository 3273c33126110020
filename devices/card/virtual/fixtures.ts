// Fixture residents for the virtual card. Invented people with realistic data: rare characters
// (髙, 﨑, 𠮷 outside the BMP, 邉), a 60-character address with building and room, birth dates
// on era boundaries, sex code 9, children. Individual numbers are made up with a valid check
// digit. Test data only: these PINs and codes belong to no one.
import { individualNumberCheckDigit } from '../individual-number.ts';
import { verificationCodeB } from '../japanese-era.ts';
import type { BasicInfoImage } from './card-files.ts';
import { VirtualMyNumberCard, type VirtualMyNumberCardOptions } from './mynumber-card.ts';

export interface CardFixture {
  readonly id: string;
  /** What the fixture exercises (for `virtual-card --list`). */
  readonly note: string;
  readonly resident: BasicInfoImage & { readonly individualNumber: string };
  readonly pin: string;
  /** Card expiry year printed on the face (part of 照合番号B). */
  readonly expiryYear: number;
  /** 4-digit security code printed on the face (part of 照合番号B). */
  readonly securityCode: string;
}

const number = (first11: string): string => `${first11}${individualNumberCheckDigit(first11)}`;

export const CARD_FIXTURES: readonly CardFixture[] = [
  {
    id: 'takahashi-showa64',
    note: '髙 in the name; born on the last day of 昭和 (1989-01-07 = 昭和64年)',
    resident: {
      name: '髙橋　健太郎',
      address: '東京都大田区山王二丁目５番１３号',
      birthDate: '1989-01-07',
      sexCode: '1',
      individualNumber: number('31475926535'),
    },
    pin: '4721',
    expiryYear: 2034,
    securityCode: '5812',
  },
  {
    id: 'yamazaki-heisei1',
    note: '﨑 in name and building; born on the first day of 平成 (1989-01-08 = 平成元年)',
    resident: {
      name: '山﨑　美咲',
      address: '神奈川県横浜市港北区日吉本町四丁目１０番２号　﨑山コーポ２０３号室',
      birthDate: '1989-01-08',
      sexCode: '2',
      individualNumber: number('27182818284'),
    },
    pin: '3096',
    expiryYear: 2033,
    securityCode: '0427',
  },
  {
    id: 'yoshida-heisei31-child',
    note: '𠮷 (U+20BB7, outside the BMP); a child born on the last day of 平成 (2019-04-30 = 平成31年)',
    resident: {
      name: '𠮷田　大翔',
      address: '大阪府大阪市北区梅田三丁目１－３　𠮷田ビル５０２',
      birthDate: '2019-04-30',
      sexCode: '1',
      individualNumber: number('16180339887'),
    },
    pin: '8530',
    expiryYear: 2029,
    securityCode: '9164',
  },
  {
    id: 'watanabe-reiwa1-child',
    note: '邉 in the name; a child born on the first day of 令和 (2019-05-01 = 令和元年)',
    resident: {
      name: '渡邉　陽葵',
      address: '福岡県福岡市中央区天神一丁目８番１号',
      birthDate: '2019-05-01',
      sexCode: '2',
      individualNumber: number('14142135623'),
    },
    pin: '6203',
    expiryYear: 2029,
    securityCode: '3378',
  },
  {
    id: 'hasegawa-long-address',
    note: '60-character address with building and room (outer TLV length in long form)',
    resident: {
      name: '長谷川　真由美',
      address: '北海道札幌市中央区北一条西二丁目１番地１０　札幌グランドタワーレジデンス・ノースウイング北棟アネックスＢ　第２７０１号室',
      birthDate: '1975-11-03',
      sexCode: '2',
      individualNumber: number('57721566490'),
    },
    pin: '1357',
    expiryYear: 2035,
    securityCode: '2468',
  },
  {
    id: 'sato-sex9',
    note: 'sex code 9 (not applicable, ISO 5218)',
    resident: {
      name: '佐藤　ひかる',
      address: '宮城県仙台市青葉区国分町三丁目７番１号',
      birthDate: '1962-08-15',
      sexCode: '9',
      individualNumber: number('69314718055'),
    },
    pin: '9025',
    expiryYear: 2031,
    securityCode: '7701',
  },
];

export function findFixture(id: string): CardFixture | undefined {
  return CARD_FIXTURES.find((f) => f.id === id);
}

/** The 14-digit 照合番号B a staff member would type from this fixture's card face. */
export function fixtureCodeB(fixture: CardFixture): string {
  return verificationCodeB(fixture.resident.birthDate, fixture.expiryYear, fixture.securityCode);
}

export type FixtureCardOverrides = Omit<Partial<VirtualMyNumberCardOptions>, 'basicInfo' | 'individualNumber' | 'pin' | 'codeB'>;

export function cardFromFixture(fixture: CardFixture, overrides: FixtureCardOverrides = {}): VirtualMyNumberCard {
  const { individualNumber, ...basicInfo } = fixture.resident;
  return new VirtualMyNumberCard({
    basicInfo,
    individualNumber,
    pin: fixture.pin,
    codeB: fixtureCodeB(fixture),
    ...overrides,
  });
}
