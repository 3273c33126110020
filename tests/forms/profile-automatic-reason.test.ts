// A procedure a city profile makes automatic says so in its reason; the catalogue's
// "…届が必要です" must not stand next to "届出は不要です" on the checklist.
import { describe, expect, it } from 'vitest';
import { decideProcedures, loadProfile, renderFormSet } from '../../forms/index.ts';
import { example } from './support/households.ts';

describe('札幌市: the checklist reason of a procedure the city does by itself', () => {
  it('says it is automatic in this city, not that a form must be filed', async () => {
    // 佐藤さん move within 札幌市 (豊平区 → 北区) with two children receiving 児童手当.
    const h = example('tenkyo-3');
    const sapporo = loadProfile('sapporo');
    const d = decideProcedures(h, [], { profile: sapporo }).find((x) => x.procedureId === 'jidou-teate')!;
    expect(d.handling).toBe('automatic');
    for (const reason of d.reasons) expect(reason).not.toMatch(/必要です/);
    expect(d.reasons.join(' ')).toContain('札幌市では');
    expect(d.reasons.join(' ')).toContain('不要です');
    // Who it concerns is still said (the catalogue rule's members).
    expect(d.reasons.join(' ')).toContain('2名');

    const r = await renderFormSet(h, { reference: 'R-SAPPORO-AUTO', profile: sapporo });
    const item = r.report.checklist.find((c) => c.procedureId === 'jidou-teate')!;
    for (const reason of item.reasons) expect(reason).not.toMatch(/必要です/);
  });

  it('the default profile keeps the catalogue reason', () => {
    const d = decideProcedures(example('tenkyo-3')).find((x) => x.procedureId === 'jidou-teate')!;
    expect(d.reasons[0]).toContain('住所変更届が必要です');
  });
});
