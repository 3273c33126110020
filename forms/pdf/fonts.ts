// Font stack for printed text, per character:
//   1. BIZ UDゴシック (the forms' typeface);
//   2. Noto Sans CJK JP for what it lacks (e.g. 𠮷 U+20BB7): a Gothic too, so a name is not set
//      in two styles;
//   3. IPAmj明朝 for characters only the MJ set has, and for ideographic variation sequences (IVS,
//      Moji_Joho collection) that neither Gothic font registers: IPAmj明朝 is the 文字情報基盤's
//      reference font, the glyphs of the MJ table itself;
//   4. 外字: an empty box to be hand-written — private-use code points, the geta mark 〓, and what
//      no font has.
// An IVS prints with the first font of the stack that registers the sequence (cmap format 14),
// found by shaping it with HarfBuzz (hb-shape.ts). A sequence no font registers prints its base
// character and is flagged, never a box.
//
// Fonts are subset with HarfBuzz (hb-subset.ts, using the build subset-font ships) and embedded
// whole, because pdf-lib's own subsetter (@pdf-lib/fontkit) writes a broken `loca` and the glyphs
// print blank.
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { HbFace } from './hb-subset.ts';
import { HbShaper } from './hb-shape.ts';

export type FontKey = 'primary' | 'fallback' | 'mj';
export type GlyphClass = FontKey | 'gaiji';

/** The stack, in order. `face` is the index in a font collection (.ttc). */
export const FONT_STACK: readonly FontKey[] = ['primary', 'fallback', 'mj'];

export const FONT_FILES: Record<FontKey, { path: string; name: string; face: number; postscriptName?: string }> = {
  primary: { path: '/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf', name: 'BIZ UDゴシック', face: 0 },
  // Debian fonts-noto-cjk: a collection of ten faces; 0 is the Japanese one.
  fallback: {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    name: 'Noto Sans CJK JP',
    face: 0,
    postscriptName: 'NotoSansCJKjp-Regular',
  },
  mj: { path: '/usr/share/fonts/truetype/ipamj/ipamjm.ttf', name: 'IPAmj明朝', face: 0 },
};

interface LoadedFace {
  bytes: Uint8Array;
  face: ReturnType<typeof fontkit.create>;
  hb?: HbFace;
  shaper?: HbShaper;
}

const faces = new Map<FontKey, LoadedFace>();

function face(key: FontKey): LoadedFace {
  let f = faces.get(key);
  if (!f) {
    const spec = FONT_FILES[key];
    const bytes = readFileSync(spec.path);
    f = { bytes, face: fontkit.create(bytes, spec.postscriptName) };
    faces.set(key, f);
  }
  return f;
}

function shaper(key: FontKey): HbShaper {
  const f = face(key);
  f.shaper ??= new HbShaper(f.bytes, FONT_FILES[key].face);
  return f.shaper;
}

export function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

export function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0xffffd) || (cp >= 0x100000 && cp <= 0x10fffd);
}

/** Which font draws a code point, or 'gaiji' when none can (never substituted silently). */
export function classifyCodePoint(cp: number): GlyphClass {
  if (isPrivateUse(cp) || cp === 0x3013) return 'gaiji';
  if (cp < 0x20) return 'gaiji';
  for (const key of FONT_STACK) if (face(key).face.hasGlyphForCodePoint(cp)) return key;
  return 'gaiji';
}

/** Whether a font of the stack has a glyph for a code point. */
export function hasGlyph(key: FontKey, cp: number): boolean {
  return face(key).face.hasGlyphForCodePoint(cp);
}

/** Advance width at 1 pt of a code point in a font. */
export function advance(key: FontKey, cp: number): number {
  const f = face(key).face;
  return f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm;
}

export interface Variant {
  font: FontKey;
  /** Glyph id in the whole font. */
  glyph: number;
  /** The font's plain glyph for the base character is the registered one (a default sequence). */
  nominal: boolean;
  /** Advance at 1 pt. */
  width: number;
}

/**
 * The font and glyph that print an ideographic variation sequence as registered: the first font
 * of the stack whose cmap format 14 has it (shaped with HarfBuzz), or undefined when none has.
 */
export function variantGlyph(base: number, selector: number): Variant | undefined {
  for (const key of FONT_STACK) {
    const v = shaper(key).variation(base, selector);
    if (v) return { font: key, glyph: v.glyph, nominal: v.nominal, width: v.advance };
  }
  return undefined;
}

