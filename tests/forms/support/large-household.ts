// A 9-member, three-generation household moving into a 地割 address: rare characters (𠮷, 髙, 邊),
// a foreign-resident daughter-in-law, school children and grandparents over 75.
import { validateHousehold, type Household, type HouseholdInput } from '../../../forms/index.ts';

export function nineMemberInput(): HouseholdInput {
  const m = (
    familyName: string,
    givenName: string,
    familyKana: string,
    givenKana: string,
    birthDate: string,
    sex: 'male' | 'female',
    relationship: string,
    facts: Record<string, boolean> = {},
  ) => ({ familyName, givenName, familyKana, givenKana, birthDate, sex, relationship, facts: { nationalHealthInsurance: true, ...facts } });
  return {
    schemaVersion: 1,
    move: { type: 'tennyu', date: '2026-10-01', notificationDate: '2026-10-05' },
    newAddress: { postalCode: '020-0585', address: '岩手県岩手郡雫石町長山第24地割106番地' },
    previousAddress: {
      postalCode: '980-0811',
      address: '宮城県仙台市青葉区一番町四丁目11番1号',
      building: '一番町グランドメゾン',
      room: '2101号室',
    },
    phone: '019-692-3511',
    members: [
      {
        ...m('髙邊', '𠮷男', 'タカナベ', 'ヨシオ', '1972-04-29', 'male', '世帯主', { registeredSeal: true }),
        readFromCard: true,
        myNumberCard: true,
      },
      m('髙邊', '澄江', 'タカナベ', 'スミエ', '1974-11-03', 'female', '妻', { registeredSeal: true }),
      m('髙邊', '翔太', 'タカナベ', 'ショウタ', '1998-07-07', 'male', '子'),
      {
        ...m('NGUYEN', 'THI HOA', 'グエン', 'ティ　ホア', '1999-02-14', 'female', '子の妻'),
        foreignResident: {
          nationality: 'ベトナム',
          residenceCategory: '中長期在留者',
          residenceStatus: '日本人の配偶者等',
          residenceCardNumber: 'UH48213057VN',
          residenceCardExpiry: '2028-02-13',
        },
      },
      m('髙邊', '結菜', 'タカナベ', 'ユイナ', '2012-09-18', 'female', '子', { childMedical: true, childAllowance: true }),
      m('髙邊', '湊', 'タカナベ', 'ミナト', '2016-05-05', 'male', '子', { childMedical: true, childAllowance: true }),
      m('髙邊', '蓮', 'タカナベ', 'レン', '2025-12-01', 'male', '孫', { childMedical: true }),
      m('髙邊', '正雄', 'タカナベ', 'マサオ', '1944-01-15', 'male', '父'),
      m('髙邊', 'トミ', 'タカナベ', 'トミ', '1947-03-03', 'female', '母', { longTermCareCertified: true }),
    ],
  } as HouseholdInput;
}

export function nineMembers(): Household {
  const v = validateHousehold(nineMemberInput());
  if (!v.ok) throw new Error(`nine-member household invalid: ${v.errors.map((e) => `${e.path} ${e.message}`).join(', ')}`);
  return v.household;
}
