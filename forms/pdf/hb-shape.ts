// HarfBuzz shaping (the harfbuzzjs build with hb_shape, shipped next to the subsetter) to map an
// ideographic variation sequence — base character + selector, e.g. 邉 U+9089 + U+E0119 — to the
// glyph the font registers for it in its cmap format 14. fontkit, which pdf-lib lays text out
// with, ignores that table and prints the base glyph.
//
// Shaping needs only the character map and the advances, so a face here is built from a font's
// cmap, head, hhea, hmtx, maxp and OS/2 tables (about 0.4 MB for IPAmj明朝 instead of 46 MB).
import { KioskError } from '../../domain/errors.ts';
import { harfbuzzFile } from './hb-subset.ts';

interface HbShapeExports {
  memory: WebAssembly.Memory;
  __wasm_call_ctors(): void;
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_face_create(blob: number, index: number): number;
  hb_face_get_upem(face: number): number;
  hb_font_create(face: number): number;
  hb_font_get_nominal_glyph(font: number, unicode: number, glyph: number): number;
  hb_buffer_create(): number;
  hb_buffer_destroy(buffer: number): void;
  hb_buffer_add_codepoints(buffer: number, text: number, length: number, offset: number, itemLength: number): void;
  hb_buffer_guess_segment_properties(buffer: number): void;
  hb_buffer_get_length(buffer: number): number;
  hb_buffer_get_glyph_infos(buffer: number, length: number): number;
  hb_buffer_get_glyph_positions(buffer: number, length: number): number;
  hb_shape(font: number, buffer: number, features: number, numFeatures: number): void;
}

let hb: HbShapeExports | undefined;
function harfbuzz(): HbShapeExports {
  if (!hb) {
    const fail = (): never => {
      throw new KioskError('forms/font-missing');
    };
    const instance = new WebAssembly.Instance(new WebAssembly.Module(harfbuzzFile('harfbuzz.wasm')), {
      wasi_snapshot_preview1: { proc_exit: fail },
      env: {
        _abort_js: fail,
        _emscripten_runtime_keepalive_clear: () => undefined,
        _setitimer_js: () => 0,
        // Emscripten asks the host to grow the heap; answer 1 when it did.
        emscripten_resize_heap: (requested: number): number => {
          const m = hb!.memory;
          const pages = Math.ceil((requested - m.buffer.byteLength) / 65536);
          try {
            if (pages > 0) m.grow(pages);
            return 1;
          } catch {
            return 0;
          }
        },
      },
    });
    hb = instance.exports as unknown as HbShapeExports;
    hb.__wasm_call_ctors();
  }
  return hb;
}

const SHAPING_TABLES = ['OS/2', 'cmap', 'head', 'hhea', 'hmtx', 'maxp'];

/** A standalone sfnt with only the tables shaping reads, from one face of a font or collection. */
export function shapingFont(bytes: Uint8Array, faceIndex = 0): Uint8Array {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const face = dv.getUint32(0) === 0x74746366 /* ttcf */ ? dv.getUint32(12 + 4 * faceIndex) : 0;
  const count = dv.getUint16(face + 4);
  const found: { tag: string; offset: number; length: number }[] = [];
  for (let i = 0; i < count; i++) {
    const r = face + 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(r, r + 4));
    if (SHAPING_TABLES.includes(tag)) found.push({ tag, offset: dv.getUint32(r + 8), length: dv.getUint32(r + 12) });
  }
  found.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  let size = 12 + 16 * found.length;
  const at = found.map((t) => {
    const o = size;
    size += (t.length + 3) & ~3;
    return o;
  });
  const out = new Uint8Array(size);
  const ov = new DataView(out.buffer);
  ov.setUint32(0, 0x00010000);
  ov.setUint16(4, found.length);
  found.forEach((t, i) => {
    const r = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[r + k] = t.tag.charCodeAt(k);
    ov.setUint32(r + 8, at[i]!);
    ov.setUint32(r + 12, t.length);
    out.set(bytes.subarray(t.offset, t.offset + t.length), at[i]!);
  });
  return out;
}

export interface ShapedGlyph {
  glyph: number;
  /** Advance at 1 pt. */
  advance: number;
}

/** A font loaded for shaping. */
export class HbShaper {
  readonly #font: number;
  readonly #upem: number;

  /** `bytes` is a whole font (cut down to its shaping tables here) or a small subset. */
  constructor(bytes: Uint8Array, faceIndex = 0, { whole = false } = {}) {
    const h = harfbuzz();
    const data = whole ? bytes : shapingFont(bytes, faceIndex);
    const ptr = h.malloc(data.byteLength);
    if (ptr === 0) throw new KioskError('forms/font-missing');
    new Uint8Array(h.memory.buffer).set(data, ptr);
    const blob = h.hb_blob_create(ptr, data.byteLength, 1 /* read-only */, 0, 0);
    const face = h.hb_face_create(blob, whole ? faceIndex : 0);
    h.hb_blob_destroy(blob);
    this.#upem = h.hb_face_get_upem(face);
    this.#font = h.hb_font_create(face);
  }

  nominal(cp: number): number | undefined {
    const h = harfbuzz();
    const out = h.malloc(4);
    try {
      return h.hb_font_get_nominal_glyph(this.#font, cp, out) ? new Uint32Array(h.memory.buffer, out, 1)[0]! : undefined;
    } finally {
      h.free(out);
    }
  }

  /** Shapes a run of code points; one glyph per output position. */
  shape(codePoints: readonly number[]): ShapedGlyph[] {
    const h = harfbuzz();
    const buf = h.hb_buffer_create();
    const text = h.malloc(4 * codePoints.length);
    try {
      new Uint32Array(h.memory.buffer, text, codePoints.length).set(codePoints);
      h.hb_buffer_add_codepoints(buf, text, codePoints.length, 0, codePoints.length);
      h.hb_buffer_guess_segment_properties(buf);
      h.hb_shape(this.#font, buf, 0, 0);
      const n = h.hb_buffer_get_length(buf);
      // hb_glyph_info_t and hb_glyph_position_t are five 32-bit words each.
      const infos = new Uint32Array(h.memory.buffer, h.hb_buffer_get_glyph_infos(buf, 0), n * 5);
      const positions = new Int32Array(h.memory.buffer, h.hb_buffer_get_glyph_positions(buf, 0), n * 5);
      const out: ShapedGlyph[] = [];
      for (let i = 0; i < n; i++) out.push({ glyph: infos[i * 5]!, advance: positions[i * 5]! / this.#upem });
      return out;
    } finally {
      h.free(text);
      h.hb_buffer_destroy(buf);
    }
  }

  /**
   * The glyph for base + variation selector, or undefined when the font does not register the
   * sequence: HarfBuzz then shapes the base glyph and an invisible glyph for the selector.
   */
  variation(base: number, selector: number): (ShapedGlyph & { nominal: boolean }) | undefined {
    const shaped = this.shape([base, selector]);
    if (shaped.length !== 1 || shaped[0]!.glyph === 0) return undefined;
    return { ...shaped[0]!, nominal: shaped[0]!.glyph === this.nominal(base) };
  }
}
