// Creating the folders the app writes into (the database's, the key's, the spool). Node's own
// `mkdirSync(…, { recursive: true })` loops forever at 100 % CPU on a path under a folder that
// cannot hold folders (e.g. /proc/nokey/master.key: mkdir says ENOENT, the parent exists, so it
// tries again): here each missing folder is made once, from the nearest existing one down, and
// any refusal fails at once with a code that names the folder (a path, never personal data).
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KioskError } from '../../domain/errors.ts';

function unavailable(dir: string, reason: string): KioskError {
  return new KioskError('app/folder-unavailable', {
    ja: `フォルダー「${dir}」を作れないか、使えません（${reason}）。設定したパスを確認してください。`,
    en: `The folder ${dir} cannot be created or used (${reason}); check the configured path.`,
  });
}

/** Makes `dir` and any missing parents (each with `mode`); throws app/folder-unavailable at the first refusal. */
export function ensureFolder(dir: string, mode = 0o700): void {
  const target = resolve(dir);
  const missing: string[] = [];
  let probe = target;
  for (;;) {
    try {
      if (!statSync(probe).isDirectory()) throw unavailable(target, `${probe} is not a folder`);
      break;
    } catch (error) {
      if (error instanceof KioskError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code !== 'ENOENT') throw unavailable(target, code);
      const parent = dirname(probe);
      if (parent === probe) throw unavailable(target, code);
      missing.push(probe);
      probe = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, { mode });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      // Another process made it meanwhile: fine, if it is a folder.
      if (code === 'EEXIST' && statSync(folder).isDirectory()) continue;
      throw unavailable(target, code);
    }
  }
}
