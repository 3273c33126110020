// 国民健康保険 ends at 75: from the 75th birthday everyone is in 後期高齢者医療 instead
// (高齢者の医療の確保に関する法律 第50条, 第52条), so a member of 75 or over is never a subject of the
// 国保 異動届, even when staff tick 国民健康保険 for them by mistake.
import { describe, expect, it } from 'vitest';
import { decideProcedures } from '../../forms/index.ts';
import { example } from './support/households.ts';

describe('国民健康保険 異動届 and age 75', () => {
  it('leaves out a member of 75 or over who is marked as insured', () => {
    const h = example('tennyu-4');
    h.members[3]!.facts.nationalHealthInsurance = true; // キヨ, born 1948: 78 on the 届出日
    const kokuho = decideProcedures(h).find((d) => d.procedureId === 'kokuho-ido')!;
    expect(kokuho.included).toBe(true);
    expect(kokuho.subjects).toEqual([0, 1, 2]);
    expect(kokuho.reasons[0]).toContain('75歳未満');
  });

  it('does not ask for the form when the only insured member is 75 or over', () => {
    const h = example('tennyu-4');
    h.members.forEach((m, i) => (m.facts.nationalHealthInsurance = i === 3));
    const kokuho = decideProcedures(h).find((d) => d.procedureId === 'kokuho-ido')!;
    expect(kokuho.included).toBe(false);
    expect(decideProcedures(h).find((d) => d.procedureId === 'kouki-koureisha')!.subjects).toContain(3);
  });

  it('takes the age on the 異動日, as 後期高齢者医療 does: 74 at the move and 75 by the 届出日 is still a 国保 move', () => {
    const h = example('tennyu-4'); // moved 2026-11-20, filed 2026-11-24
    h.members[3]!.birthDate = '1951-11-22'; // キヨ: 74 on the 異動日, 75 on the 届出日
    h.members[3]!.facts.nationalHealthInsurance = true;
    const decisions = decideProcedures(h);
    const kokuho = decisions.find((d) => d.procedureId === 'kokuho-ido')!;
    const kouki = decisions.find((d) => d.procedureId === 'kouki-koureisha')!;
    expect(kokuho.subjects).toContain(3);
    expect(kokuho.ageBasis).toBe('moveDate');
    expect(kokuho.reasons[0]).toContain('異動日時点');
    expect(kouki.subjects).not.toContain(3);
    // One day either side, exactly one of the two lists her.
    for (const [birthDate, insurance] of [
      ['1951-11-20', 'kouki-koureisha'],
      ['1951-11-21', 'kokuho-ido'],
    ] as const) {
      h.members[3]!.birthDate = birthDate;
      const listing = decideProcedures(h).filter(
        (d) => ['kokuho-ido', 'kouki-koureisha'].includes(d.procedureId) && d.subjects.includes(3),
      );
      expect(
        listing.map((d) => d.procedureId),
        birthDate,
      ).toEqual([insurance]);
    }
  });
});
