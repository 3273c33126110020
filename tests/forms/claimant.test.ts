// 児童手当 asks for each child's 続柄 to the 請求者 and the 請求者's spouse. In a three-generation
// household where the 請求者 is the head's son, the children are the head's 孫 but the 請求者's 子:
// printing 孫 (the 住民票's 続柄 to the head) would be wrong on a form the resident signs.
// (Who the 請求者 is: tests/forms/benefit-claimant.test.ts.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderFormSet, validateHousehold } from '../../forms/index.ts';
import { printedText } from './support/raster.ts';

const json: unknown = JSON.parse(readFileSync(new URL('./fixtures/tennyu-9-eras.json', import.meta.url), 'utf8'));

describe('児童手当 speaks of the 請求者, not the head', { timeout: 60_000 }, () => {
  it('prints the children’s 続柄 to the 請求者 (子, never 孫), and finds the 請求者’s wife', async () => {
    const v = validateHousehold(json);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    // 翔平 (the head's 子) makes the notice and supports his children, the head's 孫.
    expect(v.household.members[v.household.supporterIndex!]!.relationship).toBe('子');
    const result = await renderFormSet(v.household, { reference: 'R-20261202-0009' });
    const form = result.report.forms.find((f) => f.id === 'jidou-teate-nintei');
    if (!form) throw new Error('no 児童手当 form');
    const text = printedText(result.forms.find((f) => f.id === 'jidou-teate-nintei')!.pdf, { squashed: true });
    expect(text).not.toContain('孫');
    expect(text).toContain('請求者との続柄');
    expect(text).toContain('𠮷田翔平');
    expect(text.split('子同居').length - 1).toBe(3);
    expect(form.handwrite.filter((h) => h.kind === 'to-confirm' && h.field.startsWith('member.rel#'))).toEqual([]);
    // The 請求者 翔平's wife is 美穂 (子の妻), the only one in the household.
    expect(text).toContain('𠮷田美穂');
    expect(form.handwrite.some((h) => h.field === 'spouse')).toBe(false);
  });

  it('prints the 住民票 続柄 when the 請求者 is the head', async () => {
    const h = JSON.parse(JSON.stringify(json)) as { notifierIndex?: number; supporterIndex?: number };
    delete h.notifierIndex;
    h.supporterIndex = 0; // the grandfather supports his grandchildren
    const v = validateHousehold(h);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    const result = await renderFormSet(v.household, { reference: 'R-20261202-0010' });
    const text = printedText(result.forms.find((f) => f.id === 'jidou-teate-nintei')!.pdf, { squashed: true });
    expect(text).toContain('𠮷田健一');
    expect(text.split('孫同居').length - 1).toBe(3);
  });
});

describe('forms check on the shipped definitions', () => {
  it('accepts every binding the renderer fills (row numbers and the 請求者との続柄 included)', async () => {
    const { checkDefinition } = await import('../../forms/index.ts');
    const { readdirSync } = await import('node:fs');
    const dir = new URL('../../forms/definitions/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const result = await checkDefinition(JSON.parse(readFileSync(new URL(file, dir), 'utf8')));
      expect(result, file).toMatchObject({ ok: true });
    }
  });
});
