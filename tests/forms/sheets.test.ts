// Continuation sheets, digit widths and the 方書 box: row numbers continue across sheets, a form
// prints all its digits in one width, and an 80-character 方書 stays readable (≥ 8 pt) on every form.
import { describe, expect, it } from 'vitest';
import { formDefinitionSchema, loadDefinitions, renderFormSet, validateHousehold, type Household } from '../../forms/index.ts';
import { READABLE_SIZE } from '../../forms/pdf/layout.ts';
import { example, exampleJson } from './support/households.ts';
import { nineMembers } from './support/large-household.ts';
import { pageText, squash } from './support/page-text.ts';

/** The strip left of the member table where the row numbers are printed. */
const ROW_NUMBER_STRIP: [number, number, number, number] = [0, 30, 30, 780];

describe('continuation sheets', { timeout: 60_000 }, () => {
  it('numbers the rows of a 9-member household 1–4, 5–8 and 9 on the three sheets of the 住民異動届', async () => {
    const r = await renderFormSet(nineMembers(), { reference: 'R-TEST-ROWS' });
    const form = r.forms.find((f) => f.id === 'jumin-ido')!;
    expect(r.report.forms.find((f) => f.id === 'jumin-ido')!.sheets).toBe(3);
    const numbers = (page: number) => pageText(form.pdf, page, ROW_NUMBER_STRIP).split(/\s+/).filter(Boolean);
    expect(numbers(1)).toEqual(['1', '2', '3', '4']);
    expect(numbers(2)).toEqual(['5', '6', '7', '8']);
    expect(numbers(3)).toEqual(['9']);
    // Each number stands beside its member: the 9th member (the grandmother) is on sheet 3.
    expect(squash(pageText(form.pdf, 3))).toContain('髙邊トミ');
  });
});

describe('one digit width per form', { timeout: 60_000 }, () => {
  it('no definition sets a digit width on a single field', () => {
    for (const def of loadDefinitions().values()) {
      for (const f of def.fields) expect((f as { digits?: unknown }).digits, `${def.id}.${f.id}`).toBeUndefined();
      expect(['half', 'full'], def.id).toContain((def as { digits?: unknown }).digits);
    }
  });

  it('a definition that mixes digit widths is refused', () => {
    const def = structuredClone(loadDefinitions().get('inkan-toroku')!) as unknown as { digits: string; fields: { digits?: string }[] };
    def.fields[0]!.digits = def.digits === 'full' ? 'half' : 'full';
    expect(formDefinitionSchema.safeParse(def).success).toBe(false);
  });

  it('prints every digit of the 印鑑登録申請書 full-width and of the 住民異動届 half-width', async () => {
    const json = exampleJson('tennyu-4') as { newAddress: { address: string } };
    json.newAddress.address = '北海道札幌市中央区北一条西２丁目１番地'; // typed with full-width digits
    const v = validateHousehold(json);
    if (!v.ok) throw new Error('invalid');
    const r = await renderFormSet(v.household, { reference: 'R-TEST-DIGITS' });
    const text = (id: string) => squash(pageText(r.forms.find((f) => f.id === id)!.pdf, 1)).replace(/R-TEST-DIGITS.*$/, '');
    const inkan = text('inkan-toroku');
    expect(inkan).toContain('昭和５５年６月１５日'); // the birth date too, not only the dates at the top
    expect(inkan).toContain('北一条西２丁目１番地');
    expect(inkan).toContain('１２０３号室');
    expect(inkan.replace(/^[^\n]*?登録申請書/, ''), 'no half-width digit on the 印鑑登録申請書').not.toMatch(/[0-9]/);
    const jumin = text('jumin-ido');
    expect(jumin).toContain('北一条西2丁目1番地');
    expect(jumin, 'no full-width digit on the 住民異動届').not.toMatch(/[０-９]/);
  });
});

/** A real-length 方書: building, wing, floor and the care home's unit, 80 characters. */
const LONG_BUILDING = 'サービス付き高齢者向け住宅グランドメゾン雫石長山ガーデンヒルズ東棟南ウィング三階介護居室ユニットさくら'.padEnd(
  80,
  '棟',
);

describe('an 80-character 方書', { timeout: 60_000 }, () => {
  it('prints at ≥ 8 pt on every form that prints the new address’s building', async () => {
    expect([...LONG_BUILDING]).toHaveLength(80);
    const defs = loadDefinitions();
    let checked = 0;
    const seen = new Set<string>();
    // A 転入 (with the 就学 and 印鑑登録 forms: a school child and seal registrants), a 転居 (児童手当 住所変更)
    // and a 転出 (児童手当 消滅届, 子ども医療費 喪失届).
    for (const type of ['tennyu', 'tenkyo', 'tenshutsu'] as const) {
      const h: Household = nineMembers();
      h.move.type = type;
      h.newAddress.building = LONG_BUILDING;
      h.newAddress.room = '301号室';
      const r = await renderFormSet(h, { reference: 'R-TEST-BUILDING' });
      for (const f of r.report.forms) {
        seen.add(f.id);
        const def = defs.get(f.id)!;
        for (const field of def.fields.filter((x) => x.bind === 'newAddress.withBuilding' || x.bind === 'newAddress.building')) {
          const boxes = f.boxes.filter((b) => b.field === field.id);
          expect(boxes.length, `${f.id}.${field.id} printed`).toBeGreaterThan(0);
          for (const b of boxes) expect(b.size, `${f.id}.${field.id} size`).toBeGreaterThanOrEqual(READABLE_SIZE);
          expect(f.overflows.map((o) => o.field)).not.toContain(field.id);
          checked++;
        }
      }
    }
    // Every form we ship was rendered, so every 方書 box was checked.
    expect([...seen].sort()).toEqual([...defs.keys()].sort());
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});

it('the example 4-person 転入 still validates', () => {
  expect(example('tennyu-4').members).toHaveLength(4);
});
