// CI gate around @doyensec/electronegativity, which always exits 0 (doyensec/electronegativity#108).
// It scans, as ONE application (its global checks such as "navigation is limited" look across all
// files): the Electron shell's sources (electron/), the built preload and the built renderer, plus
// package.json. Every finding is printed; the script exits 1 on any HIGH-severity finding or on a
// file the tool could not parse (which would hide findings).
//
// Not scanned: out/main/index.js, the bundled main process. The tool's 2020-era parser stops at
// class private fields (#x), which main/ uses; the bundle's Electron API calls all come from
// electron/, which is scanned as source. AVAILABLE_SECURITY_FIXES is skipped: it downloads
// Electron's release list, which CI machines cannot reach.
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;
const electronVersion = require('electron/package.json').version;

const root = resolve(import.meta.dirname, '..');
const parts = ['electron', 'out/preload', 'out/renderer', 'package.json'];
const scan = mkdtempSync(join(tmpdir(), 'electronegativity-'));
let failed = false;
try {
  for (const part of parts) {
    if (!existsSync(join(root, part))) {
      console.error(`electronegativity: ${part} is missing (run electron-vite build first)`);
      process.exit(1);
    }
    cpSync(join(root, part), join(scan, part), { recursive: true });
  }
  // The tool prints progress with console.log; keep CI output to our own summary.
  const log = console.log;
  console.log = () => undefined;
  let result;
  try {
    result = await run(
      { input: scan, electronVersionOverride: electronVersion, isRelative: true, excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] },
      false,
    );
  } finally {
    console.log = log;
  }
  for (const error of result.errors ?? []) {
    if (!error.tolerable) {
      console.error(`electronegativity: could not parse ${error.file}: ${error.message}`);
      failed = true;
    }
  }
  for (const issue of result.issues) {
    const severity = String(issue.severity?.name ?? issue.severity ?? '').toUpperCase();
    const line = `${severity.padEnd(13)} ${issue.id} ${issue.file}:${issue.location?.line ?? '-'} ${issue.description ?? ''}`;
    if (severity === 'HIGH') failed = true;
    (severity === 'HIGH' ? console.error : console.log)(`electronegativity: ${line}`);
  }
  console.log(
    `electronegativity: ${result.issues.length} finding(s) in ${parts.join(', ')} (Electron ${electronVersion}); ` +
      (failed ? 'FAILED: high-severity finding or unparsable file' : 'no high-severity finding'),
  );
} finally {
  rmSync(scan, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