// Layout tables are dropped: forms are set horizontally, and keeping GSUB pulls in every vertical
// and variant glyph reachable from the subset (measured: 85 KB instead of 25 KB for 131 kanji).
const DROP_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'vhea', 'vmtx', 'VORG', 'hdmx', 'LTSH', 'VDMX', 'DSIG', 'kern'];

/**
 * HarfBuzz subset of a font for the given characters; an element may be a variation sequence
 * (base + selector), whose variant glyph and cmap format 14 record the subset then keeps.
 * Deliberately not cached across calls: the character set comes from residents' names and
 * addresses and must not linger after a render.
 */
export async function subsetFor(key: FontKey, chars: Iterable<string>): Promise<Uint8Array> {
  const codePoints = new Set<number>();
  for (const s of chars) for (const ch of s) codePoints.add(ch.codePointAt(0)!);
  const f = face(key);
  f.hb ??= new HbFace(f.bytes, FONT_FILES[key].face);
  const bytes = f.hb.subset(
    [...codePoints].sort((a, b) => a - b),
    { dropTables: DROP_TABLES, noHinting: true },
  );
  return key === 'fallback' ? cidsAsGlyphIds(bytes) : bytes;
}

/**
 * Glyph ids of the variation sequences in a subset (its own numbering), found by shaping each
 * with HarfBuzz in the subset; a sequence the subset lost is an error, never a wrong glyph.
 */
export function subsetVariantGlyphs(subset: Uint8Array, sequences: Iterable<string>): Map<string, number> {
  const shape = new HbShaper(subset, 0, { whole: true });
  const out = new Map<string, number>();
  for (const seq of sequences) {
    const [base, selector] = [...seq].map((c) => c.codePointAt(0)!);
    const v = shape.variation(base!, selector!);
    if (!v) throw new Error('variation sequence missing from its subset');
    out.set(seq, v.glyph);
  }
  return out;
}

/**
 * Noto Sans CJK is CID-keyed CFF. HarfBuzz renumbers the glyphs of a subset but keeps each one's
 * original CID in the CFF charset; PDF readers disagree on which number a CIDFontType0 code means
 * (poppler takes the glyph id, Ghostscript the CID), so the charset is rewritten to CID = glyph id,
 * in place (an identity charset is never longer than the one it replaces).
 */
export function cidsAsGlyphIds(otf: Uint8Array): Uint8Array {
  const out = new Uint8Array(otf);
  const dv = new DataView(out.buffer);
  if (dv.getUint32(0) !== 0x4f54544f /* OTTO */) return out;
  const n = dv.getUint16(4);
  let cff = -1;
  let numGlyphs = 0;
  for (let i = 0; i < n; i++) {
    const r = 12 + 16 * i;
    const tag = String.fromCharCode(...out.subarray(r, r + 4));
    if (tag === 'CFF ') cff = dv.getUint32(r + 8);
    if (tag === 'maxp') numGlyphs = dv.getUint16(dv.getUint32(r + 8) + 4);
  }
  if (cff < 0 || numGlyphs < 2) return out;
  // CFF: header, Name INDEX, Top DICT INDEX (one dict).
  const index = (at: number): { items: [number, number][]; end: number } => {
    const count = dv.getUint16(at);
    if (count === 0) return { items: [], end: at + 2 };
    const offSize = out[at + 2]!;
    const off = (k: number): number => {
      let v = 0;
      for (let b = 0; b < offSize; b++) v = (v << 8) | out[at + 3 + k * offSize + b]!;
      return v;
    };
    const data = at + 3 + (count + 1) * offSize - 1;
    const items: [number, number][] = [];
    for (let k = 0; k < count; k++) items.push([data + off(k), data + off(k + 1)]);
    return { items, end: data + off(count) };
  };
  const names = index(cff + out[cff + 2]!);
  const top = index(names.end).items[0];
  if (!top) return out;
  let charset = -1;
  let isCid = false;
  const operands: number[] = [];
  for (let p = top[0]; p < top[1];) {
    const b0 = out[p]!;
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + out[p + 1]! : b0;
      p += b0 === 12 ? 2 : 1;
      if (op === 15) charset = operands[0] ?? -1;
      if (op === 1230) isCid = true; // ROS
      operands.length = 0;
    } else if (b0 === 28) {
      operands.push(dv.getInt16(p + 1));
      p += 3;
    } else if (b0 === 29) {
      operands.push(dv.getInt32(p + 1));
      p += 5;
    } else if (b0 === 30) {
      p++;
      while ((out[p]! & 0x0f) !== 0x0f && (out[p]! & 0xf0) !== 0xf0) p++;
      p++;
      operands.push(0);
    } else if (b0 <= 246) {
      operands.push(b0 - 139);
      p++;
    } else if (b0 <= 250) {
      operands.push((b0 - 247) * 256 + out[p + 1]! + 108);
      p += 2;
    } else {
      operands.push(-(b0 - 251) * 256 - out[p + 1]! - 108);
      p += 2;
    }
  }
  if (!isCid || charset <= 2) return out;
  const at = cff + charset;
  const format = out[at]!;
  const glyphs = numGlyphs - 1;
  if (format === 0) {
    for (let g = 1; g <= glyphs; g++) dv.setUint16(at + 1 + 2 * (g - 1), g);
  } else if (format === 1) {
    // Ranges of at most 256 glyphs (nLeft is one byte): no more ranges than the original needs.
    let g = 1;
    for (let p = at + 1; g <= glyphs; p += 3) {
      const left = Math.min(255, glyphs - g);
      dv.setUint16(p, g);
      out[p + 2] = left;
      g += left + 1;
    }
  } else if (format === 2) {
    dv.setUint16(at + 1, 1);
    dv.setUint16(at + 3, glyphs - 1);
  }
  return out;
}

