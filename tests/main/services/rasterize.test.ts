// The preview's rasteriser: pdftoppm over pipes. A child that dies before reading its stdin (a
// crash, a killed process) makes the write fail with EPIPE; that must reject the page, never be an
// uncaught exception that takes the main process down.
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { rasterizePage } from '../../../main/services/rasterize.ts';

async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return doc.save();
}

describe('rasterizePage', () => {
  it('renders a page to a PNG data URL', async () => {
    const url = await rasterizePage(await onePagePdf(), 1);
    expect(url.startsWith('data:image/png;base64,iVBOR')).toBe(true);
  });

  it('rejects (session/preview-page-failed) when the rasteriser exits without reading its input (EPIPE)', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      // 8 MiB: far more than a pipe buffer, so the write is still going when `true` has exited.
      const big = new Uint8Array(8 * 1024 * 1024);
      await expect(rasterizePage(big, 1, { command: 'true' })).rejects.toMatchObject({ code: 'session/preview-page-failed' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });

  it('rejects a page the PDF does not have', async () => {
    await expect(rasterizePage(await onePagePdf(), 3)).rejects.toMatchObject({ code: 'session/preview-page-failed' });
  });
});
