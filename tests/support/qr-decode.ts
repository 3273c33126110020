// Reads the QR code on a printed page as a phone would see it: the PDF rasterised by poppler
// (pdftoppm, grey, as a PGM) and decoded by jsQR. Returns the text, or null when no code is found.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';

// jsQR is CommonJS with an ES-style default in its types: take whichever the loader hands over.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR: Decode =
  typeof jsQRModule === 'function' ? (jsQRModule as unknown as Decode) : (jsQRModule as unknown as { default: Decode }).default;

/** A binary PGM (P5, 8-bit) as width, height and one byte per pixel. */
function parsePgm(bytes: Buffer): { width: number; height: number; grey: Uint8Array } {
  // Header: P5 <whitespace> width <ws> height <ws> maxval <one ws> data
  let offset = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[offset] as number))) offset++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(bytes[offset] as number))) field += String.fromCharCode(bytes[offset++] as number);
    fields.push(field);
  }
  offset++;
  if (fields[0] !== 'P5' || fields[3] !== '255') throw new Error('not an 8-bit PGM');
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, grey: bytes.subarray(offset, offset + width * height) };
}

/** Rasterises page 1 of a PDF (and keeps the PNG of it at `pngPath`, if given) and decodes its QR code. */
export function decodeQrInPdf(pdf: Uint8Array, options: { dpi?: number; pngPath?: string } = {}): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'qr-decode-'));
  try {
    const input = join(dir, 'page.pdf');
    writeFileSync(input, pdf);
    const dpi = String(options.dpi ?? 150);
    execFileSync('pdftoppm', ['-r', dpi, '-gray', '-f', '1', '-l', '1', '-singlefile', input, join(dir, 'page')]);
    if (options.pngPath)
      execFileSync('pdftoppm', ['-r', dpi, '-png', '-f', '1', '-l', '1', '-singlefile', input, options.pngPath.replace(/\.png$/, '')]);
    const { width, height, grey } = parsePgm(readFileSync(join(dir, 'page.pgm')));
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      const v = grey[i] as number;
      rgba[i * 4] = v;
      rgba[i * 4 + 1] = v;
      rgba[i * 4 + 2] = v;
      rgba[i * 4 + 3] = 255;
    }
    return jsQR(rgba, width, height)?.data ?? null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
