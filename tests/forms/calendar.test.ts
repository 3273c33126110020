// One calendar per form: a household with a foreign resident gets every date in 和暦, not 昭和
// for one member and 1992年 for the next. Read back from the printed 住民異動届.
import { describe, expect, it } from 'vitest';
import { renderFormSet } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { printedText } from './support/raster.ts';

describe('dates on a form', { timeout: 60_000 }, () => {
  it('are all 和暦 when a foreign resident is listed with Japanese members', async () => {
    const household = example('tennyu-6-rare');
    const foreign = household.members.findIndex((m) => m.foreignResident !== undefined);
    expect(foreign).toBeGreaterThanOrEqual(0);
    const result = await renderFormSet(household, { reference: 'R-TEST-CAL' });
    const index = result.forms.findIndex((f) => f.id === 'jumin-ido');
    const text = printedText(result.forms[index]!.pdf);
    expect(text).not.toMatch(/[0-9０-９]{4}年/);
    expect(text.match(/(昭和|平成|令和)[0-9０-９元]+年/g)?.length ?? 0).toBeGreaterThanOrEqual(household.members.length);
  });

  it('leave 満了日 out for 永住者 (no 在留期間), even when a date was given', async () => {
    const household = example('tennyu-6-rare');
    const foreign = household.members.find((m) => m.foreignResident !== undefined)!;
    expect(foreign.foreignResident).toMatchObject({ residenceStatus: '永住者', residenceCardExpiry: '2029-03-31' });
    const result = await renderFormSet(household, { reference: 'R-TEST-PR' });
    const index = result.forms.findIndex((f) => f.id === 'jumin-ido');
    const text = printedText(result.forms[index]!.pdf);
    expect(text).toContain('永住者');
    expect(text).not.toContain('令和11年3月31日');
  });
});
