// When the full integrity check (PRAGMA integrity_check, indexes too) last ran and what it found,
// kept beside the ticket marks, outside the database. Counter PCs are switched off every evening,
// so a check "every 24 hours of uptime" would never run: the check runs when this record says it
// is due. A finding is kept here too, so a restart does not quietly allow writes again on a file
// whose damage quick_check cannot see; a later check that finds the file healthy (after IT staff
// restored it, `kiosk queue check`) clears it.
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomically } from './atomic-file.ts';

export interface FullCheck {
  /** Epoch ms of the last full check, or null if none is on record. */
  readonly checkedAt: number | null;
  /** What that check found ('ok' means healthy: stored as null). */
  readonly finding: string | null;
}

export interface FullCheckRecord {
  readonly path: string;
  read(): FullCheck;
  write(checkedAt: number, finding: string | null): void;
}

export const FULL_CHECK_EVERY_MS = 24 * 60 * 60_000;

export function fileFullCheckRecord(path: string): FullCheckRecord {
  return {
    path,
    read() {
      if (!existsSync(path)) return { checkedAt: null, finding: null };
      try {
        const parsed = JSON.parse(readFileSync(path, 'utf8')) as { checkedAt?: unknown; finding?: unknown };
        return {
          checkedAt: Number.isSafeInteger(parsed.checkedAt) ? (parsed.checkedAt as number) : null,
          finding: typeof parsed.finding === 'string' ? parsed.finding : null,
        };
      } catch {
        // An unreadable record: the check is due again (it rewrites the record).
        return { checkedAt: null, finding: null };
      }
    },
    write(checkedAt, finding) {
      writeFileAtomically(path, `${JSON.stringify({ version: 1, checkedAt, finding })}\n`);
    },
  };
}

/** Due when none is on record, or the last one is at least FULL_CHECK_EVERY_MS old (or in the future). */
export function fullCheckDue(last: FullCheck, now: number): boolean {
  return last.checkedAt === null || now - last.checkedAt >= FULL_CHECK_EVERY_MS || last.checkedAt > now;
}
