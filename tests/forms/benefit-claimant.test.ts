// Who a child benefit names. The 児童手当 請求者 (受給者) is the parent who mainly supports the
// children (児童手当法第4条), and the 子ども医療費 保護者 is their parent: neither is simply whoever
// makes the 住民異動届. A grandmother who brings the family's notice is not the 請求者, and a form that
// says she is would be signed and rejected (or worse, paid to the wrong person).
import { describe, expect, it } from 'vitest';
import { renderFormSet, validateHousehold, type Household, type HouseholdInput, type RenderResult } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { pageText, squash } from './support/page-text.ts';

type MemberInput = HouseholdInput['members'][number];
const person = (
  familyName: string,
  givenName: string,
  kana: [string, string],
  birthDate: string,
  sex: 'male' | 'female',
  relationship: string,
  facts = {},
): MemberInput => ({
  familyName,
  givenName,
  familyKana: kana[0],
  givenKana: kana[1],
  birthDate,
  sex,
  relationship,
  facts,
});
const CHILD = { childAllowance: true, childMedical: true };

/** 節子 (the head) moves with her daughter 由美 and 由美's two children, who are 節子's 孫. */
function grandmotherHousehold(extra: Partial<HouseholdInput> = {}, members: MemberInput[] = []): Household {
  const input: HouseholdInput = {
    schemaVersion: 1,
    move: { type: 'tennyu', date: '2026-11-30', notificationDate: '2026-12-02' },
    newAddress: { postalCode: '060-0807', address: '北海道札幌市北区北七条西四丁目3番地', building: 'ノースコート北七条', room: '402号室' },
    previousAddress: { postalCode: '980-0803', address: '宮城県仙台市青葉区国分町二丁目1番1号' },
    members: [
      person('佐々木', '節子', ['ササキ', 'セツコ'], '1955-03-10', 'female', '世帯主'),
      person('佐々木', '由美', ['ササキ', 'ユミ'], '1986-08-21', 'female', '子'),
      person('佐々木', '蓮', ['ササキ', 'レン'], '2016-04-02', 'male', '孫', CHILD),
      person('佐々木', '葵', ['ササキ', 'アオイ'], '2019-12-24', 'female', '孫', CHILD),
      ...members,
    ],
    ...extra,
  };
  const v = validateHousehold(input);
  if (!v.ok) throw new Error(JSON.stringify(v.errors.map((e) => e.path)));
  return v.household;
}

/** What is printed in a form's box, and whether the report lists the box for staff to check. */
function box(r: RenderResult, formId: string, field: string): { text: string; toConfirm: string | undefined } {
  const report = r.report.forms.find((f) => f.id === formId);
  if (!report) throw new Error(`no ${formId}`);
  const b = report.boxes.find((x) => x.field === field);
  if (!b) throw new Error(`no box ${field} on ${formId}`);
  const pdf = r.forms.find((f) => f.id === formId)!.pdf;
  const label = report.handwrite.find((h) => h.field === field && h.kind === 'to-confirm')?.label;
  return { text: squash(pageText(pdf, b.page + 1, b.rect)).replace('要確認', ''), toConfirm: label };
}

