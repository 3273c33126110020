// Boxes real municipal forms carry that the household may or may not give: each is pre-filled
// from the household or listed for hand-writing with its reason, never silently blank.
import { describe, expect, it } from 'vitest';
import { renderFormSet, validateHousehold, type Household, type HouseholdInput, type RenderResult } from '../../forms/index.ts';
import { nineMemberInput } from './support/large-household.ts';
import { pageText, squash } from './support/page-text.ts';

function valid(input: HouseholdInput): Household {
  const v = validateHousehold(input);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path} ${e.code}`).join(', '));
  return v.household;
}

/** The 9-member 髙邊 household with everything the counter can learn filled in. */
function complete(): HouseholdInput {
  const input = nineMemberInput() as HouseholdInput & Record<string, unknown>;
  input.previousHeadName = '髙邊　正雄'; // the grandfather was the head in 仙台
  input.moveOutDocument = 'certificate';
  input.healthInsurance = { kind: 'employee', insurer: '全国健康保険協会 岩手支部' };
  input.supporterIndex = 0;
  input.pension = 'employees';
  input.members[0]!.residentRecordCode = '52017384962';
  input.members[4]!.previousSchool = '仙台市立東二番丁小学校';
  // 戸籍: the parents and their young children; 翔太, married to a foreign national, heads his own with
  // his son; the grandparents keep theirs. NGUYEN (index 3) has none.
  const family = (domicile: string, head: string) => ({ domicile, head });
  const sendai = '宮城県仙台市青葉区一番町四丁目11番地';
  for (const i of [0, 1, 4, 5]) input.members[i]!.familyRegister = family(sendai, '髙邊　𠮷男');
  for (const i of [2, 6]) input.members[i]!.familyRegister = family(sendai, '髙邊　翔太');
  for (const i of [7, 8]) input.members[i]!.familyRegister = family('宮城県仙台市青葉区上杉一丁目5番地', '髙邊　正雄');
  return input;
}

const form = (r: RenderResult, id: string) => {
  const report = r.report.forms.find((f) => f.id === id);
  const pdf = r.forms.find((f) => f.id === id)?.pdf;
  expect(report, id).toBeDefined();
  return { report: report!, text: squash(pageText(pdf!, 1)) };
};
const toConfirm = (r: RenderResult, id: string) =>
  form(r, id)
    .report.handwrite.filter((h) => h.kind === 'to-confirm')
    .map((h) => h.field);

describe('fields a clerk expects on the forms', { timeout: 60_000 }, () => {
  it('pre-fills 旧世帯主, 住民票コード, 転出証明書, 健康保険, 生計維持者, 加入年金, 配偶者, 請求者の性別 and 前在籍校 when the household gives them', async () => {
    const r = await renderFormSet(valid(complete()), { reference: 'R-TEST-FIELDS' });
    const jumin = form(r, 'jumin-ido');
    expect(jumin.text).toContain('髙邊正雄');
    expect(jumin.text).toContain('52017384962');
    expect(jumin.text).toContain('転出証明書');
    expect(jumin.report.fieldsFilled).toEqual(expect.arrayContaining(['previousHead', 'moveOutDocument', 'member.code#1']));
    // Only the 住民票コード of the members who did not bring it remains.
    expect(toConfirm(r, 'jumin-ido')).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((n) => `member.code#${n}`));

    const kodomo = form(r, 'kodomo-iryo');
    expect(kodomo.text).toContain('健康保険（社会保険）（全国健康保険協会岩手支部）');
    expect(kodomo.report.fieldsFilled).toEqual(expect.arrayContaining(['insurance', 'supporter']));
    expect(kodomo.text).toContain('髙邊𠮷男'); // the head supports the children
    // The form lists the head's 子 結菜 and 湊 with his 孫 蓮 (翔太's son): one 保護者 for all three is
    // not read from the 続柄, so that box is left for staff.
    expect(toConfirm(r, 'kodomo-iryo')).toEqual(['guardianName', 'guardianKana']);

    const jidou = form(r, 'jidou-teate-nintei');
    expect(jidou.report.fieldsFilled).toEqual(expect.arrayContaining(['claimantSex', 'pension', 'spouse']));
    expect(jidou.text).toContain('厚生年金');
    expect(jidou.text).toContain('髙邊澄江'); // the head's 妻
    // The 個人番号 is never pre-filled: the app does not read it.
    expect(toConfirm(r, 'jidou-teate-nintei')).toEqual(['claimantNumber']);

    const shugaku = form(r, 'shugaku');
    // Read from its own box: the name wraps onto two lines (at ≥ 8 pt) and page text interleaves them.
    const school = shugaku.report.boxes.find((b) => b.field === 'member.previousSchool#5')!;
    const shugakuPdf = r.forms.find((f) => f.id === 'shugaku')!.pdf;
    expect(squash(pageText(shugakuPdf, school.page + 1, school.rect))).toBe('仙台市立東二番丁小学校');
    expect(toConfirm(r, 'shugaku')).toEqual(['member.previousSchool#6']); // 湊 came without one
    // 国保: every insured member's 個人番号 is for hand-writing, with the reason. All nine are marked
    // insured, but the two of 75 or over are in 後期高齢者医療 instead, so seven are on the form.
    const kokuho = form(r, 'kokuho-ido').report;
    const numbers = kokuho.handwrite.filter((h) => h.field.startsWith('member.individualNumber#'));
    expect(numbers).toHaveLength(7);
    for (const h of numbers) expect(h).toMatchObject({ kind: 'to-confirm', label: expect.stringContaining('個人番号') });
  });

  it('lists each box the household does not fill for hand-writing, with its reason', async () => {
    const input = nineMemberInput();
    // The mother files: her 配偶者 is the head; a single parent's would not be known.
    const r = await renderFormSet(valid(input), { reference: 'R-TEST-FIELDS' });
    const reasons = (id: string) =>
      Object.fromEntries(
        form(r, id)
          .report.handwrite.filter((h) => h.kind === 'to-confirm')
          .map((h) => [h.field, h.label]),
      );
    expect(reasons('jumin-ido')).toMatchObject({
      previousHead: expect.stringContaining('旧世帯主'),
      moveOutDocument: expect.stringContaining('転出証明書'),
      'member.code#1': expect.stringContaining('住民票コード'),
      'member.code#9': expect.stringContaining('住民票コード'),
    });
    expect(reasons('kodomo-iryo')).toMatchObject({
      insurance: expect.stringContaining('健康保険'),
      supporter: expect.stringContaining('生計維持者'),
    });
    // No 生計維持者, and the 児童手当 lists the head's 子 with his 孫 蓮: who claims is left for staff.
    expect(reasons('jidou-teate-nintei')).toMatchObject({
      claimantName: expect.stringContaining('請求者'),
      pension: expect.stringContaining('請求者'),
      spouse: expect.stringContaining('請求者'),
    });

    // Without 蓮 the head is plainly the children's father and so the 請求者; he has a 妻 in the
    // household: the 配偶者 is printed, not asked for, and his 個人番号 and pension are.
    const parents = nineMemberInput();
    parents.members = parents.members.filter((m) => m.relationship !== '孫');
    const p = await renderFormSet(valid(parents), { reference: 'R-TEST-FIELDS' });
    const pr = Object.fromEntries(
      form(p, 'jidou-teate-nintei')
        .report.handwrite.filter((h) => h.kind === 'to-confirm')
        .map((h) => [h.field, h.label]),
    );
    expect(pr).toMatchObject({ claimantNumber: expect.stringContaining('個人番号'), pension: expect.stringContaining('年金') });
    expect(pr.spouse).toBeUndefined();
    expect(pr.claimantName).toBeUndefined();
    expect(form(p, 'jidou-teate-nintei').text).toContain('男');

    // A single father with his daughter: no 配偶者 in the household, to hand-write.
    const single = nineMemberInput();
    single.members = [single.members[0]!, single.members[4]!];
    const s = await renderFormSet(valid(single), { reference: 'R-TEST-FIELDS' });
    const jidou = s.report.forms.find((f) => f.id === 'jidou-teate-nintei')!;
    expect(jidou.handwrite).toContainEqual(
      expect.objectContaining({ field: 'spouse', kind: 'to-confirm', label: expect.stringContaining('配偶者') }),
    );
  });

  it('refuses a 転出証明書 on a 転居 and a 生計維持者 who is not a member; the new keys are strict', () => {
    const tenkyo = complete();
    tenkyo.move.type = 'tenkyo';
    const errors = (h: unknown) => {
      const v = validateHousehold(h);
      return v.ok ? [] : v.errors.map((e) => [e.path, e.code]);
    };
    expect(errors(tenkyo)).toEqual([['moveOutDocument', 'tennyu_only']]);
    const supporter = complete();
    supporter.supporterIndex = 9;
    expect(errors(supporter)).toEqual([['supporterIndex', 'out_of_range']]);
    const code = complete();
    code.members[0]!.residentRecordCode = '5201738496'; // 10 digits
    expect(errors(code)).toEqual([['members[0].residentRecordCode', 'invalid_format']]);
    const typo = complete() as Record<string, unknown>;
    typo.healthInsurance = { kind: 'employee', insurerName: '協会けんぽ' };
    expect(errors(typo)).toEqual([['healthInsurance.insurerName', 'unrecognized_keys']]);
  });
});
