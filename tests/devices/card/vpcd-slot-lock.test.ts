import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireVpcdLock } from '../../../devices/card/virtual/vpcd-slot-lock.ts';

describe('vpcd slot lock', () => {
  it('is exclusive until released', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vpcd-lock-')), 'slots.lock');
    const release = await acquireVpcdLock(1000, path);
    await expect(acquireVpcdLock(300, path)).rejects.toThrow(/held by process/);
    release();
    expect(existsSync(path)).toBe(false);
    (await acquireVpcdLock(300, path))();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vpcd-lock-')), 'slots.lock');
    writeFileSync(path, '2147483646');
    const release = await acquireVpcdLock(1000, path);
    release();
  });
});
