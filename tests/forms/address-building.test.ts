// Every form that prints an address prints its 方書 (building and room) too: a dropped room
// number sends the resident's post, insurance card or allowance notice astray. Read back from the
// printed PDFs with pdftotext, as the clerk (and the postman) would read them.
import { describe, expect, it } from 'vitest';
import { formDefinitionSchema, loadDefinitions, renderFormSet, toHalfWidthAlnum } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { printedText } from './support/raster.ts';

describe('addresses keep their building and room', { timeout: 60_000 }, () => {
  it('prints the new and the previous building and room on every form that prints the address', async () => {
    const household = example('tennyu-4');
    const result = await renderFormSet(household, { reference: 'R-TEST-0004' });
    const definitions = loadDefinitions();
    let checked = 0;
    result.forms.forEach((form) => {
      const binds = definitions.get(form.id)!.fields.map((f) => f.bind);
      // Read in one digit width (the 印鑑登録申請書 prints all its digits full-width).
      const text = toHalfWidthAlnum(printedText(form.pdf, { squashed: true }));
      for (const [prefix, address] of [
        ['newAddress', household.newAddress],
        ['previousAddress', household.previousAddress],
      ] as const) {
        if (!binds.some((b) => b.startsWith(`${prefix}.`) && b !== `${prefix}.postalDigits`)) continue;
        expect(text, `${form.id} ${prefix}`).toContain(address.building!.replace(/\s/g, ''));
        expect(text, `${form.id} ${prefix}`).toContain(address.room!);
        checked++;
      }
    });
    // 9 forms: 6 print both addresses, 3 only the new one.
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('refuses a definition that prints an address without its 方書, unless it says why', () => {
    const base = {
      id: 'city-form',
      title: '市独自の届',
      procedure: 'kokuho',
      template: { kind: 'acroform', file: 'city-form.pdf' },
      rowsPerSheet: 0,
      fields: [{ id: 'addr', bind: 'newAddress.full', target: { field: 'addr' } }],
    };
    const refused = formDefinitionSchema.safeParse(base);
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toContain('newAddress is printed without its building');
    expect(
      formDefinitionSchema.safeParse({ ...base, addressWithoutBuilding: [{ address: 'newAddress', reason: '市の様式に方書欄がないため' }] })
        .success,
    ).toBe(true);
    expect(formDefinitionSchema.safeParse({ ...base, fields: [{ ...base.fields[0], bind: 'newAddress.withBuilding' }] }).success).toBe(
      true,
    );
  });

  it('a space inside the address, text after the block and an address it cannot split: nothing dropped, the doubt flagged', async () => {
    const household = example('tennyu-4');
    household.newAddress = {
      ...household.newAddress,
      address: '北海道札幌市中央区大通西 3丁目7番地 大通ハイツ',
      building: '別館',
      room: '501号室',
    };
    household.previousAddress = { ...household.previousAddress, address: '府中市宮西町2丁目24番地', building: undefined, room: undefined };
    const result = await renderFormSet(household, { reference: 'R-TEST-SPACE' });
    const definitions = loadDefinitions();
    result.forms.forEach((form, i) => {
      const binds = definitions.get(form.id)!.fields.map((f) => f.bind);
      // Read in one digit width (the 印鑑登録申請書 prints all its digits full-width).
      const text = toHalfWidthAlnum(printedText(form.pdf, { squashed: true }));
      if (binds.some((b) => b.startsWith('newAddress.') && b !== 'newAddress.postalDigits')) {
        for (const piece of ['大通西', '3丁目7番地', '大通ハイツ', '別館', '501号室'])
          expect(text, `${form.id}: ${piece}`).toContain(piece);
      }
      if (binds.some((b) => b.startsWith('previousAddress.') && b !== 'previousAddress.postalDigits')) {
        expect(text, form.id).toContain('府中市宮西町2丁目24番地');
        // 府中市 is in Tokyo and Hiroshima: the split is not trusted, and staff are told so.
        expect(result.report.forms[i]!.handwrite, form.id).toContainEqual(
          expect.objectContaining({ kind: 'to-confirm', field: 'prevAddress', label: expect.stringContaining('住所全体') }),
        );
      }
    });
    // The school form prints the parts: the town box gets the street, the block box the number.
    const shugaku = result.report.forms.find((f) => f.id === 'shugaku')!;
    expect(shugaku.fieldsFilled).toEqual(expect.arrayContaining(['newTown', 'newBlock', 'newBuilding']));
  });
});
