// Text fitting: shrink to a minimum size, then wrap, else report overflow (never clip).
import { advance, classifyCodePoint, isVariationSelector, variantGlyph, type GlyphClass } from './fonts.ts';

export interface Cluster {
  /** One character, or a character plus its variation selector. */
  text: string;
  codePoint: number;
  font: GlyphClass;
  /** Advance at 1 pt. */
  width: number;
  /** True when a variation selector (IVS) is attached. */
  ivs: boolean;
  /**
   * For an IVS: 'variant' prints the registered glyph (a variant glyph of `font`), 'nominal' the
   * font's plain glyph, which its cmap format 14 declares to be the registered one, and 'missing'
   * the base character, because no font registers the sequence (flagged in the report).
   */
  sequence?: 'variant' | 'nominal' | 'missing';
}

/** What to hand a font for drawing: the sequence for a variant glyph, otherwise the base character. */
export function drawnText(c: Cluster): string {
  return c.ivs && c.sequence !== 'variant' ? String.fromCodePoint(c.codePoint) : c.text;
}

export function clusters(text: string): Cluster[] {
  const out: Cluster[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const prev = out[out.length - 1];
    if (isVariationSelector(cp) && prev && !prev.ivs) {
      // An ideographic variation sequence (IVS): the font that registers it draws it, shaped by
      // HarfBuzz. fontkit, which pdf-lib lays text out with, reads cmap format 14 but returns the
      // base glyph for most non-default sequences of BIZ UDゴシック and Noto Sans CJK JP (see
      // tests/forms/fontkit-uvs.test.ts and docs/forms.md, "Why not fontkit").
      prev.text += ch;
      prev.ivs = true;
      const v = prev.font === 'gaiji' ? undefined : variantGlyph(prev.codePoint, cp);
      if (v) {
        prev.font = v.font;
        prev.width = v.width;
        prev.sequence = v.nominal ? 'nominal' : 'variant';
      } else if (prev.font !== 'gaiji') prev.sequence = 'missing';
      continue;
    }
    if (isVariationSelector(cp)) continue; // a stray selector (no base, or a second one) draws nothing
    const font = classifyCodePoint(cp);
    const width = font === 'gaiji' ? 1 : advance(font, cp);
    out.push({ text: ch, codePoint: cp, font, width, ivs: false });
  }
  return out;
}

export interface FitOptions {
  size: number;
  minSize: number;
  multiline: boolean;
  /** Inner padding in pt. */
  padding?: number;
}

export interface Fitted {
  size: number;
  lines: Cluster[][];
}

export const LINE_HEIGHT = 1.15;
// Characters that must not start a line (禁則).
const NO_LINE_START = new Set([...'、。，．）」』】〕ー・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ!),.:;?']);

function lineWidth(line: Cluster[]): number {
  return line.reduce((s, c) => s + c.width, 0);
}

// A number or a Latin word (1203, ＡＢ, B2) is one unit: a line never ends inside it (「…棟 1」 /
// 「203号室」 misreads the room). The 号室 or 番 after it may start the next line.
const ALNUM = /^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]$/u;

function wrap(cs: Cluster[], maxWidthAt1: number): Cluster[][] {
  const lines: Cluster[][] = [];
  let cur: Cluster[] = [];
  let w = 0;
  for (const c of cs) {
    if (cur.length > 0 && w + c.width > maxWidthAt1) {
      // Carry the last character over if the next one may not start a line, and with it (or
      // before the next character) the whole number or Latin word the line would end inside.
      let carry = NO_LINE_START.has(c.text) ? 1 : 0;
      const inRun = carry === 0 ? ALNUM.test(c.text) : ALNUM.test(cur[cur.length - 1]!.text);
      if (inRun) while (carry < cur.length && ALNUM.test(cur[cur.length - 1 - carry]!.text)) carry++;
      // A run as long as the line itself cannot be kept whole: it breaks where the line ends.
      if (carry > 0 && carry < cur.length) {
        const carried = cur.splice(cur.length - carry);
        lines.push(cur);
        cur = carried;
        w = lineWidth(carried);
      } else {
        lines.push(cur);
        cur = [];
        w = 0;
      }
      if (c.text === ' ' || c.text === '　') continue;
    }
    cur.push(c);
    w += c.width;
  }
  if (cur.length) lines.push(cur);
  return lines;
}

/** Fits clusters into a w×h box, or returns undefined when even the minimum size overflows. */
/** About the smallest size residents (many elderly) and clerks read without effort, in points. */
export const READABLE_SIZE = 8;

export function fit(cs: Cluster[], w: number, h: number, o: FitOptions): Fitted | undefined {
  const pad = o.padding ?? 1.5;
  const iw = w - 2 * pad;
  const ih = h - 2 * pad;
  const total = lineWidth(cs);
  const steps: number[] = [];
  for (let s = o.size; s >= o.minSize - 1e-9; s -= 0.5) steps.push(Math.round(s * 10) / 10);
  const oneLine = (s: number) => total * s <= iw && s <= ih;
  // Shrinking below a readable size is the last resort: a box that may wrap wraps first.
  for (const s of steps) if (s >= READABLE_SIZE - 1e-9 && oneLine(s)) return { size: s, lines: [cs] };
  if (o.multiline) {
    for (const s of steps) {
      const lines = wrap(cs, iw / s);
      if (lines.every((l) => lineWidth(l) * s <= iw + 1e-6) && lines.length * s * LINE_HEIGHT <= ih + 1e-6) return { size: s, lines };
    }
  }
  for (const s of steps) if (s < READABLE_SIZE - 1e-9 && oneLine(s)) return { size: s, lines: [cs] };
  return undefined;
}
