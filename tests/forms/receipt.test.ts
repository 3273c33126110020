// The 受付票（控え）: the resident leaves with their number and what comes next, in their language,
// and with no personal data beyond the ticket and the family name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { byPostFor, followUpsFor, RECEIPT_TEXTS, renderReceipt, validateHousehold, waitRange, type Household } from '../../forms/index.ts';
import type { ResidentLanguage } from '../../domain/language.ts';
import { printedText } from './support/raster.ts';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { decodeQrInPdf } from '../support/qr-decode.ts';

function example(file: string): Household {
  const v = validateHousehold(JSON.parse(readFileSync(new URL(`../../forms/examples/${file}`, import.meta.url), 'utf8')));
  if (!v.ok) throw new Error('example invalid');
  return v.household;
}

const household = example('tennyu-4.json');

async function receipt(language: ResidentLanguage, h: Household = household, statusUrl: string | null = null): Promise<Uint8Array> {
  return renderReceipt({
    ticket: 'A-012',
    familyName: h.members[0]!.familyName,
    language,
    waitingArea: '戸籍住民課前 待合ロビー（1階）',
    estimatedWaitMinutes: 18,
    handedIn: ['住民異動届', '国民健康保険 異動届', '児童手当 認定請求書'],
    byPost: byPostFor(h.move.type, ['jumin-ido', 'kokuho-ido', 'jidou-teate']),
    followUps: followUpsFor(h),
    issuedAt: '令和8年12月2日 13:20',
    counter: '4',
    statusUrl,
  });
}

