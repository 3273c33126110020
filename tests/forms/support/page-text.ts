// The text pdftotext reads from one page, or from one rectangle of it (PDF points, origin bottom-left
// as in the definitions and the render report's boxes).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTmp } from './raster.ts';

const A4_HEIGHT = 841.89;

export function pageText(pdf: Uint8Array, page: number, rect?: [number, number, number, number]): string {
  return withTmp((dir) => {
    const file = join(dir, 'page.pdf');
    writeFileSync(file, pdf);
    // At the default 72 dpi pdftotext's crop box is in points, measured from the top-left corner.
    const crop = rect
      ? [
          '-x',
          String(Math.floor(rect[0])),
          '-y',
          String(Math.floor(A4_HEIGHT - rect[1] - rect[3])),
          '-W',
          String(Math.ceil(rect[2])),
          '-H',
          String(Math.ceil(rect[3])),
        ]
      : [];
    return execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), ...crop, file, '-'], { encoding: 'utf8' });
  });
}

/** The same with all whitespace removed (boxes wrap and pad values differently from how they were typed). */
export const squash = (text: string): string => text.replace(/[\s\u3000]+/g, '');
