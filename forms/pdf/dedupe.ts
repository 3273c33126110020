// Output hygiene for pdf-lib documents:
// - byte-identical streams (the same font subset copied in from several sheets or forms) are merged,
//   so a combined print file carries each font once;
// - the result is copied into a fresh document, which drops orphans (replaced appearance streams,
//   flattened fields) and keeps the cross-reference table dense (deleting objects in place leaves
//   entries poppler rejects as "Invalid XRef entry").
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

/** Points every reference to a duplicate stream at its first copy; returns how many were merged. */
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
  return remap.size;
}

/** Copies the pages of several documents into one fresh document, sharing identical streams. */
export async function compactInto(sources: PDFDocument[], title: string): Promise<PDFDocument> {
  const staging = sources.length === 1 ? sources[0]! : await PDFDocument.create();
  if (sources.length !== 1) {
    for (const src of sources) {
      const pages = await staging.copyPages(src, src.getPageIndices());
      for (const p of pages) staging.addPage(p);
    }
  }
  dedupeStreams(staging);
  const out = await PDFDocument.create();
  out.setTitle(title);
  out.setCreator('kakanai-madoguchi forms');
  out.setProducer('pdf-lib + HarfBuzz subset');
  // One copy call: the copier shares every object the pages have in common.
  const pages = await out.copyPages(staging, staging.getPageIndices());
  for (const p of pages) out.addPage(p);
  return out;
}

// pdf-lib deflates embedded font files with pako on every embed. Node's zlib is several times
// faster, and the same subset bytes are embedded into every form of a household, so the
// compressed stream is cached per byte array.
const deflated = new WeakMap<Uint8Array, Uint8Array>();
const originalFlate = PDFContext.prototype.flateStream;
PDFContext.prototype.flateStream = function flateStream(this: PDFContext, contents, dict = {}) {
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
