// Small files that must never be seen half-written (the keys, the ticket high-water marks, the
// last full integrity check): the content is written whole to a file of its own (0600 from the
// first byte) and synced, then put in place in one step.
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensureFolder } from './ensure-folder.ts';

/** Writes `contents` to a new temporary file beside `path`, synced; returns its name. */
function writeTemporary(path: string, contents: string | Uint8Array): string {
  ensureFolder(dirname(path));
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, typeof contents === 'string' ? Buffer.from(contents) : contents);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  return temporary;
}

/** Replaces `path` with `contents`, whole or not at all; the folder is synced so the rename survives a power cut. */
export function writeFileAtomically(path: string, contents: string | Uint8Array): void {
  const temporary = writeTemporary(path, contents);
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/**
 * Creates `path` with `contents` unless it exists: linked into place, which fails if another
 * process made it meanwhile, and then both use that one (a key is made once, never replaced).
 */
export function createFileOnce(path: string, contents: string | Uint8Array): void {
  const temporary = writeTemporary(path, contents);
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
