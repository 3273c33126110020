// A 転出 with a school-age child is a 就学 checklist item (在学証明書・教科用図書給与証明書 from the
// current school), decided by the rule catalogue with the school year of the 届出日.
import { describe, expect, it } from 'vitest';
import { decideProcedures, renderFormSet, validateHousehold, type Household, type HouseholdInput } from '../../forms/index.ts';

type MemberInput = HouseholdInput['members'][number];
const person = (over: Partial<MemberInput> & Pick<MemberInput, 'givenName' | 'givenKana' | 'birthDate' | 'relationship'>): MemberInput => ({
  familyName: '佐々木',
  familyKana: 'ササキ',
  sex: 'male',
  readFromCard: true,
  myNumberCard: true,
  facts: {},
  ...over,
});

/** 佐々木さん leave 札幌市白石区 for 仙台市; the 転出届 is made on 3/25, the move is on 4/05. */
function leaving(children: MemberInput[]): Household {
  const v = validateHousehold({
    schemaVersion: 1,
    move: { type: 'tenshutsu', date: '2027-04-05', notificationDate: '2027-03-25' },
    previousAddress: {
      postalCode: '003-0021',
      address: '北海道札幌市白石区栄通7丁目3番12号',
      building: 'パークヒルズ栄通',
      room: '403号室',
    },
    newAddress: { postalCode: '980-0811', address: '宮城県仙台市青葉区一番町3丁目1番1号' },
    members: [
      person({ givenName: '健一', givenKana: 'ケンイチ', birthDate: '1984-01-30', relationship: '世帯主' }),
      person({ givenName: '由美', givenKana: 'ユミ', birthDate: '1986-08-12', sex: 'female', relationship: '妻' }),
      ...children,
    ],
  });
  if (!v.ok) throw new Error(`invalid: ${v.errors.map((e) => `${e.path} ${e.code}`).join(', ')}`);
  return v.household;
}

const shugaku = (h: Household) => decideProcedures(h).find((d) => d.procedureId === 'shugaku')!;

describe('転出 with a school-age child', () => {
  it('lists 就学 on the checklist: the current school issues the 在学証明書 and 教科用図書給与証明書', async () => {
    // 大翔 is in 小学4年 on the 届出日; 陽菜 (born 2020-10) is 未就学 on 3/25 and starts 小1 only after the move.
    const h = leaving([
      person({ givenName: '大翔', givenKana: 'ヒロト', birthDate: '2017-06-14', relationship: '子' }),
      person({ givenName: '陽菜', givenKana: 'ヒナ', birthDate: '2020-10-02', sex: 'female', relationship: '子' }),
    ]);
    const d = shugaku(h);
    expect(d).toMatchObject({ included: true, handling: 'checklist', formId: undefined, subjects: [2], ageBasis: 'notificationDate' });
    expect(d.reasons[0]).toContain('在学証明書');
    expect(d.reasons[0]).toContain('（年齢・学年は届出日時点）');
    expect(d.note).toContain('教科用図書給与証明書');
    expect(d.deadline).toBeDefined();

    const r = await renderFormSet(h, { reference: 'R-TENSHUTSU-SCHOOL' });
    expect(r.report.checklist).toContainEqual(expect.objectContaining({ procedureId: 'shugaku', handling: 'checklist' }));
    expect(r.report.forms.map((f) => f.id)).not.toContain('shugaku');
  });

  it('takes the school year on the 届出日: a 中学3年 on 3/25 still counts, though on the move date he has left', () => {
    const d = shugaku(leaving([person({ givenName: '蓮', givenKana: 'レン', birthDate: '2012-06-01', relationship: '子' })]));
    expect(d).toMatchObject({ included: true, subjects: [2] });
  });

  it('no school-age child: nothing for 就学', () => {
    const d = shugaku(
      leaving([person({ givenName: '陽菜', givenKana: 'ヒナ', birthDate: '2020-10-02', sex: 'female', relationship: '子' })]),
    );
    expect(d.included).toBe(false);
  });
});
