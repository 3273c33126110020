// Threat (availability): pdftoppm stops reading its stdin (a page number past the end, a crash)
// while a large PDF is still being written to it: the EPIPE on stdin was an uncaught exception
// that took the whole main process down. It must be a rejected promise.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rasterizePage } from '../../main/services/rasterize.ts';

describe('rasterize', () => {
  it('a pdftoppm that exits before reading the whole PDF rejects, and does not crash the process', async () => {
    // A pdftoppm that exits without reading stdin (poppler's own reads all of stdin first).
    const bin = mkdtempSync(join(tmpdir(), 'kiosk-sec-bin-'));
    writeFileSync(join(bin, 'pdftoppm'), '#!/bin/sh\nexit 1\n');
    chmodSync(join(bin, 'pdftoppm'), 0o700);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path ?? ''}`;
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      // 32 MiB: far more than the pipe holds, so the write is still going when the reader is gone.
      const garbage = new Uint8Array(32 * 1024 * 1024).fill(0x41);
      await expect(rasterizePage(garbage, 1)).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      process.env.PATH = path;
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