describe('who a child benefit names', { timeout: 60_000 }, () => {
  it('never names the grandmother who made the notice as 請求者 or 保護者: the boxes are left for staff, with the reason', async () => {
    const r = await renderFormSet(grandmotherHousehold(), { reference: 'R-CLAIM-1' });
    for (const [form, field] of [
      ['jidou-teate-nintei', 'claimantName'],
      ['jidou-teate-nintei', 'claimantBirth'],
      ['kodomo-iryo', 'guardianName'],
    ] as const) {
      const b = box(r, form, field);
      expect(b.text, `${form} ${field}`).not.toContain('節子');
      expect(b.toConfirm, `${form} ${field}`).toMatch(/請求者|保護者/);
    }
    // Nor is the 配偶者 or the children's 続柄 guessed for an unknown 請求者.
    expect(box(r, 'jidou-teate-nintei', 'spouse').toConfirm).toContain('請求者');
    expect(box(r, 'jidou-teate-nintei', 'member.rel#3').text).toBe('');
  });

  it('names the 生計維持者 staff chose as 請求者, with her own spouse and her children as 子', async () => {
    const r = await renderFormSet(grandmotherHousehold({ supporterIndex: 1, pension: 'employees' }), { reference: 'R-CLAIM-2' });
    expect(box(r, 'jidou-teate-nintei', 'claimantName').text).toBe('佐々木由美');
    expect(box(r, 'jidou-teate-nintei', 'pension').text).toBe('厚生年金');
    expect(box(r, 'jidou-teate-nintei', 'member.rel#3').text).toBe('子');
    expect(box(r, 'jidou-teate-nintei', 'member.rel#4').text).toBe('子');
    // The 保護者 follows the notice (節子 made it): still not guessed.
    expect(box(r, 'kodomo-iryo', 'guardianName').text).not.toContain('節子');
  });

  it('names the mother who made the notice as 請求者 and 保護者 when the 続柄 show she is the parent', async () => {
    const r = await renderFormSet(grandmotherHousehold({ notifierIndex: 1 }), { reference: 'R-CLAIM-3' });
    expect(box(r, 'jidou-teate-nintei', 'claimantName').text).toBe('佐々木由美');
    expect(box(r, 'kodomo-iryo', 'guardianName').text).toBe('佐々木由美');
    expect(box(r, 'jidou-teate-nintei', 'member.rel#3')).toEqual({ text: '子', toConfirm: undefined });
  });

  it('does not guess between two adult 子: the 孫 could be either one’s', async () => {
    const uncle = person('佐々木', '健', ['ササキ', 'ケン'], '1984-01-15', 'male', '子');
    const r = await renderFormSet(grandmotherHousehold({ notifierIndex: 1 }, [uncle]), { reference: 'R-CLAIM-4' });
    expect(box(r, 'jidou-teate-nintei', 'claimantName').text).toBe('');
    expect(box(r, 'kodomo-iryo', 'guardianName').toConfirm).toContain('保護者');
  });

  it('names the 妻 as 請求者 when she is the 生計維持者, with the head as her spouse', async () => {
    const h = example('tennyu-4');
    h.supporterIndex = 1; // 花子
    const r = await renderFormSet(h, { reference: 'R-CLAIM-5' });
    expect(box(r, 'jidou-teate-nintei', 'claimantName').text).toBe('山田花子');
    expect(box(r, 'jidou-teate-nintei', 'spouse').text).toBe('山田太郎');
    expect(box(r, 'jidou-teate-nintei', 'member.rel#3').text).toBe('子');
    // The head made the notice and is the children's father: he is the 保護者.
    expect(box(r, 'kodomo-iryo', 'guardianName').text).toBe('山田太郎');
  });

  it('keeps the head as 請求者 and 保護者 in the usual family', async () => {
    const r = await renderFormSet(example('tennyu-4'), { reference: 'R-CLAIM-6' });
    expect(box(r, 'jidou-teate-nintei', 'claimantName').text).toBe('山田太郎');
    expect(box(r, 'jidou-teate-nintei', 'spouse').text).toBe('山田花子');
    expect(box(r, 'kodomo-iryo', 'guardianName').text).toBe('山田太郎');
  });

  it('never names a child staff picked as 生計維持者 as 請求者: the mother who made the notice is, as without the choice', async () => {
    const h = grandmotherHousehold({ notifierIndex: 1 }, [
      person('佐々木', '陽翔', ['ササキ', 'ハルト'], '2023-06-01', 'male', '孫', CHILD),
    ]);
    // As a household built past the model's check would have it: the 3-year-old named 生計維持者.
    h.supporterIndex = 4;
    const r = await renderFormSet(h, { reference: 'R-CLAIM-7' });
    expect(box(r, 'jidou-teate-nintei', 'claimantName').text).toBe('佐々木由美');
    expect(box(r, 'jidou-teate-nintei', 'claimantBirth').text).not.toContain('5年6月1日');
    // Without a parent making the notice, the box is left for staff, with the reason.
    const alone = grandmotherHousehold({}, [person('佐々木', '陽翔', ['ササキ', 'ハルト'], '2023-06-01', 'male', '孫', CHILD)]);
    alone.supporterIndex = 4;
    const left = await renderFormSet(alone, { reference: 'R-CLAIM-8' });
    const claimant = box(left, 'jidou-teate-nintei', 'claimantName');
    expect(claimant.text).not.toContain('陽翔');
    expect(claimant.toConfirm).toContain('請求者');
  });
});

describe('who may be named 生計維持者', () => {
  const input = (supporterIndex: number): HouseholdInput => ({
    schemaVersion: 1,
    move: { type: 'tennyu', date: '2026-11-30', notificationDate: '2026-12-02' },
    newAddress: { postalCode: '060-0807', address: '北海道札幌市北区北7条西5丁目8番地', room: '203号室' },
    previousAddress: { postalCode: '980-0803', address: '宮城県仙台市青葉区国分町二丁目1番1号' },
    supporterIndex,
    members: [
      person('高橋', '健一', ['タカハシ', 'ケンイチ'], '1978-10-05', 'male', '世帯主'),
      person('高橋', '真理', ['タカハシ', 'マリ'], '1981-01-17', 'female', '妻'),
      // 高校3年生: 18 on the 届出日, and still a child the allowance is paid for (until the March after 18).
      person('高橋', '美咲', ['タカハシ', 'ミサキ'], '2008-05-10', 'female', '子', CHILD),
      person('高橋', '悠真', ['タカハシ', 'ユウマ'], '2023-06-01', 'male', '子', CHILD),
      // 19, at university and no longer on the allowance: an adult, may be named.
      person('高橋', '翔太', ['タカハシ', 'ショウタ'], '2007-04-20', 'male', '子'),
    ],
  });

  it('refuses a 3-year-old and a child the allowance is paid for, naming the field and never the person', () => {
    for (const child of [3, 2]) {
      const r = validateHousehold(input(child));
      expect(r.ok, `member ${child}`).toBe(false);
      if (r.ok) continue;
      expect(r.errors.map((e) => [e.path, e.code])).toEqual([['supporterIndex', 'supporter_not_allowed']]);
      expect(r.errors[0]!.ja).toBe('生計維持者：生計維持者は18歳以上の世帯員にしてください（児童手当の対象のお子さんは選べません）');
      expect(JSON.stringify(r.errors)).not.toMatch(/高橋|悠真|美咲|2023|2008/);
    }
  });

  it('accepts a parent, the 妻 or an adult 子 off the allowance', () => {
    for (const adult of [0, 1, 4]) expect(validateHousehold(input(adult)).ok, `member ${adult}`).toBe(true);
  });
});
