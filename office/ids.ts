// UUIDv7 ids for what the office itself records (tickets, its own events). PostgreSQL 15 (Debian
// 12's) has no uuidv7(), so the service makes them; the counters make theirs (main/queue/ids.ts).
import { v7 } from 'uuid';

/** A UUIDv7 for the time `at` (ms), in its text form. */
export function newUuidv7(at: number = Date.now()): string {
  return v7({ msecs: at });
}
