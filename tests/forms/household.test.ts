import { describe, expect, it } from 'vitest';
import { validateHousehold } from '../../forms/index.ts';
import { exampleJson } from './support/households.ts';

describe('household validation', () => {
  it.each(['tennyu-4', 'tennyu-6-rare', 'tenkyo-3'])('accepts the example %s', (name) => {
    const r = validateHousehold(exampleJson(name));
    expect(r.ok).toBe(true);
  });

  it('fills defaults for facts and card flags', () => {
    const r = validateHousehold(exampleJson('tennyu-6-rare'));
    if (!r.ok) throw new Error('invalid');
    expect(r.household.members[3]!.facts).toEqual({
      nationalHealthInsurance: true,
      registeredSeal: false,
      longTermCareCertified: false,
      childAllowance: false,
      childMedical: false,
    });
    expect(r.household.members[3]!.myNumberCard).toBe(false);
  });

  it('reports each bad field by path, without echoing the value', () => {
    const h = exampleJson('tennyu-4') as {
      members: Record<string, unknown>[];
      move: Record<string, unknown>;
      newAddress: Record<string, unknown>;
    };
    h.members[1]!.birthDate = '1982-02-30';
    h.members[2]!.familyKana = 'Yamada髙';
    h.move.type = 'moving';
    h.newAddress.postalCode = '060-00';
    const r = validateHousehold(h);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual(['members[1].birthDate', 'members[2].familyKana', 'move.type', 'newAddress.postalCode']);
    expect(byPath['members[1].birthDate']!.code).toBe('invalid_date');
    expect(byPath['members[1].birthDate']!.message).toMatch(/^生年月日 \/ birth date: 存在しない日付です/);
    expect(byPath['move.type']!.message).toContain('選べる値ではありません');
    const all = JSON.stringify(r.errors);
    expect(all).not.toContain('Yamada');
    expect(all).not.toContain('1982-02-30');
    expect(all).not.toContain('moving');
  });

  it('requires exactly one 世帯主', () => {
    const h = exampleJson('tenkyo-3') as { members: Record<string, unknown>[] };
    h.members[0]!.relationship = '本人';
    const r = validateHousehold(h);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ path: 'members', code: 'one_head' })]);
  });

  it('checks the residence card number pattern for foreign residents', () => {
    const h = exampleJson('tennyu-6-rare') as { members: { foreignResident?: Record<string, unknown> }[] };
    h.members[5]!.foreignResident!.residenceCardNumber = 'AB1234CD';
    const r = validateHousehold(h);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['members[5].foreignResident.residenceCardNumber']);
  });
});
