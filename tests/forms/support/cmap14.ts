// Reads a font's variation sequences (cmap format 14) without fontkit or HarfBuzz, so tests can
// check the glyph the renderer chose against the font's own table.
import { readFileSync } from 'node:fs';

export interface VariationSequence {
  base: number;
  selector: number;
  /** The glyph for the sequence; undefined for a default sequence (the base's own glyph). */
  glyph: number | undefined;
}

function tableOffset(buf: Uint8Array, tag: string, faceIndex: number): number {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const face = dv.getUint32(0) === 0x74746366 ? dv.getUint32(12 + 4 * faceIndex) : 0;
  for (let i = 0; i < dv.getUint16(face + 4); i++) {
    const r = face + 12 + 16 * i;
    if (String.fromCharCode(...buf.subarray(r, r + 4)) === tag) return dv.getUint32(r + 8);
  }
  throw new Error(`no ${tag} table`);
}

export function variationSequences(path: string, faceIndex = 0): VariationSequence[] {
  const buf = new Uint8Array(readFileSync(path));
  const dv = new DataView(buf.buffer);
  const cmap = tableOffset(buf, 'cmap', faceIndex);
  const out: VariationSequence[] = [];
  const u24 = (p: number): number => (dv.getUint8(p) << 16) | dv.getUint16(p + 1);
  for (let i = 0; i < dv.getUint16(cmap + 2); i++) {
    const sub = cmap + dv.getUint32(cmap + 4 + 8 * i + 4);
    if (dv.getUint16(sub) !== 14) continue;
    for (let j = 0; j < dv.getUint32(sub + 6); j++) {
      const r = sub + 10 + 11 * j;
      const selector = u24(r);
      const defaults = dv.getUint32(r + 3);
      const mapped = dv.getUint32(r + 7);
      if (defaults)
        for (let k = 0; k < dv.getUint32(sub + defaults); k++) {
          const q = sub + defaults + 4 + 4 * k;
          for (let u = u24(q); u <= u24(q) + dv.getUint8(q + 3); u++) out.push({ base: u, selector, glyph: undefined });
        }
      if (mapped)
        for (let k = 0; k < dv.getUint32(sub + mapped); k++) {
          const q = sub + mapped + 4 + 5 * k;
          out.push({ base: u24(q), selector, glyph: dv.getUint16(q + 3) });
        }
    }
  }
  return out;
}
