// 印鑑登録申請書: a foreign resident may register a seal in their 通称, so the 通称 is printed when the
// member has one; and each applicant's sheet is an application of its own, not a continuation
// sheet (no 「続紙 2／4枚目」, no page 2 of 4).
import { describe, expect, it } from 'vitest';
import { renderFormSet, validateHousehold, type Household } from '../../forms/index.ts';
import { fixtureJson } from './support/fixtures.ts';
import { READABLE_SIZE } from '../../forms/pdf/layout.ts';
import { pageText, squash } from './support/page-text.ts';

/** The 田中 family moving into 札幌市 from 吹田市: the head and his wife, a 永住者 with a 通称, register seals. */
function tanakaMovingIn(): Household {
  const input = fixtureJson('tenshutsu-5-tsusho') as Record<string, unknown> & { newAddress: unknown; previousAddress: unknown };
  const v = validateHousehold({
    ...input,
    move: { type: 'tennyu', date: '2027-04-02', notificationDate: '2027-04-06' },
    newAddress: input.previousAddress,
    previousAddress: input.newAddress,
    moveOutDocument: 'certificate',
  });
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path} ${e.code}`).join(', '));
  return v.household;
}

describe('印鑑登録申請書: 通称 and one application per applicant', { timeout: 60_000 }, () => {
  it('prints the 通称 of a foreign resident who has one, and nothing for the others', async () => {
    const r = await renderFormSet(tanakaMovingIn(), { reference: 'R-TEST-INKAN' });
    const report = r.report.forms.find((f) => f.id === 'inkan-toroku')!;
    const pdf = r.forms.find((f) => f.id === 'inkan-toroku')!.pdf;
    expect(report.sheets).toBe(2);
    // Sheet 2 is the wife's (member 2): her 通称 in its box.
    const box = report.boxes.find((b) => b.field === 'member.commonName#2');
    expect(box, '通称 box of the wife').toBeDefined();
    expect(squash(pageText(pdf, box!.page + 1, box!.rect))).toContain('金田美英');
    expect(squash(pageText(pdf, 2))).toContain('通称');
    // The head has no 通称: the box stays empty and is not asked for.
    expect(report.fieldsEmpty).toContain('member.commonName#1');
    expect(report.handwrite.map((h) => h.field)).not.toContain('member.commonName#1');
  });

  it('keeps the longest full-width 和暦 birth date at 8 pt or more beside the 通称', async () => {
    const h = tanakaMovingIn();
    h.members[0]!.birthDate = '2000-12-25'; // 平成１２年１２月２５日: 11 characters
    const r = await renderFormSet(h, { reference: 'R-TEST-INKAN' });
    const report = r.report.forms.find((f) => f.id === 'inkan-toroku')!;
    const birth = report.boxes.find((b) => b.field === 'member.birth#1')!;
    expect(birth.size).toBeGreaterThanOrEqual(READABLE_SIZE);
    expect(squash(pageText(r.forms.find((f) => f.id === 'inkan-toroku')!.pdf, 1, birth.rect))).toBe('平成１２年１２月２５日');
  });

  it('numbers the applications, not continuation sheets', async () => {
    const r = await renderFormSet(tanakaMovingIn(), { reference: 'R-TEST-INKAN' });
    const pdf = r.forms.find((f) => f.id === 'inkan-toroku')!.pdf;
    for (const page of [1, 2]) {
      const text = squash(pageText(pdf, page));
      expect(text).not.toContain('続紙');
      // Each application is one page of its own.
      expect(text).toContain('1／1頁');
      expect(text).toContain(`2人分のうち${page}人目`);
    }
  });
});
