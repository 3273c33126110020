// Output helpers for pdf-lib documents: byte-identical streams (the same font subset copied in
// from several sheets or forms) are merged, so a combined print file carries each font once.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { PDFArray, PDFContext, PDFDict, PDFDocument, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';

function rewrite(obj: PDFObject, remap: Map<PDFRef, PDFRef>): void {
  if (obj instanceof PDFStream) return rewrite(obj.dict, remap);
  if (obj instanceof PDFDict) {
    for (const [key, value] of obj.entries()) {
      if (value instanceof PDFRef) {
        const to = remap.get(value);
        if (to) obj.set(key, to);
      } else rewrite(value, remap);
    }
  } else if (obj instanceof PDFArray) {
    for (let i = 0; i < obj.size(); i++) {
      const value = obj.get(i);
      if (value instanceof PDFRef) {
        const to = remap.get(value);
        if (to) obj.set(i, to);
      } else rewrite(value, remap);
    }
  }
}

/**
 * Points every reference to a duplicate stream at its first copy and deletes the duplicates;
 * returns how many were merged.
 */
export function dedupeStreams(doc: PDFDocument): number {
  const ctx = doc.context;
  const seen = new Map<string, PDFRef>();
  const remap = new Map<PDFRef, PDFRef>();
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    // Only raw (already encoded) streams: fonts and copied template content. Hashing pdf-lib's own
    // content streams would force their compression early for no gain (they are unique).
    if (!(obj instanceof PDFRawStream)) continue;
    const h = createHash('sha256').update(obj.dict.toString()).update(obj.getContents()).digest('hex');
    const first = seen.get(h);
    if (first) remap.set(ref, first);
    else seen.set(h, ref);
  }
  if (remap.size === 0) return 0;
  for (const [, obj] of ctx.enumerateIndirectObjects()) rewrite(obj, remap);
  for (const dup of remap.keys()) ctx.delete(dup);
  return remap.size;
}

/** Appends the pages of several documents to the first (or to a new one), sharing identical streams. */
export async function mergeDocuments(sources: PDFDocument[], into?: PDFDocument): Promise<PDFDocument> {
  const out = into ?? (await PDFDocument.create());
  for (const src of sources) {
    if (src === out) continue;
    const pages = await out.copyPages(src, src.getPageIndices());
    for (const p of pages) out.addPage(p);
  }
  // pdf-lib embeds fonts lazily at save(); embed them now so their streams take part in the merge.
  await out.flush();
  dedupeStreams(out);
  return out;
}

/** pdf-lib fontkit adapter that parses each subset once per render instead of once per document. */
export function sharedFontkit(fontkit: { create(bytes: Uint8Array): unknown }) {
  const parsed = new WeakMap<Uint8Array, unknown>();
  return {
    create(bytes: Uint8Array): unknown {
      let f = parsed.get(bytes);
      if (!f) {
        f = fontkit.create(bytes);
        parsed.set(bytes, f);
      }
      return f;
    },
  };
}

// pdf-lib deflates embedded font files with pako on every embed. Node's zlib is several times
// faster, and the same subset bytes are embedded into every form of a household, so the
// compressed stream is cached per byte array.
const deflated = new WeakMap<Uint8Array, Uint8Array>();
const originalFlate = PDFContext.prototype.flateStream;
PDFContext.prototype.flateStream = function flateStream(this: PDFContext, contents, dict = {}) {
  // pdf-lib labels every CFF font program CIDFontType0C (a bare CFF table), but embeds the whole
  // OpenType file it was given: say so, or poppler reports a mismatch and prints the text blank.
  const otto =
    contents instanceof Uint8Array && contents[0] === 0x4f && contents[1] === 0x54 && contents[2] === 0x54 && contents[3] === 0x4f;
  if (otto && (dict as Record<string, unknown>).Subtype === 'CIDFontType0C') dict = { ...dict, Subtype: 'OpenType' };
  if (contents instanceof Uint8Array && contents.length > 4096) {
    let d = deflated.get(contents);
    if (!d) {
      d = new Uint8Array(deflateSync(contents));
      deflated.set(contents, d);
    }
    return this.stream(d, { ...dict, Filter: 'FlateDecode' });
  }
  return originalFlate.call(this, contents, dict);
};

// pdf-lib compresses content and object streams with pako (pure JS). Route pdf-lib's own pako
// instance to Node's native zlib: same format, several times faster.
const pako = createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('pako') as { deflate: (data: Uint8Array) => Uint8Array };
pako.deflate = (data: Uint8Array): Uint8Array => new Uint8Array(deflateSync(data));