interface FontkitGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
interface FontkitFont {
  layout(text: string, features?: unknown): { glyphs: FontkitGlyph[] };
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
  glyphForCodePoint(cp: number): FontkitGlyph;
  characterSet: number[];
  directory: { tables: Record<string, unknown> };
}

/** Code points past Unicode, so pdf-lib's list of a font's glyphs (widths, ToUnicode) includes the variants. */
const VARIANT_KEY = 0x110000;

/**
 * The fontkit font as pdf-lib should see it. pdf-lib lays text out with fontkit, which draws a
 * variation sequence as its base glyph; here a sequence in `variants` (from subsetVariantGlyphs)
 * becomes its registered glyph, so the content stream carries that glyph id (Identity-H,
 * CID = glyph id) and the PDF's widths and ToUnicode map (base + selector) cover it. A CFF font is
 * also marked as such, which pdf-lib looks for and fontkit does not set, so it is embedded as a
 * CIDFontType0 with a FontFile3 rather than as TrueType.
 */
export function forPdfLib(font: FontkitFont, variants: ReadonlyMap<string, number> | undefined): unknown {
  const isCff = 'CFF ' in font.directory.tables;
  if (!isCff && !variants?.size) return font;
  const list = [...(variants ?? [])];
  const variantGlyph = (seq: string, id: number): FontkitGlyph =>
    font.getGlyph(
      id,
      [...seq].map((c) => c.codePointAt(0)!),
    );
  const layout = (text: string, features?: unknown): { glyphs: FontkitGlyph[] } => {
    if (!variants?.size || ![...text].some((c) => isVariationSelector(c.codePointAt(0)!))) return font.layout(text, features);
    const glyphs: FontkitGlyph[] = [];
    let run = '';
    const flush = (): void => {
      if (run) glyphs.push(...font.layout(run, features).glyphs);
      run = '';
    };
    const chars = [...text];
    for (let i = 0; i < chars.length; i++) {
      const seq = `${chars[i]}${chars[i + 1] ?? ''}`;
      const id = variants.get(seq);
      if (id === undefined) {
        run += chars[i];
        continue;
      }
      flush();
      glyphs.push(variantGlyph(seq, id));
      i++;
    }
    flush();
    return { glyphs };
  };
  // The proxy's own target is empty: fontkit freezes its cached getters (characterSet), and a
  // proxy may not report another value for a frozen property of its target.
  const target = font;
  return new Proxy(
    {},
    {
      get(_, prop) {
        if (prop === 'cff') return isCff ? (target as unknown as Record<string, unknown>)['CFF '] : undefined;
        if (prop === 'layout') return layout;
        if (prop === 'characterSet') return [...target.characterSet, ...list.map((_, i) => VARIANT_KEY + i)];
        if (prop === 'glyphForCodePoint')
          return (cp: number): FontkitGlyph => {
            const v = list[cp - VARIANT_KEY];
            return v ? variantGlyph(v[0], v[1]) : target.glyphForCodePoint(cp);
          };
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    },
  );
}

/** Loads the fonts and instantiates HarfBuzz ahead of the first household (e.g. at app start). */
export async function preloadFonts(): Promise<void> {
  await subsetFor('primary', '住所');
  for (const key of FONT_STACK) shaper(key);
}

export { fontkit };
