import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { classifyCodePoint, FONT_FILES } from '../../forms/pdf/fonts.ts';
import { clusters, drawnText, fit } from '../../forms/pdf/layout.ts';
import { renderFormSet, validateHousehold } from '../../forms/index.ts';
import { exampleJson } from './support/households.ts';
import { variationSequences } from './support/cmap14.ts';
import { drawnGlyphs } from './support/pdf-glyphs.ts';
import { rasterPage, inkIn } from './support/raster.ts';

describe('glyph coverage', { timeout: 30_000 }, () => {
  it('draws 髙 and 﨑 with BIZ UDゴシック and 𠮷 (outside the BMP) with the Gothic fallback', () => {
    expect(classifyCodePoint(0x9ad9)).toBe('primary'); // 髙
    expect(classifyCodePoint(0xfa11)).toBe('primary'); // 﨑
    expect(classifyCodePoint(0x20bb7)).toBe('fallback'); // 𠮷
    expect(FONT_FILES.fallback.name).toBe('Noto Sans CJK JP');
  });
  it('treats private-use code points and the geta mark as 外字', () => {
    expect(classifyCodePoint(0xe000)).toBe('gaiji');
    expect(classifyCodePoint(0xf8ff)).toBe('gaiji');
    expect(classifyCodePoint(0x100001)).toBe('gaiji');
    expect(classifyCodePoint(0x3013)).toBe('gaiji'); // 〓 exists in both fonts but means "unknown character"
  });
  it('splits text into clusters, keeping surrogate pairs and IVS sequences whole', () => {
    const cs = clusters('髙﨑𠮷\u845B\u{E0102}\u{E000}');
    expect(cs.map((c) => c.font)).toEqual(['primary', 'primary', 'fallback', 'mj', 'gaiji']);
    expect(cs[2]!.text).toBe('𠮷');
    // 葛 + VS19 is an MJ variant only IPAmj明朝 has: printed with it, as the registered glyph.
    expect(cs[3]).toMatchObject({ text: '\u845B\u{E0102}', ivs: true, font: 'mj', sequence: 'variant' });
  });
  it('prints the base character of a sequence no font registers, in the base character’s font', () => {
    // 髙 has no variation sequences in IPAmj明朝, and neither Gothic font registers VS20 for it.
    const [c] = clusters('\u9AD9\u{E0103}');
    expect(c).toMatchObject({ font: 'primary', ivs: true, sequence: 'missing' });
    expect(drawnText(c!)).toBe('\u9AD9');
  });
});

describe('fitting text into a box', () => {
  const name = clusters('髙﨑　𠮷太郎');
  it('keeps the preferred size when the text fits', () => {
    expect(fit(name, 200, 20, { size: 12, minSize: 6, multiline: false })).toMatchObject({ size: 12, lines: [expect.any(Array)] });
  });
  it('shrinks before wrapping', () => {
    const f = fit(name, 60, 20, { size: 12, minSize: 6, multiline: true })!;
    expect(f.lines).toHaveLength(1);
    expect(f.size).toBeLessThan(12);
    expect(f.size).toBeGreaterThanOrEqual(6);
  });
  it('wraps a long address once the minimum size is reached', () => {
    const addr = clusters('北海道札幌市南区定山渓温泉西四丁目323番地　定山渓ビューテラス南棟1502号室');
    const f = fit(addr, 120, 40, { size: 11, minSize: 7, multiline: true })!;
    expect(f.lines.length).toBeGreaterThan(1);
    // Nothing is lost; only a space at a line break may be dropped.
    expect(
      f.lines
        .flat()
        .map((c) => c.text)
        .join('')
        .replace('　', ''),
    ).toBe('北海道札幌市南区定山渓温泉西四丁目323番地定山渓ビューテラス南棟1502号室');
    // 禁則: no line starts with ー or a small kana.
    for (const line of f.lines.slice(1)) expect(['ー', 'ュ', 'ッ']).not.toContain(line[0]!.text);
  });
  it('reports overflow (undefined) rather than clipping', () => {
    const long = clusters('あ'.repeat(80));
    expect(fit(long, 100, 20, { size: 10, minSize: 6, multiline: true })).toBeUndefined();
    expect(fit(clusters('あ'.repeat(20)), 100, 20, { size: 10, minSize: 6, multiline: false })).toBeUndefined();
  });
});

describe('HarfBuzz subsetting', { timeout: 30_000 }, () => {
  it('gives the same bytes as subset-font (same HarfBuzz build) while keeping the face loaded', async () => {
    const { readFileSync } = await import('node:fs');
    const { default: subsetFont } = await import('subset-font');
    const { subsetFor, FONT_FILES } = await import('../../forms/pdf/fonts.ts');
    const text = '髙﨑　吉太郎 北海道札幌市中央区北一条西2丁目1番地';
    const ours = await subsetFor('primary', text);
    const reference = await subsetFont(readFileSync(FONT_FILES.primary.path), [...new Set(text)].sort().join(''), {
      targetFormat: 'truetype',
      noHinting: true,
      dropTables: ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'vhea', 'vmtx', 'VORG', 'hdmx', 'LTSH', 'VDMX', 'DSIG', 'kern'],
    });
    expect(Buffer.from(ours).equals(reference)).toBe(true);
    // Repeated calls reuse the loaded face and stay identical.
    expect(Buffer.from(await subsetFor('primary', text)).equals(Buffer.from(ours))).toBe(true);
  });
});

