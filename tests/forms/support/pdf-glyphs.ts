// What a PDF really draws: for each text-showing operator of every page, the font's name and
// embedded program and the glyph ids (CIDs, Identity-H) shown. Read with pdf-lib's object model
// and a small content-stream scan, independently of the renderer's code.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFObject } from 'pdf-lib';

export interface DrawnRun {
  /** BaseFont without pdf-lib's random suffix, e.g. "IPAmjMincho". */
  font: string;
  program: Uint8Array;
  cids: number[];
}

function look(doc: PDFDocument, o: PDFObject | undefined): PDFObject | undefined {
  return o instanceof PDFRef ? doc.context.lookup(o) : o;
}

function streamBytes(doc: PDFDocument, o: PDFObject | undefined): Uint8Array {
  const s = look(doc, o);
  if (!(s instanceof PDFRawStream)) throw new Error('not a stream');
  return decodePDFRawStream(s).decode();
}

export async function drawnGlyphs(pdf: Uint8Array): Promise<DrawnRun[]> {
  const doc = await PDFDocument.load(pdf);
  const out: DrawnRun[] = [];
  for (const page of doc.getPages()) {
    const fonts = new Map<string, { font: string; program: Uint8Array }>();
    const res = page.node.Resources();
    const fontDict = res ? look(doc, res.get(PDFName.of('Font'))) : undefined;
    if (fontDict instanceof PDFDict)
      for (const [name, ref] of fontDict.entries()) {
        const type0 = look(doc, ref) as PDFDict;
        const base = (type0.get(PDFName.of('BaseFont')) as PDFName).decodeText().replace(/-\d+$/, '');
        const descendants = look(doc, type0.get(PDFName.of('DescendantFonts')));
        if (!(descendants instanceof PDFArray)) continue;
        const cid = look(doc, descendants.get(0)) as PDFDict;
        const desc = look(doc, cid.get(PDFName.of('FontDescriptor'))) as PDFDict;
        const file = desc.get(PDFName.of('FontFile2')) ?? desc.get(PDFName.of('FontFile3'));
        fonts.set(name.decodeText(), { font: base, program: streamBytes(doc, file) });
      }
    const contents = look(doc, page.node.get(PDFName.of('Contents')));
    const parts = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
    const text = parts.map((p) => Buffer.from(streamBytes(doc, p)).toString('latin1')).join('\n');
    let current: { font: string; program: Uint8Array } | undefined;
    for (const m of text.matchAll(/\/([^\s/[\]<>()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (m[1]) current = fonts.get(m[1]);
      else if (current && m[2] !== undefined) {
        const cids: number[] = [];
        for (let i = 0; i + 4 <= m[2].length; i += 4) cids.push(parseInt(m[2].slice(i, i + 4), 16));
        out.push({ ...current, cids });
      }
    }
  }
  return out;
}
