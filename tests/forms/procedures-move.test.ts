// Which procedure a move brings, decided the way a 戸籍住民課 clerk would — 後期高齢者医療 by
// prefecture, 介護保険 by certification, what a 転出 ends or carries over, and ages on the 届出日.
import { describe, expect, it } from 'vitest';
import { decideProcedures, renderFormSet, validateHousehold, type Household, type HouseholdInput } from '../../forms/index.ts';
import { printedText } from './support/raster.ts';

type MemberInput = HouseholdInput['members'][number];

const person = (over: Partial<MemberInput> & Pick<MemberInput, 'givenName' | 'givenKana' | 'birthDate' | 'relationship'>): MemberInput => ({
  familyName: '高橋',
  familyKana: 'タカハシ',
  sex: 'female',
  readFromCard: true,
  myNumberCard: true,
  facts: {},
  ...over,
});

function household(input: Omit<HouseholdInput, 'schemaVersion'>): Household {
  const v = validateHousehold({ schemaVersion: 1, ...input });
  if (!v.ok) throw new Error(`invalid: ${v.errors.map((e) => `${e.path} ${e.code}`).join(', ')}`);
  return v.household;
}

const SAPPORO = {
  postalCode: '060-0042',
  address: '北海道札幌市中央区大通西10丁目4番地',
  building: 'ライオンズマンション大通',
  room: '305号室',
};
const ASAHIKAWA = { postalCode: '070-0036', address: '北海道旭川市6条通9丁目46番地' };
const TOKYO = { postalCode: '167-0051', address: '東京都杉並区荻窪5丁目20番1号' };

/** An elderly couple moving in: 世帯主 77, wife 73 (no certification unless a test says so). */
function elderlyCouple(previousAddress: HouseholdInput['previousAddress'], wifeFacts: MemberInput['facts'] = {}): Household {
  return household({
    move: { type: 'tennyu', date: '2026-10-15', notificationDate: '2026-10-20' },
    newAddress: SAPPORO,
    previousAddress,
    members: [
      person({ givenName: '茂', givenKana: 'シゲル', birthDate: '1949-03-08', sex: 'male', relationship: '世帯主' }),
      person({ givenName: '和子', givenKana: 'カズコ', birthDate: '1953-07-21', relationship: '妻', facts: wifeFacts }),
    ],
  });
}

const decision = (h: Household, id: string) => decideProcedures(h).find((d) => d.procedureId === id)!;

describe('後期高齢者医療 on a 転入: new enrolment from another prefecture, address change within it', () => {
  it('from 東京都 is a 資格取得 with the 負担区分等証明書', () => {
    const d = decision(elderlyCouple(TOKYO), 'kouki-koureisha');
    expect(d.included).toBe(true);
    expect(d.subjects).toEqual([0]);
    expect(d.kind).toBe('資格取得（負担区分等証明書を添付）');
    expect(d.reasons[0]).toContain('他の都道府県から転入');
    expect(d.reasons[0]).toContain('負担区分等証明書');
    expect(d.kindToConfirm).toBeUndefined();
  });

  it('from 旭川市 (same prefecture) is a 住所変更, also when the old address omits 北海道', () => {
    for (const previous of [ASAHIKAWA, { ...ASAHIKAWA, address: '旭川市6条通9丁目46番地' }]) {
      const d = decision(elderlyCouple(previous), 'kouki-koureisha');
      expect(d.kind).toBe('住所変更');
      expect(d.reasons[0]).toContain('同じ都道府県内');
      expect(d.reasons[0]).not.toContain('負担区分等証明書');
    }
  });

  it('leaves the kind to staff, and says why, when the old prefecture cannot be told (府中市 is in two)', () => {
    const d = decision(elderlyCouple({ postalCode: '183-0022', address: '府中市宮西町2丁目24番地' }), 'kouki-koureisha');
    expect(d.included).toBe(true);
    expect(d.kind).toBeUndefined();
    expect(d.kindToConfirm).toMatch(/都道府県.*確認/);
    expect(d.reasons[0]).toContain('職員');
  });

  it('prints which kind it is on the form', async () => {
    const r = await renderFormSet(elderlyCouple(TOKYO), { reference: 'R-KOUKI-1' });
    const form = r.forms.find((f) => f.id === 'kouki-koureisha')!;
    expect(printedText(form.pdf, { squashed: true })).toContain('資格取得（負担区分等証明書を添付）');
    const same = await renderFormSet(elderlyCouple(ASAHIKAWA), { reference: 'R-KOUKI-2' });
    expect(printedText(same.forms.find((f) => f.id === 'kouki-koureisha')!.pdf, { squashed: true })).toContain('住所変更');
  });

  it('lists an undecided kind for staff instead of printing a guess', async () => {
    const r = await renderFormSet(elderlyCouple({ postalCode: '183-0022', address: '府中市宮西町2丁目24番地' }), {
      reference: 'R-KOUKI-3',
    });
    const f = r.report.forms.find((x) => x.id === 'kouki-koureisha')!;
    expect(f.fieldsEmpty).toContain('changeKind');
    expect(f.handwrite).toContainEqual(expect.objectContaining({ field: 'changeKind', kind: 'to-confirm' }));
  });
});

