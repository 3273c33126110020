// kill -9 safety: a child process writes to the queue in a loop and is killed with SIGKILL at
// random moments; afterwards every acknowledged write is there, every request is in a legal
// state (re-derived from its events) and SQLite's integrity check passes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileKeyProvider } from '../../../main/crypto/key-provider.ts';
import { openDatabase } from '../../../main/db/connection.ts';
import { kioskDatabaseOn } from '../../../main/services/kiosk-database.ts';

const KILLS = 24;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Acks {
  enqueued: Map<string, { day: string; ticket: string }>;
  /** Highest event count acknowledged per request. */
  events: Map<string, number>;
}

function runAndKill(dbPath: string, keyPath: string, run: number, acks: Acks): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', resolve(import.meta.dirname, 'crash-child.ts'), dbPath, keyPath, String(run + 1)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let buffer = '';
    let stderr = '';
    let lines = 0;
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!; // an unterminated line was not acknowledged
      for (const line of parts) {
        lines += 1;
        const [tag, id, a, b] = line.split(' ');
        if (tag === 'READY' && !timer) {
          // Kill somewhere in the next 30–330 ms of writing.
          timer = setTimeout(() => child.kill('SIGKILL'), 30 + Math.floor(Math.random() * 300));
        } else if (tag === 'ENQ') {
          acks.enqueued.set(id!, { day: a!, ticket: b! });
          acks.events.set(id!, Math.max(acks.events.get(id!) ?? 0, 1));
        } else if (tag === 'ADV') acks.events.set(id!, Math.max(acks.events.get(id!) ?? 0, Number(a)));
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolvePromise(lines);
      else reject(new Error(`child exited with ${code}: ${stderr.slice(0, 2000)}`));
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${KILLS} SIGKILLs`, async () => {
    const dbPath = join(dir, 'kiosk.sqlite');
    const keyPath = join(dir, 'master.key');
    const acks: Acks = { enqueued: new Map(), events: new Map() };
    let totalLines = 0;
    for (let run = 0; run < KILLS; run += 1) totalLines += await runAndKill(dbPath, keyPath, run, acks);
    // The children did real work between the kills.
    expect(acks.enqueued.size).toBeGreaterThan(KILLS);
    expect(totalLines).toBeGreaterThan(KILLS * 3);

    const db = openDatabase(dbPath);
    const kiosk = kioskDatabaseOn(db, { keyProvider: createFileKeyProvider(keyPath) });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      for (const [id, { ticket }] of acks.enqueued) {
        const request = kiosk.queue.get(id);
        expect(request.ticket).toBe(ticket);
        // At least as many events as were acknowledged (a write may commit just before the kill).
        expect(kiosk.queue.events(id).length).toBeGreaterThanOrEqual(acks.events.get(id)!);
        expect(kiosk.queue.readResident(id).name).toBe('𠮷田 髙﨑');
      }
      const verify = kiosk.queue.verify();
      expect(verify.problems).toEqual([]);
      expect(verify.checked).toBeGreaterThanOrEqual(acks.enqueued.size);
      // Ticket numbers: per day and letter, 1..n without gaps or repeats.
      const rows = db.prepare('SELECT day, ticket FROM requests ORDER BY day, ticket').all() as { day: string; ticket: string }[];
      const perLetter = new Map<string, number[]>();
      for (const r of rows) {
        const key = `${r.day}/${r.ticket[0]}`;
        perLetter.set(key, [...(perLetter.get(key) ?? []), Number(r.ticket.slice(2))]);
      }
      // Numeric order: past A-999 the text order (A-100, A-1000, A-101…) is not the issue order.
      for (const numbers of perLetter.values()) {
        const issued = numbers.sort((a, b) => a - b);
        expect(issued).toEqual(issued.map((_, i) => i + 1));
      }
    } finally {
      kiosk.close();
    }
  }, 120_000);
});