describe('受付票（控え）', () => {
  it.each([
    ['ja', '受付票（控え）', '国民健康保険の資格確認書'],
    ['ja-Hira', 'うけつけひょう（ひかえ）', '国民健康保険（こくみんけんこうほけん）の資格確認書'],
    ['en', 'Receipt (keep this copy)', 'National Health Insurance eligibility certificate'],
    ['zh-Hans', '受理单（存根）', '国民健康保险 资格确认书'],
    ['ko', '접수표(보관용)', '국민건강보험 자격확인서'],
    ['vi', 'Phiếu tiếp nhận (bản lưu)', 'Giấy xác nhận tư cách Bảo hiểm Y tế Quốc dân'],
  ] as const)('in %s: one page with the number, the wait as a range and what arrives by post', async (language, title, byPost) => {
    const pdf = await receipt(language);
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    const text = printedText(pdf, { squashed: true });
    for (const expected of [title, byPost, 'A-012', '山田', '住民異動届', '戸籍住民課前待合ロビー（1階）', '10', '30'])
      expect(text).toContain(expected.replace(/\s/g, ''));
    // No character fell back to the 〓 placeholder (Vietnamese letters, Hangul, simplified Chinese).
    expect(text).not.toContain('〓');
  });

  it.each(['ja', 'vi'] as const)(
    'in %s: the QR code a phone reads as this number’s public status page, with a line saying so; none without the URL',
    async (language) => {
      const url = 'https://www.city.sapporo.jp/madoguchi/status?ticket=A-012';
      const pdf = await receipt(language, household, url);
      expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
      const dir = join(import.meta.dirname, '../../test-output/screenshots');
      mkdirSync(dir, { recursive: true });
      // As a phone sees the paper: rasterised at 150 dpi (poppler), then decoded (jsQR).
      expect(decodeQrInPdf(pdf, { dpi: 150, pngPath: join(dir, `receipt-qr-${language}.png`) })).toBe(url);
      const text = printedText(pdf, { squashed: true });
      expect(text).toContain((language === 'ja' ? 'このQRコードをスマートフォンで読むと' : 'QuétmãQRnàybằngđiệnthoại').replace(/\s/g, ''));
      const without = await receipt(language, household, null);
      expect(decodeQrInPdf(without)).toBeNull();
      expect(printedText(without, { squashed: true })).not.toContain('QR');
    },
  );

  it('holds no personal data beyond the family name', async () => {
    const text = printedText(await receipt('ja'), { squashed: true });
    for (const m of household.members) expect(text).not.toContain(m.givenName);
    for (const secret of ['北一条西', '丸の内', '1203', '011-222-3333', '1980', '昭和', '平成']) expect(text).not.toContain(secret);
  });

  it('lists what is left to do elsewhere from the move and the children', () => {
    // tennyu-4 has a school-age child: the new school comes first; its parents (46 and 44) join 国保.
    expect(followUpsFor(household)).toEqual(['school-tennyu', 'national-pension', 'driving-licence', 'vehicle', 'employer']);
    const leaving: Household = { ...household, move: { ...household.move, type: 'tenshutsu' } };
    expect(followUpsFor(leaving)).toEqual(['school-tenshutsu', 'new-municipality', 'driving-licence', 'vehicle', 'employer']);
    const adults: Household = { ...household, members: household.members.filter((m) => m.birthDate < '2000-01-01') };
    expect(followUpsFor(adults)).not.toContain('school-tennyu');
    // Leaving the city ends the insurances: nothing new arrives by post.
    expect(byPostFor('tenshutsu', ['kokuho-ido', 'jidou-teate'])).toEqual([]);
  });

  it('sends a 転入 that joins 国保 with a member aged 20–59 on the notice day to the 国民年金 counter, within 14 days', async () => {
    const member = household.members[0]!; // 山田 太郎, in 国保
    const only = (birthDate: string, nationalHealthInsurance = true, type: Household['move']['type'] = 'tennyu'): Household => ({
      ...household,
      move: { ...household.move, type },
      members: [{ ...member, birthDate, facts: { ...member.facts, nationalHealthInsurance } }],
    });
    // The notice day is 2026-11-24: 20 on that day (birthday 2006-11-24) is in, 19 and 60 are not.
    expect(followUpsFor(only('2006-11-24'))).toContain('national-pension');
    expect(followUpsFor(only('2006-11-25'))).not.toContain('national-pension');
    expect(followUpsFor(only('1966-11-25'))).toContain('national-pension');
    expect(followUpsFor(only('1966-11-24'))).not.toContain('national-pension');
    // Not in 国保 (employed: 社会保険 and 厚生年金), or not a 転入 (a 転居 keeps the pension, a 転出 goes to the new city).
    expect(followUpsFor(only('1980-06-15', false))).not.toContain('national-pension');
    expect(followUpsFor(only('1980-06-15', true, 'tenkyo'))).not.toContain('national-pension');
    expect(followUpsFor(only('1980-06-15', true, 'tenshutsu'))).not.toContain('national-pension');
    // Printed in the resident's language, where to go and the deadline.
    expect(printedText(await receipt('ja'), { squashed: true })).toContain(
      '国民年金：国民健康保険に加入する20歳から59歳の方は、区役所の国民年金窓口で国民年金の手続きをしてください（14日以内）。',
    );
    const english = printedText(await receipt('en'), { squashed: true });
    expect(english).toContain('NationalPension(国民年金)'.replace(/\s/g, ''));
    expect(english).toContain('within14days');
  });

  it('prints the deadlines the law sets on the items left to do elsewhere', () => {
    for (const [language, texts] of Object.entries(RECEIPT_TEXTS)) {
      // 転入届 at the new municipality: 14 days (住民基本台帳法 第22条); a vehicle: 15 days (道路運送車両法 第12条).
      expect(texts.followUps['new-municipality'], language).toMatch(/14/);
      expect(texts.followUps.vehicle, language).toMatch(/15/);
      expect(texts.followUps['national-pension'], language).toMatch(/14/);
      expect(texts.followUps['national-pension'], language).toContain('国民年金');
    }
  });

  it('gives the wait as a range, never as one number that reads like a promise', () => {
    expect(waitRange(18)).toEqual({ low: 10, high: 30 });
    expect(waitRange(0)).toEqual({ low: 0, high: 5 });
    expect(waitRange(60)).toEqual({ low: 40, high: 90 });
  });
});
