// Threat: a resident's name or address in the output of a crash. An error nobody caught is
// reported by Node (and Electron's dialog) with its message and stack; a library's message can quote
// the text it failed on. The guard the CLI and the Electron main process install says only the
// error's code or class, and ends the process after an uncaught exception.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const RESIDENT = '髙橋 健太郎 北海道札幌市中央区北1条西2丁目1番地 大通ハイツ1203号室';

function run(script: string) {
  return spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('crash output', () => {
  it('an uncaught exception quoting a resident says only its class, and ends the process', () => {
    const result = run(`
      import { installCrashGuard } from './main/crash-guard.ts';
      installCrashGuard(() => process.exit(70));
      setTimeout(() => { throw new RangeError(${JSON.stringify(`Invalid glyph in "${RESIDENT}"`)}); }, 0);
      setTimeout(() => console.log('still running'), 500);
    `);
    expect(result.status).toBe(70);
    expect(result.stderr).toContain('uncaught error: RangeError');
    expect(result.stdout).not.toContain('still running');
    for (const part of RESIDENT.split(' ')) {
      expect(result.stderr).not.toContain(part);
      expect(result.stdout).not.toContain(part);
    }
  });

  it('an unhandled rejection quoting a resident says only its class; a KioskError only its code', () => {
    const result = run(`
      import { installCrashGuard } from './main/crash-guard.ts';
      import { KioskError } from './domain/errors.ts';
      installCrashGuard(() => process.exit(70));
      Promise.reject(new TypeError(${JSON.stringify(`Cannot read "${RESIDENT}"`)}));
      Promise.reject(new KioskError('card/card-removed'));
      setTimeout(() => process.exit(0), 200);
    `);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('unhandled rejection: TypeError');
    expect(result.stderr).toContain('unhandled rejection: card/card-removed');
    for (const part of RESIDENT.split(' ')) expect(result.stderr).not.toContain(part);
  });

  it('the CLI and the Electron main process install it before anything else runs', async () => {
    const { readFileSync } = await import('node:fs');
    for (const file of ['main/cli/kiosk.ts', 'electron/main.ts']) {
      const source = readFileSync(resolve(ROOT, file), 'utf8');
      const install = source.indexOf('installCrashGuard(');
      expect(install, file).toBeGreaterThan(0);
      // Before the first statement that does work (the CLI's stdin reader, the shell's sandbox switch).
      const firstWork = Math.min(...['const io', 'app.enableSandbox()'].map((s) => source.indexOf(s)).filter((i) => i >= 0));
      expect(install, file).toBeLessThan(firstWork);
    }
  });
});
