// A box the report lists for staff to check (an address whose split is uncertain, a postal
// code of another prefecture) is marked on the paper too: a dotted outline and a 「要確認」 tag in its
// corner, outside the value, in black and white.
import { describe, expect, it } from 'vitest';
import { renderFormSet, validateHousehold, type Household } from '../../forms/index.ts';
import { exampleJson } from './support/households.ts';
import { pageText } from './support/page-text.ts';
import { printedText } from './support/raster.ts';

/** The tennyu-4 family, but the old address was taken down without its block number (the split is uncertain) and its code mistyped as 札幌's. */
function fromFuchu(): Household {
  const json = exampleJson('tennyu-4') as { previousAddress: Record<string, unknown> };
  json.previousAddress = { postalCode: '060-0001', address: '東京都府中市宮西町', building: 'コーポ府中', room: '201号室' };
  const v = validateHousehold(json);
  if (!v.ok) throw new Error('invalid');
  return v.household;
}

const count = (text: string, word: string) => text.split(word).length - 1;

describe('to-confirm boxes are marked on the page', { timeout: 60_000 }, () => {
  it('marks the uncertain address and the mistyped postal code on the 住民異動届, and leaves the value readable', async () => {
    const r = await renderFormSet(fromFuchu(), { reference: 'R-MARK-1' });
    expect(r.report.warnings.map((w) => w.field)).toEqual(['previousAddress.postalCode']);
    const jumin = r.report.forms.find((f) => f.id === 'jumin-ido')!;
    const marked = jumin.boxes.filter((b) => b.toConfirm);
    expect(marked.map((b) => [b.field, b.toConfirm])).toEqual(
      expect.arrayContaining([
        ['prevAddress', 'to-confirm'],
        ['prevPostal', 'postal-prefecture-mismatch'],
      ]),
    );
    const pdf = r.forms.find((f) => f.id === 'jumin-ido')!.pdf;
    // One tag per marked box, and none elsewhere.
    expect(count(printedText(pdf, { squashed: true }), '要確認')).toBe(marked.length);
    // The whole address is still printed, and the tag is not inside the value's text.
    const address = marked.find((b) => b.toConfirm === 'to-confirm' && b.kind === 'filled')!;
    const inBox = pageText(pdf, address.page, address.rect).replace(/\s/g, '');
    expect(inBox).toContain('東京都府中市宮西町');
  });

  it('marks every to-confirm box of every form, and only those', async () => {
    const r = await renderFormSet(fromFuchu(), { reference: 'R-MARK-2' });
    for (const f of r.report.forms) {
      const marks = f.boxes.filter((b) => b.toConfirm).length;
      const listed = new Set(f.handwrite.filter((h) => h.kind === 'to-confirm').map((h) => `${h.field}@${h.sheet}`)).size;
      expect(marks, f.id).toBeGreaterThanOrEqual(listed);
      expect(count(printedText(r.forms.find((x) => x.id === f.id)!.pdf, { squashed: true }), '要確認'), f.id).toBe(marks);
    }
    // 山田さん's own set (no warning): on the 住民異動届 only the 住民票コード boxes of the three members without one.
    const clean = validateHousehold(exampleJson('tennyu-4'));
    if (!clean.ok) throw new Error('invalid');
    const own = await renderFormSet(clean.household, { reference: 'R-MARK-3' });
    const jumin = own.report.forms.find((f) => f.id === 'jumin-ido')!;
    expect(jumin.boxes.filter((b) => b.toConfirm).map((b) => b.field)).toEqual(['member.code#2', 'member.code#3', 'member.code#4']);
    expect(count(printedText(own.forms.find((f) => f.id === 'jumin-ido')!.pdf, { squashed: true }), '要確認')).toBe(3);
  });

  it('puts the tag of a postal code’s digit boxes above them, clear of the last digit', async () => {
    const r = await renderFormSet(fromFuchu(), { reference: 'R-MARK-4' });
    const postal = r.report.forms.find((f) => f.id === 'jumin-ido')!.boxes.find((b) => b.field === 'prevPostal')!;
    expect(postal.toConfirm).toBe('postal-prefecture-mismatch');
    const pdf = r.forms.find((f) => f.id === 'jumin-ido')!.pdf;
    const [x, y, w, h] = postal.rect;
    // Each of the 7 digits reads alone in its cell: the tag in the corner covered the 7th.
    const cell = w / 7;
    const digits = Array.from({ length: 7 }, (_, i) =>
      pageText(pdf, postal.page + 1, [x + i * cell + 1, y, cell - 2, h]).replace(/\s/g, ''),
    );
    expect(digits.join('')).toBe('0600001');
    // The tag is still on the box, in the label strip above the digits (under the box's top edge).
    expect(pageText(pdf, postal.page + 1, [x, y + h, w, 11]).replace(/\s/g, '')).toContain('要確認');
  });
});
