// `npm run office -- publish-status --out DIR`: the published waiting status pushed outward as files,
// for a sync job to upload to the city's website (the service itself stays on the office LAN).
// Every 15 s it writes DIR/status.json (what GET /v1/status answers) and DIR/tickets/A-012.json for
// each of today's numbers (what GET /v1/status/A-012 answers): numbers, stages and waits, never a
// name. Each file is written beside its place and renamed over it, so an upload never reads half
// a file. Yesterday's numbers are removed; a number finished today is written once more, then left.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { publicStatus, ticketStatusView } from '../domain/office.ts';
import { officeDay } from '../domain/office-time.ts';
import type { OfficeStore } from './store.ts';
import { ticketStatus } from './ticket-status.ts';

export const PUBLISH_EVERY_MS = 15_000;

/** Writes `data` as JSON to `path` atomically: a temporary file in the same folder, then rename. */
function writeJsonAtomically(path: string, data: unknown): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(data)}\n`, { mode: 0o644 });
  renameSync(temporary, path);
}

export interface StatusPublisher {
  /** One round: status.json and the numbers' files. Resolves with the numbers written. */
  publishOnce(now?: number): Promise<string[]>;
}

export function statusPublisher(options: { pool: pg.Pool; office: string; store: OfficeStore; outDir: string }): StatusPublisher {
  const { pool, office, store, outDir } = options;
  const ticketsDir = join(outDir, 'tickets');
  /** Numbers whose file already says they are finished, per day: their status no longer changes. */
  let finished = { day: '', numbers: new Set<string>() };
  return {
    async publishOnce(now = Date.now()) {
      mkdirSync(ticketsDir, { recursive: true });
      const day = officeDay(now);
      if (finished.day !== day) finished = { day, numbers: new Set() };
      writeJsonAtomically(join(outDir, 'status.json'), publicStatus.parse(await store.status(now)));
      const { rows } = await pool.query<{ label: string }>('SELECT label FROM tickets WHERE office_id = $1 AND day = $2 ORDER BY label', [
        office,
        day,
      ]);
      const today = new Set(rows.map((r) => r.label));
      const written: string[] = [];
      for (const number of today) {
        if (finished.numbers.has(number)) continue;
        const view = ticketStatusView.parse(await ticketStatus(pool, office, store, number, now));
        writeJsonAtomically(join(ticketsDir, `${number}.json`), view);
        written.push(number);
        if (view.phase === 'completed') finished.numbers.add(number);
      }
      // Yesterday's numbers (and stray temporary files) go: A-001 tomorrow is another resident's.
      for (const file of readdirSync(ticketsDir)) {
        const number = /^([A-Z]-\d{3,5})\.json$/.exec(file)?.[1];
        if (number === undefined || !today.has(number)) rmSync(join(ticketsDir, file), { force: true });
      }
      return written;
    },
  };
}
