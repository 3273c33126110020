// Printed labels are readable: every label of every template, the labels bound to the move kind,
// the row numbers and the footer are at least 8 pt (they were 6.5–7 pt).
// And boxes that only a 転入 has (住民票コード, 転出証明書／特例転入) ask nothing on a 転出 or 転居.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitions, renderFormSet } from '../../forms/index.ts';
import { TEMPLATES_DIR } from '../../forms/definitions/schema.ts';
import { example } from './support/households.ts';
import { fixture } from './support/fixtures.ts';
import { withTmp } from './support/raster.ts';

const READABLE = 8;

/** The font sizes set in a PDF's page content (uncompressed with qpdf). */
function fontSizes(pdf: Uint8Array): number[] {
  return withTmp((dir) => {
    const src = join(dir, 'in.pdf');
    writeFileSync(src, pdf);
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', src, '-'], { maxBuffer: 64 << 20 }).toString('latin1');
    return [...qdf.matchAll(/\/[\w.+-]+\s+([\d.]+)\s+Tf/g)].map((m) => Number(m[1]));
  });
}

/** Words of a page with their heights, as pdftotext -bbox reads them. */
function words(pdf: Uint8Array): { text: string; yMin: number; height: number }[] {
  return withTmp((dir) => {
    const src = join(dir, 'in.pdf');
    writeFileSync(src, pdf);
    const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', src, '-'], { encoding: 'utf8' });
    return [...html.matchAll(/yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)</g)].map((m) => ({
      text: m[3]!,
      yMin: Number(m[1]),
      height: Number(m[2]) - Number(m[1]),
    }));
  });
}

describe('labels at a readable size', { timeout: 60_000 }, () => {
  it('prints every template label at 8 pt or more', () => {
    for (const file of readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.pdf'))) {
      const sizes = fontSizes(new Uint8Array(readFileSync(join(TEMPLATES_DIR, file))));
      expect(sizes.length, file).toBeGreaterThan(0);
      expect(Math.min(...sizes), file).toBeGreaterThanOrEqual(READABLE);
    }
  });

  it('prints bound labels and row numbers at 8 pt or more', () => {
    for (const def of loadDefinitions().values())
      for (const f of def.fields)
        if (f.bind.startsWith('move.label.') || f.bind === 'row.number' || f.id === 'subtitle') {
          expect(f.size, `${def.id}.${f.id}`).toBeGreaterThanOrEqual(READABLE);
          expect(f.minSize, `${def.id}.${f.id}`).toBeGreaterThanOrEqual(READABLE);
        }
  });

  it('prints the footer at 8 pt or more', async () => {
    const r = await renderFormSet(example('tennyu-4'), { reference: 'R-TEST-SIZE' });
    const footer = words(r.forms[0]!.pdf).filter((w) => w.yMin > 800);
    expect(footer.map((w) => w.text)).toContain('R-TEST-SIZE');
    // pdftotext's word box is the font's ascent to descent: about 1.0–1.2 × the size.
    for (const w of footer) expect(w.height, w.text).toBeGreaterThanOrEqual(READABLE);
  });
});

describe('boxes only a 転入 has', { timeout: 60_000 }, () => {
  for (const [name, h] of [
    ['転居', () => example('tenkyo-3')],
    ['転出', () => fixture('tenshutsu-5-tsusho')],
  ] as const)
    it(`asks no 住民票コード and no 転出証明書／特例転入 on a ${name}`, async () => {
      const household = h();
      for (const m of household.members) m.residentRecordCode = '38104752916';
      const r = await renderFormSet(household, { reference: 'R-TEST-TENNYU-ONLY' });
      const report = r.report.forms.find((f) => f.id === 'jumin-ido')!;
      const asked = report.handwrite.map((x) => x.field);
      expect(asked.filter((f) => f.startsWith('member.code#') || f === 'moveOutDocument')).toEqual([]);
      // Not printed either: a 転居・転出届 has no 住民票コード (住民基本台帳法第22条 asks it of a 転入).
      expect(report.fieldsFilled.filter((f) => f.startsWith('member.code#'))).toEqual([]);
    });
});

describe('values wrap before they shrink below 8 pt', { timeout: 60_000 }, () => {
  it('wraps a 前在籍校 (千代田区立麹町小学校) onto two lines at 8 pt or more', async () => {
    const r = await renderFormSet(example('tennyu-4'), { reference: 'R-TEST-SIZE' });
    const shugaku = r.report.forms.find((f) => f.id === 'shugaku')!;
    const box = shugaku.boxes.find((b) => b.field === 'member.previousSchool#3')!;
    expect(box.size).toBeGreaterThanOrEqual(READABLE);
    // Across every form of the example sets, no value is printed below 8 pt.
    for (const h of [example('tennyu-4'), example('tennyu-6-rare'), example('tenkyo-3'), fixture('tenshutsu-5-tsusho')]) {
      const set = await renderFormSet(h, { reference: 'R-TEST-SIZE' });
      for (const f of set.report.forms)
        for (const b of f.boxes) if (b.size !== undefined) expect(b.size, `${f.id}.${b.field}`).toBeGreaterThanOrEqual(READABLE);
    }
  });
});
