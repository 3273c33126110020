// 住民異動届: 本籍 and 筆頭者 per member, as real forms carry them. Printed when the household gives
// them, listed for hand-writing with the reason when it does not, and never asked of a foreign
// resident (who has no 戸籍: the 国籍・地域 line is theirs).
import { describe, expect, it } from 'vitest';
import { loadDefinitions, renderFormSet, validateHousehold } from '../../forms/index.ts';
import { LIMITS } from '../../domain/limits.ts';
import { example } from './support/households.ts';
import { fixture, fixtureJson } from './support/fixtures.ts';
import { pageText, squash } from './support/page-text.ts';

const juminIdo = async (h: ReturnType<typeof fixture>) => {
  const r = await renderFormSet(h, { reference: 'R-TEST-HONSEKI' });
  const report = r.report.forms.find((f) => f.id === 'jumin-ido')!;
  const pdf = r.forms.find((f) => f.id === 'jumin-ido')!.pdf;
  return { report, pdf, text: squash(pageText(pdf, 1)) };
};

describe('住民異動届 本籍・筆頭者', { timeout: 60_000 }, () => {
  it('has a 本籍 and a 筆頭者 box in every member row', () => {
    const def = loadDefinitions().get('jumin-ido')!;
    const rows = def.fields.filter((f) => f.row).map((f) => f.bind);
    expect(rows).toEqual(expect.arrayContaining(['member.domicile', 'member.familyRegisterHead']));
  });

  it('prints each member’s 本籍 and 筆頭者 from the household, and asks none of the foreign resident', async () => {
    const { report, pdf, text } = await juminIdo(fixture('tenshutsu-5-tsusho'));
    expect(text).toContain('本籍');
    expect(text).toContain('筆頭者');
    expect(text).toContain('北海道札幌市豊平区平岸三条九丁目2番地');
    // The father (5th member) is on the continuation sheet, in his own 戸籍.
    const sheet2 = squash(pageText(pdf, 2));
    expect(sheet2).toContain('北海道旭川市六条通九丁目46番地');
    expect(sheet2).toContain('田中昭二');
    expect(report.fieldsFilled).toEqual(expect.arrayContaining(['member.domicile#1', 'member.familyRegisterHead#1', 'member.domicile#5']));
    // The wife is a 永住者: no 本籍, and nothing asked of her (her row's 本籍 box stays empty).
    expect(report.fieldsEmpty).toEqual(expect.arrayContaining(['member.domicile#2', 'member.familyRegisterHead#2']));
    expect(
      report.handwrite.filter((h) => h.field.startsWith('member.domicile') || h.field.startsWith('member.familyRegisterHead')),
    ).toEqual([]);
    // The 本籍 value sits in its own box, under its label.
    const box = report.boxes.find((b) => b.field === 'member.domicile#5')!;
    expect(squash(pageText(pdf, box.page + 1, box.rect))).toContain('北海道旭川市六条通九丁目46番地');
  });

  it('lists 本籍 and 筆頭者 for hand-writing, with the reason, when the household does not give them', async () => {
    const { report } = await juminIdo(example('tenkyo-3'));
    const toConfirm = Object.fromEntries(report.handwrite.filter((h) => h.kind === 'to-confirm').map((h) => [h.field, h.label]));
    for (const n of [1, 2, 3]) {
      expect(toConfirm[`member.domicile#${n}`]).toContain('本籍');
      expect(toConfirm[`member.familyRegisterHead#${n}`]).toContain('筆頭者');
    }
  });

  it('validates the 本籍 and 筆頭者: length limits, and none for a foreign resident', () => {
    const errors = (h: unknown) => {
      const v = validateHousehold(h);
      return v.ok ? [] : v.errors.map((e) => [e.path, e.code]);
    };
    const foreign = fixtureJson('tenshutsu-5-tsusho') as { members: Record<string, unknown>[] };
    foreign.members[1]!.familyRegister = { domicile: '大韓民国ソウル特別市', head: '金　美英' };
    expect(errors(foreign)).toEqual([['members[1].familyRegister', 'not_for_foreign_resident']]);
    const long = fixtureJson('tenshutsu-5-tsusho') as { members: Record<string, unknown>[] };
    long.members[0]!.familyRegister = { domicile: '北'.repeat(LIMITS.domicile + 1), head: '田中　誠' };
    expect(errors(long)).toEqual([['members[0].familyRegister.domicile', 'too_big']]);
    const misspelt = fixtureJson('tenshutsu-5-tsusho') as { members: Record<string, unknown>[] };
    misspelt.members[0]!.familyRegister = { domicile: '北海道', hittosha: '田中　誠' };
    expect(errors(misspelt).map(([p]) => p)).toContain('members[0].familyRegister.hittosha');
  });
});
