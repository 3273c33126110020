// Renders the example households and checks the PDFs as a printer would see them: rasterised ink
// in every filled box, OCR of one page, golden page images, qpdf and pdffonts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { loadDefinitions, preloadForms, renderFormSet, type FormDefinition, type RenderResult } from '../../forms/index.ts';
import { TEMPLATES_DIR } from '../../forms/definitions/schema.ts';
import { example } from './support/households.ts';
import { fixture } from './support/fixtures.ts';
import { clusters, fit, READABLE_SIZE } from '../../forms/pdf/layout.ts';
import { decodeGrayPng, diffFraction, inkIn, rasterPage, rasterPagePng, withTmp, type Gray } from './support/raster.ts';

const DPI = 50;
const GOLDEN_DIR = join(import.meta.dirname, 'golden');
const results: Record<string, RenderResult> = {};

function pdfTool(tool: string, pdf: Uint8Array, args: string[] = [], after: string[] = []): string {
  return withTmp((dir) => {
    const f = join(dir, 'x.pdf');
    writeFileSync(f, pdf);
    return execFileSync(tool, [...args, f, ...after], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  });
}

beforeAll(async () => {
  results.t4 = await renderFormSet(example('tennyu-4'), { reference: 'R-TEST-0004' });
  results.rare = await renderFormSet(example('tennyu-6-rare'), { reference: 'R-TEST-0006' });
  results.tenkyo = await renderFormSet(example('tenkyo-3'), { reference: 'R-TEST-0003' });
  results.tenshutsu = await renderFormSet(fixture('tenshutsu-5-tsusho'), { reference: 'R-TEST-0005' });
  const odd = example('tenkyo-3');
  odd.members[1]!.givenName = `陽\u{E000}太`; // a private-use (外字) character
  odd.members[2]!.familyName = '\u9AD9\u{E0103}橋'; // an IVS sequence no font registers (髙 + VS20)
  odd.newAddress.building = 'グランドパレス北十条サウスウィングレジデンスアネックス棟ペントハウスフロア特別区画'.repeat(2).slice(0, 80);
  // A name far longer than the one-line name box (the model would refuse it; the engine must still not clip it).
  odd.members[0]!.familyName = '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末食う寝る処に住む';
  odd.members[0]!.givenName = 'やぶら小路の藪柑子パイポパイポパイポのシューリンガンシューリンガンのグーリン';
  results.odd = await renderFormSet(odd, { reference: 'R-TEST-0099' });
}, 60_000);

describe('form set rendering', { timeout: 60_000 }, () => {
  it('renders every catalogue form across the example households', () => {
    const rendered = new Set(Object.values(results).flatMap((r) => r.forms.map((f) => f.id)));
    expect([...rendered].sort()).toEqual([...loadDefinitions().keys()].sort());
  });

  it('leaves signatures, seals and the boxes the household cannot fill to hand-write for a 4-person 転入, in a small print file', () => {
    const r = results.t4!.report;
    expect(r.forms.map((f) => f.id)).toEqual([
      'jumin-ido',
      'mynumber-card',
      'kokuho-ido',
      'kaigo-hoken',
      'kouki-koureisha',
      'jidou-teate-nintei',
      'kodomo-iryo',
      'inkan-toroku',
      'shugaku',
    ]);
    const kinds = new Set(r.forms.flatMap((f) => f.handwrite.map((h) => h.kind)));
    expect([...kinds].sort()).toEqual(['seal', 'signature', 'to-confirm']);
    // What the example household does not give: the 住民票コード of three members and every 個人番号
    // (the app never reads it). Each is listed with its reason, none is silently blank.
    const toConfirm = r.forms.flatMap((f) => f.handwrite.filter((h) => h.kind === 'to-confirm').map((h) => `${f.id}:${h.field}`));
    expect(toConfirm).toEqual([
      'jumin-ido:member.code#2',
      'jumin-ido:member.code#3',
      'jumin-ido:member.code#4',
      'kokuho-ido:member.individualNumber#1',
      'kokuho-ido:member.individualNumber#2',
      'kokuho-ido:member.individualNumber#3',
      'jidou-teate-nintei:claimantNumber',
    ]);
    for (const f of r.forms)
      for (const h of f.handwrite.filter((x) => x.kind === 'to-confirm')) expect(h.label, h.field).toMatch(/：.+ください$/);
    expect(r.totals).toMatchObject({ overflows: 0, gaiji: 0, handwriteOther: 7 });
    for (const f of r.forms) {
      expect(f.reasons.length).toBeGreaterThan(0);
      expect(f.fieldsFilled.length).toBeGreaterThan(8);
    }
    expect(results.t4!.combined.length).toBe(r.combined.bytes);
    expect(r.combined.bytes).toBeLessThan(150_000);
    expect(r.combined.pages).toBe(9);
  });

  it('passes qpdf --check and embeds every font', () => {
    for (const r of Object.values(results)) {
      for (const pdf of [...r.forms.map((f) => f.pdf), r.combined]) {
        expect(pdfTool('qpdf', pdf, ['--check'])).toContain('No syntax or stream encoding errors');
        const rows = pdfTool('pdffonts', pdf).trim().split('\n').slice(2);
        expect(rows.length).toBeGreaterThan(0);
        // TrueType (BIZ UDゴシック, IPAmj明朝) or OpenType CFF (Noto Sans CJK JP), always embedded whole.
        for (const row of rows) expect(row).toMatch(/CID (TrueType|Type 0C \(OT\))\s+Identity-H\s+yes\s+no\s+yes/);
      }
    }
  });

  it('flattens AcroForm templates (no fields left to edit)', async () => {
    const jumin = await PDFDocument.load(results.t4!.forms.find((f) => f.id === 'jumin-ido')!.pdf);
    expect(jumin.getForm().getFields()).toHaveLength(0);
  });

  it('draws ink in every filled box and marks every signature box (rasterised)', () => {
    const blanks = new Map<string, Gray>();
    for (const key of ['t4', 'rare'] as const) {
      const r = results[key]!;
      r.report.forms.forEach((fr, i) => {
        const pdf = r.forms[i]!.pdf;
        const pages = new Map<number, Gray>();
        const page = (p: number): Gray => {
          if (!pages.has(p)) pages.set(p, rasterPage(pdf, p + 1, DPI));
          return pages.get(p)!;
        };
        const tplKey = `${fr.id}`;
        if (!blanks.has(tplKey)) blanks.set(tplKey, rasterPage(readFileSync(join(TEMPLATES_DIR, `${fr.id}.pdf`)), 1, DPI));
        const blank = blanks.get(tplKey)!;
        // A to-confirm box is left empty on purpose (its reason is in the report).
        const toConfirm = new Set(fr.handwrite.filter((h) => h.kind === 'to-confirm').map((h) => h.field));
        // Row numbers (a thin 7 pt "1" is below this resolution) are read back as text in sheets.test.ts.
        for (const b of fr.boxes.filter((x) => x.kind !== 'office' && !toConfirm.has(x.field) && !x.field.startsWith('member.no#'))) {
          // Bound labels and row numbers sit in 9–11 pt strips: count their ink without the inset.
          // A seal box is only a dashed frame (nothing is printed inside it): count the frame.
          const inset = b.rect[3] < 12 || b.field.startsWith('member.seal') ? 0 : 2;
          const ink = inkIn(page(b.page), b.rect, DPI, inset);
          const before = inkIn(blank, b.rect, DPI, inset);
          expect(ink, `${key}/${fr.id}/${b.field}`).toBeGreaterThan(before + (inset === 0 ? 1 : 4));
        }
      });
    }
  });

  it('continues a 6-person household on an extra sheet and prints 𠮷 with the fallback font', () => {
    const r = results.rare!.report;
    const jumin = r.forms.find((f) => f.id === 'jumin-ido')!;
    expect(jumin).toMatchObject({ sheets: 2, pages: 2 });
    expect(jumin.boxes.find((b) => b.field === 'member.name#6')!.page).toBe(1);
    expect(jumin.boxes.find((b) => b.field === 'member.name#4')!.page).toBe(0);
    expect(jumin.flaggedCharacters).toContainEqual({ field: 'member.name#1', codePoint: 'U+20BB7', character: '𠮷', kind: 'fallback' });
    expect(r.fonts.fallbackUsed).toBe(true);
    expect(r.totals.gaiji).toBe(0);
    const text = pdfTool('pdftotext', results.rare!.forms[0]!.pdf, ['-layout'], ['-']).replace(/\s+/g, '');
    expect(text).toContain('受付番号R-TEST-0006住民異動届（続紙2／2枚目）2／2頁');
  });

  it('flags 外字 and overflow for hand-writing instead of dropping or clipping', () => {
    const r = results.odd!.report;
    const jumin = r.forms.find((f) => f.id === 'jumin-ido')!;
    expect(jumin.flaggedCharacters).toContainEqual({ field: 'member.name#2', codePoint: 'U+E000', character: '\u{E000}', kind: 'gaiji' });
    expect(jumin.handwrite).toContainEqual({ field: 'member.name#2', kind: 'gaiji', sheet: 1 });
    // A variation sequence no font registers prints its base character (no box), flagged for staff.
    expect(jumin.flaggedCharacters).toContainEqual({
      field: 'member.name#3',
      codePoint: 'U+9AD9',
      character: '\u9AD9\u{E0103}',
      kind: 'ivs',
    });
    expect(jumin.handwrite).not.toContainEqual({ field: 'member.name#3', kind: 'gaiji', sheet: 1 });
    expect(jumin.overflows).toContainEqual({ field: 'member.name#1', sheet: 1, characters: expect.any(Number) });
    expect(jumin.handwrite).toContainEqual({ field: 'member.name#1', kind: 'overflow', sheet: 1 });
    expect(jumin.fieldsFilled).not.toContain('member.name#1');
    expect(r.totals.gaiji).toBeGreaterThan(0);
  });

  it('prints an 80-character 方書 on two lines instead of sending it to hand-writing', () => {
    const jumin = results.odd!.report.forms.find((f) => f.id === 'jumin-ido')!;
    expect(jumin.fieldsFilled).toContain('newBuilding');
    expect(jumin.overflows.map((o) => o.field)).not.toContain('newBuilding');
    const box = jumin.boxes.find((b) => b.field === 'newBuilding')!;
    const building = `${'グランドパレス北十条サウスウィングレジデンスアネックス棟ペントハウスフロア特別区画'.repeat(2).slice(0, 80)} 203号室`;
    const fitted = fit(clusters(building), box.rect[2], box.rect[3], { size: 10, minSize: 6, multiline: true, padding: 2 });
    expect(fitted?.lines).toHaveLength(2);
  });

  it('wraps a long value before shrinking it below a readable size', () => {
    // 40 characters in a 200 pt box: one line needs 5 pt, two lines fit at 10 pt.
    const text = '北海道札幌市中央区北一条西二丁目一番地札幌グランドレジデンス北一条一二〇三号室';
    const fitted = fit(clusters(text), 200, 40, { size: 10, minSize: 4, multiline: true, padding: 2 });
    expect(fitted!.size).toBeGreaterThanOrEqual(READABLE_SIZE);
    expect(fitted!.lines.length).toBeGreaterThan(1);
    // A one-line box still shrinks as far as it must.
    const single = fit(clusters(text), 200, 40, { size: 10, minSize: 4, multiline: false, padding: 2 });
    expect(single!.lines).toHaveLength(1);
    expect(single!.size).toBeLessThan(READABLE_SIZE);
  });

  it('keeps personal data out of the footer and the report', () => {
    const text = pdfTool('pdftotext', results.t4!.combined, [], ['-']);
    const footers = text.split('\n').filter((l) => l.includes('受付番号'));
    expect(footers).toHaveLength(9);
    for (const l of footers) expect(l).not.toMatch(/山田|札幌|011/);
    const report = JSON.stringify(results.t4!.report);
    for (const personal of ['山田', '太郎', 'ヤマダ', '北一条', '011-222', '1980']) expect(report).not.toContain(personal);
  });

  it('prints full-width digits where a definition asks for them', () => {
    const inkan = results.t4!.forms.find((f) => f.id === 'inkan-toroku')!;
    const text = pdfTool('pdftotext', inkan.pdf, [], ['-']);
    expect(text).toContain('令和８年１１月２４日');
    expect(text).toContain('０１１－２２２－３３３３');
    const jumin = pdfTool('pdftotext', results.t4!.forms[0]!.pdf, [], ['-']);
    expect(jumin).toContain('011-222-3333');
  });

  it('reads back the printed text by OCR (tesseract jpn)', () => {
    const png = rasterPagePng(results.t4!.forms[0]!.pdf, 1, 200);
    const text = withTmp((dir) => {
      writeFileSync(join(dir, 'p.png'), png);
      return execFileSync('tesseract', [join(dir, 'p.png'), '-', '-l', 'jpn', '--psm', '6'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    }).replace(/\s+/g, '');
    for (const token of [
      '札幌市中央区北一条西2丁目1番地',
      'ヤマダタロウ',
      '山田太郎',
      '令和8年11月20日',
      '昭和57年9月3日',
      '札幌グランドレジデンス北一条',
    ]) {
      expect(text).toContain(token);
    }
  });

  it.each([
    ['t4', 'jumin-ido', 'tennyu-4-jumin-ido-p1.png'],
    ['rare', 'jumin-ido', 'tennyu-6-rare-jumin-ido-p1.png'],
    ['tenkyo', 'kodomo-iryo', 'tenkyo-3-kodomo-iryo-p1.png'],
  ])('matches the golden page image %s/%s', (key, id, golden) => {
    const png = rasterPagePng(results[key]!.forms.find((f) => f.id === id)!.pdf, 1, 30);
    const file = join(GOLDEN_DIR, golden);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, png);
    expect(existsSync(file), `golden ${golden} missing (run with UPDATE_GOLDEN=1 once)`).toBe(true);
    const diff = diffFraction(decodeGrayPng(png), decodeGrayPng(readFileSync(file)));
    expect(diff).toBeLessThan(0.0015);
  });
});

describe('start-up preload', { timeout: 60_000 }, () => {
  it('warms up with its fictional household and leaves later renders unchanged', async () => {
    await expect(preloadForms()).resolves.toBeUndefined();
    const again = await renderFormSet(example('tennyu-4'), { reference: 'R-TEST-0004' });
    // Sizes may differ by a byte or two: pdf-lib gives embedded fonts a random name suffix.
    const withoutSizes = (r: RenderResult['report']) => ({
      ...r,
      combined: { pages: r.combined.pages },
      forms: r.forms.map(({ bytes: _bytes, ...f }) => f),
    });
    expect(withoutSizes(again.report)).toEqual(withoutSizes(results.t4!.report));
  });
});

describe('forms as data', { timeout: 60_000 }, () => {
  it('renders a municipality-supplied flat definition without code changes', async () => {
    const custom: FormDefinition = {
      id: 'city-jumin',
      title: '住民異動届（市様式）',
      procedure: 'jumin-ido',
      template: { kind: 'flat', file: 'shugaku.pdf' },
      digits: 'half',
      rowsPerSheet: 2,
      fields: [
        {
          id: 'addr',
          bind: 'newAddress.withBuilding',
          row: false,
          size: 10,
          minSize: 6,
          multiline: true,
          align: 'left',
          target: { page: 0, rect: [60, 300, 200, 40] },
        },
        {
          id: 'member.kana',
          bind: 'member.kana',
          row: true,
          rowPitch: -30,
          size: 10,
          minSize: 6,
          multiline: false,
          align: 'left',
          target: { page: 0, rect: [300, 300, 200, 20] },
        },
      ],
      handwrite: [{ id: 'sign', label: '署名', kind: 'signature', row: false, target: { page: 0, rect: [60, 200, 200, 40] } }],
    };
    const defs = new Map(loadDefinitions());
    defs.set('jumin-ido', custom);
    const r = await renderFormSet(example('tenkyo-3'), { reference: 'R-CITY-1', definitions: defs, templatesDir: TEMPLATES_DIR });
    const f = r.report.forms.find((x) => x.id === 'city-jumin')!;
    expect(f.sheets).toBe(2); // 3 members, 2 rows per sheet
    // Household fields repeat on the continuation sheet; rows continue there.
    expect(f.fieldsFilled).toEqual(['addr', 'member.kana#1', 'member.kana#2', 'addr', 'member.kana#3']);
    const img = rasterPage(r.forms.find((x) => x.id === 'city-jumin')!.pdf, 1, DPI);
    expect(inkIn(img, [60, 300, 200, 40], DPI)).toBeGreaterThan(10);
    expect(inkIn(img, [300, 270, 200, 20], DPI)).toBeGreaterThan(5);
  });

  it('keeps the committed definitions in step with the template generator', async () => {
    const { generateTemplates } = await import('../../forms/templates/generate.ts');
    const t = mkdtempSync(join(tmpdir(), 'forms-gen-'));
    try {
      const ids = await generateTemplates(t, t);
      for (const id of ids) {
        expect(JSON.parse(readFileSync(join(t, `${id}.json`), 'utf8')), id).toEqual(
          JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'forms', 'definitions', `${id}.json`), 'utf8')),
        );
      }
    } finally {
      rmSync(t, { recursive: true, force: true });
    }
  });
});
