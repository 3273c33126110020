// The layer rules in .dependency-cruiser.cjs only protect anything if they fire. This runs the
// project's configuration, through the same CLI `npm run lint` uses, on a small planted tree in a
// temporary folder (with the project's node_modules linked in, so `electron` resolves as it does in
// the checkout) and checks which rules report which planted imports.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const nodeModules = realpathSync(join(root, 'node_modules'));
const depcruise = join(nodeModules, 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');

const planted: Record<string, string> = {
  // The shell: the one place allowed to import electron.
  'electron/main.ts': "import { app } from 'electron';\nexport const appName = app.name;\n",
  // The CI security gate reads Electron's version from its package.json, which loads no Electron.
  '.ci/electronegativity.mjs':
    "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nexport const electronVersion = require('electron/package.json').version;\n",
  // Violation: the core importing electron.
  'main/printing/print-service.ts': "import 'electron';\nexport const printerName = '区民課窓口';\n",
  'main/printing/job-files.ts': "export const spoolDirectory = '/var/spool/cups-pdf/住所変更届';\n",
  // Violation: a device driver importing the core.
  'devices/printer/cups.ts': "import { spoolDirectory } from '../../main/printing/job-files.ts';\nexport const spool = spoolDirectory;\n",
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

let scratch = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'layers-'));
  symlinkSync(nodeModules, join(scratch, 'node_modules'), 'dir');
  copyFileSync(join(root, 'tsconfig.json'), join(scratch, 'tsconfig.json'));
  for (const [path, text] of Object.entries(planted)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function cruise(): Violation[] {
  const run = spawnSync(process.execPath, [depcruise, '.', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd: scratch,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

describe('the layer rules of .dependency-cruiser.cjs', () => {
  it('report electron imported outside electron/ and the core imported by a device, nothing else', () => {
    const found = cruise()
      .map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to.replace(/^.*node_modules\//, 'node_modules/')}`)
      .sort();
    expect(found).toEqual([
      'devices-stand-alone: devices/printer/cups.ts → main/printing/job-files.ts',
      'electron-only-in-shell: main/printing/print-service.ts → node_modules/electron/index.js',
    ]);
  });
});
