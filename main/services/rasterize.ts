// Renders one PDF page to a PNG data URL for the staff preview, with poppler's pdftoppm.
// The PDF goes through stdin and the image through stdout: no personal data touches disk.
import { spawn } from 'node:child_process';
import { KioskError } from '../../domain/errors.ts';

export interface RasterizeOptions {
  /** Resolution: 60 dpi for the page list, more for the full-size view. */
  dpi?: number;
  /** The rasteriser's executable (tests use one that fails). */
  command?: string;
}

/** The preview's resolutions: a readable thumbnail, and the full-size page staff click open. */
export const PREVIEW_DPI = { thumbnail: 60, full: 150 } as const;

export function rasterizePage(pdf: Uint8Array, page: number, options: RasterizeOptions = {}): Promise<string> {
  const dpi = options.dpi ?? PREVIEW_DPI.thumbnail;
  return new Promise((resolve, reject) => {
    // Settled once: whichever of exit, spawn error or pipe error comes first decides.
    let settled = false;
    const fail = () => {
      if (settled) return;
      settled = true;
      reject(new KioskError('session/preview-page-failed'));
    };
    const child = spawn(
      options.command ?? 'pdftoppm',
      ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-'],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', fail);
    // A child that exits before it has read the whole PDF makes the write fail (EPIPE): without a
    // listener that would be an uncaught exception in the main process. The exit code decides.
    child.stdin.on('error', () => undefined);
    child.stdout.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0 || chunks.length === 0) return fail();
      if (settled) return;
      settled = true;
      resolve(`data:image/png;base64,${Buffer.concat(chunks).toString('base64')}`);
    });
    child.stdin.end(pdf);
  });
}
