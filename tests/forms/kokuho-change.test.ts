// 国民健康保険 異動届: the kind of change is the insurance's (加入 / 住所変更 / 喪失), not the move's
// (転入 / 転居 / 転出). Read back from the printed form.
import { describe, expect, it } from 'vitest';
import { renderFormSet, type Household } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { printedText } from './support/raster.ts';

describe('国民健康保険 異動届', { timeout: 60_000 }, () => {
  it.each([
    ['tennyu', '加入', '転入'],
    ['tenkyo', '住所変更', '転居'],
    ['tenshutsu', '喪失', '転出'],
  ] as const)('a %s prints %s', async (type, expected, moveWord) => {
    const household: Household = example('tennyu-4');
    household.move = { ...household.move, type };
    const result = await renderFormSet(household, { reference: 'R-TEST-KOKUHO' });
    const index = result.forms.findIndex((f) => f.id === 'kokuho-ido');
    expect(index, 'kokuho-ido rendered').toBeGreaterThanOrEqual(0);
    const text = printedText(result.forms[index]!.pdf, { squashed: true });
    // The kind box is followed by the 届出日 box on the same row.
    expect(text).toContain(`${expected}令和8年11月24日`);
    expect(text).not.toContain(`${moveWord}令和8年11月24日`);
  });
});
