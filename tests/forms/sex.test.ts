// A card's sex code 9 (適用不能) or 0 (不明): the household is accepted, forms print 男/女 only
// where the card says so, and every other sex box stays empty and is listed for hand-writing
// with the reason. Never a value the card did not give.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFormSet, validateHousehold } from '../../forms/index.ts';
import { TEMPLATES_DIR } from '../../forms/definitions/schema.ts';
import { exampleJson } from './support/households.ts';
import { inkIn, rasterPage } from './support/raster.ts';

const DPI = 50;

function householdWithSexes(sexes: string[]): unknown {
  const json = exampleJson('tenkyo-3') as { members: { sex: string }[] };
  sexes.forEach((s, i) => (json.members[i]!.sex = s));
  return json;
}

describe('sex as the card records it', { timeout: 60_000 }, () => {
  it('accepts exactly the card’s four values', () => {
    for (const sex of ['male', 'female', 'not-applicable', 'unknown']) {
      expect(validateHousehold(householdWithSexes(['male', sex])).ok, sex).toBe(true);
    }
    const wrong = validateHousehold(householdWithSexes(['male', '9']));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.errors.map((e) => e.path)).toEqual(['members[1].sex']);
  });

  it('prints 男/女 where known and leaves code 9 and 0 empty, listed for hand-writing with the reason', async () => {
    const v = validateHousehold(householdWithSexes(['male', 'not-applicable', 'unknown']));
    if (!v.ok) throw new Error('household invalid');
    const result = await renderFormSet(v.household, { reference: 'R-TEST-SEX9' });
    const withSex = result.report.forms.filter((f) => [...f.fieldsFilled, ...f.fieldsEmpty].some((id) => id.startsWith('member.sex#')));
    expect(withSex.length).toBeGreaterThan(0);
    for (const form of withSex) {
      const listed = (member: number) => [...form.fieldsFilled, ...form.fieldsEmpty].includes(`member.sex#${member}`);
      if (listed(1)) expect(form.fieldsFilled, form.id).toContain('member.sex#1');
      for (const [member, recorded] of [
        [2, '適用不能'],
        [3, '不明'],
      ] as const) {
        if (!listed(member)) continue;
        expect(form.fieldsEmpty, `${form.id} #${member}`).toContain(`member.sex#${member}`);
        expect(form.handwrite).toContainEqual(
          expect.objectContaining({ field: `member.sex#${member}`, kind: 'to-confirm', label: expect.stringContaining(recorded) }),
        );
      }
    }
    // On the printed 住民異動届 the known box has ink and the unknown ones stay as the template left them.
    const index = result.report.forms.findIndex((f) => f.id === 'jumin-ido');
    const jumin = result.report.forms[index]!;
    const page = rasterPage(result.forms[index]!.pdf, 1, DPI);
    const blank = rasterPage(readFileSync(join(TEMPLATES_DIR, 'jumin-ido.pdf')), 1, DPI);
    const box = (field: string) => jumin.boxes.find((b) => b.field === field)!.rect;
    expect(inkIn(page, box('member.sex#1'), DPI)).toBeGreaterThan(inkIn(blank, box('member.sex#1'), DPI) + 4);
    for (const field of ['member.sex#2', 'member.sex#3']) {
      // Above the 「要確認」 tag in the box's bottom corner (to-confirm-marks.test.ts): no value printed.
      const [x, y, w, h] = box(field);
      const value: [number, number, number, number] = [x, y + 9, w, h - 9];
      expect(inkIn(page, value, DPI), field).toBeLessThanOrEqual(inkIn(blank, value, DPI) + 1);
    }
  });
});
