// Font stack for printed text: BIZ UD Gothic, then IPAmj明朝 per character; anything neither
// has (and private-use code points, and the geta mark 〓) is 外字 to be hand-written.
// Fonts are subset with HarfBuzz (hb-subset.ts, using the build subset-font ships) and embedded
// whole, because pdf-lib's own subsetter (@pdf-lib/fontkit) writes a broken `loca` and the glyphs
// print blank.
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { HbFace } from './hb-subset.ts';

export type FontKey = 'primary' | 'fallback';
export type GlyphClass = FontKey | 'gaiji';

export const FONT_FILES: Record<FontKey, { path: string; name: string }> = {
  primary: { path: '/usr/share/fonts/truetype/bizud-gothic/BIZUDGothic-Regular.ttf', name: 'BIZ UDゴシック' },
  fallback: { path: '/usr/share/fonts/truetype/ipamj/ipamjm.ttf', name: 'IPAmj明朝' },
};

interface LoadedFace {
  bytes: Uint8Array;
  face: ReturnType<typeof fontkit.create>;
  hb?: HbFace;
}

const faces = new Map<FontKey, LoadedFace>();

function face(key: FontKey): LoadedFace {
  let f = faces.get(key);
  if (!f) {
    const bytes = readFileSync(FONT_FILES[key].path);
    f = { bytes, face: fontkit.create(bytes) };
    faces.set(key, f);
  }
  return f;
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
  if (face('primary').face.hasGlyphForCodePoint(cp)) return 'primary';
  if (face('fallback').face.hasGlyphForCodePoint(cp)) return 'fallback';
  return 'gaiji';
}

/** Advance width at 1 pt of a code point in a font. */
export function advance(key: FontKey, cp: number): number {
  const f = face(key).face;
  return f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm;
}

// Layout tables are dropped: forms are set horizontally, and keeping GSUB pulls in every vertical
// and variant glyph reachable from the subset (measured: 85 KB instead of 25 KB for 131 kanji).
const DROP_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'vhea', 'vmtx', 'VORG', 'hdmx', 'LTSH', 'VDMX', 'DSIG', 'kern'];

/**
 * HarfBuzz subset of a font for the given characters. Deliberately not cached across calls: the
 * character set comes from residents' names and addresses and must not linger after a render.
 */
export async function subsetFor(key: FontKey, chars: Iterable<string>): Promise<Uint8Array> {
  const text = [...new Set(chars)].sort().join('');
  const f = face(key);
  f.hb ??= new HbFace(f.bytes);
  return f.hb.subset(text, { dropTables: DROP_TABLES, noHinting: true });
}

/** Loads the primary font and instantiates HarfBuzz ahead of the first household (e.g. at app start). */
export async function preloadFonts(): Promise<void> {
  await subsetFor('primary', '住所');
}

export { fontkit };
