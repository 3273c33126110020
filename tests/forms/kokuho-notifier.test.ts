// 国民健康保険 異動届: the 届出人 (氏名, 世帯主との続柄) has its own line, as on real 国保異動届, and
// the name printed in the signature box (記名) is the 届出人's, not always the 世帯主's.
import { describe, expect, it } from 'vitest';
import { renderFormSet } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { fixture } from './support/fixtures.ts';
import { pageText, squash } from './support/page-text.ts';

async function kokuho(h: ReturnType<typeof fixture>) {
  const r = await renderFormSet(h, { reference: 'R-TEST-KOKUHO' });
  const report = r.report.forms.find((f) => f.id === 'kokuho-ido')!;
  const pdf = r.forms.find((f) => f.id === 'kokuho-ido')!.pdf;
  const inBox = (field: string) => {
    const b = report.boxes.find((x) => x.field === field);
    expect(b, field).toBeDefined();
    return squash(pageText(pdf, b!.page + 1, b!.rect));
  };
  return { report, text: squash(pageText(pdf, 1)), inBox };
}

describe('国保 異動届 届出人', { timeout: 60_000 }, () => {
  it('prints the 届出人 and their 続柄 when the wife notifies, and her name in the signature box', async () => {
    const { text, inBox } = await kokuho(fixture('tenshutsu-5-tsusho'));
    expect(text).toContain('届出人');
    expect(inBox('notifierName')).toContain('金美英');
    expect(inBox('notifierRelationship')).toBe('妻');
    // The 世帯主 stays the 世帯主.
    expect(inBox('headName')).toContain('田中誠');
    expect(inBox('signature')).toContain('金美英');
    expect(inBox('signature')).not.toContain('田中誠');
  });

  it('prints the head as 届出人 when the head notifies', async () => {
    const { inBox } = await kokuho(example('tennyu-4'));
    expect(inBox('notifierName')).toContain('山田太郎');
    expect(inBox('notifierRelationship')).toBe('世帯主');
    expect(inBox('signature')).toContain('山田太郎');
  });
});
