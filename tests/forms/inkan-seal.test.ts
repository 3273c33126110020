// 印鑑登録申請書: the seal box holds a 25 mm seal (the largest a city registers) with nothing printed
// inside it, and every applicant signs in a box of their own.
import { describe, expect, it } from 'vitest';
import { loadDefinitions, renderFormSet, validateHousehold, type Household } from '../../forms/index.ts';
import { rasterPage, inkIn } from './support/raster.ts';
import { pageText } from './support/page-text.ts';

const SEAL_MM = 25;
const SEAL_PT = (SEAL_MM / 25.4) * 72; // 70.87 pt

/** A couple and their adult son registering seals on moving into 雫石町; the son's name has 﨑. */
function sealHousehold(): Household {
  const v = validateHousehold({
    schemaVersion: 1,
    move: { type: 'tennyu', date: '2026-12-01', notificationDate: '2026-12-07' },
    newAddress: { postalCode: '020-0585', address: '岩手県岩手郡雫石町長山第24地割106番地' },
    previousAddress: { postalCode: '980-0811', address: '宮城県仙台市青葉区一番町四丁目11番1号' },
    members: [
      {
        familyName: '山﨑',
        givenName: '德治',
        familyKana: 'ヤマザキ',
        givenKana: 'トクジ',
        birthDate: '1958-10-10',
        sex: 'male',
        relationship: '世帯主',
        readFromCard: true,
        myNumberCard: true,
        facts: { registeredSeal: true },
      },
      {
        familyName: '山﨑',
        givenName: '和子',
        familyKana: 'ヤマザキ',
        givenKana: 'カズコ',
        birthDate: '1961-01-20',
        sex: 'female',
        relationship: '妻',
        facts: { registeredSeal: true },
      },
      {
        familyName: '山﨑',
        givenName: '拓海',
        familyKana: 'ヤマザキ',
        givenKana: 'タクミ',
        birthDate: '2009-05-02',
        sex: 'male',
        relationship: '子',
        facts: { registeredSeal: true },
      },
    ],
  });
  if (!v.ok) throw new Error(v.errors.map((e) => e.path).join(', '));
  return v.household;
}

describe('印鑑登録申請書', { timeout: 60_000 }, () => {
  it('has a seal box that holds a 25 mm seal', () => {
    const def = loadDefinitions().get('inkan-toroku')!;
    const seals = def.handwrite.filter((h) => h.kind === 'seal');
    expect(seals.length).toBeGreaterThan(0);
    for (const s of seals) {
      const rect = 'rect' in s.target ? s.target.rect : undefined;
      expect(rect, s.id).toBeDefined();
      // The dashed frame is drawn 1 pt inside the box with a 1.2 pt line: the seal must fit inside it.
      expect(rect![2] - 2 - 1.2, `${s.id} width`).toBeGreaterThanOrEqual(SEAL_PT);
      expect(rect![3] - 2 - 1.2, `${s.id} height`).toBeGreaterThanOrEqual(SEAL_PT);
    }
  });

  it('prints nothing inside the seal box, and gives each of three applicants a signature box of their own', async () => {
    const r = await renderFormSet(sealHousehold(), { reference: 'R-TEST-SEAL' });
    const report = r.report.forms.find((f) => f.id === 'inkan-toroku')!;
    const pdf = r.forms.find((f) => f.id === 'inkan-toroku')!.pdf;
    const seals = report.boxes.filter((b) => b.field.startsWith('member.seal'));
    expect(seals).toHaveLength(3);
    for (const b of seals) {
      // 1.2 pt dashed line 1 pt inside the box: look inside it.
      const inner: [number, number, number, number] = [b.rect[0] + 3, b.rect[1] + 3, b.rect[2] - 6, b.rect[3] - 6];
      expect(pageText(pdf, b.page + 1, inner).trim(), `text in ${b.field}`).toBe('');
      expect(inkIn(rasterPage(pdf, b.page + 1, 100), inner, 100), `ink in ${b.field}`).toBe(0);
    }
    const signatures = report.handwrite.filter((h) => h.kind === 'signature');
    expect(signatures).toHaveLength(3);
    const rects = report.boxes.filter((b) => signatures.some((s) => s.field === b.field)).map((b) => `${b.page}:${b.rect.join(',')}`);
    expect(new Set(rects).size, 'one signature box per applicant').toBe(3);
    // Each applicant's sheet names that applicant.
    const names = ['山﨑　德治', '山﨑　和子', '山﨑　拓海'];
    const sheets = new Set(signatures.map((s) => s.sheet));
    expect(sheets.size).toBe(3);
    for (const [i, name] of names.entries()) expect(pageText(pdf, i + 1).replace(/\s+/g, ''), name).toContain(name.replace(/\s+|　/g, ''));
  });
});
