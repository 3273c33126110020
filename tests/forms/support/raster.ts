// PDF-reading helpers for the checks: pdftoppm to grayscale, pdftotext, a tiny PNG reader for the goldens,
// and ink counting inside PDF-point rectangles.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export function withTmp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'forms-test-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePgm(buf: Buffer): Gray {
  // P5\n<w> <h>\n255\n<data>
  let pos = 0;
  const tokens: string[] = [];
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    let t = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]!))) t += String.fromCharCode(buf[pos++]!);
    tokens.push(t);
  }
  pos++;
  const width = Number(tokens[1]);
  const height = Number(tokens[2]);
  return { width, height, data: new Uint8Array(buf.subarray(pos, pos + width * height)) };
}

/** Renders one page (1-based) of a PDF to 8-bit gray at the given resolution. */
export function rasterPage(pdf: Uint8Array, page: number, dpi: number): Gray {
  return withTmp((dir) => {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), file, join(dir, 'p')]);
    const out = readdirSync(dir).find((f) => f.endsWith('.pgm'))!;
    return parsePgm(readFileSync(join(dir, out)));
  });
}

/** Renders one page to a grayscale PNG (for goldens). */
export function rasterPagePng(pdf: Uint8Array, page: number, dpi: number): Buffer {
  return withTmp((dir) => {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-f', String(page), '-l', String(page), file, join(dir, 'p')]);
    return readFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.endsWith('.png'))!,
      ),
    );
  });
}

/** Decodes an 8-bit, non-interlaced gray or RGB PNG (what `pdftoppm -png` writes) to gray. */
export function decodeGrayPng(png: Buffer): Gray {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 1;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0 || (body[9] !== 0 && body[9] !== 2)) throw new Error('only 8-bit gray/RGB non-interlaced PNG');
      channels = body[9] === 2 ? 3 : 1;
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const rawByte = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = (rawByte + pred) & 0xff;
    }
  }
  if (channels === 1) return { width, height, data: out };
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round((out[i * 3]! + out[i * 3 + 1]! + out[i * 3 + 2]!) / 3);
  return { width, height, data };
}

const A4_HEIGHT = 841.89;

/** Dark pixels inside a PDF-point rectangle [x, y, w, h], inset by a few pixels to skip the frame. */
export function inkIn(img: Gray, rect: [number, number, number, number], dpi: number, inset = 2): number {
  const s = dpi / 72;
  const [x, y, w, h] = rect;
  const x0 = Math.ceil(x * s) + inset;
  const x1 = Math.floor((x + w) * s) - inset;
  const y0 = Math.ceil((A4_HEIGHT - (y + h)) * s) + inset;
  const y1 = Math.floor((A4_HEIGHT - y) * s) - inset;
  let n = 0;
  for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) if (img.data[py * img.width + px]! < 128) n++;
  return n;
}

/** Fraction of pixels differing by more than `threshold` gray levels. */
export function diffFraction(a: Gray, b: Gray, threshold = 64): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (Math.abs(a.data[i]! - b.data[i]!) > threshold) n++;
  return n / a.data.length;
}

/**
 * A PDF's text as pdftotext reads it from the page (what a clerk reads). `squashed` drops all
 * whitespace, since boxes wrap and pad values differently from how they were typed.
 */
export function printedText(pdf: Uint8Array, { squashed = false } = {}): string {
  const text = withTmp((dir) => {
    const file = join(dir, 'printed.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  });
  return squashed ? text.replace(/[\s\u3000]+/g, '') : text;
}
