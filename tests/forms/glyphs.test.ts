import { describe, expect, it } from 'vitest';
import { classifyCodePoint } from '../../forms/pdf/fonts.ts';
import { clusters, fit } from '../../forms/pdf/layout.ts';

describe('glyph coverage', { timeout: 30_000 }, () => {
  it('draws 髙 and 﨑 with BIZ UDゴシック and 𠮷 (outside the BMP) with IPAmj明朝', () => {
    expect(classifyCodePoint(0x9ad9)).toBe('primary'); // 髙
    expect(classifyCodePoint(0xfa11)).toBe('primary'); // 﨑
    expect(classifyCodePoint(0x20bb7)).toBe('fallback'); // 𠮷
  });
  it('treats private-use code points and the geta mark as 外字', () => {
    expect(classifyCodePoint(0xe000)).toBe('gaiji');
    expect(classifyCodePoint(0xf8ff)).toBe('gaiji');
    expect(classifyCodePoint(0x100001)).toBe('gaiji');
    expect(classifyCodePoint(0x3013)).toBe('gaiji'); // 〓 exists in both fonts but means "unknown character"
  });
  it('splits text into clusters, keeping surrogate pairs and IVS sequences whole', () => {
    const cs = clusters('髙﨑𠮷\u845B\u{E0100}\u{E000}');
    expect(cs.map((c) => c.font)).toEqual(['primary', 'primary', 'fallback', 'gaiji', 'gaiji']);
    expect(cs[2]!.text).toBe('𠮷');
    // An IVS cannot be printed faithfully through pdf-lib/fontkit, so it is left for hand-writing.
    expect(cs[3]).toMatchObject({ text: '\u845B\u{E0100}', ivs: true, font: 'gaiji' });
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
