// 子ども医療費助成: the form serves a new application (転入) and a 住所変更 (転居); its 届出の種類 box
// says which, as the other multi-purpose forms do (procedure.kind, forms/rules/procedures.json).
import { describe, expect, it } from 'vitest';
import { loadDefinitions, renderFormSet } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { pageText, squash } from './support/page-text.ts';

describe('子ども医療費助成 届出の種類', { timeout: 60_000 }, () => {
  it('binds a 届出の種類 box to procedure.kind', () => {
    const def = loadDefinitions().get('kodomo-iryo')!;
    expect(def.fields.map((f) => f.bind)).toContain('procedure.kind');
  });

  for (const [name, kind] of [
    ['tennyu-4', '新規申請（転入）'],
    ['tenkyo-3', '住所変更'],
  ] as const)
    it(`prints ${kind} for ${name}`, async () => {
      const r = await renderFormSet(example(name), { reference: 'R-TEST-KODOMO' });
      const report = r.report.forms.find((f) => f.id === 'kodomo-iryo')!;
      const pdf = r.forms.find((f) => f.id === 'kodomo-iryo')!.pdf;
      const box = report.boxes.find((b) => b.field === 'changeKind');
      expect(box).toBeDefined();
      expect(squash(pageText(pdf, box!.page + 1, box!.rect))).toBe(kind);
      expect(squash(pageText(pdf, 1))).toContain('届出の種類');
    });
});
