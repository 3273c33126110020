// A missing phone number is listed "to hand-write" (not a silently blank box), and a
// foreign resident's forms print one calendar each: every shipped form in 和暦, and a definition
// mixing 西暦 and 和暦 dates is refused.
import { describe, expect, it } from 'vitest';
import { formDefinitionSchema, loadDefinitions, renderFormSet, validateHousehold } from '../../forms/index.ts';
import { example, exampleJson } from './support/households.ts';
import { printedText } from './support/raster.ts';

describe('phone number', { timeout: 60_000 }, () => {
  it('is listed to hand-write, with the reason, on every form that prints it when the household has none', async () => {
    const json = exampleJson('tennyu-4');
    delete json.phone;
    const v = validateHousehold(json);
    if (!v.ok) throw new Error('invalid');
    const r = await renderFormSet(v.household, { reference: 'R-PHONE-1' });
    const printing = [...loadDefinitions().values()].filter((d) => d.fields.some((f) => f.bind === 'phone' || f.bind === 'phoneFull'));
    let checked = 0;
    for (const f of r.report.forms) {
      const def = printing.find((d) => d.id === f.id);
      if (!def) continue;
      const ids = def.fields.filter((x) => x.bind === 'phone' || x.bind === 'phoneFull').map((x) => x.id);
      for (const id of ids) {
        expect(f.handwrite, f.id).toContainEqual(
          expect.objectContaining({ field: id, kind: 'to-confirm', label: expect.stringContaining('電話番号') }),
        );
        expect(f.boxes, f.id).toContainEqual(expect.objectContaining({ field: id, toConfirm: 'to-confirm' }));
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    // With a number, nothing is listed for it.
    const own = await renderFormSet(example('tennyu-4'), { reference: 'R-PHONE-2' });
    for (const f of own.report.forms)
      expect(
        f.handwrite.filter((h) => h.label?.includes('電話番号')),
        f.id,
      ).toEqual([]);
  });
});

describe('one calendar per form for a foreign resident', { timeout: 60_000 }, () => {
  it('every form of the set prints its dates in 和暦 only', async () => {
    // 高崎さん's household of 6 with a ベトナム national (永住者).
    const r = await renderFormSet(example('tennyu-6-rare'), { reference: 'R-CAL-ALL' });
    for (const f of r.forms) {
      const text = printedText(f.pdf);
      expect(text, f.id).not.toMatch(/(19|20)[0-9]{2}年/);
      expect(text, f.id).not.toMatch(/[１２][０-９]{3}年/);
    }
  });

  it('refuses a definition that mixes 西暦 (birthDateSeireki) with 和暦 dates', () => {
    const def = loadDefinitions().get('jumin-ido')!;
    const birth = def.fields.find((f) => f.bind === 'member.birthDate')!;
    const mixed = { ...def, fields: def.fields.map((f) => (f === birth ? { ...f, bind: 'member.birthDateSeireki' } : f)) };
    const parsed = formDefinitionSchema.safeParse(mixed);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.message).join(' ')).toMatch(/calendar|暦/);
    expect(formDefinitionSchema.safeParse(def).success).toBe(true);
  });
});
