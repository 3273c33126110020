// The queue commands as an operator runs them: JSON on stdout, clear exit codes, and resident
// data only ever on stdin (never echoed back).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { residents } from '../support/kiosk-fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'kiosk-cli-'));
const db = join(dir, 'kiosk.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function kiosk(args: string[], input = ''): { status: number | null; json: Record<string, unknown>; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(ROOT, 'main/cli/kiosk.ts'), ...args], {
    input, encoding: 'utf8', cwd: ROOT,
  });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
  } catch {
    // human-readable output
  }
  return { status: r.status, json, stdout: r.stdout, stderr: r.stderr };
}

describe('kiosk queue CLI', () => {
  it('adds, lists, advances, reports, seeds, purges and checks', { timeout: 60_000 }, () => {
    const now = '2026-11-24T01:00:00Z';
    const add = kiosk(['queue', 'add', '--db', db, '--category', 'moving-in', '--forms', 'jumin-ido,kokuho', '--now', now, '--json'], JSON.stringify(residents.yoshino));
    expect(add.status).toBe(0);
    expect(add.json).toMatchObject({ ticket: 'A-001', state: 'received', forms: ['jumin-ido', 'kokuho'] });
    for (const value of Object.values(residents.yoshino)) expect(add.stdout + add.stderr).not.toContain(value);

    const list = kiosk(['queue', 'list', '--db', db, '--json']);
    expect(list.status).toBe(0);
    expect((list.json.requests as { ticket: string }[]).map((r) => r.ticket)).toEqual(['A-001']);

    const id = add.json.id as string;
    expect(kiosk(['queue', 'advance', id, 'submitted', '--db', db, '--now', '2026-11-24T01:05:00Z', '--json']).json).toMatchObject({ state: 'submitted' });
    const illegal = kiosk(['queue', 'advance', id, 'completed', '--db', db, '--json']);
    expect(illegal.status).toBe(3);
    expect(illegal.json).toMatchObject({ error: 'illegal-transition' });
    const started = kiosk(['queue', 'advance', 'A-001', 'processing-started', '--counter', '4', '--staff', 'ito03', '--db', db, '--now', '2026-11-24T01:20:00Z', '--day', '2026-11-24', '--json']);
    expect(started.json).toMatchObject({ state: 'processing', counter: '4' });
    expect(kiosk(['queue', 'advance', id, 'completed', '--db', db, '--now', '2026-11-24T01:30:00Z', '--json']).json).toMatchObject({ state: 'completed' });

    const show = kiosk(['queue', 'show', id, '--db', db, '--json']);
    expect((show.json.events as { kind: string }[]).map((e) => e.kind)).toEqual(['received', 'submitted', 'processing-started', 'completed']);

    const stats = kiosk(['queue', 'stats', '--db', db, '--now', '2026-11-24T02:00:00Z', '--from', '2026-11-01', '--target-minutes', '20', '--json']);
    expect(stats.status).toBe(0);
    expect(stats.json).toMatchObject({ today: { arrivals: 1, wait: { count: 1, meanSeconds: 1200 } }, range: { from: '2026-11-01', to: '2026-11-24' } });
    expect((stats.json.today as { serviceLevel: { withinTarget: number } }).serviceLevel.withinTarget).toBe(0); // 20 min is not under 20

    const seed = kiosk(['queue', 'seed', '--db', db, '--count', '500', '--days', '14', '--now', now, '--json']);
    expect(seed.status).toBe(0);
    expect(seed.json).toMatchObject({ requests: 500 });
    const seeded = kiosk(['queue', 'stats', '--db', db, '--now', now, '--from', '2026-11-01', '--json']);
    expect((seeded.json.range as { arrivals: number }).arrivals).toBe(501);

    expect(kiosk(['queue', 'purge', '--db', db, '--now', '2026-11-28T00:00:00Z', '--json']).json).toMatchObject({ purged: 0, retentionDays: 7 });
    expect(kiosk(['queue', 'purge', '--db', db, '--now', '2026-12-02T00:00:00Z', '--json']).json).toMatchObject({ purged: 1 });
    expect(kiosk(['queue', 'check', '--db', db, '--json']).json).toMatchObject({ ok: true, integrity: 'ok', problems: [] });
  });

  it('exits non-zero with a JSON error for usage, unknown requests, forbidden data and newer schemas', { timeout: 60_000 }, () => {
    const other = join(dir, 'other.sqlite');
    expect(kiosk(['queue', 'add', '--db', other, '--json'], '{}').status).toBe(2);
    expect(kiosk(['queue', 'add', '--db', other, '--category', 'A', '--json'], 'not json').json).toMatchObject({ error: 'usage' });
    const forbidden = kiosk(['queue', 'add', '--db', other, '--category', 'A', '--json'], JSON.stringify({ name: '髙橋 一郎', myNumber: '123456789018' }));
    expect(forbidden.status).toBe(2);
    expect(forbidden.json.error).toBe('forbidden-personal-field');
    expect(forbidden.stdout).not.toContain('123456789018');
    expect(kiosk(['queue', 'advance', 'Z-404', 'submitted', '--db', other, '--json']).status).toBe(4);
    expect(kiosk(['queue', 'stats', '--db', other, '--from', 'yesterday', '--json']).json).toMatchObject({ error: 'invalid-input' });
    expect(kiosk(['queue', 'list', '--db', other, '--bogus']).status).toBe(2);
    const raw = new Database(other);
    raw.pragma('user_version = 99');
    raw.close();
    const newer = kiosk(['queue', 'list', '--db', other, '--json']);
    expect(newer.status).toBe(6);
    expect(newer.json.error).toBe('db-newer-schema');
  });
});