type Font = { getGlyph(id: number): { path: { toSVG(): string } }; glyphForCodePoint(cp: number): { id: number } };
const outline = (f: Font, id: number): string => f.getGlyph(id).path.toSVG();
const seq = (base: string, selector: number): string => `${base}${String.fromCodePoint(selector)}`;

describe('MJ characters (ideographic variation sequences) print as registered', { timeout: 120_000 }, () => {
  // Twelve Moji_Joho sequences from IPAmj明朝's own cmap format 14 that neither Gothic font
  // registers, each a glyph other than the base character's (so printing the base would fail).
  const MJ: [string, number][] = [
    ['邉', 0xe0119],
    ['廣', 0xe0104],
    ['齋', 0xe0103],
    ['藤', 0xe0103],
    ['濱', 0xe0102],
    ['﨑', 0xe0103],
    ['辻', 0xe0102],
    ['葛', 0xe0102],
    ['德', 0xe0102],
    ['邊', 0xe010a],
    ['齊', 0xe0103],
    ['澤', 0xe0103],
  ];
  const s = (i: number): string => seq(...MJ[i]!);
  const names: [string, string][] = [
    [`渡${s(0)}`, `${s(1)}志`],
    [`${s(2)}${s(3)}`, `${s(4)}子`],
    [`髙${s(5)}`, `${s(6)}郎`],
    [`${s(7)}西`, `${s(8)}`],
    [`渡${s(9)}`, `${s(10)}子`],
    [`${s(11)}田`, '𠮷\u9AD9\u{E0103}'],
  ];
  const mjTable = variationSequences(FONT_FILES.mj.path);
  const gothic = new Set(
    [...variationSequences(FONT_FILES.primary.path), ...variationSequences(FONT_FILES.fallback.path, FONT_FILES.fallback.face)].map(
      (v) => `${v.base}:${v.selector}`,
    ),
  );
  const ipamj = fontkit.create(readFileSync(FONT_FILES.mj.path)) as unknown as Font;
  let result: Awaited<ReturnType<typeof renderFormSet>>;
  const household = (): Parameters<typeof renderFormSet>[0] => {
    // The 4-person 転入 with two more children, every name carrying MJ characters (validated as a counter would).
    const h = exampleJson('tennyu-4') as { members: Record<string, unknown>[] };
    const child = h.members[2]!;
    h.members.push({ ...child, birthDate: '2017-04-02' }, { ...child, birthDate: '2019-07-07' });
    h.members.forEach((m, i) => Object.assign(m, { familyName: names[i]![0], givenName: names[i]![1] }));
    const v = validateHousehold(h);
    if (!v.ok) throw new Error(v.errors.map((e) => e.path).join());
    return v.household;
  };

  it('takes its sequences from IPAmj明朝’s cmap format 14, none of them registered by the Gothic fonts', () => {
    for (const [base, selector] of MJ) {
      const entry = mjTable.find((v) => v.base === base.codePointAt(0) && v.selector === selector);
      expect(entry?.glyph, base).toBeDefined();
      expect(entry!.glyph, base).not.toBe(ipamj.glyphForCodePoint(base.codePointAt(0)!).id);
      expect(gothic.has(`${base.codePointAt(0)}:${selector}`), base).toBe(false);
    }
    // 髙 + VS20 is registered by no font at all.
    expect(mjTable.some((v) => v.base === 0x9ad9)).toBe(false);
    expect(gothic.has(`${0x9ad9}:${0xe0103}`)).toBe(false);
  });

  it('draws each registered glyph (the embedded glyph is the one cmap 14 names), not its base', async () => {
    result = await renderFormSet(household(), { reference: 'R-TEST-MJ' });
    const jumin = result.forms.find((f) => f.id === 'jumin-ido')!;
    const runs = await drawnGlyphs(jumin.pdf);
    const mincho = runs.filter((r) => r.font === 'IPAmjMincho');
    expect(mincho.length).toBeGreaterThan(0);
    const drawn = new Set<string>();
    for (const r of mincho) {
      const embedded = fontkit.create(r.program) as unknown as Font;
      for (const cid of r.cids) drawn.add(outline(embedded, cid));
    }
    for (const [base, selector] of MJ) {
      const gid = mjTable.find((v) => v.base === base.codePointAt(0) && v.selector === selector)!.glyph!;
      expect(drawn.has(outline(ipamj, gid)), `${base} U+${selector.toString(16)}`).toBe(true);
      expect(drawn.has(outline(ipamj, ipamj.glyphForCodePoint(base.codePointAt(0)!).id)), `${base} base glyph`).toBe(false);
    }
    // Exactly these twelve variant glyphs, nothing else, came from IPAmj明朝 on this form.
    expect(drawn.size).toBe(MJ.length);
    // The plain characters next to them (渡, 志, 髙 …) stay in BIZ UDゴシック.
    const text = result.report.forms.find((f) => f.id === 'jumin-ido')!;
    expect(text.flaggedCharacters.filter((c) => c.kind === 'mincho')).toEqual([]);
  });

  it('flags only the sequence no font has, printing its base character (never a box)', async () => {
    const jumin = result.report.forms.find((f) => f.id === 'jumin-ido')!;
    const ivs = jumin.flaggedCharacters.filter((c) => c.kind === 'ivs');
    expect(ivs).toEqual([{ field: 'member.name#6', codePoint: 'U+9AD9', character: '\u9AD9\u{E0103}', kind: 'ivs' }]);
    expect(jumin.handwrite.filter((h) => h.kind === 'gaiji')).toEqual([]);
    expect(result.report.totals.gaiji).toBeGreaterThan(0);
    expect(result.report.fonts).toMatchObject({ mjUsed: true, fallbackUsed: true, variants: MJ.length });
    // 髙 itself is drawn with BIZ UDゴシック: its glyph is among the primary font's glyphs shown.
    const runs = await drawnGlyphs(result.forms.find((f) => f.id === 'jumin-ido')!.pdf);
    const biz = fontkit.create(readFileSync(FONT_FILES.primary.path)) as unknown as Font;
    const primaryOutlines = new Set(
      runs
        .filter((r) => r.font === 'BIZUDGothic-Regular')
        .flatMap((r) => r.cids.map((cid) => outline(fontkit.create(r.program) as unknown as Font, cid))),
    );
    expect(primaryOutlines.has(outline(biz, biz.glyphForCodePoint(0x9ad9).id))).toBe(true);
  });

  it('prints 𠮷 with Noto Sans CJK JP, whose subset numbers CIDs as glyph ids (poppler and Ghostscript agree)', async () => {
    const jumin = result.forms.find((f) => f.id === 'jumin-ido')!;
    const runs = (await drawnGlyphs(jumin.pdf)).filter((r) => r.font === 'NotoSansCJKjp-Regular');
    expect(runs.length).toBeGreaterThan(0);
    const embedded = fontkit.create(runs[0]!.program) as unknown as Font & {
      'CFF ': { topDict: { charset: { version: number; glyphs?: number[]; ranges?: { first: number; nLeft: number }[] } } };
      numGlyphs: number;
    };
    // The drawn code is the subset's glyph for 𠮷 …
    const kitchi = embedded.glyphForCodePoint(0x20bb7).id;
    expect(kitchi).toBeGreaterThan(0);
    expect(runs.flatMap((r) => r.cids)).toContain(kitchi);
    const cs = embedded['CFF '].topDict.charset;
    // … and, read as a CID (Ghostscript) or as a glyph id (poppler), it is the same glyph.
    const cids = cs.version === 0 ? cs.glyphs! : cs.ranges!.flatMap((r) => Array.from({ length: r.nLeft + 1 }, (_, k) => r.first + k));
    expect(cids.slice(0, embedded.numGlyphs - 1)).toEqual(Array.from({ length: embedded.numGlyphs - 1 }, (_, k) => k + 1));
  });

  it('looks the same through Ghostscript as through poppler (the name boxes have ink in both)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync: write, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const jumin = result.forms.find((f) => f.id === 'jumin-ido')!;
    const dir = mkdtempSync(join(tmpdir(), 'forms-gs-'));
    try {
      write(join(dir, 'x.pdf'), jumin.pdf);
      execFileSync('gs', [
        '-q',
        '-dNOPAUSE',
        '-dBATCH',
        '-sDEVICE=pgmraw',
        '-r100',
        '-dTextAlphaBits=4',
        `-sOutputFile=${join(dir, 'gs-%d.pgm')}`,
        join(dir, 'x.pdf'),
      ]);
      const report = result.report.forms.find((f) => f.id === 'jumin-ido')!;
      const names = report.boxes.filter((x) => x.field.startsWith('member.name#'));
      expect(names).toHaveLength(6);
      for (const b of names) {
        const gs = parsePgm(readFileSync(join(dir, `gs-${b.page + 1}.pgm`)));
        const a = inkIn(rasterPage(jumin.pdf, b.page + 1, 100), b.rect, 100);
        const g = inkIn(gs, b.rect, 100);
        // Same text, two rasterisers: ink within a factor of two (a blank or a box of .notdef would not be).
        expect(g, b.field).toBeGreaterThan(a * 0.6);
        expect(g, b.field).toBeLessThan(a * 1.6);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function parsePgm(buf: Buffer): { width: number; height: number; data: Uint8Array } {
  const m = /^P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+\d+\s/.exec(buf.subarray(0, 512).toString('latin1'))!;
  return { width: Number(m[1]), height: Number(m[2]), data: new Uint8Array(buf.subarray(m[0].length)) };
}