describe('介護保険: a certification at any age, 65+ without one only the 住所変更', () => {
  it('a 58-year-old 第2号 with a 要介護 certification gets the procedure with the 受給資格証明書', () => {
    const h = household({
      move: { type: 'tennyu', date: '2026-06-01' },
      newAddress: SAPPORO,
      previousAddress: TOKYO,
      members: [
        person({
          givenName: '誠',
          givenKana: 'マコト',
          birthDate: '1968-01-30',
          sex: 'male',
          relationship: '世帯主',
          facts: { longTermCareCertified: true },
        }),
      ],
    });
    const d = decision(h, 'kaigo-hoken');
    expect(d.included).toBe(true);
    expect(d.subjects).toEqual([0]);
    expect(d.kind).toBe('受給資格証明書の提出');
    expect(d.reasons.join()).toContain('要介護・要支援の認定');
    expect(d.reasons.join()).toContain('受給資格証明書');
  });

  it('65+ without certification moving in: a 資格取得 (a new insured person here), not a 住所変更, and no 受給資格証明書', () => {
    const d = decision(elderlyCouple(TOKYO), 'kaigo-hoken');
    expect(d.subjects).toEqual([0, 1]);
    expect(d.kind).toBe('資格取得（転入）');
    expect(d.reasons).toHaveLength(1);
    expect(d.reasons[0]).toContain('認定のない65歳以上の方（2名）');
    expect(d.reasons[0]).not.toContain('受給資格証明書');
  });

  it('a household with both says which member is which', () => {
    const d = decision(elderlyCouple(TOKYO, { longTermCareCertified: true }), 'kaigo-hoken');
    expect(d.subjects).toEqual([0, 1]);
    expect(d.kind).toBe('受給資格証明書の提出・資格取得（転入）');
    expect(d.reasons[0]).toContain('要介護・要支援の認定を受けている方（1名）');
    expect(d.reasons[1]).toContain('認定のない65歳以上の方（1名）');
  });

  it('a 64-year-old without certification needs nothing', () => {
    const h = household({
      move: { type: 'tennyu', date: '2026-06-01' },
      newAddress: SAPPORO,
      previousAddress: TOKYO,
      members: [person({ givenName: '誠', givenKana: 'マコト', birthDate: '1961-06-02', sex: 'male', relationship: '世帯主' })],
    });
    expect(decision(h, 'kaigo-hoken').included).toBe(false);
  });
});

/** The 山田 family leaving 札幌 for 東京: 国保, a certified 母 of 78, a child with 児童手当 and 子ども医療, a seal. */
function yamadaLeaving(): Household {
  return household({
    move: { type: 'tenshutsu', date: '2026-12-20', notificationDate: '2026-12-10' },
    newAddress: TOKYO,
    previousAddress: SAPPORO,
    members: [
      person({
        familyName: '山田',
        familyKana: 'ヤマダ',
        givenName: '太郎',
        givenKana: 'タロウ',
        birthDate: '1980-06-15',
        sex: 'male',
        relationship: '世帯主',
        facts: { nationalHealthInsurance: true, registeredSeal: true },
      }),
      person({
        familyName: '山田',
        familyKana: 'ヤマダ',
        givenName: '花子',
        givenKana: 'ハナコ',
        birthDate: '1982-09-03',
        relationship: '妻',
        facts: { nationalHealthInsurance: true },
      }),
      person({
        familyName: '山田',
        familyKana: 'ヤマダ',
        givenName: '一郎',
        givenKana: 'イチロウ',
        birthDate: '2015-05-20',
        sex: 'male',
        relationship: '子',
        myNumberCard: false,
        facts: { nationalHealthInsurance: true, childAllowance: true, childMedical: true },
      }),
      person({
        familyName: '山田',
        familyKana: 'ヤマダ',
        givenName: 'キヨ',
        givenKana: 'キヨ',
        birthDate: '1948-02-11',
        relationship: '母',
        facts: { longTermCareCertified: true },
      }),
    ],
  });
}

