// Writing a file only the app's OS user may read. `writeFileSync(…, { mode })` applies the mode
// only when it creates the file: rewriting one an older version (or an operator) left 0644 keeps
// it 0644. Here the mode is set on the open file before a byte of the new content is written.
import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';

export function writeOwnerOnly(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  } finally {
    closeSync(fd);
  }
}
