// The 住民異動届 speaks of the move it records: a 転出届 asks for the 転出先 and the 転出予定日, not the
// 転入 wording (「住所を定めた場所」, 「異動から14日以内」). Read back from the printed page.
import { describe, expect, it } from 'vitest';
import { renderFormSet, validateHousehold, type Household } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { pageText, squash } from './support/page-text.ts';

/** A family of three leaving 札幌市 for a 地割 address in 岩手郡雫石町, notifying before the move. */
function tenshutsu(): Household {
  const v = validateHousehold({
    schemaVersion: 1,
    move: { type: 'tenshutsu', date: '2027-03-28', notificationDate: '2027-03-15' },
    newAddress: { postalCode: '020-0585', address: '岩手県岩手郡雫石町長山第24地割106番地' },
    previousAddress: {
      postalCode: '064-0820',
      address: '北海道札幌市中央区大通西20丁目3番地',
      building: 'ライオンズマンション大通公園',
      room: '705号室',
    },
    phone: '090-4417-2286',
    members: [
      {
        familyName: '佐々木',
        givenName: '健司',
        familyKana: 'ササキ',
        givenKana: 'ケンジ',
        birthDate: '1979-08-02',
        sex: 'male',
        relationship: '世帯主',
        readFromCard: true,
        myNumberCard: true,
        facts: { nationalHealthInsurance: true },
      },
      {
        familyName: '佐々木',
        givenName: '美穂',
        familyKana: 'ササキ',
        givenKana: 'ミホ',
        birthDate: '1981-12-24',
        sex: 'female',
        relationship: '妻',
        facts: { nationalHealthInsurance: true },
      },
      {
        familyName: '佐々木',
        givenName: '蒼',
        familyKana: 'ササキ',
        givenKana: 'アオ',
        birthDate: '2018-06-30',
        sex: 'male',
        relationship: '子',
        facts: { nationalHealthInsurance: true },
      },
    ],
  });
  if (!v.ok) throw new Error(v.errors.map((e) => e.path).join(', '));
  return v.household;
}

async function juminIdoText(h: Household): Promise<string> {
  const r = await renderFormSet(h, { reference: 'R-TEST-LABELS' });
  const form = r.forms.find((f) => f.id === 'jumin-ido');
  expect(form, 'jumin-ido rendered').toBeDefined();
  return squash(pageText(form!.pdf, 1));
}

describe('住民異動届 labels follow the move kind', { timeout: 60_000 }, () => {
  it('a 転出届 asks for the 転出先 and the 転出予定日, with the 転出 deadline', async () => {
    const text = await juminIdoText(tenshutsu());
    expect(text).toContain('転出届');
    expect(text).toContain('転出先');
    expect(text).toContain('転出予定日');
    expect(text).toContain('転出先の世帯主');
    // The 転入 wording is gone.
    expect(text).not.toContain('住所を定めた場所');
    expect(text).not.toContain('異動から14日以内');
    expect(text).not.toContain('住み始めた日');
    // The values sit under their labels: the 転出先 is the new address, the date is the planned one.
    expect(text).toContain('岩手県岩手郡雫石町長山第24地割106番地');
    expect(text).toContain('令和9年3月28日');
  });

  it('a 転入届 keeps the 転入 wording, and a 転居届 says 転居', async () => {
    const tennyu = await juminIdoText(example('tennyu-4'));
    expect(tennyu).toContain('住所を定めた場所');
    expect(tennyu).toContain('住み始めた日から14日以内');
    expect(tennyu).not.toContain('転出先');
    expect(tennyu).not.toContain('転出予定日');
    const tenkyo = await juminIdoText(example('tenkyo-3'));
    expect(tenkyo).toContain('転居した日から14日以内');
    expect(tenkyo).not.toContain('転出先');
    expect(tenkyo).not.toContain('住所を定めた場所');
  });
});