describe('転出: what ends or carries over is chosen', () => {
  it('chooses 介護 受給資格証明書, 後期高齢 負担区分等証明書, 児童手当 消滅届, 子ども医療 資格喪失, 印鑑登録 廃止', () => {
    const all = decideProcedures(yamadaLeaving());
    const inc = all.filter((d) => d.included);
    expect(inc.map((d) => d.procedureId)).toEqual([
      'jumin-ido',
      'kokuho-ido',
      'kaigo-hoken',
      'kouki-koureisha',
      'jidou-teate',
      'kodomo-iryo',
      'inkan-toroku',
      'shugaku',
    ]);
    const by = (id: string) => inc.find((d) => d.procedureId === id)!;
    expect(by('kaigo-hoken')).toMatchObject({ handling: 'form', formId: 'kaigo-hoken', kind: '受給資格証明書の交付申請', subjects: [3] });
    expect(by('kouki-koureisha')).toMatchObject({ handling: 'form', formId: 'kouki-koureisha', subjects: [3] });
    expect(by('kouki-koureisha').kind).toContain('負担区分等証明書');
    // Both end with the 転出: printed pre-filled (the 受給事由消滅届 and the 資格喪失届).
    expect(by('jidou-teate')).toMatchObject({ handling: 'form', formId: 'jidou-teate-shometsu', subjects: [2] });
    expect(by('jidou-teate').reasons[0]).toContain('消滅届');
    expect(by('kodomo-iryo')).toMatchObject({ handling: 'form', formId: 'kodomo-iryo-soshitsu', subjects: [2] });
    expect(by('kodomo-iryo').reasons[0]).toContain('資格喪失届');
    // Nothing to file: the 転出届 ends the registration; the checklist says so.
    expect(by('inkan-toroku')).toMatchObject({ handling: 'automatic', formId: undefined, subjects: [0] });
    expect(by('inkan-toroku').note).toContain('自動的に廃止');
  });

  it('within the same prefecture the 後期高齢 qualification continues: nothing to file here', () => {
    const h = yamadaLeaving();
    h.newAddress = ASAHIKAWA;
    const d = decision(h, 'kouki-koureisha');
    expect(d).toMatchObject({ included: true, handling: 'automatic', formId: undefined });
    expect(d.note).toContain('転出先');
  });

  it('puts the checklist items in the render report and renders only the forms', async () => {
    const r = await renderFormSet(yamadaLeaving(), { reference: 'R-TENSHUTSU-1' });
    expect(r.report.forms.map((f) => f.id)).toEqual([
      'jumin-ido',
      'kokuho-ido',
      'kaigo-hoken',
      'kouki-koureisha',
      'jidou-teate-shometsu',
      'kodomo-iryo-soshitsu',
    ]);
    expect(r.report.checklist.map((c) => [c.procedureId, c.handling])).toEqual([
      ['inkan-toroku', 'automatic'],
      // 一郎 is at 小学校: the current school issues the 在学証明書 (tenshutsu-school.test.ts).
      ['shugaku', 'checklist'],
    ]);
    expect(r.report.checklist.find((c) => c.procedureId === 'inkan-toroku')!.note).toContain('自動的に廃止');
    const kaigo = r.forms.find((f) => f.id === 'kaigo-hoken')!;
    expect(printedText(kaigo.pdf, { squashed: true })).toContain('受給資格証明書の交付申請');
  });
});

describe('ages and school years on the day the forms are filed', () => {
  /** Moved on 28 March, filed on 5 April: a child turning 小1 and one leaving 中3 that April. */
  function marchMove(): Household {
    return household({
      move: { type: 'tennyu', date: '2026-03-28', notificationDate: '2026-04-05' },
      newAddress: SAPPORO,
      previousAddress: TOKYO,
      members: [
        person({
          familyName: '鈴木',
          familyKana: 'スズキ',
          givenName: '健',
          givenKana: 'ケン',
          birthDate: '1985-11-02',
          sex: 'male',
          relationship: '世帯主',
        }),
        person({
          familyName: '鈴木',
          familyKana: 'スズキ',
          givenName: 'さくら',
          givenKana: 'サクラ',
          birthDate: '2019-08-10',
          relationship: '子',
          myNumberCard: false,
        }),
        person({
          familyName: '鈴木',
          familyKana: 'スズキ',
          givenName: '大翔',
          givenKana: 'ヒロト',
          birthDate: '2010-09-15',
          sex: 'male',
          relationship: '子',
          myNumberCard: false,
        }),
      ],
    });
  }

  it('gives this school year: the child starting 小1 goes to 就学, the one leaving 中3 does not', () => {
    const d = decision(marchMove(), 'shugaku');
    expect(d.included).toBe(true);
    expect(d.subjects).toEqual([1]);
    expect(d.ageBasis).toBe('notificationDate');
    expect(d.reasons[0]).toContain('届出日時点');
  });

  it('states the date each rule uses: the insurances take the 異動日', () => {
    const d = decision(elderlyCouple(TOKYO), 'kaigo-hoken');
    expect(d.ageBasis).toBe('moveDate');
    expect(d.reasons[0]).toContain('異動日時点');
  });

  it('prints the grades of the filing day on the forms', async () => {
    const r = await renderFormSet(marchMove(), { reference: 'R-APRIL-1' });
    const shugaku = r.forms.find((f) => f.id === 'shugaku');
    expect(shugaku).toBeDefined();
    expect(printedText(shugaku!.pdf, { squashed: true })).toContain('小学1年');
    const iryo = printedText(r.forms.find((f) => f.id === 'kodomo-iryo')!.pdf, { squashed: true });
    expect(iryo).toContain('小学1年');
    expect(iryo).toContain('高校1年相当');
    expect(iryo).not.toContain('未就学');
  });
});
