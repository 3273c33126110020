// As few signatures as the city's rules allow, never fewer than its profile requires.
import { describe, expect, it } from 'vitest';
import { formDefinitionSchema, loadDefinitions, parseProfile, renderFormSet } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { printedText } from './support/raster.ts';

const SOURCE = 'https://www.city.example.lg.jp/oshin.html';

describe('signatures', () => {
  it('every shipped signature box declares its requirement and the source of that default', () => {
    for (const def of loadDefinitions().values())
      for (const hw of def.handwrite.filter((x) => x.kind === 'signature')) {
        expect(hw.requirement, `${def.id}.${hw.id}`).toBeDefined();
        expect(hw.requirementSource, `${def.id}.${hw.id}`).toMatch(/https?:\/\//);
      }
  });

  it('the default profile leaves a 4-person 転入 3 signatures and 1 seal, and prints the name where 記名 is accepted', async () => {
    const r = await renderFormSet(example('tennyu-4'), { reference: 'R-SIGN-1' });
    expect(r.report.totals).toMatchObject({ signatures: 3, seals: 1, handwriteSignatures: 4 });
    const signed = r.report.forms.filter((f) => f.handwrite.some((h) => h.kind === 'signature')).map((f) => f.id);
    expect(signed).toEqual(['jumin-ido', 'jidou-teate-nintei', 'inkan-toroku']);
    const kokuho = r.report.forms.find((f) => f.id === 'kokuho-ido')!;
    expect(kokuho.signatures).toEqual([
      expect.objectContaining({ field: 'signature', requirement: 'printed-name-accepted', decidedBy: 'definition' }),
    ]);
    expect(kokuho.fieldsFilled).toContain('signature');
    expect(kokuho.boxes).toContainEqual(expect.objectContaining({ field: 'signature', kind: 'filled' }));
    // The 世帯主's name is printed in the box, with the caption saying it stands for the signature.
    const text = printedText(r.forms.find((f) => f.id === 'kokuho-ido')!.pdf, { squashed: true });
    expect(text).toContain('記名（本人確認のうえ署名に代えます）');
    expect(text).not.toContain('ご署名ください');
  });

  it('a profile requiring hand signatures gets every one of them', async () => {
    const defs = loadDefinitions();
    const signatures = Object.fromEntries([...defs.keys()].map((id) => [id, { requirement: 'hand-signature', source: SOURCE }]));
    const strict = parseProfile({ id: 'strict', name: '署名市', signatures });
    const r = await renderFormSet(example('tennyu-4'), { reference: 'R-SIGN-2', profile: strict });
    expect(r.report.totals).toMatchObject({ signatures: 9, seals: 1 });
    for (const f of r.report.forms) {
      expect(
        f.handwrite.filter((h) => h.kind === 'signature'),
        f.id,
      ).toHaveLength(1);
      expect(f.signatures, f.id).toEqual([
        expect.objectContaining({ requirement: 'hand-signature', decidedBy: 'profile', source: SOURCE }),
      ]);
      expect(printedText(r.forms.find((x) => x.id === f.id)!.pdf, { squashed: true }), f.id).toContain('ご署名ください');
    }
  });

  it('a profile may accept a printed name where the definition asks for a signature', async () => {
    const lenient = parseProfile({
      id: 'lenient',
      name: '記名市',
      signatures: { 'jidou-teate-nintei': { requirement: 'printed-name-accepted', source: SOURCE } },
    });
    const r = await renderFormSet(example('tennyu-4'), { reference: 'R-SIGN-3', profile: lenient });
    expect(r.report.totals).toMatchObject({ signatures: 2, seals: 1 });
  });

  it('refuses a profile naming a form that does not exist, naming the key', async () => {
    const typo = parseProfile({
      id: 'typo',
      name: '誤記市',
      signatures: { 'kokuho-idou': { requirement: 'hand-signature', source: SOURCE } },
    });
    await expect(renderFormSet(example('tennyu-4'), { reference: 'R-SIGN-4', profile: typo })).rejects.toMatchObject({
      code: 'forms/bad-profile',
      message: expect.stringContaining('signatures.kokuho-idou'),
    });
  });

  it('a definition declares requirements on signature boxes only, each with its source', () => {
    const def = loadDefinitions().get('kokuho-ido')!;
    const withHandwrite = (hw: Record<string, unknown>) =>
      formDefinitionSchema.safeParse({ ...def, handwrite: [{ ...def.handwrite[0], ...hw }] });
    expect(withHandwrite({ kind: 'seal', requirement: 'hand-signature', requirementSource: SOURCE }).success).toBe(false);
    expect(withHandwrite({ requirement: 'printed-name-accepted', requirementSource: undefined }).success).toBe(false);
    expect(withHandwrite({ requirement: 'stamp' }).success).toBe(false);
    expect(withHandwrite({ requirement: 'hand-signature', requirementSource: SOURCE }).success).toBe(true);
  });
});
