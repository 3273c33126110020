// Launches the real app with Playwright's _electron where an Electron binary is installed
// (ELECTRON_PATH, or node_modules/electron/path.txt after `npx install-electron`). This build
// machine has none, so the test is skipped with the reason printed. (Importing the `electron`
// package is avoided: it would try to download the binary.)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');

function electronBinary(): { path: string | null; reason: string } {
  if (process.env.ELECTRON_PATH) {
    return existsSync(process.env.ELECTRON_PATH)
      ? { path: process.env.ELECTRON_PATH, reason: '' }
      : { path: null, reason: `ELECTRON_PATH=${process.env.ELECTRON_PATH} does not exist` };
  }
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) {
    return {
      path: null,
      reason: 'no Electron binary installed (node_modules/electron/path.txt missing; run `npx install-electron` or set ELECTRON_PATH)',
    };
  }
  const binary = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, reason: '' } : { path: null, reason: `Electron binary ${binary} is missing` };
}

const electron = electronBinary();
if (!electron.path) console.warn(`[skip] _electron launch test: ${electron.reason}`);

describe('the packaged shell under Playwright _electron', () => {
  it.skipIf(!electron.path)(
    `launches, opens the staff and resident windows, exposes only window.kiosk${electron.path ? '' : ` (skipped: ${electron.reason})`}`,
    async () => {
      const app = await _electron.launch({
        ...(electron.path ? { executablePath: electron.path } : {}),
        args: [join(ROOT, 'out/main/index.js')],
        env: { ...process.env, KIOSK_PRINTER: 'KioskPDF' },
      });
      try {
        const window = await app.firstWindow();
        await window.waitForLoadState('domcontentloaded');
        expect(await window.evaluate(() => typeof (window as unknown as { kiosk?: unknown }).kiosk)).toBe('object');
        // Renderer isolation: no Node in the page.
        expect(await window.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
        expect(await window.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process)).toBe('undefined');
        expect(await window.evaluate(() => location.protocol)).toBe('app:');
        await expect.poll(() => app.windows().length).toBeGreaterThanOrEqual(2);
        const screens = await Promise.all(
          app.windows().map((w) => w.evaluate(() => (window as unknown as { kiosk: { screen: string } }).kiosk.screen)),
        );
        expect(screens.sort()).toEqual(['resident', 'staff']);
      } finally {
        await app.close();
      }
    },
  );
});
