// What the forms adapter hands the (Japanese) staff console: Japanese-only reasons and problems,
// the checklist of what needs no form or is done elsewhere, and the postal-code warnings.
import { describe, expect, it } from 'vitest';
import { FormsModuleAdapter, printedLabel } from '../../../main/services/forms-adapter.ts';
import { EMPTY_NOTICE, type HouseholdDraft, type VisitMember } from '../../../domain/visit.ts';
import { KioskError } from '../../../domain/errors.ts';
import { loadProfile } from '../../../forms/index.ts';
import { decodeQrInPdf } from '../../support/qr-decode.ts';

const member = (m: Partial<VisitMember> & Pick<VisitMember, 'id' | 'name' | 'furigana' | 'birthDate' | 'relationship'>): VisitMember => ({
  sex: 'male',
  fromCard: true,
  foreignResident: null,
  ...m,
});

function draft(
  kind: 'tennyu' | 'tenshutsu',
  facts: Record<string, boolean> = {},
  overrides: Partial<HouseholdDraft['move']> = {},
): HouseholdDraft {
  return {
    reference: 'R-TEST-ADAPTER',
    headId: 'm1',
    members: [
      member({ id: 'm1', name: '髙橋　健太郎', furigana: 'タカハシ　ケンタロウ', birthDate: '1989-01-07', relationship: '世帯主' }),
      member({
        id: 'm2',
        name: '髙橋　𠮷乃',
        furigana: 'タカハシ　ヨシノ',
        birthDate: '2017-05-01',
        relationship: '子',
        sex: 'female',
        fromCard: false,
      }),
    ],
    move: {
      kind,
      // A 転入 is notified after the move, a 転出 before it.
      moveDate: kind === 'tennyu' ? '2026-11-16' : '2026-11-30',
      notificationDate: '2026-11-20',
      postalCode: '060-0042',
      address: '北海道札幌市中央区大通西十丁目４番地',
      building: '大通グランドレジデンス',
      room: '１２０３号室',
      previousPostalCode: '143-0023',
      previousAddress: '東京都大田区山王二丁目５番１３号',
      previousBuilding: '',
      previousRoom: '',
      phone: '',
      ...overrides,
    },
    facts,
    notice: EMPTY_NOTICE,
  };
}

/** Latin letters in a text meant for a Japanese screen (an English half left in it). */
const LATIN = /[A-Za-z]{2,}/;

