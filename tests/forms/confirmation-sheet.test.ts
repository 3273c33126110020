// A city may take one signature on a 一括確認書 (combined confirmation sheet) instead of one
// per form. The set then carries the sheet listing every form it covers; those boxes say so and are
// not counted as to-sign; a signature someone other than the 届出人 gives is never dropped.
import { describe, expect, it } from 'vitest';
import { loadProfile, parseProfile, renderFormSet } from '../../forms/index.ts';
import { example } from './support/households.ts';
import { printedText } from './support/raster.ts';

const COVERED = '一括確認書への署名で代えます';

describe('一括確認書', () => {
  it('the default profile prints no sheet: a 4-person 転入 leaves 3 signatures and 1 seal', async () => {
    const r = await renderFormSet(example('tennyu-4'), { reference: 'R-IKKATSU-0' });
    expect(r.report.totals).toMatchObject({ signatures: 3, seals: 1, coveredByConfirmationSheet: 0 });
    expect(r.forms.map((f) => f.id)).not.toContain('ikkatsu-kakuninsho');
  });

  it('the sample profile: one signed sheet covers 7 forms; the 住民異動届 and 印鑑登録 keep their own signatures', async () => {
    // 山田さん (4 people) move in from 千代田区; 太郎 (世帯主) is the 届出人.
    const profile = loadProfile('ikkatsu-kakuninsho-sample');
    const r = await renderFormSet(example('tennyu-4'), { reference: 'R-IKKATSU-1', profile });
    const ids = r.forms.map((f) => f.id);
    expect(ids.at(-1)).toBe('ikkatsu-kakuninsho');
    const sheet = r.report.forms.find((f) => f.id === 'ikkatsu-kakuninsho')!;
    const covered = ['mynumber-card', 'kokuho-ido', 'kaigo-hoken', 'kouki-koureisha', 'jidou-teate-nintei', 'kodomo-iryo', 'shugaku'];
    expect(sheet.covers!.map((c) => c.id)).toEqual(covered);
    for (const c of sheet.covers!) expect(c.pages).toBe(r.report.forms.find((f) => f.id === c.id)!.pages);
    expect(sheet).toMatchObject({ templateKind: 'generated', pages: 1 });
    expect(sheet.handwrite).toEqual([expect.objectContaining({ field: 'signature', kind: 'signature' })]);
    // What is left to hand-write: the 住民異動届, the 印鑑登録申請書, the sheet; and the seal.
    expect(r.report.totals).toMatchObject({ signatures: 3, seals: 1, coveredByConfirmationSheet: 7 });
    const signed = r.report.forms.filter((f) => f.handwrite.some((h) => h.kind === 'signature')).map((f) => f.id);
    expect(signed).toEqual(['jumin-ido', 'inkan-toroku', 'ikkatsu-kakuninsho']);
    expect(r.report.combined.pages).toBe(r.report.forms.reduce((n, f) => n + f.pages, 0));

    for (const id of covered) {
      const f = r.report.forms.find((x) => x.id === id)!;
      expect(f.signatures, id).toEqual([expect.objectContaining({ requirement: 'covered-by-confirmation-sheet', decidedBy: 'profile' })]);
      expect(
        f.handwrite.filter((h) => h.kind === 'signature'),
        id,
      ).toEqual([]);
      const text = printedText(r.forms.find((x) => x.id === id)!.pdf, { squashed: true });
      expect(text, id).toContain(COVERED);
      expect(text, id).not.toContain('ご署名ください');
    }

    // The sheet: its title, the forms it covers, the 届出人 and the 届出日; nothing else about the household.
    const text = printedText(r.forms.at(-1)!.pdf, { squashed: true });
    expect(text).toContain('一括確認書');
    for (const c of sheet.covers!) expect(text).toContain(c.title.replace(/\s/g, ''));
    expect(text).toContain('山田太郎');
    expect(text).toContain('令和8年11月24日');
    expect(text).toContain('ご署名ください');
    // It says which forms it does not stand for, so the resident signs those too.
    expect(text).toContain(
      '次の様式の署名欄は、この確認書では代えられません。それぞれの様式に署名してください：住民異動届（1欄）、印鑑登録申請書（1欄）',
    );
    for (const personal of ['花子', '札幌', '千代田', '昭和', '1203']) expect(text).not.toContain(personal);
  });

  it('a box the 届出人 does not sign keeps its signature (another 印鑑登録 applicant); the 国保 box is the 届出人’s own and is covered', async () => {
    // 花子 (妻) notifies: the 国保異動届 names her as 届出人 and she signs it, so her sheet covers it;
    // the 印鑑登録 is signed by its applicant 太郎, whom her sheet cannot cover.
    const h = { ...example('tennyu-4'), notifierIndex: 1 };
    const base = loadProfile('ikkatsu-kakuninsho-sample');
    const profile = parseProfile({
      ...base,
      id: 'ikkatsu-all',
      signatures: { ...base.signatures, 'inkan-toroku': base.signatures['kokuho-ido'], 'jumin-ido': base.signatures['kokuho-ido'] },
    });
    const r = await renderFormSet(h, { reference: 'R-IKKATSU-2', profile });
    const kokuho = r.report.forms.find((f) => f.id === 'kokuho-ido')!;
    expect(kokuho.signatures).toEqual([expect.objectContaining({ requirement: 'covered-by-confirmation-sheet', decidedBy: 'profile' })]);
    expect(kokuho.handwrite.filter((x) => x.kind === 'signature')).toEqual([]);
    const inkan = r.report.forms.find((f) => f.id === 'inkan-toroku')!;
    expect(inkan.handwrite.filter((x) => x.kind === 'signature')).toHaveLength(1);
    // 住民異動届 (届出人 花子) is covered here; the sheet is signed by 花子.
    expect(r.report.forms.find((f) => f.id === 'jumin-ido')!.handwrite.filter((x) => x.kind === 'signature')).toEqual([]);
    expect(printedText(r.forms.at(-1)!.pdf, { squashed: true })).toContain('山田花子');
    // 太郎's 印鑑登録, 花子's sheet, and 太郎's 児童手当 claim: he is the 生計維持者 and so the 請求者,
    // who signs his own claim (花子's sheet cannot cover it).
    expect(r.report.totals).toMatchObject({ signatures: 3, seals: 1 });
  });
});
