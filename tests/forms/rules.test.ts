import { describe, expect, it } from 'vitest';
import { decideProcedures, type Household } from '../../forms/index.ts';
import { KioskError } from '../../domain/errors.ts';
import { example } from './support/households.ts';

const included = (h: Household, o: Parameters<typeof decideProcedures>[1] = []) =>
  decideProcedures(h, o)
    .filter((d) => d.included)
    .map((d) => d.procedureId);

describe('procedure rules', () => {
  it('selects the full set for a 4-person 転入 with reasons, in hand-over order', () => {
    const h = example('tennyu-4');
    const d = decideProcedures(h);
    expect(d.filter((x) => x.included).map((x) => x.formId)).toEqual([
      'jumin-ido',
      'mynumber-card',
      'kokuho-ido',
      'kaigo-hoken',
      'kouki-koureisha',
      'jidou-teate-nintei',
      'kodomo-iryo',
      'inkan-toroku',
      'shugaku',
    ]);
    const kaigo = d.find((x) => x.procedureId === 'kaigo-hoken')!;
    expect(kaigo.reasons).toEqual([
      '要介護・要支援の認定を受けている方（1名）がいます（年齢を問いません）。前住所地の受給資格証明書を添えて14日以内に届け出ると、認定が引き継がれます',
    ]);
    expect(kaigo.subjects).toEqual([3]);
    expect(d.find((x) => x.procedureId === 'mynumber-card')!.subjects).toEqual([0, 1, 3]);
    expect(d.find((x) => x.procedureId === 'jumin-ido')!.subjects).toEqual([0, 1, 2, 3]);
    expect(d.find((x) => x.procedureId === 'shugaku')!.reasons[0]).toContain('小中学校に通うお子さん（1名）');
    expect(d.every((x) => x.reasons.length > 0)).toBe(true);
  });

  it('decides the 65 and 75 thresholds on the move date', () => {
    const h = example('tenkyo-3');
    h.members[0]!.birthDate = '1951-11-01'; // 75 on the move date 2026-11-01
    expect(included(h)).toEqual(expect.arrayContaining(['kaigo-hoken', 'kouki-koureisha']));
    h.members[0]!.birthDate = '1951-11-02'; // 74 on the move date, 75 the next day
    expect(included(h)).toContain('kaigo-hoken');
    expect(included(h)).not.toContain('kouki-koureisha');
    h.members[0]!.birthDate = '1961-11-02'; // 64
    expect(included(h)).not.toContain('kaigo-hoken');
  });

  it('uses 住所変更 forms for a 転居 and no 印鑑登録', () => {
    const h = example('tenkyo-3');
    const d = decideProcedures(h).filter((x) => x.included);
    expect(d.map((x) => x.formId)).toEqual(['jumin-ido', 'mynumber-card', 'kokuho-ido', 'jidou-teate-jusho', 'kodomo-iryo', 'shugaku']);
    expect(d.find((x) => x.procedureId === 'jidou-teate')!.reasons[0]).toContain('児童手当を受けているお子さん（2名）');
  });

  it('offers 印鑑登録 only to members aged 15 or over who had a seal', () => {
    const h = example('tennyu-4');
    h.members[0]!.facts.registeredSeal = false;
    h.members[2]!.facts.registeredSeal = true; // 11 years old
    expect(included(h)).not.toContain('inkan-toroku');
    h.members[1]!.facts.registeredSeal = true;
    const d = decideProcedures(h).find((x) => x.procedureId === 'inkan-toroku')!;
    expect(d.subjects).toEqual([1]);
  });

  it('records staff additions and removals with their reason', () => {
    const h = example('tenkyo-3');
    const d = decideProcedures(h, [
      { procedureId: 'shugaku', action: 'remove', reason: '通学区域が変わらないため' },
      { procedureId: 'kaigo-hoken', action: 'add', reason: '同居の祖母の手続きを代理で行うため' },
    ]);
    const shugaku = d.find((x) => x.procedureId === 'shugaku')!;
    expect(shugaku).toMatchObject({ included: false, decidedBy: 'staff', staffReason: '通学区域が変わらないため' });
    expect(shugaku.reasons.at(-1)).toBe('職員が除外しました: 通学区域が変わらないため');
    const kaigo = d.find((x) => x.procedureId === 'kaigo-hoken')!;
    expect(kaigo).toMatchObject({ included: true, decidedBy: 'staff', formId: 'kaigo-hoken' });
    expect(kaigo.subjects).toEqual([0, 1, 2]);
  });

  it('refuses an override without a reason or for an unknown procedure', () => {
    const h = example('tenkyo-3');
    expect(() => decideProcedures(h, [{ procedureId: 'shugaku', action: 'remove', reason: '  ' }])).toThrow(
      expect.objectContaining({ code: 'forms/override-reason-required' }),
    );
    expect(() => decideProcedures(h, [{ procedureId: 'dog', action: 'add', reason: '犬の登録' }])).toThrow(KioskError);
    expect(() => decideProcedures(h, [{ procedureId: 'inkan-toroku', action: 'add', reason: '希望あり' }])).toThrow(
      expect.objectContaining({ code: 'forms/no-form-for-move' }),
    );
  });
});
