// HarfBuzz subsetting with a persistent face per font. subset-font (which we depend on for its
// HarfBuzz build) copies the whole font into the wasm heap and re-parses it on every call: 4.6 MB
// for BIZ UDゴシック, 19 MB for the Noto Sans CJK collection and 46 MB for IPAmj明朝. Here each
// font is loaded once; a call only builds the subset input and copies the result out.
//
// That build's heap is fixed at 65 MB (it cannot grow), so each font gets its own instance of the
// module: IPAmj明朝 alone fills most of one heap, and a failed malloc would otherwise hand back
// address 0 and the font would overwrite the heap.
import { KioskError } from '../../domain/errors.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface HbExports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_READONLY = 1;
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;
const tag = (s: string): number => [...s].reduce((a, ch) => ((a << 8) | ch.charCodeAt(0)) >>> 0, 0);

/** The harfbuzzjs files, resolved from subset-font (whose HarfBuzz build we use). */
export function harfbuzzFile(name: 'harfbuzz-subset.wasm' | 'harfbuzz.wasm'): Uint8Array<ArrayBuffer> {
  const fromSubsetFont = createRequire(createRequire(import.meta.url).resolve('subset-font'));
  return new Uint8Array(readFileSync(fromSubsetFont.resolve(`harfbuzzjs/dist/${name}`)));
}

let subsetModule: WebAssembly.Module | undefined;
function harfbuzzInstance(): HbExports {
  subsetModule ??= new WebAssembly.Module(harfbuzzFile('harfbuzz-subset.wasm'));
  const hb = new WebAssembly.Instance(subsetModule, {}).exports as unknown as HbExports;
  hb._initialize();
  return hb;
}

/** A font (one face of it, for a collection) loaded into HarfBuzz once, for repeated subsetting. */
export class HbFace {
  readonly #hb: HbExports;
  readonly #face: number;

  constructor(fontBytes: Uint8Array, faceIndex = 0) {
    const h = harfbuzzInstance();
    const ptr = h.malloc(fontBytes.byteLength);
    if (ptr === 0) throw new KioskError('forms/subset-failed');
    new Uint8Array(h.memory.buffer).set(fontBytes, ptr);
    const blob = h.hb_blob_create(ptr, fontBytes.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
    this.#face = h.hb_face_create(blob, faceIndex);
    h.hb_blob_destroy(blob);
    this.#hb = h;
    // The font bytes stay in the wasm heap for the life of the process (the face points into them).
  }

  /**
   * Subset keeping the given code points, without hinting and the listed tables. A variation
   * selector among them keeps, for every kept base character, its variant glyph and the cmap
   * format 14 record that maps base + selector to it.
   */
  subset(codePoints: Iterable<number>, options: { dropTables: readonly string[]; noHinting: boolean }): Uint8Array {
    const h = this.#hb;
    const input = h.hb_subset_input_create_or_fail();
    if (input === 0) throw new KioskError('forms/subset-failed');
    let subsetFace: number;
    try {
      if (options.noHinting) h.hb_subset_input_set_flags(input, h.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_HINTING);
      const drop = h.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
      for (const t of options.dropTables) h.hb_set_add(drop, tag(t));
      const unicodes = h.hb_subset_input_unicode_set(input);
      for (const cp of codePoints) h.hb_set_add(unicodes, cp);
      subsetFace = h.hb_subset_or_fail(this.#face, input);
    } finally {
      h.hb_subset_input_destroy(input);
    }
    if (subsetFace === 0) throw new KioskError('forms/subset-failed');
    const blob = h.hb_face_reference_blob(subsetFace);
    try {
      const ptr = h.hb_blob_get_data(blob, 0);
      const len = h.hb_blob_get_length(blob);
      if (len === 0) throw new KioskError('forms/subset-failed');
      return new Uint8Array(h.memory.buffer).slice(ptr, ptr + len);
    } finally {
      h.hb_blob_destroy(blob);
      h.hb_face_destroy(subsetFace);
    }
  }
}
