// A 転出 ends 児童手当 and 子ども医療費助成: the set carries a pre-filled 児童手当 受給事由消滅届 and a
// 子ども医療費受給資格 喪失届 (not only a checklist line), so the resident writes neither by hand.
import { describe, expect, it } from 'vitest';
import { decideProcedures, loadDefinitions, renderFormSet } from '../../forms/index.ts';
import { fixture } from './support/fixtures.ts';
import { pageText, squash } from './support/page-text.ts';

describe('転出: 児童手当 受給事由消滅届 and 子ども医療費 喪失届', { timeout: 60_000 }, () => {
  it('chooses both forms on a 転出 when the household receives them', () => {
    const d = decideProcedures(fixture('tenshutsu-5-tsusho'));
    const by = (id: string) => d.find((x) => x.procedureId === id)!;
    expect(by('jidou-teate')).toMatchObject({ included: true, handling: 'form', formId: 'jidou-teate-shometsu', subjects: [2, 3] });
    expect(by('kodomo-iryo')).toMatchObject({ included: true, handling: 'form', formId: 'kodomo-iryo-soshitsu', subjects: [2, 3] });
  });

  it('does not choose them when no child receives them', () => {
    const h = fixture('tenshutsu-5-tsusho');
    for (const m of h.members) Object.assign(m.facts, { childAllowance: false, childMedical: false });
    const d = decideProcedures(h);
    expect(d.find((x) => x.procedureId === 'jidou-teate')!.included).toBe(false);
    expect(d.find((x) => x.procedureId === 'kodomo-iryo')!.included).toBe(false);
  });

  it('prints them pre-filled: the children, the 転出先, the 転出予定日 and why the allowance ends', async () => {
    const r = await renderFormSet(fixture('tenshutsu-5-tsusho'), { reference: 'R-TEST-TENSHUTSU' });
    expect(r.report.checklist.map((c) => c.procedureId)).not.toEqual(expect.arrayContaining(['jidou-teate']));
    expect(r.report.checklist.map((c) => c.procedureId)).not.toEqual(expect.arrayContaining(['kodomo-iryo']));
    for (const [id, title] of [
      ['jidou-teate-shometsu', '児童手当受給事由消滅届'],
      ['kodomo-iryo-soshitsu', '子ども医療費受給資格喪失届'],
    ] as const) {
      const form = r.forms.find((f) => f.id === id);
      expect(form, id).toBeDefined();
      const text = squash(pageText(form!.pdf, 1));
      expect(text).toContain(title);
      expect(text).toContain('田中陽菜');
      expect(text).toContain('田中悠真');
      expect(text).not.toContain('田中昭二');
      expect(text).toContain('大阪府吹田市豊津町9番1号');
      expect(text).toContain('江坂グランフォート');
      expect(text).toContain('令和9年3月30日');
      expect(text).toContain('転出');
      const report = r.report.forms.find((f) => f.id === id)!;
      expect(report.overflows).toEqual([]);
      // Only the signature (記名 accepted) and the office boxes are left.
      expect(report.handwrite.filter((h) => h.kind !== 'to-confirm')).toEqual([]);
    }
  });

  it('each new definition is generated from a layout and carries an address with its 方書', () => {
    const defs = loadDefinitions();
    for (const id of ['jidou-teate-shometsu', 'kodomo-iryo-soshitsu']) {
      const def = defs.get(id)!;
      expect(def, id).toBeDefined();
      const binds = def.fields.map((f) => f.bind);
      expect(binds).toEqual(expect.arrayContaining(['newAddress.withBuilding', 'previousAddress.withBuilding', 'move.date']));
    }
  });
});