describe('forms adapter → staff console', () => {
  const adapter = new FormsModuleAdapter();

  it('gives every procedure a Japanese-only reason (no 「… / no rule applies」)', () => {
    const choices = adapter.decide(draft('tennyu'), []);
    expect(choices.some((c) => !c.included)).toBe(true);
    for (const c of choices) expect(c.reason, c.id).not.toMatch(LATIN);
  });

  it('does not ask about 国民健康保険 for a member of 75 or over (they are in 後期高齢者医療)', () => {
    const grandmother = member({
      id: 'm3',
      name: '髙橋　ミツ',
      furigana: 'タカハシ　ミツ',
      birthDate: '1940-04-01',
      relationship: '母',
      sex: 'female',
    });
    const keys = adapter.factQuestions([...draft('tennyu').members, grandmother]).map((q) => q.key);
    expect(keys).toContain('m1:nationalHealthInsurance');
    expect(keys).toContain('m3:longTermCareCertified');
    expect(keys).not.toContain('m3:nationalHealthInsurance');
  });

  it('asks about 国民健康保険 of a member 74 on the 異動日 and 75 by the 届出日, and the 国保 form lists her', () => {
    // Moved in on 2026-11-16, filed on 2026-11-20; ミツ turns 75 on 2026-11-18, in between.
    const mitsu = member({
      id: 'm3',
      name: '髙橋　ミツ',
      furigana: 'タカハシ　ミツ',
      birthDate: '1951-11-18',
      relationship: '母',
      sex: 'female',
    });
    const family = draft('tennyu', { 'm3:nationalHealthInsurance': true });
    const household = { ...family, members: [...family.members, mitsu] };
    const keys = adapter.factQuestions(household.members, household.move).map((q) => q.key);
    expect(keys).toContain('m3:nationalHealthInsurance');
    const kokuho = adapter.decide(household, []).find((c) => c.id === 'kokuho-ido')!;
    expect(kokuho.included).toBe(true);
    expect(kokuho.reason).toContain('異動日時点');
  });

  it('names what is wrong with the household in Japanese only, by member number', () => {
    const noHead = draft('tennyu');
    const bad = { ...noHead, members: noHead.members.map((m) => ({ ...m, relationship: '子' })) };
    let error: unknown;
    try {
      adapter.decide(bad, []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KioskError);
    const message = (error as KioskError).message;
    expect(message).toContain('世帯主');
    expect(message).not.toMatch(LATIN);
  });

  it('lists what needs no form on a 転出 (印鑑登録 ends by itself) and what is done elsewhere, as the 受付票 does', () => {
    const items = adapter.checklist(draft('tenshutsu', { 'm1:registeredSeal': true }, { kind: 'tenshutsu' }), []);
    const seal = items.find((i) => i.id === 'inkan-toroku');
    expect(seal).toMatchObject({ handling: 'automatic' });
    expect(seal?.note).toContain('自動的に廃止');
    expect(items.filter((i) => i.handling === 'elsewhere').map((i) => i.id)).toEqual(
      expect.arrayContaining(['school-tenshutsu', 'new-municipality', 'driving-licence']),
    );
    for (const i of items) expect(`${i.title}${i.note}`, i.id).not.toMatch(LATIN);
  });

  it('shows the postal-code warnings of the render report before printing, in Japanese', async () => {
    // 060-0042 is Sapporo's; the address is in Tokyo.
    const result = await adapter.render(draft('tennyu', {}, { address: '東京都大田区山王二丁目５番１３号' }), []);
    const checks = result.problems.filter((p) => p.kind === 'check');
    expect(checks.map((p) => p.field)).toEqual(['newAddress.postalCode']);
    expect(checks[0]?.message).toContain('郵便番号の都道府県');
    expect(checks[0]?.message).not.toMatch(LATIN);
  }, 60_000);

  it('decides, lists and renders with the city profile it was given (札幌市: 児童手当 follows a 転居 by itself)', async () => {
    const sapporo = new FormsModuleAdapter({}, loadProfile('sapporo'));
    // A 転居 within 札幌市 of a family with a child receiving 児童手当.
    const moving = draft(
      'tenshutsu',
      { 'm2:childAllowance': true },
      {
        kind: 'tenkyo',
        moveDate: '2026-11-16',
        previousPostalCode: '062-0933',
        previousAddress: '北海道札幌市豊平区平岸三条九丁目２番１８号',
      },
    );
    const included = (a: FormsModuleAdapter) => a.decide(moving, []).find((c) => c.id === 'jidou-teate')?.included;
    expect(included(adapter)).toBe(true);
    expect(included(sapporo)).not.toBe(true);
    expect(sapporo.checklist(moving, []).find((i) => i.id === 'jidou-teate')).toMatchObject({ handling: 'automatic' });
    const forms = (await sapporo.render(moving, [])).forms.map((f) => f.id);
    expect(forms).toContain('jumin-ido');
    expect(forms).not.toContain('jidou-teate-jusho');
  }, 60_000);

  it('names a box that overflows or needs 外字 by the label printed on the paper, never by its field id', async () => {
    const odd = draft('tennyu');
    const [head, child] = odd.members;
    const household: HouseholdDraft = {
      ...odd,
      members: [
        // 寿限無…: too long for the 氏名 box at any readable size.
        {
          ...head!,
          name: '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末　食う寝る処に住む藪ら柑子の藪柑子',
          furigana: 'ジュゲム　タロウ',
        },
        { ...child!, name: '髙橋　陽\u{E000}太' }, // a private-use (外字) character: hand-written
      ],
    };
    const result = await adapter.render(household, []);
    const jumin = result.problems.filter((p) => p.formId === 'jumin-ido');
    const overflow = jumin.find((p) => p.kind === 'overflow' && p.field === 'member.name#1');
    expect(overflow?.message).toMatch(/^住民異動届：「1人目の氏名」が枠に収まりません（\d+文字）$/);
    const gaiji = jumin.find((p) => p.kind === 'hand-write' && p.field === 'member.name#2');
    expect(gaiji?.message).toBe('住民異動届：2人目の氏名（フォントにない文字があります。手書きしてください）');
    for (const p of result.problems.filter((x) => x.kind !== 'check')) expect(p.message, p.field).not.toMatch(/member\.|#\d|[A-Za-z]{2,}/);
    // A label bound to the move kind is the one printed for this household; a city's own form falls back to the id.
    expect(printedLabel('jumin-ido', 'newAddress', { 'move.label.newAddress': '新しい住所（転居先）' })).toBe('新しい住所（転居先）');
    expect(printedLabel('city-own-form', 'applicant.name', {})).toBe('applicant.name');
    // The report still names the box and nothing of the person: no name in any message.
    expect(JSON.stringify(result.problems)).not.toMatch(/寿限無|陽/);
  }, 60_000);

  it('prints the QR code of the number’s public status on the 受付票 when office.publicStatusUrl is set, and none otherwise', async () => {
    const ticket = {
      number: 'A-012',
      language: 'ja' as const,
      estimatedWaitMinutes: 15,
      procedures: [{ id: 'jumin-ido', title: '住民異動届' }],
      counter: '3',
      waitingArea: '1階 待合ロビー',
      issuedAt: '令和8年12月3日 10:05',
    };
    const withUrl = new FormsModuleAdapter({}, undefined, { publicStatusUrl: 'https://www.city.sapporo.jp/madoguchi/status' });
    expect(decodeQrInPdf(await withUrl.receipt(draft('tennyu'), ticket))).toBe('https://www.city.sapporo.jp/madoguchi/status?ticket=A-012');
    expect(decodeQrInPdf(await new FormsModuleAdapter().receipt(draft('tennyu'), ticket))).toBeNull();
  });
});
