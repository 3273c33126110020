// 一時庇護許可者, 仮滞在許可者 and the 経過滞在者 (住民基本台帳法第30条の45) carry no 在留カード: the
// household, the visit and the forms must not ask them for a card number (nor a 在留資格 they do not have),
// and must not flag its absence; 中長期在留者 and 特別永住者 still need theirs.
import { describe, expect, it } from 'vitest';
import { foreignResident } from '../../domain/visit.ts';
import { renderFormSet, validateHousehold } from '../../forms/index.ts';
import { exampleJson } from './support/households.ts';

/** The tennyu-6-rare household, its foreign member (Nguyen, ベトナム) given these 在留 details. */
function withDetails(details: Record<string, unknown>) {
  const h = exampleJson('tennyu-6-rare') as { members: { foreignResident?: Record<string, unknown> }[] };
  const member = h.members.find((m) => m.foreignResident)!;
  member.foreignResident = { nationality: 'ミャンマー', ...details };
  return h;
}

describe('foreign residents without a 在留カード', () => {
  for (const residenceCategory of ['一時庇護許可者', '仮滞在許可者', '出生による経過滞在者', '国籍喪失による経過滞在者'] as const) {
    it(`${residenceCategory}: accepted without a card number or 在留資格, and nothing about a card is flagged`, async () => {
      const v = validateHousehold(withDetails({ residenceCategory }));
      expect(v.ok, JSON.stringify(v.ok ? [] : v.errors.map((e) => e.path))).toBe(true);
      if (!v.ok) return;
      // The visit (the app path) accepts the same.
      expect(foreignResident.safeParse({ nationality: 'ミャンマー', residenceCategory }).success).toBe(true);
      const r = await renderFormSet(v.household, { reference: 'R-NOCARD-1' });
      const jumin = r.report.forms.find((f) => f.id === 'jumin-ido')!;
      expect(jumin.fieldsFilled.some((f) => f.startsWith('member.category#'))).toBe(true);
      for (const f of r.report.forms)
        expect(
          f.handwrite.filter((h) => /card|status|expiry/i.test(h.field) || /在留カード|在留資格/.test(h.label ?? '')),
          f.id,
        ).toEqual([]);
    });
  }

  it('a card number given for a category that has none is refused, naming the field', () => {
    const v = validateHousehold(withDetails({ residenceCategory: '仮滞在許可者', residenceCardNumber: 'AB12345678CD' }));
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors.map((e) => e.path)).toEqual([expect.stringContaining('residenceCardNumber')]);
      expect(v.errors[0]!.message).toContain('在留カード');
      expect(v.errors[0]!.message).not.toContain('AB12345678CD');
    }
  });

  it('中長期在留者 and 特別永住者 still need the card number and the 在留資格', () => {
    for (const residenceCategory of ['中長期在留者', '特別永住者']) {
      const v = validateHousehold(withDetails({ residenceCategory, residenceStatus: '特別永住者' }));
      expect(v.ok, residenceCategory).toBe(false);
      if (!v.ok) expect(v.errors.map((e) => e.path)).toEqual([expect.stringContaining('residenceCardNumber')]);
      const noStatus = validateHousehold(withDetails({ residenceCategory, residenceCardNumber: 'AB12345678CD' }));
      expect(noStatus.ok, residenceCategory).toBe(false);
      if (!noStatus.ok) expect(noStatus.errors.map((e) => e.path)).toEqual([expect.stringContaining('residenceStatus')]);
    }
    const ok = validateHousehold(
      withDetails({ residenceCategory: '特別永住者', residenceStatus: '特別永住者', residenceCardNumber: 'AB12345678CD' }),
    );
    expect(ok.ok).toBe(true);
  });
});
