// Serialises use of the vpcd slots between processes on one machine (test runs, benchmark).
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VPCD_LOCK_PATH = join(tmpdir(), 'kiosk-vpcd-slots.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * vpcd serves one card per slot and the kernel accepts (queues) a second connection silently,
 * so two test runs on this machine must not insert cards at the same time. Hold this lock
 * across a test file (beforeAll/afterAll); a lock left by a dead process is taken over.
 */
export async function acquireVpcdLock(timeoutMs = 110_000, lockPath = VPCD_LOCK_PATH): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: number;
    try {
      holder = Number(readFileSync(lockPath, 'utf8'));
    } catch {
      continue; // released between our attempts
    }
    if (!Number.isInteger(holder) || !alive(holder)) {
      try {
        unlinkSync(lockPath);
      } catch {
        // someone else cleaned it up
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error(`vpcd slots are held by process ${holder}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
